// The one order path: `POST /v1/orders` and every auto-buy place their orders with this script, so an auto-buy is
// placed exactly as a customer's order is — idempotency claim, stock locked in the one lock order, the plan the
// promise gives at commit time, reservations by conditional writes, the order, its shipments and containers, the
// ledger, the stored answer and an `order-placed` event, in one transaction.
//
// Two things differ by caller and are passed in: a price cap (an auto-buy places nothing when a SKU costs more
// than its watch's target, read inside the transaction under a share lock so a concurrent price change waits for
// it or it for the change), and what to do when the order cannot be placed: `POST /v1/orders` throws (the
// transaction rolls back), an auto-buy releases its idempotency claim and records the attempt instead.

import Foundation
import SameDayCore

/// Why the order path placed nothing.
enum OrderPathRefusal: Error, Sendable {
    /// Out of stock, not deliverable, an invalid order or a changed promise: what `POST /v1/orders` answers.
    case store(StoreError)
    /// A SKU costs more than the caller's cap (an auto-buy's target).
    case priceAboveCap(sku: SKU, priceCents: Int)

    /// The store's error for it (a cap is only given by auto-buys, which never throw it).
    var error: StoreError {
        switch self {
        case .store(let error): error
        case .priceAboveCap(let sku, let cents): .invalidInput("SKU \(sku) costs \(cents) cents, above the cap")
        }
    }
}

/// A plan that can be placed (Core's `PlannedOrder`: the promise, its instants, the shipments packed) and the unit
/// prices read with the locked stock.
struct PricedPlan: Sendable {
    var planned: PlannedOrder
    var prices: [SKU: Int]
}

extension SQLStore {
    /// Places `request` (see the file's header): calls `placed` with the order (or the first answer to the same key),
    /// or `refused` with why nothing could be placed.
    static func orderScript<R: Sendable>(
        _ request: OrderRequest, engine: PromiseEngine, packer: Packer?, dialect: Dialect, priceCap: Int?,
        placed: @escaping @Sendable (PlacedOrder) throws -> Script<R>,
        refused: @escaping @Sendable (OrderPathRefusal) throws -> Script<R>
    ) -> Script<R> {
        let orderID = OrderID("o_" + randomHex(bytes: 12))
        // 1. Claim the idempotency key. On PostgreSQL a concurrent request with the same key blocks here until this
        //    transaction ends, then finds the key taken (and the first answer committed).
        let claim = idempotencyClaim(
            customer: request.customer, key: request.idempotencyKey, hash: request.requestHash, at: request.at)
        return .query(claim) { claimed in
            guard !claimed.isEmpty else {
                return replay(
                    customer: request.customer, key: request.idempotencyKey, hash: request.requestHash, then: placed)
            }
            return lockAndPlan(request, engine: engine, packer: packer, dialect: dialect, priceCap: priceCap) {
                planned in
                switch planned {
                case .failure(let refusal):
                    // Asked first: `POST /v1/orders` throws here, and its transaction writes nothing.
                    let next = try refused(refusal)
                    return .execute([releaseClaim(request)]) { next }
                case .success(let plan):
                    let order = makeOrder(orderID, request: request, plan: plan)
                    let kpiHour = Figures.hourStart(of: order.placedAt, on: Figures.networkClock(engine)).minutes
                    let kpi = kpiWrites(placed: order, speed: plan.planned.speed, engine: engine, dialect: dialect)
                    return try recordOrder(order, request: request, kpiHour: kpiHour, kpi: kpi) { try placed($0) }
                }
            }
        }
    }

    /// 2.–3. Reads the order's SKUs' prices (under a share lock when capped), locks their stock rows in the one
    /// lock order, and plans over that stock as it is now, inside the transaction.
    private static func lockAndPlan<R>(
        _ request: OrderRequest, engine: PromiseEngine, packer: Packer?, dialect: Dialect, priceCap: Int?,
        then next: @escaping @Sendable (Result<PricedPlan, OrderPathRefusal>) throws -> Script<R>
    ) -> Script<R> {
        var skus: [String] = []
        for line in request.lines where !skus.contains(line.sku.rawValue) { skus.append(line.sku.rawValue) }
        let list = SQL.placeholders(skus.count)
        let shareLock = priceCap != nil && dialect == .postgres ? " FOR SHARE" : ""
        var batch = Batch()
        // Catalog rows before stock rows, as every transaction that takes both does.
        batch.add(
            .prices,
            skus.isEmpty
                ? []
                : [
                    SQL(
                        "SELECT sku, price_cents FROM catalog WHERE sku IN (\(list)) ORDER BY sku" + shareLock,
                        skus.map { .text($0) })
                ])
        batch.add(
            .stock,
            skus.isEmpty
                ? []
                : [
                    SQL(
                        "SELECT node, sku, on_hand, reserved FROM stock WHERE sku IN (\(list))"
                            + StockLockOrder.orderBy(dialect) + dialect.forUpdate, skus.map { .text($0) })
                ])
        return .batch(batch) { results in
            var prices: [SKU: Int] = [:]
            for row in results[.prices] { prices[SKU(try row.text("sku"))] = try row.int("price_cents") }
            if let cap = priceCap, let over = prices.first(where: { $0.value > cap }) {
                return try next(.failure(.priceAboveCap(sku: over.key, priceCents: over.value)))
            }
            let stock = try results[.stock].map(StockLevel.init(row:))
            return try next(plan(request, engine: engine, packer: packer, stock: stock, prices: prices))
        }
    }

