// The figures of spec/simulate.md, computed from additive counts: one type for the simulator's JSON and report,
// the server's /v1/kpis and its dashboard, so they never disagree on what a figure means.
//
// Rounding: every share and ratio is rounded half away from zero to `Figures.decimals` (4) decimal places, and
// written with trailing zeros dropped (0.9991, 1.12, 212.3871); a ratio whose denominator is 0 is `null`.

/// The figures of a day (or of any set of counts), ready to print as the spec's JSON.
public struct Figures: Sendable {
    /// Decimal places of every share and ratio.
    public static let decimals = 4

    public var counts: FigureCounts
    /// The clock the `hours` are shown on (`Figures.networkClock`).
    public var clock: ZoneTable
    /// The same-day cutoffs per city, when computed.
    public var cutoffs: SameDayCutoffs.Summary?
    /// Figures per node that only some producers have (the simulator's pick capacity and peak utilization).
    public var nodeExtras: [NodeID: NodeExtras]

    /// Per-node figures beside the counts.
    public struct NodeExtras: Sendable, Hashable {
        /// Units the node can pick per hour; nil when unlimited.
        public var pickUnitsPerHour: Int?
        /// The largest share of an hour's pick capacity used, over the day (nil when unlimited).
        public var peakPickUtilization: Double?
        public init(pickUnitsPerHour: Int?, peakPickUtilization: Double?) {
            self.pickUnitsPerHour = pickUnitsPerHour
            self.peakPickUtilization = peakPickUtilization
        }
    }

    public init(
        counts: FigureCounts, clock: ZoneTable, cutoffs: SameDayCutoffs.Summary? = nil,
        nodeExtras: [NodeID: NodeExtras] = [:]
    ) {
        self.counts = counts
        self.clock = clock
        self.cutoffs = cutoffs
        self.nodeExtras = nodeExtras
    }

    // MARK: The figures

    /// Orders no promise covered.
    public var unavailableOrders: Int { counts.outOfStockOrders + counts.notDeliverableOrders }

    /// Share of placed orders promised at `speed`.
    public func speedShare(_ speed: Speed) -> Double? { Self.ratio(counts.speed[speed], counts.placedOrders) }

    /// Share of shipments delivered by their `deliverBy`, among those delivered or overdue.
    public var promisesKept: Double? { Self.ratio(counts.deliveredOnTime, counts.delivered + counts.overdue) }

    /// Shipments delivered after their `deliverBy`, or overdue.
    public var lateShipments: Int { counts.deliveredLate + counts.overdue }

    public var shipmentsPerOrder: Double? { Self.ratio(counts.shipments, counts.placedOrders) }
    public var unitsPerContainer: Double? { Self.ratio(counts.units, counts.containers) }
    public var containersPerOrder: Double? { Self.ratio(counts.containers, counts.placedOrders) }
    /// Share of units shipped from a node in the destination's region.
    public var inRegionUnits: Double? { Self.ratio(counts.inRegionUnits, counts.units) }
    /// Great-circle kilometres per unit shipped.
    public var kmPerUnit: Double? { Self.ratio(counts.unitMetres, counts.units * 1000) }

    /// `a / b` rounded to `decimals` places; nil when `b` is 0.
    public static func ratio(_ a: Int, _ b: Int) -> Double? {
        guard b != 0 else { return nil }
        return rounded(Double(a) / Double(b))
    }

    /// `x` rounded half away from zero to `decimals` places.
    public static func rounded(_ x: Double) -> Double { (x * scale).rounded() / scale }

    static let scale = 10_000.0

    // MARK: Clocks and hours

    /// The clock figures show hours on: the time zone of the network's westernmost shipping node (for the bundled
    /// US network, Pacific time), so the hours of a day on it cover every node's working day.
    public static func networkClock(_ engine: PromiseEngine) -> ZoneTable {
        var best = -1
        for n in 0..<engine.nodeCount where engine.kind[n].isShipping {
            if best < 0 || engine.lonDeg[n] < engine.lonDeg[best] { best = n }
        }
        guard best >= 0 else { return ZoneTable(identifier: "UTC", fixedOffsetMinutes: 0) }
        return engine.zones[Int(engine.zone[best])]
    }

    /// The start of the hour of `clock` that contains `t`.
    public static func hourStart(of t: Instant, on clock: ZoneTable) -> Instant {
        let local = clock.localMinutes(of: t)
        return t - (local - CivilCalendar.floorDiv(local, 60) * 60)
    }

    /// The hours from the first to the last counted one, every hour in between included.
    public var hourRange: [Instant] {
        guard let first = counts.hours.keys.min(), let last = counts.hours.keys.max() else { return [] }
        return Array(stride(from: first.minutes, through: last.minutes, by: 60).map { Instant(minutes: $0) })
    }

    /// The nodes listed: every node counted or given extras, by id.
    public var nodeIDs: [NodeID] {
        Set(counts.nodes.keys).union(nodeExtras.keys).sorted()
    }
}
