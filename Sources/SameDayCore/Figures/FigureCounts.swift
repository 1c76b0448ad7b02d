// The figures an operator lives by, kept as additive counts: sums that add across orders, hours, nodes, days and
// processes. The simulator builds them from its day; the server keeps the same sums in aggregate rows updated in
// the transactions that place orders and deliver shipments, adds them up, and hands them to `Figures`.

/// Orders by promised speed.
public struct SpeedCounts: Sendable, Hashable {
    public var now = 0
    public var sameDay = 0
    public var nextDay = 0
    public var standard = 0

    public init() {}

    public subscript(speed: Speed) -> Int {
        get {
            switch speed {
            case .now: now
            case .sameDay: sameDay
            case .nextDay: nextDay
            case .standard: standard
            }
        }
        set {
            switch speed {
            case .now: now = newValue
            case .sameDay: sameDay = newValue
            case .nextDay: nextDay = newValue
            case .standard: standard = newValue
            }
        }
    }

    /// All orders counted here.
    public var total: Int { now + sameDay + nextDay + standard }

    public static func + (a: SpeedCounts, b: SpeedCounts) -> SpeedCounts {
        var sum = a
        for speed in Speed.allCases { sum[speed] += b[speed] }
        return sum
    }
}

/// One shipment of a placed order, as the figures need it.
public struct ShipmentFacts: Sendable, Hashable {
    public var node: NodeID
    public var units: Int
    /// Containers it is packed in (0 when placed without a packer).
    public var containers: Int
    /// Whether `node` is in the destination's region (spec/promise.md's region of a ZIP).
    public var inRegion: Bool
    /// Great-circle distance node → destination in metres, rounded to the metre (integer sums are exact and
    /// add up in any order, so a sum kept in SQL equals one kept in memory).
    public var metres: Int

    public init(node: NodeID, units: Int, containers: Int, inRegion: Bool, metres: Int) {
        self.node = node
        self.units = units
        self.containers = containers
        self.inRegion = inRegion
        self.metres = metres
    }

    /// Metres from kilometres, as `metres` must be rounded.
    public static func metres(km: Double) -> Int { Int((km * 1000).rounded()) }
}

/// One order, as the figures need it: placed (with its speed and shipments) or refused (with its reason).
public struct OrderFacts: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case placed(Speed)
        case unavailable(UnavailableReason)
    }

    /// The start of the hour (on the figures' clock, `Figures.hourStart`) in which it was placed.
    public var hour: Instant
    public var outcome: Outcome
    /// Units the order asked for.
    public var requestedUnits: Int
    /// Its shipments (none when refused).
    public var shipments: [ShipmentFacts]

    public init(hour: Instant, outcome: Outcome, requestedUnits: Int, shipments: [ShipmentFacts]) {
        self.hour = hour
        self.outcome = outcome
        self.requestedUnits = requestedUnits
        self.shipments = shipments
    }
}

/// Counts per shipping node.
public struct NodeCounts: Sendable, Hashable {
    /// Units of placed orders sourced from the node.
    public var units = 0
    public var shipments = 0
    public var containers = 0
    public var delivered = 0
    public var deliveredOnTime = 0
    /// Delivered after their `deliverBy`.
    public var deliveredLate = 0
    /// Not delivered yet although their `deliverBy` has passed (a live server's count at read time).
    public var overdue = 0

    public init() {}

    public static func + (a: NodeCounts, b: NodeCounts) -> NodeCounts {
        var s = a
        s.units += b.units
        s.shipments += b.shipments
        s.containers += b.containers
        s.delivered += b.delivered
        s.deliveredOnTime += b.deliveredOnTime
        s.deliveredLate += b.deliveredLate
        s.overdue += b.overdue
        return s
    }
}

/// Counts per hour of placing.
public struct HourCounts: Sendable, Hashable {
    public var orders = 0
    /// Orders refused (out of stock or not deliverable).
    public var unavailable = 0
    /// Placed orders by promised speed.
    public var speed = SpeedCounts()
    /// Units of placed orders.
    public var units = 0

    public init() {}

    public static func + (a: HourCounts, b: HourCounts) -> HourCounts {
        var s = a
        s.orders += b.orders
        s.unavailable += b.unavailable
        s.speed = s.speed + b.speed
        s.units += b.units
        return s
    }
}

