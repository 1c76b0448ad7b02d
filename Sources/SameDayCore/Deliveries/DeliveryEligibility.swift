// Add to delivery, the deciding part: can SKU x, q units, join a customer's shipment s at instant t? The four rules
// of the contract, checked in order, the first that fails naming the reason:
//   1. s is upcoming at t: placed, and t < modifiableUntil            else too-late
//   2. x's temperature is one its node holds                         else temperature
//   3. available(n, x) ≥ q, from the stock index                     else out-of-stock
//   4. E(n, t) for one line of x from n to s's ZIP exists and ≤ s.deliverBy   else later
// E(n, t) is the promise engine's own path code (`PromiseEngine.earliest`), not a second implementation. It depends
// on the node, the destination, the instant and the item's temperature only, so it is computed at most once per
// shipment and temperature (three) for a whole page of SKUs; each SKU then costs a temperature lookup, a stock
// lookup and a comparison, with no allocation.

/// Why an item cannot join a shipment, in the order the rules are checked.
public enum JoinRefusal: String, Sendable, CaseIterable, Hashable {
    /// The shipment is not upcoming: no longer `placed`, or its node has started picking (t ≥ modifiableUntil).
    case tooLate = "too-late"
    /// The shipment's node does not hold the item's temperature.
    case temperature
    /// The node has fewer units free than asked.
    case outOfStock = "out-of-stock"
    /// The node cannot deliver the item to the shipment's ZIP by the shipment's `deliverBy`.
    case later

    /// The problem code a refused add answers with (409).
    public var problemCode: ProblemCode {
        switch self {
        case .tooLate: .tooLate
        case .temperature: .temperature
        case .outOfStock: .outOfStock
        case .later: .later
        }
    }
}

/// A shipment an item might join: what the rules read of it.
public struct JoinableShipment: Sendable, Hashable {
    public var id: String
    public var node: NodeID
    /// The order's ZIP.
    public var zip: ZIP
    public var deliverBy: Instant
    public var modifiableUntil: Instant
    /// Whether its status is `placed` (not picking, shipped, delivered or cancelled).
    public var placed: Bool

    public init(id: String, node: NodeID, zip: ZIP, deliverBy: Instant, modifiableUntil: Instant, placed: Bool) {
        self.id = id
        self.node = node
        self.zip = zip
        self.deliverBy = deliverBy
        self.modifiableUntil = modifiableUntil
        self.placed = placed
    }

    /// Rule 1: upcoming at `t`.
    public func isUpcoming(at t: Instant) -> Bool { placed && t < modifiableUntil }

    /// Eligibility's order: earliest `deliverBy`, then shipment id.
    public func precedes(_ other: JoinableShipment) -> Bool {
        deliverBy != other.deliverBy ? deliverBy < other.deliverBy : id < other.id
    }
}

/// The answer for one SKU over a customer's upcoming shipments.
public enum Eligibility: Sendable, Hashable {
    /// It can join `shipments[index]` (of `DeliveryEligibility.shipments`): the earliest-delivering one it can.
    case addable(shipment: Int)
    /// It can join none; the reason is the one of the earliest-delivering upcoming shipment.
    case refused(JoinRefusal)
    /// The customer has no upcoming shipment.
    case noUpcomingDelivery
}

/// Rules 1–4 for any number of SKUs against one set of shipments at one instant (see the file's header).
///
/// A value type holding a small memo of E(n, t) per shipment and temperature: build one per request and ask it
/// for every SKU of the page. It does no I/O and reads no clock.
public struct DeliveryEligibility: Sendable {
    /// The shipments, in eligibility order (earliest `deliverBy`, then id).
    public let shipments: [JoinableShipment]
    /// How many of `shipments` are upcoming at `at`: upcoming ones are checked first, in order.
    public let upcomingCount: Int
    public let at: Instant

    private let engine: PromiseEngine
    /// Per shipment: its node's index (-1: not in the network) and its destination (nil: unknown ZIP).
    private let nodes: [Int]
    private let destinations: [Destination?]
    /// E(n, t) in minutes per shipment × temperature: `unknown` until computed, `none` when no path exists.
    private var memo: [Int]
    private static let unknown = Int.min
    private static let none = Int.max

