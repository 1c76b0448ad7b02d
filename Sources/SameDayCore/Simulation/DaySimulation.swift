// One day replayed: demand drawn from the seed, each order placed at its instant through the one order path over
// the in-memory ledger, every shipment moved through finite capacity, and the figures counted.

/// What a simulation is asked to do.
public struct SimulationInput: Sendable {
    public var engine: PromiseEngine
    /// Available units at the day's start.
    public var stock: StockIndex
    /// Packs every shipment (the server's packer); nil counts no containers.
    public var packer: Packer?
    public var capacity: CapacityPlan
    /// The destinations' local date of the orders.
    public var date: LocalDate
    public var orders: Int
    public var seed: UInt64
    public var demand: DemandParameters

    public init(
        engine: PromiseEngine, stock: StockIndex, packer: Packer?, capacity: CapacityPlan, date: LocalDate,
        orders: Int, seed: UInt64, demand: DemandParameters? = nil
    ) {
        self.engine = engine
        self.stock = stock
        self.packer = packer
        self.capacity = capacity
        self.date = date
        self.orders = orders
        self.seed = seed
        self.demand = demand ?? .forDate(date)
    }

    /// The most orders one simulation takes (its columns index orders and lines with 32-bit integers).
    public static let maximumOrders = 50_000_000
}

/// A stage of a running simulation, for a progress bar.
public enum SimulationStage: String, Sendable {
    case demand = "drawing orders"
    case placing = "placing orders"
    case flow = "moving shipments"
    case cutoffs = "same-day cutoffs"
}

/// Runs one simulated day. Pure: the same input gives the same result, bit for bit.
public enum DaySimulation {
    /// Simulates the day; `progress` is called now and then with the stage, the work done and the work in all.
    public static func run(
        _ input: SimulationInput, progress: (SimulationStage, Int, Int) -> Void = { _, _, _ in }
    ) -> SimulationResult {
        let engine = input.engine
        progress(.demand, 0, input.orders)
        let model = DemandModel(engine: engine, parameters: input.demand, seed: input.seed, stock: input.stock)
        let orders = model.day(input.date, orders: input.orders, seed: input.seed)
        var ledger = StockLedger(input.stock)
        var day = SimulatedDay()
        var placer = Placer(engine: engine, packer: input.packer)
        day.reserve(orders: orders.count)
        for (i, order) in orders.enumerated() {
            placer.place(order, on: &day, ledger: &ledger)
            if i % 4096 == 0 { progress(.placing, i, orders.count) }
        }
        progress(.placing, orders.count, orders.count)
        progress(.flow, 0, 1)
        var flow = FlowModel(engine: engine, capacity: CapacityTable(input.capacity, engine: engine))
        flow.run(&day)
        progress(.flow, 1, 1)
        let window = model.window(of: input.date)
        let shipped = shipDeparted(day, before: window.end, ledger: &ledger)
        progress(.cutoffs, 0, 1)
        let top = mostOrderedAmbientSKU(orders, catalog: engine.catalog)
        let cutoffs = SameDayCutoffs.compute(engine: engine, stock: input.stock, date: input.date, sku: top)
        progress(.cutoffs, 1, 1)
        return SimulationResult(
            input: input, day: day, flow: flow, cutoffs: cutoffs, window: window, unitsShipped: shipped,
            unitsOpen: ledger.totals.reserved, packingHits: placer.packings.hits,
            packingLookups: placer.packings.lookups)
    }

    /// Takes out of the ledger the units of every shipment that left its node before `end`; returns them.
    static func shipDeparted(_ day: SimulatedDay, before end: Instant, ledger: inout StockLedger) -> Int {
        var units = 0
        for s in 0..<day.shipmentCount where Int(day.shipmentDepartedAt[s]) < end.minutes {
            let node = Int(day.shipmentNode[s])
            for l in day.lines(ofShipment: s) {
                let shipped = ledger.ship(
                    sku: Int(day.shipmentLineSKU[l]), node: node, qty: Int(day.shipmentLineQty[l]))
                precondition(shipped, "a departing shipment found fewer units reserved than its lines")
                units += Int(day.shipmentLineQty[l])
            }
        }
        return units
    }

    /// The ambient SKU that the most orders of the day asked for (ties: the first in the catalog), or nil.
    static func mostOrderedAmbientSKU(_ orders: [DemandOrder], catalog: Catalog) -> Int? {
        var count = [Int](repeating: 0, count: catalog.count)
        for order in orders {
            for sku in order.skus { count[sku] += 1 }
        }
        var best: Int?
        for (sku, item) in catalog.items.enumerated() where item.temperature == .ambient && count[sku] > 0 {
            if best == nil || count[sku] > count[best!] { best = sku }
        }
        return best
    }
}

extension DemandModel {
    /// The instants during which some destination's local date is `date`: from the first midnight to the last.
    public func window(of date: LocalDate) -> (start: Instant, end: Instant) {
        let clocks = zoneRows.indices.filter { !zoneRows[$0].isEmpty }.map { zoneClocks[$0] }
        let starts = clocks.map { $0.instant(day: date.day, minuteOfDay: 0) }
        let ends = clocks.map { $0.instant(day: date.day + 1, minuteOfDay: 0) }
        return (
            starts.min() ?? Instant(minutes: date.day * 1440), ends.max() ?? Instant(minutes: date.day * 1440 + 1440)
        )
    }
}
