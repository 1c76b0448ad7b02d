// PostgreSQL through PostgresNIO's PostgresClient (a connection pool; its `run()` must be running).

import Logging
import PostgresNIO
import Synchronization

/// The backend for more than one machine: state in PostgreSQL, server processes stateless.
struct PostgresBackend: SQLBackend {
    let client: PostgresClient
    let logger: Logger
    /// The schema every connection uses (`search_path`), created by `migrate()`; nil for the server's default.
    let schema: String?
    /// One direct connection `migrate()` opens first, so a wrong password or an unreachable server fails at
    /// once with the server's reason instead of after the pool's retries.
    let probe: PostgresConnection.Configuration
    /// Transactions started again after a deadlock or serialization failure, since the backend was made (tests
    /// read it: one lock order for stock rows means orders, cancellations and the clock never deadlock).
    let retries = RetryCounter()
    /// How long a transaction waits for a pooled connection before it fails with `.unavailable` (every
    /// connection busy, or none can be opened). PostgresNIO's pool itself waits until one is free.
    let leaseTimeout: Duration
    var dialect: Dialect { .postgres }

    init(
        configuration: PostgresClient.Configuration, probe: PostgresConnection.Configuration, schema: String?,
        leaseTimeout: Duration = .seconds(30), logger: Logger
    ) {
        var configuration = configuration
        if let schema {
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.schema = schema
        self.probe = probe
        self.leaseTimeout = leaseTimeout
    }

    func run() async { await client.run() }

    func migrate() async throws {
        try await BackendErrors.translating(Self.storeError) { try await migrateSchema() }
    }

    private func migrateSchema() async throws {
        let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: logger)
        try await connection.close()
        try await transaction(begin: "BEGIN") { connection in
            // One migrator of this schema at a time across processes; the lock ends with the transaction.
            // (The schema name is an id without quotes, checked by StoreLocation.)
            try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT pg_advisory_xact_lock(7242024, hashtext('\(schema ?? "")'))"),
                logger: logger)
            if let schema {
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""), logger: logger)
            }
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM schema_migrations", logger: logger)
                .decode(String.self)
            {
                applied.insert(id)
            }
            for migration in Schema.migrations(.postgres) where !applied.contains(migration.id) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (id) VALUES (\(migration.id))", logger: logger)
            }
        }
    }

    func write<R: Sendable>(_ script: Script<R>) async throws -> R {
        // READ COMMITTED with explicit row locks (SELECT … FOR UPDATE in a fixed order, conditional UPDATEs):
        // each statement sees the latest committed rows. A deadlock the database breaks is retried; after five,
        // the error is `.unavailable`.
        try await BackendErrors.translating(Self.storeError) {
            var attempt = 0
            while true {
                do {
                    return try await transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") { connection in
                        try await execute(script, connection)
                    }
                } catch let error as PSQLError where attempt < 5 && Self.isRetryable(error) {
                    attempt += 1
                    retries.count.add(1, ordering: .relaxed)
                    logger.debug("transaction retried", metadata: ["sqlstate": "\(Self.sqlState(error) ?? "")"])
                }
            }
        }
    }

    func writeEach<R: Sendable>(_ scripts: [Script<R>]) async -> [Result<R, StoreError>] {
        var results: [Result<R, StoreError>] = []
        results.reserveCapacity(scripts.count)
        for script in scripts {
            do {
                results.append(.success(try await write(script)))
            } catch let error as StoreError {
                results.append(.failure(error))
            } catch {
                results.append(.failure(.database(BackendErrors.firstLine(error))))
            }
        }
        return results
    }

    func read<R: Sendable>(_ script: Script<R>) async throws -> R {
        try await BackendErrors.translating(Self.storeError) {
            try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
                try await execute(script, connection)
            }
        }
    }

    func close() async throws {}

    /// Runs raw SQL outside the store's logic (tests inject inconsistencies with it).
    /// Its errors are translated as the store's are.
    func executeRaw(_ sql: String) async throws {
        try await BackendErrors.translating(Self.storeError) {
            for try await _ in try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
        }
    }

    private func transaction<R: Sendable>(
        begin: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> R
    ) async throws -> R {
        try await leased { connection in
            try await connection.query(PostgresQuery(unsafeSQL: begin), logger: logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Runs `body` on a pooled connection, or fails with `.unavailable` when none is leased within
    /// `leaseTimeout`. Whichever comes first wins for good (`Lease`): a connection leased after the timeout runs
    /// nothing, so a caller told `.unavailable` knows its transaction never began.
    private func leased<R: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> R)
        async throws -> R
    {
        let lease = Lease()
        let timeout = leaseTimeout
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    guard lease.claim(.leased) else { throw Lease.timedOut(timeout) }
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                if lease.claim(.timedOut) { throw Lease.timedOut(timeout) }
                return nil
            }
            while let finished = try await group.next() {
                if let result = finished {
                    group.cancelAll()
                    return result
                }
            }
            throw CancellationError()
        }
    }

    private func execute<R>(_ script: Script<R>, _ connection: PostgresConnection) async throws -> R {
        // Feed rows are stamped by their tables' deferred triggers inside COMMIT (`CommitFeed`).
        var step = script
        while true {
            switch step {
            case .done(let result):
                return result
            case .run(let batch, let next):
                var results: [[SQLRow]] = []
                results.reserveCapacity(batch.statements.count)
                for statement in batch.statements { results.append(try await rows(statement, connection)) }
                step = try next(BatchResults(batch, rows: results))
            }
        }
    }

    private func rows(_ sql: SQL, _ connection: PostgresConnection) async throws -> [SQLRow] {
        var binds = PostgresBindings(capacity: sql.values.count)
        for value in sql.values {
            switch value {
            case .int(let i): binds.append(i)
            case .text(let s): binds.append(s)
            case .null: binds.appendNull()
            case .textArray(let values): binds.append(values)
            case .intArray(let values): binds.append(values)
            }
        }
        let query = PostgresQuery(unsafeSQL: Dialect.postgres.render(sql.text), binds: binds)
        var out: [SQLRow] = []
        var columns: SQLColumns?
        for try await row in try await connection.query(query, logger: logger) {
            let names = columns ?? SQLColumns(names: row.map(\.columnName), sql: sql.text)
            columns = names
            out.append(SQLRow(columns: names, values: try row.map { try Self.value($0, sql: sql.text) }))
        }
        return out
    }

    private static func value(_ cell: PostgresCell, sql: String) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        // Results arrive in binary format: integers big-endian, text as its UTF-8 bytes. Reading them directly
        // is several times faster than the generic decoders (it matters for 100,000-row stock snapshots).
        if cell.format == .binary {
            switch cell.dataType {
            case .int8: if let v = bytes.readInteger(as: Int64.self) { return .int(Int(v)) }
            case .int4: if let v = bytes.readInteger(as: Int32.self) { return .int(Int(v)) }
            case .int2: if let v = bytes.readInteger(as: Int16.self) { return .int(Int(v)) }
            case .text, .varchar, .name, .bpchar:
                if let v = bytes.readString(length: bytes.readableBytes) { return .text(v) }
            default: break
            }
        }
        switch cell.dataType {
        case .int8, .int4, .int2: return .int(try cell.decode(Int.self))
        case .bool: return .int(try cell.decode(Bool.self) ? 1 : 0)
        case .numeric:
            let text = try cell.decode(String.self)
            guard let i = Int(text) else {
                throw SQLDecodingError(column: cell.columnName, problem: "expected an integer, found \(text)", sql: sql)
            }
            return .int(i)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// Serialization failures and deadlocks: the transaction did nothing and can run again.
    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = sqlState(error) else { return false }
        return state == "40001" || state == "40P01"
    }

    static func sqlState(_ error: PSQLError) -> String? { error.serverInfo?[.sqlState] }

    /// SQLSTATEs a later retry may cure: connection exceptions (class 08), serialization failures and deadlocks
    /// (after the store's own retries), too many connections, out of memory, lock and statement timeouts, and
    /// a server shutting down or starting.
    static func isTransient(_ state: String) -> Bool {
        state.hasPrefix("08")
            || ["40001", "40P01", "53200", "53300", "55P03", "57014", "57P01", "57P02", "57P03"].contains(state)
    }

    /// PostgresNIO's errors in the store's words: no connection (refused, lost, pool closed or its circuit
    /// breaker open) and transient SQLSTATEs are `.unavailable`; other server errors are `.database` with their
    /// SQLSTATE, message and statement. `PSQLError`'s own description hides the server's words on purpose (they
    /// may quote values); the statement text has placeholders only.
    static func storeError(_ error: any Error) -> StoreError? {
        guard let error = error as? PSQLError else {
            // Anything else reaching this boundary comes from the connection pool or the channel (the store's
            // own errors were handled before): there is no usable connection.
            if error is SQLDecodingError || error is DecodingError || error is EncodingError { return nil }
            return .unavailable("no connection to PostgreSQL (\(BackendErrors.firstLine(error)))")
        }
        switch error.code {
        case .server:
            let state = sqlState(error) ?? "?"
            var cause = "PostgreSQL error \(state): \(error.serverInfo?[.message] ?? "no message")"
            if let sql = error.query?.sql { cause += ", in `\(sql)`" }
            return isTransient(state) ? .unavailable(cause + "; retry shortly") : .database(cause)
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
            .queryCancelled, .sslUnsupported, .failedToAddSSLHandler:
            let reason = error.underlying.map { BackendErrors.firstLine($0) } ?? "\(error.code)"
            return .unavailable("cannot reach PostgreSQL (is it running, and are host and port right?): \(reason)")
        default:
            return .database("PostgreSQL client error: \(error.code)")
        }
    }
}

/// Who won the race between leasing a connection and the lease timeout: decided once.
final class Lease: Sendable {
    enum Outcome: Int {
        case pending = 0
        case leased = 1
        case timedOut = 2
    }
    private let state = Atomic<Int>(Outcome.pending.rawValue)

    /// Sets the outcome if none is set yet; true when this call set it.
    func claim(_ outcome: Outcome) -> Bool {
        state.compareExchange(
            expected: Outcome.pending.rawValue, desired: outcome.rawValue, ordering: .acquiringAndReleasing
        )
        .exchanged
    }

    static func timedOut(_ timeout: Duration) -> StoreError {
        .unavailable("no PostgreSQL connection was free within \(timeout) (all busy, or none can be opened); retry")
    }
}

/// A count of retried transactions, shared by every copy of a backend.
final class RetryCounter: Sendable {
    let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
}
