// The store's logic, written once over portable SQL and run by either backend (SQLite or PostgreSQL).

import Foundation
import SameDayCore

/// `Store` over any `SQLBackend`: every operation is one `Script`, run in one transaction.
final class SQLStore<Backend: SQLBackend>: Store {
    let backend: Backend
    var dialect: Dialect { backend.dialect }

    init(backend: Backend) {
        self.backend = backend
    }

    func run() async { await backend.run() }
    func migrate() async throws { try await backend.migrate() }
    func close() async throws { try await backend.close() }

    // MARK: Setup

    func importIfNew(_ data: ImportData, at: Instant) async throws -> Bool {
        // Claiming the `network_json` setting first makes two processes importing at once safe: the second
        // waits for the first and then finds the row taken.
        let claim = SQL(
            "INSERT INTO settings (key, value) VALUES ('network_json', ?) ON CONFLICT (key) DO NOTHING RETURNING key",
            [.text(data.networkJSON)])
        let dialect = self.dialect
        return try await backend.write(
            .query(claim) { claimed in
                guard !claimed.isEmpty else { return .done(false) }
                var sqls = [
                    SQL("INSERT INTO settings (key, value) VALUES ('network_name', ?)", [.text(data.network.name)]),
                    SQL("INSERT INTO settings (key, value) VALUES ('imported_at', ?)", [.text(String(at.minutes))]),
                ]
                sqls += SQL.insertMany(
                    "nodes", columns: ["id", "kind", "region"],
                    rows: data.network.nodes.map {
                        [.text($0.id.rawValue), .text($0.kind.rawValue), .text($0.region.rawValue)]
                    })
                sqls += SQL.insertMany(
                    "catalog",
                    columns: [
                        "sku", "name", "length_mm", "width_mm", "height_mm", "weight_g", "price_cents", "temperature",
                        "seller", "position",
                    ],
                    rows: data.catalog.items.enumerated().map { i, item in
                        [
                            .text(item.sku.rawValue), .text(item.name), .int(item.lengthMm), .int(item.widthMm),
                            .int(item.heightMm), .int(item.weightG), .int(item.priceCents),
                            .text(item.temperature.rawValue), item.seller.map { .text($0) } ?? .null, .int(i),
                        ]
                    })
                sqls += SQL.bulkInsert(
                    "stock", columns: ["node", "sku", "on_hand", "reserved"], dialect: dialect,
                    rows: data.inventory.entries.map {
                        [.text($0.node.rawValue), .text($0.sku.rawValue), .int($0.available), .int(0)]
                    })
                sqls += SQL.bulkInsert(
                    "ledger",
                    columns: [
                        "node", "sku", "kind", "on_hand_delta", "reserved_delta", "actor", "reason", "at_minute",
                    ], dialect: dialect,
                    rows: data.inventory.entries.filter { $0.available != 0 }.map {
                        [
                            .text($0.node.rawValue), .text($0.sku.rawValue), .text(LedgerKind.receipt.rawValue),
                            .int($0.available), .int(0), .text("import"), .text("initial inventory"), .int(at.minutes),
                        ]
                    })
                return .run(sqls) { _ in .done(true) }
            })
    }

    func setup() async throws -> StoredSetup? {
        try await backend.read(
            .queries([
                SQL("SELECT key, value FROM settings WHERE key IN ('network_json', 'network_name')"),
                SQL(
                    """
                    SELECT sku, name, length_mm, width_mm, height_mm, weight_g, price_cents, temperature, seller
                    FROM catalog ORDER BY position, sku
                    """),
            ]) { results in
                var settings: [String: String] = [:]
                for row in results[0] { settings[try row.text(0)] = try row.text(1) }
                guard let json = settings["network_json"] else { return .done(nil) }
                let items = try results[1].map { row in
                    CatalogItem(
                        sku: SKU(try row.text(0)), name: try row.text(1), lengthMm: try row.int(2),
                        widthMm: try row.int(3), heightMm: try row.int(4), weightG: try row.int(5),
                        priceCents: try row.int(6), temperature: Temperature(rawValue: try row.text(7)) ?? .ambient,
                        seller: try row.optionalText(8))
                }
                return .done(
                    StoredSetup(
                        networkName: settings["network_name"] ?? "", networkJSON: json, catalog: Catalog(items: items)))
            })
    }

    // MARK: Orders

