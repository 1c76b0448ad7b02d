// PostgreSQL through PostgresNIO's PostgresClient (a connection pool; its `run()` must be running).

import Logging
import PostgresNIO

/// The backend for more than one machine: state in PostgreSQL, server processes stateless.
struct PostgresBackend: SQLBackend {
    let client: PostgresClient
    let logger: Logger
    /// The schema every connection uses (`search_path`), created by `migrate()`; nil for the server's default.
    let schema: String?
    /// One direct connection `migrate()` opens first, so a wrong password or an unreachable server fails at
    /// once with the server's reason instead of after the pool's retries.
    let probe: PostgresConnection.Configuration
    var dialect: Dialect { .postgres }

    init(
        configuration: PostgresClient.Configuration, probe: PostgresConnection.Configuration, schema: String?,
        logger: Logger
    ) {
        var configuration = configuration
        if let schema {
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.schema = schema
        self.probe = probe
    }

    func run() async { await client.run() }

    func migrate() async throws {
        let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: logger)
        try await connection.close()
        try await transaction(begin: "BEGIN") { connection in
            // One migrator at a time across processes; the lock ends with the transaction.
            try await connection.query("SELECT pg_advisory_xact_lock(7242024)", logger: logger)
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
        // each statement sees the latest committed rows. A deadlock the database breaks is retried.
        var attempt = 0
        while true {
            do {
                return try await transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") { connection in
                    try await execute(script, connection)
                }
            } catch let error as PSQLError where attempt < 5 && Self.isRetryable(error) {
                attempt += 1
            }
        }
    }

    func read<R: Sendable>(_ script: Script<R>) async throws -> R {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            try await execute(script, connection)
        }
    }

    func close() async throws {}

    /// Runs raw SQL outside the store's logic (tests inject inconsistencies with it).
    func executeRaw(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    private func transaction<R: Sendable>(
        begin: String, _ body: (PostgresConnection) async throws -> R
    ) async throws -> R {
        try await client.withConnection { connection in
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

    private func execute<R>(_ script: Script<R>, _ connection: PostgresConnection) async throws -> R {
        var step = script
        while true {
            switch step {
            case .done(let result):
                return result
            case .run(let statements, let next):
                var results: [[SQLRow]] = []
                results.reserveCapacity(statements.count)
                for statement in statements { results.append(try await rows(statement, connection)) }
                step = try next(results)
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
        for try await row in try await connection.query(query, logger: logger) {
            out.append(SQLRow(try row.map(Self.value)))
        }
        return out
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
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
            guard let i = Int(text) else { throw SQLDecodingError(column: cell.columnIndex, row: [.text(text)]) }
            return .int(i)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// Serialization failures and deadlocks: the transaction did nothing and can run again.
    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }
}
