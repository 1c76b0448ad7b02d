// Add to delivery, the writing part: an item joins an upcoming shipment in one transaction, decided against the
// database's stock exactly as an order is placed.
//
//   1. claim the idempotency key (a replay answers the first answer; the key is shared with the customer's orders);
//   2. lock the order row, then the shipment row, then the SKU's stock row at the shipment's node: the lock order of
//      cancellations (order → shipments → stock) and of the clock (shipments → stock), so an add racing a cancel
//      or the shipment's move to picking waits for it, or it for the add, and sees what it did;
//   3. check the contract's four rules on those rows with Core's `DeliveryEligibility` (the code eligibility
//      answers come from): too-late, temperature, out-of-stock, later;
//   4. reserve the units (a conditional write), write the ledger, add the line (or grow the SKU's line) at the
//      catalog's price now, repack the shipment preferring its containers, grow the order's total, and store the
//      whole order as the key's answer.

import Foundation
import SameDayCore

extension SQLStore {
    func addToShipment(_ request: AddLineRequest, engine: PromiseEngine, packer: Packer?) async throws -> PlacedOrder {
        try Self.validate(idempotencyKey: request.idempotencyKey, customer: request.customer)
        guard (1...Limits.maxQuantity).contains(request.line.qty) else {
            throw StoreError.invalidInput("qty \(request.line.qty) is out of range: use 1 to \(Limits.maxQuantity)")
        }
        guard let skuIndex = engine.catalog.index(of: request.line.sku) else {
            throw StoreError.unknownSKU(request.line.sku)
        }
        let dialect = self.dialect
        let claim = Self.idempotencyClaim(
            customer: request.customer, key: request.idempotencyKey, hash: request.requestHash, at: request.at)
        return try await backend.write(
            .query(claim) { claimed in
                guard !claimed.isEmpty else {
                    return Self.replay(
                        customer: request.customer, key: request.idempotencyKey, hash: request.requestHash
                    ) { .done($0) }
                }
                return Self.lockShipment(request, dialect: dialect) { locked in
                    Self.lockStock(request, locked: locked, dialect: dialect) { stock in
                        let added = try Self.decide(
                            request, locked: locked, stock: stock, skuIndex: skuIndex, engine: engine, packer: packer)
                        return try Self.recordAdd(request, added, engine: engine, dialect: dialect)
                    }
                }
            })
    }

    /// The shipment as locked: its row, its order's ZIP, and the order's id.
    fileprivate struct LockedShipment: Sendable {
        var order: OrderID
        var zip: ZIP
        var shipment: JoinableShipment
        var node: NodeID
    }

    /// What the add writes, decided.
    fileprivate struct DecidedAdd: Sendable {
        var locked: LockedShipment
        var priceCents: Int
        /// The existing line the units join (its `line` number), or nil for a new line numbered `nextLine`.
        var joinsLine: Int?
        var nextLine: Int
        var containers: [ShipmentContainer]
        /// Containers the shipment had before the add.
        var previousContainers: Int
    }

    /// 2. Locks the order row (scoped to the customer: another customer's shipment is not found), then the
    /// shipment row.
    private static func lockShipment<R>(
        _ request: AddLineRequest, dialect: Dialect,
        then next: @escaping @Sendable (LockedShipment) throws -> Script<R>
    ) -> Script<R> {
        let notFound = StoreError.notFound("no shipment \(request.shipment) among your orders")
        let owner = SQL("SELECT order_id FROM shipments WHERE id = ?", [.text(request.shipment.rawValue)])
        return .query(owner) { rows in
            guard let orderID = try rows.first.map({ OrderID(try $0.text("order_id")) }) else { throw notFound }
            let order = scoped(
                "SELECT id, zip, status FROM orders WHERE id = ?", id: orderID, customer: request.customer,
                suffix: dialect.forNoKeyUpdate)
            return .query(order) { orders in
                guard let order = orders.first else { throw notFound }
                let zip = ZIP(try order.text("zip"))
                let orderPlaced = try order.text("status") == "placed"
                let shipment = SQL(
                    "SELECT id, node, status, deliver_by, modifiable_until FROM shipments WHERE id = ?"
                        + dialect.forNoKeyUpdate, [.text(request.shipment.rawValue)])
                return .query(shipment) { shipments in
                    guard let row = shipments.first else { throw notFound }
                    let node = NodeID(try row.text("node"))
                    let shipmentPlaced = try row.text("status") == ShipmentStatus.placed.rawValue
                    let joinable = JoinableShipment(
                        id: request.shipment.rawValue, node: node, zip: zip, deliverBy: try row.instant("deliver_by"),
                        modifiableUntil: try row.instant("modifiable_until"),
                        placed: orderPlaced && shipmentPlaced)
                    return try next(LockedShipment(order: orderID, zip: zip, shipment: joinable, node: node))
                }
            }
        }
    }