    /// The plan over the locked stock (Core's one order path: the promise, then each shipment packed), or why the
    /// order cannot be placed.
    private static func plan(
        _ request: OrderRequest, engine: PromiseEngine, packer: Packer?, stock: [StockLevel], prices: [SKU: Int]
    ) -> Result<PricedPlan, OrderPathRefusal> {
        let placement: OrderPlacement
        do throws(PromiseError) {
            placement = try OrderPlanner(engine: engine, packer: packer).place(
                zip: request.zip, at: request.at, lines: request.lines,
                stock: StockSnapshot(stock.map { StockEntry(node: $0.node, sku: $0.sku, available: $0.available) }))
        } catch {
            return .failure(.store(.invalidOrder(error)))
        }
        guard case .placed(let planned) = placement else {
            return .failure(.store(unavailable(placement.promise, request: request, stock: stock)))
        }
        if let promised = request.promisedDeliverBy, planned.deliverBy > promised {
            return .failure(
                .store(.promiseChanged(ChangedPromise(promisedDeliverBy: promised, promise: planned.promise))))
        }
        return .success(PricedPlan(planned: planned, prices: prices))
    }

    /// The order the plan makes: its packed shipments, each line at the unit price read with the stock.
    private static func makeOrder(_ id: OrderID, request: OrderRequest, plan: PricedPlan) -> Order {
        let shipments = plan.planned.shipments.enumerated().map { i, planned in
            Shipment(
                id: ShipmentID("\(id.rawValue)-\(i + 1)"), node: planned.node, status: .placed,
                deliverBy: planned.deliverBy, orderBy: planned.orderBy, modifiableUntil: planned.modifiableUntil,
                departsAt: planned.departsAt, lines: planned.lines, containers: planned.containers.map(container),
                linePriceCents: planned.lines.map { plan.prices[$0.sku] ?? 0 })
        }
        let total = shipments.reduce(0) { sum, shipment in
            zip(shipment.lines, shipment.linePriceCents).reduce(sum) { $0 + $1.0.qty * $1.1 }
        }
        return Order(
            id: id, customer: request.customer, zip: request.zip, status: .placed, placedAt: request.at,
            deliverBy: plan.planned.deliverBy, orderBy: plan.planned.orderBy,
            speed: plan.planned.speed.rawValue, shipments: shipments, totalCents: total)
    }

    /// Gives a claimed idempotency key back (an auto-buy that placed nothing goes on in its transaction).
    private static func releaseClaim(_ request: OrderRequest) -> SQL {
        SQL(
            "DELETE FROM idempotency WHERE customer = ? AND idem_key = ?",
            [.text(request.customer.rawValue), .text(request.idempotencyKey)])
    }

    /// Claims an idempotency key for a request with fingerprint `hash`: one row back when claimed, none when the
    /// key is taken. On PostgreSQL a concurrent request with the same key blocks here until the first transaction
    /// ends, then finds the key taken (and the first answer committed).
    static func idempotencyClaim(customer: CustomerID, key: String, hash: String, at: Instant) -> SQL {
        SQL(
            """
            INSERT INTO idempotency (customer, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (customer, idem_key) DO NOTHING RETURNING request_hash
            """, [.text(customer.rawValue), .text(key), .text(hash), .int(at.minutes)])
    }

    /// The answer to a request whose idempotency key is already taken: the first answer (an answer stored before
    /// prices were recorded is read back from the tables, which have them), or `idempotencyKeyReused` when the key
    /// was used for another request (an order's key for an add, or the reverse, included).
    static func replay<R>(
        customer: CustomerID, key: String, hash: String,
        then next: @escaping @Sendable (PlacedOrder) throws -> Script<R>
    ) -> Script<R> {
        .query(
            SQL(
                "SELECT request_hash, response FROM idempotency WHERE customer = ? AND idem_key = ?",
                [.text(customer.rawValue), .text(key)])
        ) { rows in
            guard let row = rows.first, let response = try row.optionalText("response") else {
                throw StoreError.idempotencyKeyReused("idempotency key is in use by a request that did not finish")
            }
            guard try row.text("request_hash") == hash else {
                throw StoreError.idempotencyKeyReused(
                    "idempotency key \"\(key)\" was used for another request: use a new key for a new request")
            }
            let order = try JSONDecoder().decode(Order.self, from: Data(response.utf8))
            guard order.hasPrices else {
                return loadOrder(order.id, customer: customer) {
                    try next(PlacedOrder(order: $0, replayed: true))
                }
            }
            return try next(PlacedOrder(order: order, replayed: true))
        }
    }

