// Everything a simulated day produced, with its figures: what the JSON, the log and the report are written from.

/// The result of `DaySimulation.run`.
public struct SimulationResult: Sendable {
    public let input: SimulationInput
    public let day: SimulatedDay
    public let cutoffs: SameDayCutoffs
    /// The instants during which some destination's local date is the simulated date; orders fall inside, and
    /// "the day's end" is `dayEnd`.
    public let dayStart: Instant
    public let dayEnd: Instant
    /// Units of shipments that left their node before the day's end, and units still reserved then.
    public let unitsShipped: Int
    public let unitsOpen: Int
    /// Units picked per node (engine index) per hour from `pickBaseHour` (hours since the epoch).
    public let pickUnits: [[Int32]]
    public let pickBaseHour: Int
    /// Pick capacity per node, units per hour (`Int.max`: unlimited; 0 for stations).
    public let pickPerHour: [Int]
    /// Shipments whose packing came from the cache, of all packed.
    public let packingHits: Int
    public let packingLookups: Int
    /// The clock of the figures' hours.
    public let clock: ZoneTable
    public let figures: Figures

    init(
        input: SimulationInput, day: SimulatedDay, flow: FlowModel, cutoffs: SameDayCutoffs,
        window: (start: Instant, end: Instant), unitsShipped: Int, unitsOpen: Int, packingHits: Int,
        packingLookups: Int
    ) {
        let engine = input.engine
        self.input = input
        self.day = day
        self.cutoffs = cutoffs
        self.dayStart = window.start
        self.dayEnd = window.end
        self.unitsShipped = unitsShipped
        self.unitsOpen = unitsOpen
        self.pickUnits = flow.pickUnits
        self.pickBaseHour = flow.baseHour
        self.pickPerHour = flow.capacity.pickPerHour
        self.packingHits = packingHits
        self.packingLookups = packingLookups
        let clock = Figures.networkClock(engine)
        self.clock = clock
        var extras: [NodeID: Figures.NodeExtras] = [:]
        for n in 0..<engine.nodeCount where engine.kind[n].isShipping {
            let limit = flow.capacity.pickPerHour[n]
            extras[engine.nodeID(at: n)] = Figures.NodeExtras(
                pickUnitsPerHour: limit == Int.max ? nil : limit,
                peakPickUtilization: flow.peakPickUtilization(node: n).map(Figures.rounded))
        }
        self.figures = Figures(
            counts: day.figureCounts(engine: engine, clock: clock), clock: clock, cutoffs: cutoffs.summary,
            nodeExtras: extras)
    }

    /// The figures JSON (`--json`), with a `simulation` member saying what was simulated and the day's end
    /// ledger (units shipped and still open).
    public func writeJSON(to out: inout [UInt8]) {
        figures.writeJSON(to: &out) { out in
            JSONText.raw(#","simulation":{"network":"#, to: &out)
            JSONText.write(input.engine.network.name, to: &out)
            JSONText.raw(#","date":"#, to: &out)
            JSONText.write(input.date.description, to: &out)
            JSONText.raw(#","seed":"#, to: &out)
            out.append(contentsOf: String(input.seed).utf8)
            JSONText.raw(#","demand":"#, to: &out)
            JSONText.write(input.demand.name, to: &out)
            JSONText.raw(#","dayStart":""#, to: &out)
            ISO8601.write(dayStart, in: clock, to: &out)
            JSONText.raw(#"","dayEnd":""#, to: &out)
            ISO8601.write(dayEnd, in: clock, to: &out)
            JSONText.raw(#"","unitsShippedByDayEnd":"#, to: &out)
            JSONText.write(unitsShipped, to: &out)
            JSONText.raw(#","unitsOpenAtDayEnd":"#, to: &out)
            JSONText.write(unitsOpen, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// Units picked in each hour by node `n`, with the hours' starts.
    public func pickLoad(node n: Int) -> [(hour: Instant, units: Int)] {
        pickUnits[n].enumerated().map { (Instant(minutes: (pickBaseHour + $0) * 60), Int($1)) }
    }
}
