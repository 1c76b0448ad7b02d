// Orders and shipments as the store keeps them.

import SameDayCore

/// Where a shipment is in its life: placed → picking → shipped → delivered, or cancelled while placed.
public enum ShipmentStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case placed, picking, shipped, delivered, cancelled

    /// Whether the shipment still holds a reservation (its units are reserved at its node).
    public var holdsReservation: Bool { self == .placed || self == .picking }

    private var rank: Int {
        switch self {
        case .placed: 0
        case .picking: 1
        case .shipped: 2
        case .delivered: 3
        case .cancelled: 4
        }
    }

    public static func < (lhs: ShipmentStatus, rhs: ShipmentStatus) -> Bool { lhs.rank < rhs.rank }
}

/// An order's status: `cancelled`, or the least advanced status of its shipments.
public typealias OrderStatus = ShipmentStatus

/// The units one node sends to one customer for one delivery.
public struct Shipment: Sendable, Equatable, Codable {
    public var id: ShipmentID
    public var node: NodeID
    public var status: ShipmentStatus
    /// When the shipment is delivered at the latest: what the customer is owed.
    public var deliverBy: Instant
    /// The last instant at which ordering still gave this shipment its `deliverBy`.
    public var orderBy: Instant
    /// When its node starts picking it: cancelling or changing it is possible strictly before this instant.
    public var modifiableUntil: Instant
    /// When it leaves its node (lane departure, carrier pickup, or the order time for a now-site).
    public var departsAt: Instant
    public var lines: [OrderLine]

    public init(
        id: ShipmentID, node: NodeID, status: ShipmentStatus, deliverBy: Instant, orderBy: Instant,
        modifiableUntil: Instant, departsAt: Instant, lines: [OrderLine]
    ) {
        self.id = id
        self.node = node
        self.status = status
        self.deliverBy = deliverBy
        self.orderBy = orderBy
        self.modifiableUntil = modifiableUntil
        self.departsAt = departsAt
        self.lines = lines
    }
}

/// A placed order: its customer, destination, promise and shipments.
public struct Order: Sendable, Equatable, Codable {
    public var id: OrderID
    public var customer: CustomerID
    public var zip: ZIP
    /// `cancelled`, or the least advanced status of the shipments.
    public var status: OrderStatus
    public var placedAt: Instant
    /// The latest `deliverBy` of the shipments: what the customer was promised.
    public var deliverBy: Instant
    /// The plan's `orderBy` when the order was placed.
    public var orderBy: Instant
    /// The promise's speed when placed (`now`, `same-day`, `next-day`, `standard`).
    public var speed: String?
    public var shipments: [Shipment]

    public init(
        id: OrderID, customer: CustomerID, zip: ZIP, status: OrderStatus, placedAt: Instant, deliverBy: Instant,
        orderBy: Instant, speed: String?, shipments: [Shipment]
    ) {
        self.id = id
        self.customer = customer
        self.zip = zip
        self.status = status
        self.placedAt = placedAt
        self.deliverBy = deliverBy
        self.orderBy = orderBy
        self.speed = speed
        self.shipments = shipments
    }

    /// All lines of the order, shipment by shipment.
    public var lines: [OrderLine] { shipments.flatMap(\.lines) }
}

/// One page of a customer's orders, newest first.
public struct OrderPage: Sendable, Equatable {
    public var orders: [Order]
    /// Pass as `after` to get the next page; nil on the last page.
    public var next: OrderID?

    public init(orders: [Order], next: OrderID?) {
        self.orders = orders
        self.next = next
    }
}

/// What one call of `advance(to:)` moved.
public struct AdvanceReport: Sendable, Equatable {
    /// Shipments whose node started picking them.
    public var picking: Int
    /// Shipments that left their node (their units left on hand and reserved).
    public var shipped: Int
    /// Shipments delivered.
    public var delivered: Int

    public init(picking: Int = 0, shipped: Int = 0, delivered: Int = 0) {
        self.picking = picking
        self.shipped = shipped
        self.delivered = delivered
    }
}
