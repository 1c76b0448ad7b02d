// Stock: reading it, receipts and adjustments (each with its ledger row), and the ledger itself.

import SameDayCore

extension SQLStore {
    func stock(sku: SKU) async throws -> [StockLevel] {
        var batch = Batch(.known, SQL("SELECT sku FROM catalog WHERE sku = ?", [.text(sku.rawValue)]))
        batch.add(
            .stock,
            SQL("SELECT node, sku, on_hand, reserved FROM stock WHERE sku = ? ORDER BY node", [.text(sku.rawValue)]))
        return try await backend.read(
            .batch(batch) { results in
                guard !results[.known].isEmpty else { throw StoreError.unknownSKU(sku) }
                return .done(try results[.stock].map(StockLevel.init(row:)))
            })
    }

    func stock(node: NodeID) async throws -> [StockLevel] {
        var batch = Batch(.known, SQL("SELECT id FROM nodes WHERE id = ?", [.text(node.rawValue)]))
        batch.add(
            .stock,
            SQL("SELECT node, sku, on_hand, reserved FROM stock WHERE node = ? ORDER BY sku", [.text(node.rawValue)]))
        return try await backend.read(
            .batch(batch) { results in
                guard !results[.known].isEmpty else { throw StoreError.unknownNode(node) }
                return .done(try results[.stock].map(StockLevel.init(row:)))
            })
    }

    func stockSnapshot(skus: [SKU]?) async throws -> [StockEntry] {
        var sql = SQL("SELECT node, sku, on_hand - reserved AS available FROM stock")
        if let skus {
            guard !skus.isEmpty else { return [] }
            sql.text += " WHERE sku IN (\(SQL.placeholders(skus.count)))"
            sql.values = skus.map { .text($0.rawValue) }
        }
        sql.text += " ORDER BY sku, node"
        return try await backend.read(.query(sql) { rows in .done(try rows.map(StockEntry.init(row:))) })
    }

    func stockPage(after: StockEntry?, limit: Int) async throws -> [StockEntry] {
        try Self.validateFeedLimit(limit)
        var sql = SQL("SELECT node, sku, on_hand - reserved AS available FROM stock")
        if let after {
            sql.text += " WHERE (sku, node) > (?, ?)"
            sql.values = [.text(after.sku.rawValue), .text(after.node.rawValue)]
        }
        sql.text += " ORDER BY sku, node LIMIT ?"
        sql.values.append(.int(limit))
        return try await backend.read(.query(sql) { rows in .done(try rows.map(StockEntry.init(row:))) })
    }

    func stockChanges(after position: FeedPosition, limit: Int) async throws -> StockChanges {
        try Self.validateFeedLimit(limit)
        let sql = SQL(
            "SELECT seq, id, sku FROM ledger WHERE (seq, id) > (?, ?) ORDER BY seq, id LIMIT ?",
            [.int(position.seq), .int(position.id), .int(limit)])
        return try await backend.read(
            .query(sql) { rows in
                var skus: [SKU] = []
                var seen: Set<SKU> = []
                var last = position
                for row in rows {
                    let sku = SKU(try row.text("sku"))
                    if seen.insert(sku).inserted { skus.append(sku) }
                    last = FeedPosition(seq: try row.int("seq"), id: try row.int("id"))
                }
                return .done(StockChanges(skus: skus, position: last, caughtUp: rows.count < limit))
            })
    }

    private static func validateFeedLimit(_ limit: Int) throws(StoreError) {
        guard (1...1_000_000).contains(limit) else {
            throw .invalidInput("limit \(limit) is out of range: use 1 to 1000000")
        }
    }

    func receive(node: NodeID, sku: SKU, qty: Int, actor: String, reason: String, at: Instant) async throws
        -> StockLevel
    {
        guard (1...Limits.maxStockMovement).contains(qty) else {
            throw StoreError.invalidInput(
                "qty \(qty) is out of range: a receipt is 1 to \(Limits.maxStockMovement) units")
        }
        try Self.validateReason(reason)
        // One row: an upsert locks only it, so no lock order applies.
        let upsert = SQL(
            """
            INSERT INTO stock (node, sku, on_hand, reserved) VALUES (?, ?, ?, 0)
            ON CONFLICT (node, sku) DO UPDATE SET on_hand = stock.on_hand + excluded.on_hand
            RETURNING node, sku, on_hand, reserved
            """, [.text(node.rawValue), .text(sku.rawValue), .int(qty)])
        let ledger = Self.ledgerRow(
            node: node, sku: sku, kind: .receipt, onHand: qty, reserved: 0, actor: actor, reason: reason, at: at,
            order: nil)
        return try await backend.write(
            Self.validateStockKey(node: node, sku: sku) {
                .query(upsert) { rows in
                    guard let row = rows.first else { throw StoreError.unknownNode(node) }
                    let level = try StockLevel(row: row)
                    return .execute([ledger]) { Self.stockReceived(sku, at: at) { .done(level) } }
                }
            })
    }