    /// What `lockStock` read: the catalog price, the units free at the node, the shipment's lines and containers.
    fileprivate struct LockedStock: Sendable {
        var priceCents: Int
        var available: Int
        var lines: [(line: Int, item: OrderLine)]
        var containers: [ShipmentContainer]
    }

    /// 2. Reads the SKU's price (catalog rows before stock rows, as every transaction that takes both), locks its
    /// stock row at the shipment's node, and reads the shipment's lines and containers.
    private static func lockStock<R>(
        _ request: AddLineRequest, locked: LockedShipment, dialect: Dialect,
        then next: @escaping @Sendable (LockedStock) throws -> Script<R>
    ) -> Script<R> {
        let sku = request.line.sku.rawValue
        let shipment = request.shipment.rawValue
        var batch = Batch(.price, SQL("SELECT price_cents FROM catalog WHERE sku = ?", [.text(sku)]))
        batch.add(
            .stock,
            SQL(
                "SELECT node, sku, on_hand, reserved FROM stock WHERE node = ? AND sku = ?" + dialect.forUpdate,
                [.text(locked.node.rawValue), .text(sku)]))
        batch.add(
            .lines,
            SQL(
                "SELECT line, sku, qty FROM shipment_lines WHERE shipment_id = ? ORDER BY line", [.text(shipment)]))
        batch.add(
            .containers,
            SQL(
                """
                SELECT shipment_id, box, units, weight_g, placements FROM shipment_containers WHERE shipment_id = ?
                ORDER BY position
                """, [.text(shipment)]))
        return .batch(batch) { results in
            guard let price = try results[.price].first?.int("price_cents") else {
                throw StoreError.unknownSKU(request.line.sku)
            }
            let available = try results[.stock].first.map { try StockLevel(row: $0).available } ?? 0
            let lines = try results[.lines].map { (line: try $0.int("line"), item: try OrderLine(row: $0)) }
            let decoder = JSONDecoder()
            let containers = try results[.containers].map { try ShipmentContainer(row: $0, decoder: decoder) }
            return try next(
                LockedStock(priceCents: price, available: available, lines: lines, containers: containers))
        }
    }

    /// 3. The four rules on the locked rows, then the line and the containers the add makes.
    private static func decide(
        _ request: AddLineRequest, locked: LockedShipment, stock: LockedStock, skuIndex: Int, engine: PromiseEngine,
        packer: Packer?
    ) throws -> DecidedAdd {
        var rules = DeliveryEligibility(engine: engine, shipments: [locked.shipment], at: request.at)
        if let reason = rules.refusal(
            sku: skuIndex, qty: request.line.qty, shipment: 0, available: { _ in stock.available })
        {
            throw StoreError.cannotJoin(reason, refusalDetail(reason, request, locked: locked, stock: stock))
        }
        let existing = stock.lines.first { $0.item.sku == request.line.sku }
        let containers: [ShipmentContainer]
        if let packer, !(stock.containers.isEmpty && !stock.lines.isEmpty) {
            containers = ShipmentContainers.adding(
                request.line, to: stock.lines.map(\.item), packedAs: stock.containers.map(\.placed),
                catalog: engine.catalog, packer: packer
            ).map(container)
        } else {
            // A shipment placed without a container catalog stays without containers.
            containers = stock.containers
        }
        return DecidedAdd(
            locked: locked, priceCents: existing == nil ? stock.priceCents : 0, joinsLine: existing?.line,
            nextLine: (stock.lines.map(\.line).max() ?? 0) + 1, containers: containers,
            previousContainers: stock.containers.count)
    }

    private static func refusalDetail(
        _ reason: JoinRefusal, _ request: AddLineRequest, locked: LockedShipment, stock: LockedStock
    ) -> String {
        let s = locked.shipment
        let x = request.line.sku
        switch reason {
        case .tooLate:
            return "shipment \(s.id) is no longer upcoming: node \(s.node) starts picking it at \(s.modifiableUntil)"
                + " (or it has left, or its order was cancelled)"
        case .temperature: return "node \(s.node) does not hold \(x)'s temperature"
        case .outOfStock:
            return "node \(s.node) has \(stock.available) of \(x) free; \(request.line.qty) asked"
        case .later: return "\(x) cannot reach \(s.zip) from node \(s.node) by the shipment's deliverBy \(s.deliverBy)"
        }
    }

