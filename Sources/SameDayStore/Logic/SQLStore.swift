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
                return .execute(sqls) { .done(true) }
            })
    }

    func setup() async throws -> StoredSetup? {
        var batch = Batch(
            .settings, SQL("SELECT key, value FROM settings WHERE key IN ('network_json', 'network_name')"))
        batch.add(
            .catalog,
            SQL(
                """
                SELECT sku, name, length_mm, width_mm, height_mm, weight_g, price_cents, temperature, seller
                FROM catalog ORDER BY position, sku
                """))
        return try await backend.read(
            .batch(batch) { results -> Script<StoredSetup?> in
                var settings: [String: String] = [:]
                for row in results[.settings] { settings[try row.text("key")] = try row.text("value") }
                guard let json = settings["network_json"] else { return .done(nil) }
                let items = try results[.catalog].map(CatalogItem.init(row:))
                return .done(
                    StoredSetup(
                        networkName: settings["network_name"] ?? "", networkJSON: json, catalog: Catalog(items: items)))
            })
    }

    // MARK: Orders

    func placeOrder(_ request: OrderRequest, engine: PromiseEngine, packer: Packer?) async throws -> PlacedOrder {
        guard (1...Limits.maxIdempotencyKeyBytes).contains(request.idempotencyKey.utf8.count) else {
            throw StoreError.invalidInput(
                "the idempotency key is \(request.idempotencyKey.utf8.count) bytes; it must be 1 to "
                    + "\(Limits.maxIdempotencyKeyBytes)")
        }
        guard request.customer.isWellFormed else {
            throw StoreError.invalidInput(
                "customer id \"\(request.customer)\" must be \(Identifiers.ruleDescription)")
        }
        let orderID = OrderID("o_" + Self.randomHex(bytes: 12))
        let dialect = self.dialect
        // 1. Claim the idempotency key. On PostgreSQL a concurrent request with the same key blocks here until
        //    this transaction ends, then finds the key taken (and the first answer committed).
        let claim = SQL(
            """
            INSERT INTO idempotency (customer, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (customer, idem_key) DO NOTHING RETURNING request_hash
            """,
            [
                .text(request.customer.rawValue), .text(request.idempotencyKey), .text(request.requestHash),
                .int(request.at.minutes),
            ])
        return try await backend.write(
            .query(claim) { claimed in
                guard !claimed.isEmpty else { return Self.replay(request) }
                // 2. Lock the stock rows of the order's SKUs, in the one lock order (no deadlocks with other
                //    orders, cancellations or the clock).
                var skus: [String] = []
                for line in request.lines where !skus.contains(line.sku.rawValue) { skus.append(line.sku.rawValue) }
                let lock = SQL(
                    "SELECT node, sku, on_hand, reserved FROM stock WHERE sku IN (\(SQL.placeholders(skus.count)))"
                        + StockLockOrder.orderBy(dialect) + dialect.forUpdate,
                    skus.map { .text($0) })
                var batch = Batch()
                batch.add(.stock, skus.isEmpty ? [] : [lock])
                return .batch(batch) { results in
                    let stock = try results[.stock].map(StockLevel.init(row:))
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
    private static func replay(_ request: OrderRequest) -> Script<PlacedOrder> {
        .query(
            SQL(
                "SELECT request_hash, response FROM idempotency WHERE customer = ? AND idem_key = ?",
                [.text(request.customer.rawValue), .text(request.idempotencyKey)])
        ) { rows in
            guard let row = rows.first, let response = try row.optionalText("response") else {
                throw StoreError.idempotencyKeyReused("idempotency key is in use by a request that did not finish")
            }
            guard try row.text("request_hash") == request.requestHash else {
                throw StoreError.idempotencyKeyReused(
                    "idempotency key \"\(request.idempotencyKey)\" was used for another request: use a new key for a new order"
                )
            }
            let order = try JSONDecoder().decode(Order.self, from: Data(response.utf8))
            return .done(PlacedOrder(order: order, replayed: true))
        }
    }

    /// Reserves the order's stock (conditional writes, as their own step: if one fails, nothing else is
    /// written), then records the order, its shipments, their containers and lines, the ledger and the answer.
    private static func recordOrder(_ order: Order, request: OrderRequest) throws -> Script<PlacedOrder> {
        let actor = "customer:\(order.customer.rawValue)"
        var reservations: [SQL] = []
        var reserved: [String] = []
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
                reserved.append("\(line.qty) of \(shipment.node)/\(line.sku)")
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
        var reserve = Batch()
        reserve.add(.reservations, reservations)
        let (described, recording) = (reserved, writes)
        return .batch(reserve) { results in
            // The stock rows are locked and were just read, so a reservation cannot fail; if one does, the whole
            // order rolls back rather than oversell.
            for (what, rows) in zip(described, results.each(.reservations)) where rows.isEmpty {
                throw StoreError.outOfStock("stock moved while placing the order (reserving \(what) failed)")
            }
            return .execute(recording) { .done(PlacedOrder(order: order, replayed: false)) }
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

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let b = UInt8.random(in: .min ... .max, using: &generator)
            return String(b >> 4, radix: 16) + String(b & 0xf, radix: 16)
        }.joined()
    }
}

extension Step {
    fileprivate static let settings = Step("settings")
    fileprivate static let catalog = Step("catalog")
    fileprivate static let stock = Step("stock")
    fileprivate static let reservations = Step("reservations")
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