/// Additive counts behind every figure (`Figures` turns them into the spec's shares and ratios).
///
/// Build one by `add(_:)` per order when it is placed and `addDelivery` per shipment when it is delivered; add
/// counts of different hours, nodes or processes with `+`. Every member is a plain sum.
public struct FigureCounts: Sendable, Hashable {
    /// Every order, placed or refused.
    public var orders = 0
    public var outOfStockOrders = 0
    public var notDeliverableOrders = 0
    /// Placed orders by promised speed (their total is the placed orders).
    public var speed = SpeedCounts()
    /// Units every order asked for, placed or not.
    public var requestedUnits = 0
    /// Units of placed orders.
    public var units = 0
    public var shipments = 0
    public var containers = 0
    /// Units shipped from a node in the destination's region.
    public var inRegionUnits = 0
    /// Σ units × great-circle metres node → destination.
    public var unitMetres = 0
    public var delivered = 0
    public var deliveredOnTime = 0
    public var deliveredLate = 0
    /// Shipments not delivered although their `deliverBy` has passed (set by a live reader; 0 in a simulation,
    /// where every shipment gets its delivery).
    public var overdue = 0
    public var nodes: [NodeID: NodeCounts] = [:]
    /// By the start of the hour of placing.
    public var hours: [Instant: HourCounts] = [:]

    public init() {}

    /// Placed orders.
    public var placedOrders: Int { speed.total }

    /// Counts one order when it is placed or refused.
    /// - Complexity: O(shipments).
    public mutating func add(_ order: OrderFacts) {
        orders += 1
        requestedUnits += order.requestedUnits
        var hour = hours[order.hour] ?? HourCounts()
        hour.orders += 1
        switch order.outcome {
        case .unavailable(let reason):
            if reason == .outOfStock { outOfStockOrders += 1 } else { notDeliverableOrders += 1 }
            hour.unavailable += 1
        case .placed(let promised):
            speed[promised] += 1
            hour.speed[promised] += 1
            for s in order.shipments {
                units += s.units
                hour.units += s.units
                shipments += 1
                containers += s.containers
                if s.inRegion { inRegionUnits += s.units }
                unitMetres += s.units * s.metres
                var node = nodes[s.node] ?? NodeCounts()
                node.units += s.units
                node.shipments += 1
                node.containers += s.containers
                nodes[s.node] = node
            }
        }
        hours[order.hour] = hour
    }

    /// Counts one shipment's delivery: on time when `deliveredAt <= deliverBy`.
    public mutating func addDelivery(node: NodeID, deliverBy: Instant, deliveredAt: Instant) {
        let onTime = deliveredAt <= deliverBy
        delivered += 1
        var counts = nodes[node] ?? NodeCounts()
        counts.delivered += 1
        if onTime {
            deliveredOnTime += 1
            counts.deliveredOnTime += 1
        } else {
            deliveredLate += 1
            counts.deliveredLate += 1
        }
        nodes[node] = counts
    }

    /// Counts one shipment that is not delivered although its `deliverBy` has passed.
    public mutating func addOverdue(node: NodeID) {
        overdue += 1
        nodes[node, default: NodeCounts()].overdue += 1
    }

    /// The sum of two sets of counts (different hours, nodes, days or processes).
    public static func + (a: FigureCounts, b: FigureCounts) -> FigureCounts {
        var s = a
        s.orders += b.orders
        s.outOfStockOrders += b.outOfStockOrders
        s.notDeliverableOrders += b.notDeliverableOrders
        s.speed = s.speed + b.speed
        s.requestedUnits += b.requestedUnits
        s.units += b.units
        s.shipments += b.shipments
        s.containers += b.containers
        s.inRegionUnits += b.inRegionUnits
        s.unitMetres += b.unitMetres
        s.delivered += b.delivered
        s.deliveredOnTime += b.deliveredOnTime
        s.deliveredLate += b.deliveredLate
        s.overdue += b.overdue
        s.nodes.merge(b.nodes) { $0 + $1 }
        s.hours.merge(b.hours) { $0 + $1 }
        return s
    }
}