    func placeOrder(_ request: OrderRequest, engine: PromiseEngine, packer: Packer?) async throws -> Order {
        guard (1...200).contains(request.idempotencyKey.count) else {
            throw StoreError.invalidInput("the idempotency key must be 1 to 200 characters")
        }
        guard request.customer.isWellFormed else {
            throw StoreError.invalidInput("customer id \"\(request.customer)\" must match [A-Za-z0-9._-]{1,64}")
        }
        let orderID = OrderID("o_" + Self.randomHex(bytes: 12))
        let dialect = self.dialect
        // 1. Claim the idempotency key. On PostgreSQL a concurrent request with the same key blocks here until
        //    this transaction ends, then finds the key taken (and the first answer committed).
        let claim = SQL(
            """
            INSERT INTO idempotency (customer, idem_key, request_hash) VALUES (?, ?, ?)
            ON CONFLICT (customer, idem_key) DO NOTHING RETURNING request_hash
            """,
            [.text(request.customer.rawValue), .text(request.idempotencyKey), .text(request.requestHash)])
        return try await backend.write(
            .query(claim) { claimed in
                guard !claimed.isEmpty else { return Self.replay(request) }
                // 2. Lock the stock rows of the order's SKUs, in a fixed order (no deadlocks between orders).
                var skus: [String] = []
                for line in request.lines where !skus.contains(line.sku.rawValue) { skus.append(line.sku.rawValue) }
                let lock = SQL(
                    "SELECT node, sku, on_hand, reserved FROM stock WHERE sku IN (\(SQL.placeholders(skus.count)))"
                        + " ORDER BY node, sku" + dialect.forUpdate,
                    skus.map { .text($0) })
                return .queries(skus.isEmpty ? [] : [lock]) { results in
                    let stock = try (results.first ?? []).map { row in
                        StockLevel(
                            node: NodeID(try row.text(0)), sku: SKU(try row.text(1)), onHand: try row.int(2),
                            reserved: try row.int(3))
                    }
                    // 3. Plan over the stock as it is now, inside the transaction (Core's one order path: promise,
                    //    then each shipment packed).
                    let placement: OrderPlacement
                    do throws(PromiseError) {
                        placement = try OrderPlanner(engine: engine, packer: packer).place(
                            zip: request.zip, at: request.at, lines: request.lines,
                            stock: StockSnapshot(
                                stock.map { StockEntry(node: $0.node, sku: $0.sku, available: $0.available) }))
                    } catch {
                        throw StoreError.invalidOrder(error)
                    }
                    guard case .placed(let placed) = placement else {
                        throw Self.unavailable(placement.promise, request: request, stock: stock)
                    }
                    if let promised = request.promisedDeliverBy, placed.deliverBy > promised {
                        throw StoreError.promiseChanged(
                            ChangedPromise(promisedDeliverBy: promised, promise: placed.promise))
                    }
                    // 4. Reserve (conditional writes), record the order, its shipments, the ledger, the answer.
                    let order = Order(
                        id: orderID, customer: request.customer, zip: request.zip, status: .placed,
                        placedAt: request.at,
                        deliverBy: placed.deliverBy, orderBy: placed.orderBy, speed: placed.speed.rawValue,
                        shipments: placed.shipments.enumerated().map { i, planned in
                            Shipment(
                                id: ShipmentID("\(orderID.rawValue)-\(i + 1)"), node: planned.node, status: .placed,
                                deliverBy: planned.deliverBy, orderBy: planned.orderBy,
                                modifiableUntil: planned.modifiableUntil, departsAt: planned.departsAt,
                                lines: planned.lines,
                                containers: planned.containers.map(Self.container))
                        })
                    return try Self.recordOrder(order, request: request)
                }
            })
    }

    /// Packs a shipment's lines into containers with Core's `ShipmentContainers.pack` (the one packing of placed
    /// shipments, shared with the day simulator): what a shipment records when it is placed, and again whenever
    /// its lines change (`containerWrites` with `replacing: true`). Packing never fails.
    static func pack(_ lines: [OrderLine], catalog: Catalog, packer: Packer) -> [ShipmentContainer] {
        ShipmentContainers.pack(lines, catalog: catalog, packer: packer).map(container)
    }

    /// A packed container as the store keeps it.
    static func container(_ packed: PlacedContainer) -> ShipmentContainer {
        ShipmentContainer(box: packed.box, units: packed.units, weightG: packed.weightG, placements: packed.placements)
    }

    /// The statements that record `shipment`'s containers; with `replacing`, its previous containers are
    /// deleted first (a repack after its lines changed, in the transaction that changes them).
    static func containerWrites(_ shipment: Shipment, replacing: Bool = false) throws -> [SQL] {
        var writes: [SQL] = []
        if replacing {
            writes.append(
                SQL("DELETE FROM shipment_containers WHERE shipment_id = ?", [.text(shipment.id.rawValue)]))
        }
        let encoder = JSONEncoder()
        let rows: [[SQLValue]] = try shipment.containers.enumerated().map { i, container in
            [
                .text(shipment.id.rawValue), .int(i + 1), container.box.map { .text($0.rawValue) } ?? .null,
                .int(container.units), .int(container.weightG),
                .text(String(decoding: try encoder.encode(PlacementList(container.placements)), as: UTF8.self)),
            ]
        }
        writes += SQL.insertMany(
            "shipment_containers", columns: ["shipment_id", "position", "box", "units", "weight_g", "placements"],
            rows: rows)
        return writes
    }