    /// 4. Reserves (a conditional write, as its own step), then writes the line, the ledger, the containers, the
    /// order's total and the stored answer.
    private static func recordAdd(
        _ request: AddLineRequest, _ add: DecidedAdd, engine: PromiseEngine, dialect: Dialect
    ) throws -> Script<PlacedOrder> {
        let qty = request.line.qty
        let sku = request.line.sku
        let shipment = request.shipment
        let order = add.locked.order
        var reserve = Batch()
        reserve.add(
            .reservation,
            SQL(
                """
                UPDATE stock SET reserved = reserved + ? WHERE node = ? AND sku = ? AND on_hand - reserved >= ?
                RETURNING reserved
                """, [.int(qty), .text(add.locked.node.rawValue), .text(sku.rawValue), .int(qty)]))
        var writes: [SQL] = []
        if let line = add.joinsLine {
            writes.append(
                SQL(
                    """
                    UPDATE shipment_lines SET qty = qty + ?, added_qty = added_qty + ?
                    WHERE shipment_id = ? AND line = ?
                    """,
                    [.int(qty), .int(qty), .text(shipment.rawValue), .int(line)]))
            // The added units cost what the line's units cost: one unit price per line.
            writes.append(
                SQL(
                    """
                    UPDATE orders SET total_cents = total_cents + ? * (
                        SELECT price_cents FROM shipment_lines WHERE shipment_id = ? AND line = ?)
                    WHERE id = ?
                    """, [.int(qty), .text(shipment.rawValue), .int(line), .text(order.rawValue)]))
        } else {
            writes.append(
                SQL(
                    """
                    INSERT INTO shipment_lines (shipment_id, line, sku, qty, price_cents, added_qty)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(shipment.rawValue), .int(add.nextLine), .text(sku.rawValue), .int(qty),
                        .int(add.priceCents), .int(qty),
                    ]))
            writes.append(
                SQL(
                    "UPDATE orders SET total_cents = total_cents + ? WHERE id = ?",
                    [.int(qty * add.priceCents), .text(order.rawValue)]))
        }
        writes.append(
            ledgerRow(
                node: add.locked.node, sku: sku, kind: .reservation, onHand: 0, reserved: qty,
                actor: "customer:\(request.customer.rawValue)",
                reason: "order \(order.rawValue): added to shipment \(shipment.rawValue)", at: request.at, order: order)
        )
        writes += try containerWrites(shipment, add.containers, replacing: true)
        let recording = writes
        return .batch(reserve) { results in
            // The stock row is locked and was just read, so the reservation cannot fail; if it does, the add rolls
            // back rather than oversell.
            guard results[.reservation].count == 1 else {
                throw StoreError.cannotJoin(.outOfStock, "stock moved while adding \(sku) to shipment \(shipment)")
            }
            return .execute(recording) {
                loadOrder(order, customer: nil) { updated in
                    let response = String(decoding: try JSONEncoder().encode(updated), as: UTF8.self)
                    let answer = SQL(
                        "UPDATE idempotency SET order_id = ?, response = ? WHERE customer = ? AND idem_key = ?",
                        [
                            .text(order.rawValue), .text(response), .text(request.customer.rawValue),
                            .text(request.idempotencyKey),
                        ])
                    let event = eventInsert(
                        .orderLineAdded, customer: request.customer, at: request.at, sku: sku, order: order,
                        shipment: shipment, priceCents: updated.totalCents)
                    // The figures' aggregates last, after every stock row lock (`SQLStore+KPIs`).
                    let kpi = kpiWrites(added: request.line, to: add, order: updated, engine: engine, dialect: dialect)
                    return .execute([answer, event] + kpi) { .done(PlacedOrder(order: updated, replayed: false)) }
                }
            }
        }
    }
}

extension SQLStore {
    /// What an add changes in the figures' aggregates: the order's requested units, the shipment's units, containers,
    /// in-region units and unit-metres in the hour the order counts in, and the SKU's units on its day. The order
    /// and shipment counts stay (the same order, the same shipment), so a recount from the stored orders agrees.
    fileprivate static func kpiWrites(
        added line: OrderLine, to add: DecidedAdd, order: Order, engine: PromiseEngine, dialect: Dialect
    ) -> [SQL] {
        let clock = Figures.networkClock(engine)
        let hour = Figures.hourStart(of: order.placedAt, on: clock).minutes
        let slot = kpiSlot(dialect)
        let facts = engine.shipmentFacts(node: add.locked.node, zip: add.locked.zip, units: line.qty, containers: 0)
        var deltas = KPIDeltas()
        deltas.add(
            KPIKey(hour: hour, node: order.shipments.first?.node.rawValue ?? "", slot: slot), .requestedUnits, line.qty)
        let key = KPIKey(hour: hour, node: add.locked.node.rawValue, slot: slot)
        deltas.add(key, .units, line.qty)
        deltas.add(key, .containers, add.containers.count - add.previousContainers)
        if facts.inRegion { deltas.add(key, .inRegionUnits, line.qty) }
        deltas.add(key, .unitMetres, line.qty * facts.metres)
        deltas.skuUnits[.init(day: clock.localDay(of: order.placedAt), sku: line.sku.rawValue), default: 0] += line.qty
        return deltas.statements()
    }
}

extension ShipmentContainer {
    /// The container as Core's packing reads it.
    var placed: PlacedContainer {
        PlacedContainer(box: box, units: units, weightG: weightG, placements: placements)
    }
}

extension Step {
    fileprivate static let price = Step("price")
    fileprivate static let stock = Step("stock")
    fileprivate static let lines = Step("lines")
    fileprivate static let containers = Step("containers")
    fileprivate static let reservation = Step("reservation")
}