    /// - Parameters:
    ///   - shipments: any order; a shipment whose node or ZIP the engine does not know never takes an item (its
    ///     rule 2 or 4 fails).
    public init(engine: PromiseEngine, shipments: [JoinableShipment], at: Instant) {
        let upcoming = shipments.filter { $0.isUpcoming(at: at) }.sorted { $0.precedes($1) }
        let others = shipments.filter { !$0.isUpcoming(at: at) }.sorted { $0.precedes($1) }
        self.shipments = upcoming + others
        self.upcomingCount = upcoming.count
        self.at = at
        self.engine = engine
        self.nodes = self.shipments.map { engine.nodeIndex(of: $0.node) ?? -1 }
        self.destinations = self.shipments.map { s in
            engine.zips.index(of: s.zip).map { engine.destination(zipIndex: $0) }
        }
        self.memo = Array(repeating: Self.unknown, count: self.shipments.count * Temperature.allCases.count)
    }

    /// Why SKU `sku` (catalog index), `qty` units, cannot join `shipments[k]`, or nil when it can.
    /// - Complexity: O(stocking nodes of the SKU); the first call per shipment and temperature evaluates E(n, t).
    public mutating func refusal(sku: Int, qty: Int, shipment k: Int, stock: StockIndex) -> JoinRefusal? {
        refusal(sku: sku, qty: qty, shipment: k) { stock.available(sku: sku, node: $0) }
    }

    /// The same rules with rule 3 reading the units free at the shipment's node from `available` (given the
    /// node's index): what the store passes from the stock row it has locked, so an add decides exactly as an
    /// eligibility answer does.
    public mutating func refusal(sku: Int, qty: Int, shipment k: Int, available: (Int) -> Int) -> JoinRefusal? {
        let shipment = shipments[k]
        guard shipment.isUpcoming(at: at) else { return .tooLate }
        let n = nodes[k]
        let temp = engine.skuTemperature[sku]
        guard n >= 0, engine.temperatures[n].contains(temp) else { return .temperature }
        guard available(n) >= qty else { return .outOfStock }
        guard let arrival = earliest(shipment: k, node: n, temperature: temp), arrival <= shipment.deliverBy.minutes
        else { return .later }
        return nil
    }

    /// Whether SKU `sku` (catalog index), `qty` units, can join one of the upcoming shipments: the first in order
    /// that takes it, else the first upcoming shipment's reason. No allocation.
    public mutating func eligibility(sku: Int, qty: Int, stock: StockIndex) -> Eligibility {
        guard upcomingCount > 0 else { return .noUpcomingDelivery }
        var first: JoinRefusal?
        for k in 0..<upcomingCount {
            guard let reason = refusal(sku: sku, qty: qty, shipment: k, stock: stock) else {
                return .addable(shipment: k)
            }
            if first == nil { first = reason }
        }
        return .refused(first ?? .later)
    }

    /// E(n, t) in minutes for shipment `k`'s node and destination and an item of `temp`, or nil when no path
    /// delivers it; memoized.
    private mutating func earliest(shipment k: Int, node n: Int, temperature temp: Temperature) -> Int? {
        let slot = k * Temperature.allCases.count + temp.memoSlot
        if memo[slot] == Self.unknown {
            if let d = destinations[k] {
                let km = engine.pathsUseDistance(node: n, d) ? engine.distanceKm(node: n, d) : .infinity
                memo[slot] =
                    engine.earliest(node: n, temperature: temp, d, distanceKm: km, at: at.minutes)?.deliver
                    ?? Self.none
            } else {
                memo[slot] = Self.none
            }
        }
        return memo[slot] == Self.none ? nil : memo[slot]
    }
}

extension Temperature {
    /// 0, 1, 2 for ambient, chilled, frozen.
    fileprivate var memoSlot: Int {
        switch self {
        case .ambient: 0
        case .chilled: 1
        case .frozen: 2
        }
    }
}
