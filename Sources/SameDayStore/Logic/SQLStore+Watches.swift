// Watches: create (idempotent), read, list, cancel, expire; the active set for the worker's index; counts.
//
// Every change of a watch writes its event in the same transaction (`watch-created`, `watch-cancelled`,
// `watch-expired`): the worker follows the active set through them, and a new watch's event is the trigger point
// "created at or below the current price".

import SameDayCore

extension SQLStore {
    /// The columns `Watch(row:)` reads.
    static var watchColumns: String {
        """
        id, customer, sku, target_cents, qty, zip, auto_buy, status, created_at, expires_at, order_id, attempt_at,
        attempt_reason
        """
    }

    func createWatch(_ request: WatchRequest) async throws -> CreatedWatch {
        try Self.validate(request)
        let dialect = self.dialect
        var batch = Batch(.existing, Self.watchByKey(request))
        batch.add(.known, SQL("SELECT sku FROM catalog WHERE sku = ?", [.text(request.sku.rawValue)]))
        batch.add(
            .active,
            SQL(
                "SELECT COUNT(*) AS n FROM watches WHERE customer = ? AND status = 'active'",
                [.text(request.customer.rawValue)]))
        return try await backend.write(
            .batch(batch) { results in
                if let row = results[.existing].first { return .done(try Self.replay(request, row)) }
                guard !results[.known].isEmpty else { throw StoreError.unknownSKU(request.sku) }
                let active = try results[.active].first?.int("n") ?? 0
                guard active < Limits.maxActiveWatchesPerCustomer else {
                    throw StoreError.limitReached(
                        "customer \(request.customer) has \(active) active watches, the most one customer may have; "
                            + "cancel some first")
                }
                return .query(Self.nextWatchNumber(dialect)) { rows in
                    guard let number = try rows.first?.int("n") else {
                        throw StoreError.database("the watch numbering has no row: the schema is incomplete")
                    }
                    return Self.insertWatch(request, number: UInt64(number))
                }
            })
    }

    /// The request's own checks: key, customer id, target, quantity, expiry.
    private static func validate(_ request: WatchRequest) throws(StoreError) {
        guard (1...Limits.maxIdempotencyKeyBytes).contains(request.idempotencyKey.utf8.count) else {
            throw .invalidInput(
                "the idempotency key is \(request.idempotencyKey.utf8.count) bytes; it must be 1 to "
                    + "\(Limits.maxIdempotencyKeyBytes)")
        }
        guard request.customer.isWellFormed else {
            throw .invalidInput("customer id \"\(request.customer)\" must be \(Identifiers.ruleDescription)")
        }
        guard Limits.priceCentsRange.contains(request.targetPriceCents) else {
            throw .invalidInput(
                "targetPriceCents \(request.targetPriceCents) is out of range: use "
                    + "\(Limits.priceCentsRange.lowerBound) to \(Limits.priceCentsRange.upperBound)")
        }
        guard (1...Limits.maxQuantity).contains(request.qty) else {
            throw .invalidInput("qty \(request.qty) is out of range: use 1 to \(Limits.maxQuantity)")
        }
        if let expiresAt = request.expiresAt, expiresAt <= request.at {
            throw .invalidInput("expiresAt \(expiresAt) is not after now (\(request.at))")
        }
    }

    private static func watchByKey(_ request: WatchRequest) -> SQL {
        SQL(
            "SELECT \(watchColumns), request_hash FROM watches WHERE customer = ? AND idem_key = ?",
            [.text(request.customer.rawValue), .text(request.idempotencyKey)])
    }

    /// The watch created before under the same key, or `idempotencyKeyReused` when it was asked otherwise.
    private static func replay(_ request: WatchRequest, _ row: SQLRow) throws -> CreatedWatch {
        guard try row.text("request_hash") == request.fingerprint else {
            throw StoreError.idempotencyKeyReused(
                "idempotency key \"\(request.idempotencyKey)\" was used for another watch: use a new key for a new "
                    + "watch")
        }
        return CreatedWatch(watch: try Watch(row: row), replayed: true)
    }

    /// The next watch number: a counter row on SQLite (one writer at a time anyway), a sequence on PostgreSQL (no
    /// lock held to the commit).
    private static func nextWatchNumber(_ dialect: Dialect) -> SQL {
        switch dialect {
        case .sqlite: SQL("UPDATE watch_numbers SET n = n + 1 WHERE one = 1 RETURNING n")
        case .postgres: SQL("SELECT nextval('watch_numbers') AS n")
        }
    }