    /// The answer to a request whose idempotency key is already taken.
    private static func replay(_ request: OrderRequest) -> Script<Order> {
        .query(
            SQL(
                "SELECT request_hash, response FROM idempotency WHERE customer = ? AND idem_key = ?",
                [.text(request.customer.rawValue), .text(request.idempotencyKey)])
        ) { rows in
            guard let row = rows.first, let response = try row.optionalText(1) else {
                throw StoreError.idempotencyKeyReused("idempotency key is in use by a request that did not finish")
            }
            guard try row.text(0) == request.requestHash else {
                throw StoreError.idempotencyKeyReused(
                    "idempotency key \"\(request.idempotencyKey)\" was used for another request: use a new key for a new order"
                )
            }
            return .done(try JSONDecoder().decode(Order.self, from: Data(response.utf8)))
        }
    }

    private static func recordOrder(_ order: Order, request: OrderRequest) throws -> Script<Order> {
        let actor = "customer:\(order.customer.rawValue)"
        var reservations: [SQL] = []
        var writes: [SQL] = [
            SQL(
                """
                INSERT INTO orders (id, customer, zip, status, placed_at, deliver_by, order_by, speed)
                VALUES (?, ?, ?, 'placed', ?, ?, ?, ?)
                """,
                [
                    .text(order.id.rawValue), .text(order.customer.rawValue), .text(order.zip.rawValue),
                    .int(order.placedAt.minutes), .int(order.deliverBy.minutes), .int(order.orderBy.minutes),
                    order.speed.map { .text($0) } ?? .null,
                ])
        ]
        for (position, shipment) in order.shipments.enumerated() {
            writes.append(
                SQL(
                    """
                    INSERT INTO shipments (id, order_id, position, node, status, deliver_by, order_by, modifiable_until,
                        departs_at)
                    VALUES (?, ?, ?, ?, 'placed', ?, ?, ?, ?)
                    """,
                    [
                        .text(shipment.id.rawValue), .text(order.id.rawValue), .int(position + 1),
                        .text(shipment.node.rawValue), .int(shipment.deliverBy.minutes), .int(shipment.orderBy.minutes),
                        .int(shipment.modifiableUntil.minutes), .int(shipment.departsAt.minutes),
                    ]))
            writes += try containerWrites(shipment)
            for (index, line) in shipment.lines.enumerated() {
                reservations.append(
                    SQL(
                        """
                        UPDATE stock SET reserved = reserved + ? WHERE node = ? AND sku = ? AND on_hand - reserved >= ?
                        RETURNING reserved
                        """,
                        [.int(line.qty), .text(shipment.node.rawValue), .text(line.sku.rawValue), .int(line.qty)]))
                writes.append(
                    SQL(
                        "INSERT INTO shipment_lines (shipment_id, line, sku, qty) VALUES (?, ?, ?, ?)",
                        [.text(shipment.id.rawValue), .int(index + 1), .text(line.sku.rawValue), .int(line.qty)]))
                writes.append(
                    ledgerRow(
                        node: shipment.node, sku: line.sku, kind: .reservation, onHand: 0, reserved: line.qty,
                        actor: actor, reason: "order \(order.id.rawValue)", at: order.placedAt, order: order.id))
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
        let reservationCount = reservations.count
        return .run(reservations + writes) { results in
            // The stock rows are locked and were just read, so a reservation cannot fail; if one does, the whole
            // order rolls back rather than oversell.
            for (i, rows) in results.prefix(reservationCount).enumerated() where rows.isEmpty {
                throw StoreError.outOfStock("stock moved while placing the order (reservation \(i + 1) failed)")
            }
            return .done(order)
        }
    }

    /// The error for a promise that is not available: out of stock, or not deliverable.
    private static func unavailable(_ promise: Promise, request: OrderRequest, stock: [StockLevel]) -> StoreError {
        var outOfStock: [String] = []
        var notDeliverable: [String] = []
        for line in promise.unavailable {
            let sku = line.sku
            let qty = request.lines.first { $0.sku == sku }?.qty ?? 0
            switch line.reason {
            case .outOfStock:
                let best = stock.filter { $0.sku == sku }.map(\.available).max() ?? 0
                outOfStock.append("SKU \(sku): \(qty) requested, at most \(max(best, 0)) available at any one node")
            case .notDeliverable:
                notDeliverable.append("SKU \(sku): no node that holds it can deliver to ZIP \(request.zip)")
            }
        }
        if !outOfStock.isEmpty { return .outOfStock((outOfStock + notDeliverable).joined(separator: "; ")) }
        return .notDeliverable(notDeliverable.joined(separator: "; "))
    }

    func cancelOrder(_ id: OrderID, customer: CustomerID?, at: Instant, actor: String) async throws -> Order {
        let dialect = self.dialect
        let find = Self.scoped(
            "SELECT id, status FROM orders WHERE id = ?", id: id, customer: customer, suffix: dialect.forUpdate)
        return try await backend.write(
            .query(find) { rows in
                guard let row = rows.first else { throw StoreError.notFound("no order \(id)") }
                if try row.text(1) == "cancelled" { return Self.loadOrder(id, customer: customer) }
                let shipments = SQL(
                    "SELECT id, node, status, modifiable_until FROM shipments WHERE order_id = ? ORDER BY position"
                        + dialect.forUpdate, [.text(id.rawValue)])
                let lines = SQL(
                    """
                    SELECT s.node, l.sku, l.qty FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
                    WHERE s.order_id = ? ORDER BY s.node, l.sku
                    """, [.text(id.rawValue)])
                return .queries([shipments, lines]) { results in
                    for shipment in results[0] {
                        let status = try shipment.text(2)
                        let until = Instant(minutes: try shipment.int(3))
                        if status != ShipmentStatus.placed.rawValue || at >= until {
                            throw StoreError.tooLate(
                                "shipment \(try shipment.text(0)) from node \(try shipment.text(1)) is being picked "
                                    + "since \(until): the order can no longer be cancelled")
                        }
                    }
                    var writes: [SQL] = []
                    for line in results[1] {
                        let node = NodeID(try line.text(0))
                        let sku = SKU(try line.text(1))
                        let qty = try line.int(2)
                        writes.append(
                            SQL(
                                "UPDATE stock SET reserved = reserved - ? WHERE node = ? AND sku = ? AND reserved >= ? RETURNING reserved",
                                [.int(qty), .text(node.rawValue), .text(sku.rawValue), .int(qty)]))
                        writes.append(
                            Self.ledgerRow(
                                node: node, sku: sku, kind: .release, onHand: 0, reserved: -qty, actor: actor,
                                reason: "order \(id.rawValue) cancelled", at: at, order: id))
                    }
                    writes.append(
                        SQL("UPDATE shipments SET status = 'cancelled' WHERE order_id = ?", [.text(id.rawValue)]))
                    writes.append(
                        SQL(
                            "UPDATE orders SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
                            [.int(at.minutes), .text(id.rawValue)]))
                    let releases = writes.count - 2
                    return .run(writes) { results in
                        for (i, rows) in results.enumerated() where i % 2 == 0 && i < releases && rows.isEmpty {
                            throw StoreError.invalidInput(
                                "order \(id) holds less stock than its lines: run sameday check")
                        }
                        return Self.loadOrder(id, customer: customer)
                    }
                }
            })
    }

    func order(_ id: OrderID, customer: CustomerID?) async throws -> Order {
        try await backend.read(Self.loadOrder(id, customer: customer))
    }

    func orders(customer: CustomerID, limit: Int, after: OrderID?) async throws -> OrderPage {
        guard (1...1000).contains(limit) else {
            throw StoreError.invalidInput("limit \(limit) is out of range: use 1 to 1000")
        }
        let cursor = after.map {
            SQL("SELECT seq FROM orders WHERE id = ? AND customer = ?", [.text($0.rawValue), .text(customer.rawValue)])
        }
        return try await backend.read(
            .queries(cursor.map { [$0] } ?? []) { results in
                var page = SQL("SELECT id FROM orders WHERE customer = ?", [.text(customer.rawValue)])
                if let after {
                    guard let row = results[0].first else {
                        throw StoreError.notFound("no order \(after) to page after")
                    }
                    page.text += " AND seq < ?"
                    page.values.append(.int(try row.int(0)))
                }
                page.text += " ORDER BY seq DESC LIMIT ?"
                page.values.append(.int(limit + 1))
                return .query(page) { rows in
                    let ids = try rows.prefix(limit).map { OrderID(try $0.text(0)) }
                    let next = rows.count > limit ? ids.last : nil
                    return Self.loadOrders(ids) { orders in .done(OrderPage(orders: orders, next: next)) }
                }
            })
    }

    /// Reads one order (scoped to `customer` when given), or throws `notFound`.
    static func loadOrder(_ id: OrderID, customer: CustomerID?) -> Script<Order> {
        .query(scoped("SELECT id FROM orders WHERE id = ?", id: id, customer: customer, suffix: "")) { rows in
            guard !rows.isEmpty else { throw StoreError.notFound("no order \(id)") }
            return loadOrders([id]) { orders in
                guard let order = orders.first else { throw StoreError.notFound("no order \(id)") }
                return .done(order)
            }
        }
    }

    /// Reads orders with their shipments and lines, in the order of `ids`.
    static func loadOrders<R>(_ ids: [OrderID], then next: @escaping @Sendable ([Order]) throws -> Script<R>)
        -> Script<R>
    {
        guard !ids.isEmpty else { return .run([]) { _ in try next([]) } }
        let list = SQL.placeholders(ids.count)
        let values = ids.map { SQLValue.text($0.rawValue) }
        return .queries([
            SQL(
                "SELECT id, customer, zip, status, placed_at, deliver_by, order_by, speed FROM orders WHERE id IN (\(list))",
                values),
            SQL(
                """
                SELECT id, order_id, node, status, deliver_by, order_by, modifiable_until, departs_at FROM shipments
                WHERE order_id IN (\(list)) ORDER BY order_id, position
                """, values),
            SQL(
                """
                SELECT l.shipment_id, l.sku, l.qty FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
                WHERE s.order_id IN (\(list)) ORDER BY l.shipment_id, l.line
                """, values),
            SQL(
                """
                SELECT c.shipment_id, c.box, c.units, c.weight_g, c.placements FROM shipment_containers c
                JOIN shipments s ON s.id = c.shipment_id WHERE s.order_id IN (\(list))
                ORDER BY c.shipment_id, c.position
                """, values),
        ]) { results in
            var lines: [String: [OrderLine]] = [:]
            for row in results[2] {
                lines[try row.text(0), default: []].append(OrderLine(sku: SKU(try row.text(1)), qty: try row.int(2)))
            }
            var containers: [String: [ShipmentContainer]] = [:]
            let decoder = JSONDecoder()
            for row in results[3] {
                containers[try row.text(0), default: []].append(
                    ShipmentContainer(
                        box: try row.optionalText(1).map(ContainerID.init), units: try row.int(2),
                        weightG: try row.int(3),
                        placements: try decoder.decode(PlacementList.self, from: Data(try row.text(4).utf8)).placements
                    ))
            }
            var shipments: [String: [Shipment]] = [:]
            for row in results[1] {
                let id = try row.text(0)
                shipments[try row.text(1), default: []].append(
                    Shipment(
                        id: ShipmentID(id), node: NodeID(try row.text(2)),
                        status: ShipmentStatus(rawValue: try row.text(3)) ?? .placed,
                        deliverBy: Instant(minutes: try row.int(4)), orderBy: Instant(minutes: try row.int(5)),
                        modifiableUntil: Instant(minutes: try row.int(6)), departsAt: Instant(minutes: try row.int(7)),
                        lines: lines[id] ?? [], containers: containers[id] ?? []))
            }
            var byID: [String: Order] = [:]
            for row in results[0] {
                let id = try row.text(0)
                let own = shipments[id] ?? []
                let status: OrderStatus =
                    try row.text(3) == "cancelled" ? .cancelled : (own.map(\.status).min() ?? .placed)
                byID[id] = Order(
                    id: OrderID(id), customer: CustomerID(try row.text(1)), zip: ZIP(try row.text(2)), status: status,
                    placedAt: Instant(minutes: try row.int(4)), deliverBy: Instant(minutes: try row.int(5)),
                    orderBy: Instant(minutes: try row.int(6)), speed: try row.optionalText(7), shipments: own)
            }
            return try next(ids.compactMap { byID[$0.rawValue] })
        }
    }

    private static func scoped(_ text: String, id: OrderID, customer: CustomerID?, suffix: String) -> SQL {
        var sql = SQL(text, [.text(id.rawValue)])
        if let customer {
            sql.text += " AND customer = ?"
            sql.values.append(.text(customer.rawValue))
        }
        sql.text += suffix
        return sql
    }

    // MARK: The clock

    func advance(to now: Instant) async throws -> AdvanceReport {
        let picking = SQL(
            "UPDATE shipments SET status = 'picking' WHERE status = 'placed' AND modifiable_until <= ? RETURNING id",
            [.int(now.minutes)])
        // Taking the shipments first (row locks on PostgreSQL) makes two processes advancing at once ship each
        // shipment once: the second finds its status already changed.
        let shipping = SQL(
            """
            UPDATE shipments SET status = 'shipped' WHERE status IN ('placed', 'picking') AND departs_at <= ?
            RETURNING id, order_id, node
            """, [.int(now.minutes)])
        let delivering = SQL(
            "UPDATE shipments SET status = 'delivered' WHERE status = 'shipped' AND deliver_by <= ? RETURNING id",
            [.int(now.minutes)])
        return try await backend.write(
            .queries([picking, shipping]) { results in
                let picked = results[0].count
                let shipped = try results[1].map { row in
                    (id: try row.text(0), order: try row.text(1), node: try row.text(2))
                }
                let lineQueries = stride(from: 0, to: shipped.count, by: 500).map { start in
                    let chunk = shipped[start..<min(start + 500, shipped.count)]
                    return SQL(
                        "SELECT shipment_id, sku, qty FROM shipment_lines WHERE shipment_id IN (\(SQL.placeholders(chunk.count)))",
                        chunk.map { .text($0.id) })
                }
                return .queries(lineQueries) { lineResults in
                    let shipments = Dictionary(uniqueKeysWithValues: shipped.map { ($0.id, $0) })
                    var total: [String: (node: String, sku: String, qty: Int)] = [:]
                    var ledger: [SQL] = []
                    for row in lineResults.joined() {
                        guard let shipment = shipments[try row.text(0)] else { continue }
                        let sku = try row.text(1)
                        let qty = try row.int(2)
                        total["\(shipment.node)\u{0}\(sku)", default: (shipment.node, sku, 0)].qty += qty
                        ledger.append(
                            Self.ledgerRow(
                                node: NodeID(shipment.node), sku: SKU(sku), kind: .shipment, onHand: -qty,
                                reserved: -qty,
                                actor: "clock", reason: "shipment \(shipment.id) departed", at: now,
                                order: OrderID(shipment.order)))
                    }
                    // Stock rows in a fixed order, as placing orders takes them.
                    let updates = total.values.sorted { ($0.node, $0.sku) < ($1.node, $1.sku) }.map {
                        SQL(
                            """
                            UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ?
                            WHERE node = ? AND sku = ? AND reserved >= ? RETURNING reserved
                            """, [.int($0.qty), .int($0.qty), .text($0.node), .text($0.sku), .int($0.qty)])
                    }
                    return .run(updates + ledger + [delivering]) { results in
                        for (i, rows) in results.prefix(updates.count).enumerated() where rows.isEmpty {
                            throw StoreError.invalidInput(
                                "shipping needs more reserved stock than there is (\(updates[i].values)): run sameday check"
                            )
                        }
                        return .done(
                            AdvanceReport(picking: picked, shipped: shipped.count, delivered: results.last?.count ?? 0))
                    }
                }
            })
    }

    // MARK: Stock

    func stock(sku: SKU) async throws -> [StockLevel] {
        try await backend.read(
            .queries([
                SQL("SELECT sku FROM catalog WHERE sku = ?", [.text(sku.rawValue)]),
                SQL(
                    "SELECT node, sku, on_hand, reserved FROM stock WHERE sku = ? ORDER BY node", [.text(sku.rawValue)]),
            ]) { results in
                guard !results[0].isEmpty else { throw StoreError.unknownSKU(sku) }
                return .done(try results[1].map(Self.stockLevel))
            })
    }

    func stock(node: NodeID) async throws -> [StockLevel] {
        try await backend.read(
            .queries([
                SQL("SELECT id FROM nodes WHERE id = ?", [.text(node.rawValue)]),
                SQL(
                    "SELECT node, sku, on_hand, reserved FROM stock WHERE node = ? ORDER BY sku", [.text(node.rawValue)]
                ),
            ]) { results in
                guard !results[0].isEmpty else { throw StoreError.unknownNode(node) }
                return .done(try results[1].map(Self.stockLevel))
            })
    }

    func stockSnapshot(skus: [SKU]?) async throws -> [StockEntry] {
        var sql = SQL("SELECT node, sku, on_hand - reserved FROM stock")
        if let skus {
            guard !skus.isEmpty else { return [] }
            sql.text += " WHERE sku IN (\(SQL.placeholders(skus.count)))"
            sql.values = skus.map { .text($0.rawValue) }
        }
        sql.text += " ORDER BY sku, node"
        return try await backend.read(
            .query(sql) { rows in
                .done(
                    try rows.map {
                        StockEntry(node: NodeID(try $0.text(0)), sku: SKU(try $0.text(1)), available: try $0.int(2))
                    })
            })
    }

    /// The largest quantity one receipt or adjustment may move: larger is a typing mistake, not a delivery.
    static var maximumMovement: Int { 1_000_000_000 }

    func receive(node: NodeID, sku: SKU, qty: Int, actor: String, reason: String, at: Instant) async throws
        -> StockLevel
    {
        guard (1...Self.maximumMovement).contains(qty) else {
            throw StoreError.invalidInput("qty \(qty) is out of range: a receipt is 1 to \(Self.maximumMovement) units")
        }
        return try await backend.write(
            Self.validateStockKey(node: node, sku: sku) {
                .run([
                    SQL(
                        """
                        INSERT INTO stock (node, sku, on_hand, reserved) VALUES (?, ?, ?, 0)
                        ON CONFLICT (node, sku) DO UPDATE SET on_hand = stock.on_hand + excluded.on_hand
                        RETURNING node, sku, on_hand, reserved
                        """, [.text(node.rawValue), .text(sku.rawValue), .int(qty)]),
                    Self.ledgerRow(
                        node: node, sku: sku, kind: .receipt, onHand: qty, reserved: 0, actor: actor, reason: reason,
                        at: at, order: nil),
                ]) { results in
                    guard let row = results[0].first else { throw StoreError.unknownNode(node) }
                    return .done(try Self.stockLevel(row))
                }
            })
    }

    func adjust(node: NodeID, sku: SKU, delta: Int, actor: String, reason: String, at: Instant) async throws
        -> StockLevel
    {
        guard delta != 0, abs(delta) <= Self.maximumMovement else {
            throw StoreError.invalidInput(
                "delta \(delta) is out of range: an adjustment is -\(Self.maximumMovement) to \(Self.maximumMovement), not 0"
            )
        }
        let dialect = self.dialect
        return try await backend.write(
            Self.validateStockKey(node: node, sku: sku) {
                .query(
                    SQL(
                        "SELECT node, sku, on_hand, reserved FROM stock WHERE node = ? AND sku = ?" + dialect.forUpdate,
                        [.text(node.rawValue), .text(sku.rawValue)])
                ) { rows in
                    let current =
                        try rows.first.map(Self.stockLevel) ?? StockLevel(node: node, sku: sku, onHand: 0, reserved: 0)
                    guard current.onHand + delta >= current.reserved else {
                        throw StoreError.wouldGoNegative(
                            "node \(node) SKU \(sku): on hand \(current.onHand) \(delta < 0 ? "-" : "+") \(abs(delta)) = "
                                + "\(current.onHand + delta) is below the \(current.reserved) units reserved for open orders"
                        )
                    }
                    let write =
                        rows.isEmpty
                        ? SQL(
                            "INSERT INTO stock (node, sku, on_hand, reserved) VALUES (?, ?, ?, 0) RETURNING node, sku, on_hand, reserved",
                            [.text(node.rawValue), .text(sku.rawValue), .int(delta)])
                        : SQL(
                            """
                            UPDATE stock SET on_hand = on_hand + ? WHERE node = ? AND sku = ? AND on_hand + ? >= reserved
                            RETURNING node, sku, on_hand, reserved
                            """, [.int(delta), .text(node.rawValue), .text(sku.rawValue), .int(delta)])
                    return .run([
                        write,
                        Self.ledgerRow(
                            node: node, sku: sku, kind: .adjustment, onHand: delta, reserved: 0, actor: actor,
                            reason: reason, at: at, order: nil),
                    ]) { results in
                        guard let row = results[0].first else {
                            throw StoreError.wouldGoNegative(
                                "node \(node) SKU \(sku): on hand would fall below reserved")
                        }
                        return .done(try Self.stockLevel(row))
                    }
                }
            })
    }

    /// Checks that `node` is a shipping node and `sku` is in the catalog, then continues.
    private static func validateStockKey<R>(
        node: NodeID, sku: SKU, then next: @escaping @Sendable () throws -> Script<R>
    )
        -> Script<R>
    {
        .queries([
            SQL("SELECT kind FROM nodes WHERE id = ?", [.text(node.rawValue)]),
            SQL("SELECT sku FROM catalog WHERE sku = ?", [.text(sku.rawValue)]),
        ]) { results in
            guard let kind = try results[0].first?.text(0), kind != NodeKind.deliveryStation.rawValue else {
                throw StoreError.unknownNode(node)
            }
            guard !results[1].isEmpty else { throw StoreError.unknownSKU(sku) }
            return try next()
        }
    }

    func ledger(node: NodeID?, sku: SKU?, afterID: Int?, limit: Int) async throws -> [LedgerEntry] {
        guard (1...10_000).contains(limit) else {
            throw StoreError.invalidInput("limit \(limit) is out of range: use 1 to 10000")
        }
        var sql = SQL(
            """
            SELECT id, node, sku, kind, on_hand_delta, reserved_delta, actor, reason, at_minute, order_id FROM ledger
            WHERE id > ?
            """, [.int(afterID ?? 0)])
        if let node {
            sql.text += " AND node = ?"
            sql.values.append(.text(node.rawValue))
        }
        if let sku {
            sql.text += " AND sku = ?"
            sql.values.append(.text(sku.rawValue))
        }
        sql.text += " ORDER BY id LIMIT ?"
        sql.values.append(.int(limit))
        return try await backend.read(
            .query(sql) { rows in
                .done(
                    try rows.map { row in
                        LedgerEntry(
                            id: try row.int(0), node: NodeID(try row.text(1)), sku: SKU(try row.text(2)),
                            kind: LedgerKind(rawValue: try row.text(3)) ?? .adjustment, onHandDelta: try row.int(4),
                            reservedDelta: try row.int(5), actor: try row.text(6), reason: try row.text(7),
                            at: Instant(minutes: try row.int(8)), order: try row.optionalText(9).map(OrderID.init))
                    })
            })
    }

    // MARK: Keys

    func createAPIKey(role: Role, customer: CustomerID?, seller: SellerID?, at: Instant) async throws
        -> (key: String, record: APIKey)
    {
        switch role {
        case .customer:
            guard let customer, customer.isWellFormed, seller == nil else {
                throw StoreError.invalidInput(
                    "a customer key needs a well-formed customer id ([A-Za-z0-9._-]{1,64}) and no seller")
            }
        case .seller:
            guard let seller, seller.isWellFormed, customer == nil else {
                throw StoreError.invalidInput(
                    "a seller key needs a well-formed seller id ([A-Za-z0-9._-]{1,64}) and no customer")
            }
        case .operator:
            guard customer == nil, seller == nil else {
                throw StoreError.invalidInput("an operator key acts for no customer and no seller")
            }
        }
        let key = APIKeys.generate()
        let record = APIKey(hash: APIKeys.hash(key), role: role, customer: customer, seller: seller, createdAt: at)
        return try await backend.write(
            .query(
                SQL(
                    "INSERT INTO api_keys (hash, role, customer, seller, created_at) VALUES (?, ?, ?, ?, ?)",
                    [
                        .text(record.hash), .text(role.rawValue), customer.map { .text($0.rawValue) } ?? .null,
                        seller.map { .text($0.rawValue) } ?? .null, .int(at.minutes),
                    ])
            ) { _ in .done((key, record)) })
    }

    func apiKey(matching key: String) async throws -> APIKey? {
        try await backend.read(
            .query(
                SQL(
                    "SELECT hash, role, customer, seller, created_at FROM api_keys WHERE hash = ?",
                    [.text(APIKeys.hash(key))])
            ) { rows in
                guard let row = rows.first, let role = Role(rawValue: try row.text(1)) else { return .done(nil) }
                return .done(
                    APIKey(
                        hash: try row.text(0), role: role, customer: try row.optionalText(2).map(CustomerID.init),
                        seller: try row.optionalText(3).map(SellerID.init), createdAt: Instant(minutes: try row.int(4)))
                )
            })
    }

    // MARK: Helpers

    static func ledgerRow(
        node: NodeID, sku: SKU, kind: LedgerKind, onHand: Int, reserved: Int, actor: String, reason: String,
        at: Instant, order: OrderID?
    ) -> SQL {
        SQL(
            """
            INSERT INTO ledger (node, sku, kind, on_hand_delta, reserved_delta, actor, reason, at_minute, order_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(node.rawValue), .text(sku.rawValue), .text(kind.rawValue), .int(onHand), .int(reserved),
                .text(actor), .text(reason), .int(at.minutes), order.map { .text($0.rawValue) } ?? .null,
            ])
    }

    static func stockLevel(_ row: SQLRow) throws -> StockLevel {
        StockLevel(
            node: NodeID(try row.text(0)), sku: SKU(try row.text(1)), onHand: try row.int(2), reserved: try row.int(3))
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let b = UInt8.random(in: .min ... .max, using: &generator)
            return String(b >> 4, radix: 16) + String(b & 0xf, radix: 16)
        }.joined()
    }
}

extension SQL {
    /// Inserts many rows of integers and non-null text: on PostgreSQL one `unnest` of arrays per 10,000 rows
    /// (a few statements for the ~100,000 stock rows of the bundled data), on SQLite multi-row INSERTs.
    static func bulkInsert(_ table: String, columns: [String], dialect: Dialect, rows: [[SQLValue]]) -> [SQL] {
        guard dialect == .postgres, let first = rows.first else {
            return insertMany(table, columns: columns, rows: rows)
        }
        return stride(from: 0, to: rows.count, by: 10_000).map { start in
            let chunk = rows[start..<min(start + 10_000, rows.count)]
            var arrays: [SQLValue] = []
            var casts: [String] = []
            for (i, value) in first.enumerated() {
                if case .int = value {
                    arrays.append(.intArray(chunk.map { if case .int(let v) = $0[i] { v } else { 0 } }))
                    casts.append("?::bigint[]")
                } else {
                    arrays.append(.textArray(chunk.map { if case .text(let v) = $0[i] { v } else { "" } }))
                    casts.append("?::text[]")
                }
            }
            return SQL(
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT * FROM unnest(\(casts.joined(separator: ", ")))",
                arrays)
        }
    }

    /// Multi-row INSERTs of at most 100 rows each (fewer round trips when importing).
    static func insertMany(_ table: String, columns: [String], rows: [[SQLValue]]) -> [SQL] {
        stride(from: 0, to: rows.count, by: 100).map { start in
            let chunk = rows[start..<min(start + 100, rows.count)]
            let row = "(" + placeholders(columns.count) + ")"
            return SQL(
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                    + Array(repeating: row, count: chunk.count).joined(separator: ", "),
                Array(chunk.joined()))
        }
    }
}
