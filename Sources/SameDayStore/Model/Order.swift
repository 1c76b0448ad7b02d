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
    /// The containers its units are packed in (packed when the order was placed, repacked when the shipment
    /// changes); empty for a shipment placed without a container catalog.
    public var containers: [ShipmentContainer]
    /// The unit price each line was bought at, in cents, by the position of the line in `lines`. Empty only in an
    /// answer stored before prices were recorded (migration v6); the tables have a price for every line.
    public var linePriceCents: [Int]
    /// Units of each line (by position in `lines`) added after the order was placed (add to delivery); empty when
    /// none was. A line whose added units are all its units was added whole.
    public var lineAddedQty: [Int]

    public init(
        id: ShipmentID, node: NodeID, status: ShipmentStatus, deliverBy: Instant, orderBy: Instant,
        modifiableUntil: Instant, departsAt: Instant, lines: [OrderLine], containers: [ShipmentContainer] = [],
        linePriceCents: [Int] = [], lineAddedQty: [Int] = []
    ) {
        self.id = id
        self.node = node
        self.status = status
        self.deliverBy = deliverBy
        self.orderBy = orderBy
        self.modifiableUntil = modifiableUntil
        self.departsAt = departsAt
        self.lines = lines
        self.containers = containers
        self.linePriceCents = linePriceCents
        self.lineAddedQty = lineAddedQty.contains { $0 != 0 } ? lineAddedQty : []
    }

    /// Units of line `index` added after the order was placed (0 for a line as ordered).
    public func addedQty(ofLine index: Int) -> Int {
        lineAddedQty.indices.contains(index) ? lineAddedQty[index] : 0
    }

    /// Whether line `index` was added after the order was placed (all of its units were added).
    public func wasAdded(line index: Int) -> Bool {
        lines.indices.contains(index) && addedQty(ofLine: index) == lines[index].qty
    }

    /// What add to delivery's rules read of this shipment, going to `zip` (its order's ZIP).
    public func joinable(zip: ZIP) -> JoinableShipment {
        JoinableShipment(
            id: id.rawValue, node: node, zip: zip, deliverBy: deliverBy, modifiableUntil: modifiableUntil,
            placed: status == .placed)
    }

    /// The unit price of line `index`, in cents, when it is known.
    public func priceCents(ofLine index: Int) -> Int? {
        linePriceCents.indices.contains(index) ? linePriceCents[index] : nil
    }

    private enum CodingKeys: String, CodingKey {
        case id, node, status, deliverBy, orderBy, modifiableUntil, departsAt, lines, containers, linePriceCents
        case lineAddedQty
    }

    /// Decodes a shipment; answers stored before shipments were packed have no `containers`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(ShipmentID.self, forKey: .id), node: try c.decode(NodeID.self, forKey: .node),
            status: try c.decode(ShipmentStatus.self, forKey: .status),
            deliverBy: try c.decode(Instant.self, forKey: .deliverBy),
            orderBy: try c.decode(Instant.self, forKey: .orderBy),
            modifiableUntil: try c.decode(Instant.self, forKey: .modifiableUntil),
            departsAt: try c.decode(Instant.self, forKey: .departsAt),
            lines: try c.decode([OrderLine].self, forKey: .lines),
            containers: try c.decodeIfPresent([ShipmentContainer].self, forKey: .containers) ?? [],
            linePriceCents: try c.decodeIfPresent([Int].self, forKey: .linePriceCents) ?? [],
            lineAddedQty: try c.decodeIfPresent([Int].self, forKey: .lineAddedQty) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(node, forKey: .node)
        try c.encode(status, forKey: .status)
        try c.encode(deliverBy, forKey: .deliverBy)
        try c.encode(orderBy, forKey: .orderBy)
        try c.encode(modifiableUntil, forKey: .modifiableUntil)
        try c.encode(departsAt, forKey: .departsAt)
        try c.encode(lines, forKey: .lines)
        try c.encode(containers, forKey: .containers)
        try c.encode(linePriceCents, forKey: .linePriceCents)
        if !lineAddedQty.isEmpty { try c.encode(lineAddedQty, forKey: .lineAddedQty) }
    }

    /// Units in the shipment's containers (equal to its lines' units once it is packed).
    public var packedUnits: Int { containers.reduce(0) { $0 + $1.units } }
}

/// One container of a shipment: a box of the container catalog, or none for a unit that ships as it is
/// (an own-container unit, or one no container takes).
public struct ShipmentContainer: Sendable, Equatable, Codable {
    /// The catalog container's id; nil for a unit in its own container.
    public var box: ContainerID?
    /// Units in it.
    public var units: Int
    /// The container's empty weight plus its units, in grams.
    public var weightG: Int
    /// Where each unit lies (spec/pack.md's placements), one per unit; empty (counts only) in a shipment of
    /// more than 200 units, which is packed line by line.
    public var placements: [Placement]

    public init(box: ContainerID?, units: Int, weightG: Int, placements: [Placement]) {
        self.box = box
        self.units = units
        self.weightG = weightG
        self.placements = placements
    }

    /// One packed container of a `Packing`.
    public init(_ packed: PackedContainer) {
        self.init(
            box: packed.container?.id, units: packed.placements.count, weightG: packed.weightG,
            placements: packed.placements)
    }

    private enum CodingKeys: String, CodingKey { case box, units, weightG, placements }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            box: try c.decodeIfPresent(String.self, forKey: .box).map(ContainerID.init),
            units: try c.decode(Int.self, forKey: .units), weightG: try c.decode(Int.self, forKey: .weightG),
            placements: try c.decode(PlacementList.self, forKey: .placements).placements)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(box?.rawValue, forKey: .box)
        try c.encode(units, forKey: .units)
        try c.encode(weightG, forKey: .weightG)
        try c.encode(PlacementList(placements), forKey: .placements)
    }
}