    /// Inserts the watch and its `watch-created` event; a concurrent request with the same key that committed
    /// first makes this one its replay.
    private static func insertWatch(_ request: WatchRequest, number: UInt64) -> Script<CreatedWatch> {
        let id = WatchID(number: number)
        let insert = SQL(
            """
            INSERT INTO watches (id, number, customer, sku, target_cents, qty, zip, auto_buy, status, created_at,
                expires_at, idem_key, request_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)
            ON CONFLICT (customer, idem_key) DO NOTHING RETURNING id
            """,
            [
                .text(id.rawValue), .int(Int(number)), .text(request.customer.rawValue), .text(request.sku.rawValue),
                .int(request.targetPriceCents), .int(request.qty), .text(request.zip.rawValue),
                .int(request.autoBuy ? 1 : 0), .int(request.at.minutes),
                request.expiresAt.map { .int($0.minutes) } ?? .null,
                .text(request.idempotencyKey), .text(request.fingerprint),
            ])
        let watch = Watch(
            id: id, customer: request.customer, sku: request.sku, targetPriceCents: request.targetPriceCents,
            qty: request.qty, zip: request.zip, autoBuy: request.autoBuy, status: .active, createdAt: request.at,
            expiresAt: request.expiresAt, orderID: nil, lastAttempt: nil)
        return .query(insert) { inserted in
            guard !inserted.isEmpty else {
                return .query(watchByKey(request)) { rows in
                    guard let row = rows.first else {
                        throw StoreError.idempotencyKeyReused(
                            "idempotency key is in use by a request that did not finish")
                    }
                    return .done(try replay(request, row))
                }
            }
            let event = eventInsert(
                .watchCreated, customer: request.customer, at: request.at, sku: request.sku, watch: id,
                targetCents: request.targetPriceCents)
            return .execute([event]) { .done(CreatedWatch(watch: watch, replayed: false)) }
        }
    }

    func watch(_ id: WatchID, customer: CustomerID?) async throws -> Watch {
        try await backend.read(
            .query(Self.scopedWatch(id, customer: customer, suffix: "")) { rows in
                guard let row = rows.first else { throw StoreError.notFound("no watch \(id)") }
                return .done(try Watch(row: row))
            })
    }

    static func scopedWatch(_ id: WatchID, customer: CustomerID?, suffix: String) -> SQL {
        var sql = SQL("SELECT \(watchColumns) FROM watches WHERE id = ?", [.text(id.rawValue)])
        if let customer {
            sql.text += " AND customer = ?"
            sql.values.append(.text(customer.rawValue))
        }
        sql.text += suffix
        return sql
    }

    func watches(customer: CustomerID?, status: WatchStatus?, at: Instant, limit: Int, after: WatchID?)
        async throws -> WatchPage
    {
        guard (1...Limits.maxPageSize).contains(limit) else {
            throw StoreError.invalidInput("limit \(limit) is out of range: use 1 to \(Limits.maxPageSize)")
        }
        var sql = SQL("SELECT \(Self.watchColumns) FROM watches WHERE 1 = 1")
        if let customer {
            sql.text += " AND customer = ?"
            sql.values.append(.text(customer.rawValue))
        }
        if let status { Self.filter(&sql, status: status, at: at) }
        if let after {
            guard let number = after.number else { throw StoreError.notFound("no watch \(after) to page after") }
            sql.text += " AND number < ?"
            sql.values.append(.int(Int(number)))
        }
        sql.text += " ORDER BY number DESC LIMIT ?"
        sql.values.append(.int(limit + 1))
        return try await backend.read(
            .query(sql) { rows in
                let watches = try rows.prefix(limit).map(Watch.init(row:))
                return .done(WatchPage(watches: watches, next: rows.count > limit ? watches.last?.id : nil))
            })
    }

    /// Watches whose status at `at` is `status` (an active watch past its expiry counts as expired).
    private static func filter(_ sql: inout SQL, status: WatchStatus, at: Instant) {
        switch status {
        case .active:
            sql.text += " AND status = 'active' AND (expires_at IS NULL OR expires_at > ?)"
            sql.values.append(.int(at.minutes))
        case .expired:
            sql.text += " AND (status = 'expired' OR (status = 'active' AND expires_at <= ?))"
            sql.values.append(.int(at.minutes))
        default:
            sql.text += " AND status = ?"
            sql.values.append(.text(status.rawValue))
        }
    }

