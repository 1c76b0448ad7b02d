// What placing an order decides, before anything is written: the plan with its packed shipments and the stock to
// reserve, or the refusal. The store records it in one transaction; the day simulator applies it to its ledger.

/// One shipment of a placed order: the promise's planned shipment with its containers.
public struct PlacedShipment: Sendable, Hashable {
    public var node: NodeID
    /// The shipment's earliest delivery (the promise's `E(n, t)` for its lines): what the customer is owed.
    public var deliverBy: Instant
    /// The last minute ordering still gave this shipment the plan's `deliverBy`.
    public var orderBy: Instant
    /// When its node starts picking it (the promise's `pickStartsAt`): it can be changed strictly before.
    public var modifiableUntil: Instant
    /// When it leaves its node: the lane departure, the carrier pickup, or the order time for a now-site.
    public var departsAt: Instant
    /// The path that gives `deliverBy`.
    public var path: DeliveryPath
    /// Great-circle distance from the node to the destination, km.
    public var distanceKm: Double
    public var lines: [OrderLine]
    /// Its packed containers; empty when the order was placed without a packer.
    public var containers: [PlacedContainer]

    public init(_ planned: PlannedShipment, containers: [PlacedContainer]) {
        self.node = planned.node
        self.deliverBy = planned.deliverBy
        self.orderBy = planned.orderBy
        self.modifiableUntil = planned.pickStartsAt
        self.departsAt = planned.departsAt
        self.path = planned.path
        self.distanceKm = planned.distanceKm
        self.lines = planned.lines
        self.containers = containers
    }

    /// Units in the shipment (its lines' quantities).
    public var units: Int { lines.reduce(0) { $0 + $1.qty } }
}

/// Stock held for one line of a placed order: `qty` units of `sku` at `node`, reserved only when that many
/// are available there (the store's conditional write `reserved + qty` where `on_hand - reserved >= qty`).
public struct StockReservation: Sendable, Hashable {
    public var node: NodeID
    public var sku: SKU
    public var qty: Int
    public init(node: NodeID, sku: SKU, qty: Int) {
        self.node = node
        self.sku = sku
        self.qty = qty
    }
}

/// An order that can be placed: the promise it keeps and the shipments that keep it.
public struct PlannedOrder: Sendable {
    /// The promise the order was planned by (available).
    public var promise: Promise
    public var speed: Speed
    /// The latest of the shipments' `deliverBy`.
    public var deliverBy: Instant
    /// The earliest of the shipments' `orderBy`.
    public var orderBy: Instant
    /// In the order of their first line.
    public var shipments: [PlacedShipment]

    /// The reservations that hold the order's stock: one per line, at the node of its shipment, in shipment
    /// then line order (the order in which the store writes them).
    public var reservations: [StockReservation] {
        shipments.flatMap { s in s.lines.map { StockReservation(node: s.node, sku: $0.sku, qty: $0.qty) } }
    }

    /// Units in the order.
    public var units: Int { shipments.reduce(0) { $0 + $1.units } }
}

/// An order that cannot be placed, and why, line by line.
public struct OrderRefusal: Sendable {
    /// The promise that was not available.
    public var promise: Promise
    /// The lines no node can cover, each with its reason.
    public var lines: [UnavailableLine]

    /// The order's reason: out of stock when some line is, else not deliverable.
    public var reason: UnavailableReason {
        lines.contains { $0.reason == .outOfStock } ? .outOfStock : .notDeliverable
    }
}

/// The outcome of planning an order: placed, or refused.
public enum OrderPlacement: Sendable {
    case placed(PlannedOrder)
    case refused(OrderRefusal)

    /// The promise behind the outcome.
    public var promise: Promise {
        switch self {
        case .placed(let order): order.promise
        case .refused(let refusal): refusal.promise
        }
    }
}