/// Placements as compact JSON, one array `[sku, x, y, z, lengthMm, widthMm, heightMm]` per unit (the
/// `placements` column of `shipment_containers` and the stored idempotent answers).
struct PlacementList: Codable, Sendable {
    var placements: [Placement]

    init(_ placements: [Placement]) { self.placements = placements }

    init(from decoder: any Decoder) throws {
        var list = try decoder.unkeyedContainer()
        var placements: [Placement] = []
        while !list.isAtEnd {
            var p = try list.nestedUnkeyedContainer()
            placements.append(
                Placement(
                    sku: SKU(try p.decode(String.self)), x: try p.decode(Int.self), y: try p.decode(Int.self),
                    z: try p.decode(Int.self), lengthMm: try p.decode(Int.self), widthMm: try p.decode(Int.self),
                    heightMm: try p.decode(Int.self)))
        }
        self.placements = placements
    }

    func encode(to encoder: any Encoder) throws {
        var list = encoder.unkeyedContainer()
        for p in placements {
            var row = list.nestedUnkeyedContainer()
            try row.encode(p.sku.rawValue)
            for v in [p.x, p.y, p.z, p.lengthMm, p.widthMm, p.heightMm] { try row.encode(v) }
        }
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
    /// What the order costs: the sum of its lines' quantities times their unit prices, in cents (0 only in an
    /// answer stored before prices were recorded).
    public var totalCents: Int

    public init(
        id: OrderID, customer: CustomerID, zip: ZIP, status: OrderStatus, placedAt: Instant, deliverBy: Instant,
        orderBy: Instant, speed: String?, shipments: [Shipment], totalCents: Int = 0
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
        self.totalCents = totalCents
    }

    private enum CodingKeys: String, CodingKey {
        case id, customer, zip, status, placedAt, deliverBy, orderBy, speed, shipments, totalCents
    }

    /// Decodes an order; answers stored before prices were recorded have no `totalCents`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(OrderID.self, forKey: .id), customer: try c.decode(CustomerID.self, forKey: .customer),
            zip: try c.decode(ZIP.self, forKey: .zip), status: try c.decode(OrderStatus.self, forKey: .status),
            placedAt: try c.decode(Instant.self, forKey: .placedAt),
            deliverBy: try c.decode(Instant.self, forKey: .deliverBy),
            orderBy: try c.decode(Instant.self, forKey: .orderBy),
            speed: try c.decodeIfPresent(String.self, forKey: .speed),
            shipments: try c.decode([Shipment].self, forKey: .shipments),
            totalCents: try c.decodeIfPresent(Int.self, forKey: .totalCents) ?? 0)
    }

    /// Whether every line carries its unit price (false only for an answer stored before prices were recorded).
    public var hasPrices: Bool { shipments.allSatisfy { $0.linePriceCents.count == $0.lines.count } }

    /// All lines of the order, shipment by shipment.
    public var lines: [OrderLine] { shipments.flatMap(\.lines) }
}

/// How densely shipments are packed: `units / containers` is units per container.
public struct PackingStats: Sendable, Equatable {
    /// Shipments with containers recorded.
    public var shipments: Int
    /// Their containers, own-container units included (one each).
    public var containers: Int
    /// Units in those containers.
    public var units: Int
    /// Containers that are a unit shipping as it is (`box` NULL).
    public var ownContainers: Int

    public init(shipments: Int = 0, containers: Int = 0, units: Int = 0, ownContainers: Int = 0) {
        self.shipments = shipments
        self.containers = containers
        self.units = units
        self.ownContainers = ownContainers
    }

    /// Units per container (0 when nothing is packed).
    public var unitsPerContainer: Double { containers == 0 ? 0 : Double(units) / Double(containers) }
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
    /// Shipments due to leave that could not (their node's stock rows disagree with them): they stay where they
    /// are, every other shipment moves, and each is reported again until `sameday check`'s findings are fixed.
    public var stuck: [StuckShipment]

    public init(picking: Int = 0, shipped: Int = 0, delivered: Int = 0, stuck: [StuckShipment] = []) {
        self.picking = picking
        self.shipped = shipped
        self.delivered = delivered
        self.stuck = stuck
    }
}

/// A shipment `advance(to:)` could not ship, and why.
public struct StuckShipment: Sendable, Equatable, CustomStringConvertible {
    public var shipment: ShipmentID
    public var node: NodeID
    /// What is wrong, naming the stock row (`SEA1/A1: 2 units to ship, 0 reserved, 10 on hand`).
    public var reason: String

    public init(shipment: ShipmentID, node: NodeID, reason: String) {
        self.shipment = shipment
        self.node = node
        self.reason = reason
    }

    public var description: String { "shipment \(shipment) from \(node) cannot leave: \(reason)" }
}

/// What `placeOrder` answered: the order, and whether it is the stored answer to an earlier request with the
/// same idempotency key (nothing was placed now).
public struct PlacedOrder: Sendable, Equatable {
    public var order: Order
    /// True when this is a replay of the first answer (HTTP header `Idempotent-Replayed: true`).
    public var replayed: Bool

    public init(order: Order, replayed: Bool) {
        self.order = order
        self.replayed = replayed
    }
}

/// What `cancelOrder` answered: the cancelled order, and whether it was cancelled before this call.
public struct CancelledOrder: Sendable, Equatable {
    public var order: Order
    /// True when the order was already cancelled (nothing changed now).
    public var alreadyCancelled: Bool

    public init(order: Order, alreadyCancelled: Bool) {
        self.order = order
        self.alreadyCancelled = alreadyCancelled
    }
}
