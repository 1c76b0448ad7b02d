// Placing the simulated orders: each one through `OrderPlanner` (the store's order path) over the ledger, the
// reservation applied as the store's conditional writes apply it, the outcome appended to the day's columns.

/// Places demand orders one at a time and records them.
struct Placer {
    let engine: PromiseEngine
    let planner: OrderPlanner
    var packings = ShipmentPackingCache()
    let boxIndex: [ContainerID: Int16]
    let boxes: [ContainerID]

    init(engine: PromiseEngine, packer: Packer?) {
        self.engine = engine
        self.planner = OrderPlanner(engine: engine, packer: packer)
        boxes = packer?.catalog.map(\.id) ?? []
        var index: [ContainerID: Int16] = [:]
        for (i, id) in boxes.enumerated() where index[id] == nil { index[id] = Int16(i) }
        boxIndex = index
    }

    /// Places `order` over the ledger's stock, reserves what it placed, and appends it to `day`.
    mutating func place(_ order: DemandOrder, on day: inout SimulatedDay, ledger: inout StockLedger) {
        let catalog = engine.catalog
        let lines = zip(order.skus, order.quantities).map { OrderLine(sku: catalog.sku(at: $0), qty: $1) }
        let placement: OrderPlacement
        do throws(PromiseError) {
            placement = try planner.place(
                zip: engine.zips.zip(at: order.zipIndex), at: order.at, lines: lines, stock: ledger.index,
                packings: &packings)
        } catch {
            preconditionFailure("the demand model drew an order the promise engine rejects: \(error)")
        }
        if day.boxes.isEmpty { day.boxes = boxes }
        day.orderZip.append(Int32(order.zipIndex))
        day.orderAt.append(Int32(order.at.minutes))
        for (sku, qty) in zip(order.skus, order.quantities) {
            day.lineSKU.append(Int32(sku))
            day.lineQty.append(Int32(qty))
        }
        switch placement {
        case .refused(let refusal):
            record(refusal, order, &day)
        case .placed(let placed):
            record(placed, order, &day, &ledger)
        }
        day.orderLineEnd.append(Int32(day.lineSKU.count))
        day.orderShipmentEnd.append(Int32(day.shipmentNode.count))
    }

    private func record(_ refusal: OrderRefusal, _ order: DemandOrder, _ day: inout SimulatedDay) {
        day.orderOutcome.append(refusal.reason == .outOfStock ? .outOfStock : .notDeliverable)
        day.orderSpeed.append(0)
        day.orderDeliverBy.append(0)
        day.orderOrderBy.append(0)
        for sku in order.skus {
            let reason = refusal.lines.first { $0.sku == engine.catalog.sku(at: sku) }?.reason
            day.lineUnavailable.append(reason == nil ? 0 : reason == .outOfStock ? 1 : 2)
        }
    }

    private mutating func record(
        _ placed: PlannedOrder, _ order: DemandOrder, _ day: inout SimulatedDay, _ ledger: inout StockLedger
    ) {
        day.orderOutcome.append(.placed)
        day.orderSpeed.append(UInt8(Speed.allCases.firstIndex(of: placed.speed) ?? 0))
        day.orderDeliverBy.append(Int32(placed.deliverBy.minutes))
        day.orderOrderBy.append(Int32(placed.orderBy.minutes))
        day.lineUnavailable.append(contentsOf: repeatElement(0, count: order.skus.count))
        let orderIndex = Int32(day.orderAt.count - 1)
        let zoneRegion = engine.zipRegion[order.zipIndex]
        for shipment in placed.shipments {
            guard let node = engine.nodeIndex(of: shipment.node) else {
                preconditionFailure("a planned shipment names node \(shipment.node), which the engine lacks")
            }
            day.shipmentOrder.append(orderIndex)
            day.shipmentNode.append(Int32(node))
            day.shipmentPath.append(shipment.path)
            day.shipmentDeliverBy.append(Int32(shipment.deliverBy.minutes))
            day.shipmentOrderBy.append(Int32(shipment.orderBy.minutes))
            day.shipmentModifiableUntil.append(Int32(shipment.modifiableUntil.minutes))
            day.shipmentDepartsAt.append(Int32(shipment.departsAt.minutes))
            day.shipmentKm.append(shipment.distanceKm)
            day.shipmentInRegion.append(zoneRegion >= 0 && engine.region[node] == zoneRegion)
            day.shipmentUnits.append(Int32(shipment.units))
            for line in shipment.lines {
                guard let sku = engine.catalog.index(of: line.sku), ledger.reserve(sku: sku, node: node, qty: line.qty)
                else {
                    preconditionFailure(
                        "the plan took \(line.qty) of \(line.sku) at \(shipment.node), more than is available")
                }
                day.shipmentLineSKU.append(Int32(sku))
                day.shipmentLineQty.append(Int32(line.qty))
            }
            for container in shipment.containers {
                day.containerBox.append(container.box.flatMap { boxIndex[$0] } ?? -1)
                day.containerUnits.append(Int32(container.units))
            }
            day.shipmentLineEnd.append(Int32(day.shipmentLineSKU.count))
            day.shipmentContainerEnd.append(Int32(day.containerBox.count))
        }
    }
}
