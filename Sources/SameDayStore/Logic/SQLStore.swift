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
                // Each SKU's import price is the first point of its price history.
                sqls += SQL.bulkInsert(
                    "price_history", columns: ["sku", "price_cents", "at_minute", "actor"], dialect: dialect,
                    rows: data.catalog.items.map {
                        [.text($0.sku.rawValue), .int($0.priceCents), .int(at.minutes), .text("import")]
                    })
                sqls += SQL.bulkInsert(
                    "stock", columns: ["node", "sku", "on_hand", "reserved"], dialect: dialect,
                    rows: data.inventory.entries.map {
                        [.text($0.node.rawValue), .text($0.sku.rawValue), .int($0.available), .int(0)]
                    })
                // The initial receipts take `seq` 0: they are in the stock every process loads at start, before the
                // feed position it then follows (`Schema.ledger`).
                sqls += SQL.bulkInsert(
                    "ledger",
                    columns: [
                        "node", "sku", "kind", "on_hand_delta", "reserved_delta", "actor", "reason", "at_minute",
                        "seq",
                    ], dialect: dialect,
                    rows: data.inventory.entries.filter { $0.available != 0 }.map {
                        [
                            .text($0.node.rawValue), .text($0.sku.rawValue), .text(LedgerKind.receipt.rawValue),
                            .int($0.available), .int(0), .text("import"), .text("initial inventory"), .int(at.minutes),
                            .int(0),
                        ]
                    })
                return .execute(sqls) { .done(true) }
            })
    }

    /// Catalog rows read per query at start (`setup`): a ten-million-SKU catalog is read in pages, never as one
    /// result set of generic rows held in memory at once.
    static var catalogPage: Int { 100_000 }

    func setup() async throws -> StoredSetup? { try await setup(catalogPage: Self.catalogPage) }

    /// `setup()`, reading the catalog `catalogPage` rows at a time.
    func setup(catalogPage: Int) async throws -> StoredSetup? {
        let settingsSQL = SQL("SELECT key, value FROM settings WHERE key IN ('network_json', 'network_name')")
        let settings = try await backend.read(
            .query(settingsSQL) { rows in
                var settings: [String: String] = [:]
                for row in rows { settings[try row.text("key")] = try row.text("value") }
                return .done(settings)
            })
        guard let json = settings["network_json"] else { return nil }
        let count = try await backend.read(
            .query(SQL("SELECT count(*) AS n FROM catalog")) { .done(try $0.first?.int("n") ?? 0) })
        // Room for every item once a first page shows how long ids and names are.
        var catalog = Catalog(minimumCapacity: min(count, catalogPage))
        try await catalogPages(
            columns: "sku, name, length_mm, width_mm, height_mm, weight_g, price_cents, temperature, seller",
            pageSize: catalogPage, read: { try CatalogItem(row: $0) },
            each: {
                catalog.append($0)
                if catalog.count == catalogPage && count > catalogPage { catalog.reserveCapacity(count) }
            })
        return StoredSetup(networkName: settings["network_name"] ?? "", networkJSON: json, catalog: catalog)
    }

    /// Reads the catalog table in keyset pages of `pageSize` rows in (position, sku) order, the catalog file's
    /// order (index `catalog_by_position`), and calls `each` with every row read by `read`, so no more than a page
    /// of database rows is held at once.
    func catalogPages<Value: Sendable>(
        columns: String, pageSize: Int, read: @escaping @Sendable (SQLRow) throws -> Value, each: (Value) -> Void
    ) async throws {
        var after: (position: Int, sku: String)?
        while true {
            var sql = SQL("SELECT \(columns), position, sku AS key_sku FROM catalog")
            if let after {
                sql.text += " WHERE (position, sku) > (?, ?)"
                sql.values = [.int(after.position), .text(after.sku)]
            }
            sql.text += " ORDER BY position, sku LIMIT ?"
            sql.values.append(.int(pageSize))
            let page = try await backend.read(
                .query(sql) { rows in
                    var values: [Value] = []
                    values.reserveCapacity(rows.count)
                    for row in rows { values.append(try read(row)) }
                    let last = try rows.last.map { (position: try $0.int("position"), sku: try $0.text("key_sku")) }
                    return .done((values: values, last: last))
                })
            for value in page.values { each(value) }
            guard let last = page.last, page.values.count == pageSize else { break }
            after = last
        }
    }

    // MARK: Orders

    func placeOrder(_ request: OrderRequest, engine: PromiseEngine, packer: Packer?) async throws -> PlacedOrder {
        try Self.validate(request)
        let script = Self.orderScript(
            request, engine: engine, packer: packer, dialect: dialect, priceCap: nil,
            placed: { .done($0) }, refused: { refusal in throw refusal.error })
        do {
            return try await backend.write(script)
        } catch let error as StoreError {
            // A refusal writes nothing in the order's transaction; the figures count it in one of their own.
            switch error {
            case .outOfStock: try? await countRefusal(request, reason: .outOfStock, engine: engine)
            case .notDeliverable: try? await countRefusal(request, reason: .notDeliverable, engine: engine)
            default: break
            }
            throw error
        }
    }

    /// The checks `placeOrder` makes before its transaction: the key's length and the customer's id.
    static func validate(_ request: OrderRequest) throws(StoreError) {
        try validate(idempotencyKey: request.idempotencyKey, customer: request.customer)
    }

    /// The checks of an idempotent write's key and customer id.
    static func validate(idempotencyKey key: String, customer: CustomerID) throws(StoreError) {
        guard (1...Limits.maxIdempotencyKeyBytes).contains(key.utf8.count) else {
            throw StoreError.invalidInput(
                "the idempotency key is \(key.utf8.count) bytes; it must be 1 to \(Limits.maxIdempotencyKeyBytes)")
        }
        guard customer.isWellFormed else {
            throw StoreError.invalidInput("customer id \"\(customer)\" must be \(Identifiers.ruleDescription)")
        }
    }

    /// Packs a shipment's lines into containers with Core's `ShipmentContainers.pack` (the one packing of placed
    /// shipments, shared with the day simulator): what a shipment records when it is placed, and again whenever
    /// its lines change (`containerWrites(_:_:replacing:)`). Packing never fails.
    static func pack(_ lines: [OrderLine], catalog: Catalog, packer: Packer) -> [ShipmentContainer] {
        ShipmentContainers.pack(lines, catalog: catalog, packer: packer).map(container)
    }

    /// A packed container as the store keeps it.
    static func container(_ packed: PlacedContainer) -> ShipmentContainer {
        ShipmentContainer(box: packed.box, units: packed.units, weightG: packed.weightG, placements: packed.placements)
    }

    /// The statements that record `shipment`'s containers (a shipment being placed).
    static func containerWrites(_ shipment: Shipment) throws -> [SQL] {
        try containerWrites(shipment.id, shipment.containers, replacing: false)
    }

    /// The statements that record shipment `id`'s containers; with `replacing`, its previous containers are
    /// deleted first (a repack after its lines changed, in the transaction that changes them).
    static func containerWrites(_ id: ShipmentID, _ containers: [ShipmentContainer], replacing: Bool) throws -> [SQL] {
        var writes: [SQL] = []
        if replacing {
            writes.append(SQL("DELETE FROM shipment_containers WHERE shipment_id = ?", [.text(id.rawValue)]))
        }
        let encoder = JSONEncoder()
        let rows: [[SQLValue]] = try containers.enumerated().map { i, container in
            [
                .text(id.rawValue), .int(i + 1), container.box.map { .text($0.rawValue) } ?? .null,
                .int(container.units), .int(container.weightG),
                .text(String(decoding: try encoder.encode(PlacementList(container.placements)), as: UTF8.self)),
            ]
        }
        writes += SQL.insertMany(
            "shipment_containers", columns: ["shipment_id", "position", "box", "units", "weight_g", "placements"],
            rows: rows)
        return writes
    }

    /// The error for a promise that is not available: out of stock, or not deliverable.
    static func unavailable(_ promise: Promise, request: OrderRequest, stock: [StockLevel]) -> StoreError {
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
        // A feed insert: the transaction stamps it, so other processes read the change in commit order.
        SQL.feedInsert(
            Schema.ledger,
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
