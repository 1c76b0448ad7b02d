// The answer to "if I order this now, when does it arrive, and from where?" (spec/promise.md "Result").

/// One order line: a SKU and a quantity.
public struct OrderLine: Hashable, Sendable, Codable {
    public var sku: SKU
    public var qty: Int
    public init(sku: SKU, qty: Int) {
        self.sku = sku
        self.qty = qty
    }
}

/// How fast a promise is, on the destination's clock.
public enum Speed: String, Sendable, Codable, CaseIterable {
    /// Delivered within 120 minutes of ordering.
    case now
    /// Delivered on the local date of the order.
    case sameDay = "same-day"
    /// Delivered on the local date after the order.
    case nextDay = "next-day"
    /// Later.
    case standard
}

/// Why a line cannot be promised.
public enum UnavailableReason: String, Sendable, Codable {
    /// No node holds the quantity.
    case outOfStock = "out-of-stock"
    /// Stock exists, but no path reaches the destination.
    case notDeliverable = "not-deliverable"
}

/// A line the promise cannot cover, and why.
public struct UnavailableLine: Hashable, Sendable {
    public var sku: SKU
    public var reason: UnavailableReason
    public init(sku: SKU, reason: UnavailableReason) {
        self.sku = sku
        self.reason = reason
    }
}

/// How a shipment reaches the customer.
public enum DeliveryPath: String, Sendable, Codable {
    case now, station, carrier
}

/// One shipment of a plan: the lines one node sends.
public struct PlannedShipment: Hashable, Sendable {
    public var node: NodeID
    /// This shipment's earliest delivery (`E(n, t)`, the latest over its lines).
    public var deliverBy: Instant
    /// The last minute one can order and still get this shipment by the plan's `deliverBy`.
    public var orderBy: Instant
    /// When the node starts picking: the latest start that still makes the departure. The shipment can be changed
    /// until then (`modifiableUntil`).
    public var pickStartsAt: Instant
    /// When it leaves the node: the lane departure, the carrier pickup, or the order time for a now-site.
    public var departsAt: Instant
    /// The path that gives `deliverBy`.
    public var path: DeliveryPath
    /// Great-circle distance from the node to the destination, km.
    public var distanceKm: Double
    public var lines: [OrderLine]
}

/// A delivery promise: available with a plan, or unavailable with a reason per line.
public struct Promise: Sendable {
    public var available: Bool
    public var speed: Speed?
    public var deliverBy: Instant?
    public var orderBy: Instant?
    public var shipments: [PlannedShipment]
    public var unavailable: [UnavailableLine]
    /// The destination's clock: instants are shown on it.
    public var destinationZone: ZoneTable

    public init(
        available: Bool, speed: Speed?, deliverBy: Instant?, orderBy: Instant?, shipments: [PlannedShipment],
        unavailable: [UnavailableLine], destinationZone: ZoneTable
    ) {
        self.available = available
        self.speed = speed
        self.deliverBy = deliverBy
        self.orderBy = orderBy
        self.shipments = shipments
        self.unavailable = unavailable
        self.destinationZone = destinationZone
    }

    /// `instant` as ISO 8601 on the destination's clock.
    public func format(_ instant: Instant) -> String { ISO8601.format(instant, in: destinationZone) }

    /// The JSON object `sameday promise --json` prints (spec/promise.md), on one line.
    public func json() -> String {
        guard available, let speed, let deliverBy, let orderBy else {
            let lines = unavailable.map { "{\"sku\":\(JSONText.quoted($0.sku.rawValue)),\"reason\":\"\($0.reason.rawValue)\"}" }
            return "{\"available\":false,\"unavailable\":[\(lines.joined(separator: ","))]}"
        }
        let shipmentsJSON = shipments.map { s -> String in
            let lines = s.lines.map { "{\"sku\":\(JSONText.quoted($0.sku.rawValue)),\"qty\":\($0.qty)}" }
            return "{\"node\":\(JSONText.quoted(s.node.rawValue)),\"deliverBy\":\"\(format(s.deliverBy))\","
                + "\"orderBy\":\"\(format(s.orderBy))\",\"modifiableUntil\":\"\(format(s.pickStartsAt))\","
                + "\"path\":\"\(s.path.rawValue)\",\"lines\":[\(lines.joined(separator: ","))]}"
        }
        return "{\"available\":true,\"speed\":\"\(speed.rawValue)\",\"deliverBy\":\"\(format(deliverBy))\","
            + "\"orderBy\":\"\(format(orderBy))\",\"shipments\":[\(shipmentsJSON.joined(separator: ","))]}"
    }
}