    func adjust(node: NodeID, sku: SKU, delta: Int, actor: String, reason: String, at: Instant) async throws
        -> StockLevel
    {
        guard delta != 0, abs(delta) <= Limits.maxStockMovement else {
            throw StoreError.invalidInput(
                "delta \(delta) is out of range: an adjustment is -\(Limits.maxStockMovement) to "
                    + "\(Limits.maxStockMovement), not 0")
        }
        try Self.validateReason(reason)
        let key = StockKey(node: node.rawValue, sku: sku.rawValue)
        // A missing row is created empty first (INSERT … ON CONFLICT DO NOTHING): two adjustments racing on it
        // both find it then, instead of both inserting it. If the adjustment is refused, the transaction rolls
        // the empty row back with it.
        var batch = Batch(
            .create,
            SQL(
                "INSERT INTO stock (node, sku, on_hand, reserved) VALUES (?, ?, 0, 0) ON CONFLICT (node, sku) DO NOTHING",
                [.text(key.node), .text(key.sku)]))
        batch.add(.stock, StockLockOrder.lock([key], dialect))
        let createAndLock = batch
        let ledger = Self.ledgerRow(
            node: node, sku: sku, kind: .adjustment, onHand: delta, reserved: 0, actor: actor, reason: reason, at: at,
            order: nil)
        return try await backend.write(
            Self.validateStockKey(node: node, sku: sku) {
                .batch(createAndLock) { results in
                    guard let row = results[.stock].first else { throw StoreError.unknownNode(node) }
                    let current = try StockLevel(row: row)
                    guard current.onHand + delta >= current.reserved else {
                        throw StoreError.wouldGoNegative(
                            "node \(node) SKU \(sku): on hand \(current.onHand) \(delta < 0 ? "-" : "+") \(abs(delta)) = "
                                + "\(current.onHand + delta) is below the \(current.reserved) units reserved for open orders"
                        )
                    }
                    let update = SQL(
                        """
                        UPDATE stock SET on_hand = on_hand + ? WHERE node = ? AND sku = ?
                        RETURNING node, sku, on_hand, reserved
                        """, [.int(delta), .text(key.node), .text(key.sku)])
                    return .query(update) { rows in
                        guard let row = rows.first else { throw StoreError.unknownNode(node) }
                        let level = try StockLevel(row: row)
                        guard delta > 0 else { return .execute([ledger]) { .done(level) } }
                        return .execute([ledger]) { Self.stockReceived(sku, at: at) { .done(level) } }
                    }
                }
            })
    }

    /// Units of `sku` arrived (a receipt, or an adjustment up): a trigger point for its watches, recorded as a
    /// `stock-received` event in the same transaction. (Written for every SKU: a check "does anyone watch it?"
    /// would race, on PostgreSQL, a watch being created at that moment.)
    static func stockReceived<R>(_ sku: SKU, at: Instant, then next: @escaping @Sendable () throws -> Script<R>)
        -> Script<R>
    {
        .execute([eventInsert(.stockReceived, customer: nil, at: at, sku: sku)], then: next)
    }

    /// A movement's reason: at most `Limits.maxTextBytes` UTF-8 bytes.
    private static func validateReason(_ reason: String) throws(StoreError) {
        guard reason.utf8.count <= Limits.maxTextBytes else {
            throw .invalidInput(
                "reason is \(reason.utf8.count) bytes; it must be at most \(Limits.maxTextBytes) (UTF-8)")
        }
    }

    /// Checks that `node` is a shipping node and `sku` is in the catalog, then continues.
    private static func validateStockKey<R>(
        node: NodeID, sku: SKU, then next: @escaping @Sendable () throws -> Script<R>
    ) -> Script<R> {
        var batch = Batch(.node, SQL("SELECT kind FROM nodes WHERE id = ?", [.text(node.rawValue)]))
        batch.add(.known, SQL("SELECT sku FROM catalog WHERE sku = ?", [.text(sku.rawValue)]))
        return .batch(batch) { results in
            guard let kind = try results[.node].first?.text("kind"), kind != NodeKind.deliveryStation.rawValue else {
                throw StoreError.unknownNode(node)
            }
            guard !results[.known].isEmpty else { throw StoreError.unknownSKU(sku) }
            return try next()
        }
    }

    /// The most ledger rows one call returns.
    static var ledgerPageLimit: Int { 10_000 }

    func ledger(node: NodeID?, sku: SKU?, afterID: Int?, limit: Int) async throws -> [LedgerEntry] {
        guard (1...Self.ledgerPageLimit).contains(limit) else {
            throw StoreError.invalidInput("limit \(limit) is out of range: use 1 to \(Self.ledgerPageLimit)")
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
        return try await backend.read(.query(sql) { rows in .done(try rows.map(LedgerEntry.init(row:))) })
    }
}

extension Step {
    fileprivate static let known = Step("known")
    fileprivate static let node = Step("node")
    fileprivate static let stock = Step("stock")
    fileprivate static let create = Step("create")
}