    func cancelWatch(_ id: WatchID, customer: CustomerID?, at: Instant) async throws -> Watch {
        let find = Self.scopedWatch(id, customer: customer, suffix: dialect.forNoKeyUpdate)
        return try await backend.write(
            .query(find) { rows in
                guard let row = rows.first else { throw StoreError.notFound("no watch \(id)") }
                var watch = try Watch(row: row)
                switch watch.status(at: at) {
                case .cancelled:
                    return .done(watch)
                case .active:
                    watch.storedStatus = .cancelled
                    let writes = [
                        SQL(
                            "UPDATE watches SET status = 'cancelled', ended_at = ? WHERE id = ?",
                            [.int(at.minutes), .text(id.rawValue)]),
                        Self.eventInsert(.watchCancelled, customer: watch.customer, at: at, sku: watch.sku, watch: id),
                    ]
                    let cancelled = watch
                    return .execute(writes) { .done(cancelled) }
                case let ended:
                    throw StoreError.tooLate(
                        "watch \(id) is \(ended.rawValue)"
                            + (watch.orderID.map { " (order \($0))" } ?? "") + ": it can no longer be cancelled")
                }
            })
    }

    func expireWatches(at: Instant) async throws -> Int {
        let due = SQL(
            """
            SELECT id, customer, sku FROM watches
            WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY number LIMIT 1000
            """ + dialect.forNoKeyUpdate, [.int(at.minutes)])
        return try await backend.write(
            .query(due) { rows in
                var writes: [SQL] = []
                for row in rows {
                    let id = WatchID(try row.text("id"))
                    writes.append(
                        SQL(
                            "UPDATE watches SET status = 'expired', ended_at = ? WHERE id = ? AND status = 'active'",
                            [.int(at.minutes), .text(id.rawValue)]))
                    writes.append(
                        Self.eventInsert(
                            .watchExpired, customer: CustomerID(try row.text("customer")), at: at,
                            sku: SKU(try row.text("sku")), watch: id))
                }
                let count = rows.count
                return .execute(writes) { .done(count) }
            })
    }

    func activeWatches(afterNumber: UInt64, limit: Int) async throws -> [ActiveWatch] {
        try await backend.read(
            .query(
                SQL(
                    """
                    SELECT number, sku, target_cents, created_at FROM watches
                    WHERE status = 'active' AND number > ? ORDER BY number LIMIT ?
                    """, [.int(Int(afterNumber)), .int(limit)])
            ) { rows in
                .done(
                    try rows.map {
                        ActiveWatch(
                            number: UInt64(try $0.int("number")), sku: SKU(try $0.text("sku")),
                            targetCents: try $0.int("target_cents"), createdAt: try $0.instant("created_at"))
                    })
            })
    }

    func watchCounts() async throws -> [WatchStatus: Int] {
        try await backend.read(
            .query(SQL("SELECT status, COUNT(*) AS n FROM watches GROUP BY status")) { rows in
                var counts: [WatchStatus: Int] = [:]
                for row in rows { counts[try row.enum(WatchStatus.self, "status")] = try row.int("n") }
                return .done(counts)
            })
    }
}

extension Watch {
    /// Columns `SQLStore.watchColumns`.
    init(row: SQLRow) throws {
        let attemptAt = try row.optionalInt("attempt_at").map(Instant.init(minutes:))
        self.init(
            id: WatchID(try row.text("id")), customer: CustomerID(try row.text("customer")),
            sku: SKU(try row.text("sku")), targetPriceCents: try row.int("target_cents"), qty: try row.int("qty"),
            zip: ZIP(try row.text("zip")), autoBuy: try row.int("auto_buy") != 0,
            status: try row.enum(WatchStatus.self, "status"), createdAt: try row.instant("created_at"),
            expiresAt: try row.optionalInt("expires_at").map(Instant.init(minutes:)),
            orderID: try row.optionalText("order_id").map(OrderID.init),
            lastAttempt: try attemptAt.map {
                WatchAttempt(at: $0, reason: try row.optionalText("attempt_reason") ?? "")
            })
    }
}

extension Step {
    fileprivate static let existing = Step("existing")
    fileprivate static let known = Step("known")
    fileprivate static let active = Step("active")
}
