// The one order path: promise over the stock as it is, then the plan's shipments packed. `POST /v1/orders` (the
// store, inside its transaction) and the day simulator (over its in-memory ledger) both place orders through it.

/// Plans orders: the pure part of placing one (no stock is written here; see `OrderPlacement`).
public struct OrderPlanner: Sendable {
    public let engine: PromiseEngine
    /// Packs each shipment; nil places orders without containers.
    public let packer: Packer?

    public init(engine: PromiseEngine, packer: Packer?) {
        self.engine = engine
        self.packer = packer
    }

    /// Plans an order over stock given by ids (what a store reads inside its transaction).
    /// - Throws: `PromiseError` for an unknown ZIP or SKU, a quantity below 1, a repeated SKU or no lines.
    public func place(zip: ZIP, at t: Instant, lines: [OrderLine], stock: StockSnapshot) throws(PromiseError)
        -> OrderPlacement
    {
        placement(try engine.promise(zip: zip, at: t, lines: lines, stock: stock)) { self.pack($0) }
    }

    /// Plans an order over a stock index.
    /// - Throws: `PromiseError` as above.
    public func place(zip: ZIP, at t: Instant, lines: [OrderLine], stock: StockIndex) throws(PromiseError)
        -> OrderPlacement
    {
        placement(try engine.promise(zip: zip, at: t, lines: lines, stock: stock)) { self.pack($0) }
    }

    /// Plans an order over a stock index, packing through `packings` (the same containers as without it).
    /// - Throws: `PromiseError` as above.
    public func place(
        zip: ZIP, at t: Instant, lines: [OrderLine], stock: StockIndex, packings: inout ShipmentPackingCache
    ) throws(PromiseError) -> OrderPlacement {
        let promise = try engine.promise(zip: zip, at: t, lines: lines, stock: stock)
        guard promise.available else { return placement(promise) { _ in [] } }
        var shipments: [PlacedShipment] = []
        shipments.reserveCapacity(promise.shipments.count)
        for planned in promise.shipments {
            let containers = packer.map { packings.containers(for: planned.lines, catalog: engine.catalog, packer: $0) }
            shipments.append(PlacedShipment(planned, containers: containers ?? []))
        }
        return placed(promise, shipments)
    }

    /// The containers of one shipment's lines (none without a packer).
    public func pack(_ lines: [OrderLine]) -> [PlacedContainer] {
        guard let packer else { return [] }
        return ShipmentContainers.pack(lines, catalog: engine.catalog, packer: packer)
    }

    /// The placement a promise gives: its shipments packed by `pack`, or the refusal.
    func placement(_ promise: Promise, pack: ([OrderLine]) -> [PlacedContainer]) -> OrderPlacement {
        guard promise.available else {
            return .refused(OrderRefusal(promise: promise, lines: promise.unavailable))
        }
        return placed(promise, promise.shipments.map { PlacedShipment($0, containers: pack($0.lines)) })
    }

    private func placed(_ promise: Promise, _ shipments: [PlacedShipment]) -> OrderPlacement {
        // An available promise always has a speed, a deliverBy and an orderBy (PromiseEngine+Promise).
        guard let speed = promise.speed, let deliverBy = promise.deliverBy, let orderBy = promise.orderBy else {
            return .refused(OrderRefusal(promise: promise, lines: promise.unavailable))
        }
        return .placed(
            PlannedOrder(promise: promise, speed: speed, deliverBy: deliverBy, orderBy: orderBy, shipments: shipments))
    }
}