    /// 4. Reserves the order's stock (conditional writes, as their own step: if one fails, nothing else is
    /// written), then records the order, its shipments, their containers and priced lines, the ledger, the answer
    /// and the `order-placed` event.
    private static func recordOrder<R>(
        _ order: Order, request: OrderRequest, kpiHour: Int, kpi: [SQL],
        then next: @escaping @Sendable (PlacedOrder) throws -> Script<R>
    ) throws -> Script<R> {
        var reservations: [SQL] = []
        var reserved: [String] = []
        var writes: [SQL] = [orderRow(order)]
        for (position, shipment) in order.shipments.enumerated() {
            writes.append(shipmentRow(shipment, order: order.id, position: position, kpiHour: kpiHour))
            writes += try containerWrites(shipment)
            for (index, line) in shipment.lines.enumerated() {
                reservations.append(
                    SQL(
                        """
                        UPDATE stock SET reserved = reserved + ? WHERE node = ? AND sku = ? AND on_hand - reserved >= ?
                        RETURNING reserved
                        """,
                        [.int(line.qty), .text(shipment.node.rawValue), .text(line.sku.rawValue), .int(line.qty)]))
                reserved.append("\(line.qty) of \(shipment.node)/\(line.sku)")
                writes.append(
                    SQL(
                        "INSERT INTO shipment_lines (shipment_id, line, sku, qty, price_cents) VALUES (?, ?, ?, ?, ?)",
                        [
                            .text(shipment.id.rawValue), .int(index + 1), .text(line.sku.rawValue), .int(line.qty),
                            .int(shipment.priceCents(ofLine: index) ?? 0),
                        ]))
                writes.append(
                    ledgerRow(
                        node: shipment.node, sku: line.sku, kind: .reservation, onHand: 0, reserved: line.qty,
                        actor: "customer:\(order.customer.rawValue)", reason: "order \(order.id.rawValue)",
                        at: order.placedAt, order: order.id))
            }
        }
        let response = String(decoding: try JSONEncoder().encode(order), as: UTF8.self)
        writes.append(
            SQL(
                "UPDATE idempotency SET order_id = ?, response = ? WHERE customer = ? AND idem_key = ?",
                [
                    .text(order.id.rawValue), .text(response), .text(order.customer.rawValue),
                    .text(request.idempotencyKey),
                ]))
        writes.append(
            eventInsert(
                .orderPlaced, customer: order.customer, at: order.placedAt, order: order.id,
                priceCents: order.totalCents))
        // The figures' aggregates last: their rows are locked after every stock row (`SQLStore+KPIs`).
        writes += kpi
        var reserve = Batch()
        reserve.add(.reservations, reservations)
        let (described, recording) = (reserved, writes)
        return .batch(reserve) { results in
            // The stock rows are locked and were just read, so a reservation cannot fail; if one does, the whole
            // order rolls back rather than oversell.
            for (what, rows) in zip(described, results.each(.reservations)) where rows.isEmpty {
                throw StoreError.outOfStock("stock moved while placing the order (reserving \(what) failed)")
            }
            return .execute(recording) { try next(PlacedOrder(order: order, replayed: false)) }
        }
    }

    private static func orderRow(_ order: Order) -> SQL {
        SQL(
            """
            INSERT INTO orders (id, customer, zip, status, placed_at, deliver_by, order_by, speed, total_cents)
            VALUES (?, ?, ?, 'placed', ?, ?, ?, ?, ?)
            """,
            [
                .text(order.id.rawValue), .text(order.customer.rawValue), .text(order.zip.rawValue),
                .int(order.placedAt.minutes), .int(order.deliverBy.minutes), .int(order.orderBy.minutes),
                order.speed.map { .text($0) } ?? .null, .int(order.totalCents),
            ])
    }

    private static func shipmentRow(_ shipment: Shipment, order: OrderID, position: Int, kpiHour: Int) -> SQL {
        SQL(
            """
            INSERT INTO shipments (id, order_id, position, node, status, deliver_by, order_by, modifiable_until,
                departs_at, kpi_hour)
            VALUES (?, ?, ?, ?, 'placed', ?, ?, ?, ?, ?)
            """,
            [
                .text(shipment.id.rawValue), .text(order.rawValue), .int(position + 1), .text(shipment.node.rawValue),
                .int(shipment.deliverBy.minutes), .int(shipment.orderBy.minutes),
                .int(shipment.modifiableUntil.minutes), .int(shipment.departsAt.minutes), .int(kpiHour),
            ])
    }
}

extension Step {
    fileprivate static let prices = Step("prices")
    fileprivate static let stock = Step("stock")
    fileprivate static let reservations = Step("reservations")
}
