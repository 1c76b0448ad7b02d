// SQLite through GRDB: one DatabasePool per file, WAL, synchronous=FULL so a commit survives power loss.

import GRDB

/// The embedded backend: one file, for one machine, demos and tests.
struct SQLiteBackend: SQLBackend {
    let pool: DatabasePool
    /// Concurrent writes share one COMMIT (one fsync): see `SQLiteGroupCommit`.
    let groupCommit: SQLiteGroupCommit
    var dialect: Dialect { .sqlite }

    /// Opens (creating if needed) the database file at `path`.
    init(path: String) throws {
        var configuration = Configuration()
        // Another process writing (two servers on one file, `sameday keys create` beside a server) waits.
        configuration.busyMode = .timeout(30)
        pool = try DatabasePool(path: path, configuration: configuration)
        // WAL (DatabasePool's default) with FULL: the WAL is synced at every commit, so an acknowledged order
        // survives a power cut, not only a process crash. GRDB sets NORMAL when it turns WAL on (after
        // `prepareDatabase`), so this is set here, on the pool's one writer connection, which lives as long as
        // the pool. Group commit (below) is what keeps that affordable.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        groupCommit = SQLiteGroupCommit(pool: pool)
    }

    func run() async {
        // Nothing runs in the background; wait for cancellation like a service would.
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    func migrate() async throws {
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations(.sqlite) {
            migrator.registerMigration(migration.id) { db in
                for statement in migration.statements { try db.execute(sql: statement) }
            }
        }
        try migrator.migrate(pool)
    }

    func write<R: Sendable>(_ script: Script<R>) async throws -> R {
        try await groupCommit.write(script)
    }

    func read<R: Sendable>(_ script: Script<R>) async throws -> R {
        try await pool.read { db in try Self.execute(script, db) }
    }

    func close() async throws {
        try pool.close()
    }

    /// The writer connection's `PRAGMA synchronous` (2 = FULL).
    func synchronousSetting() async throws -> Int {
        try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Runs raw SQL outside the store's logic (tests inject inconsistencies with it).
    func executeRaw(_ sql: String) async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    static func execute<R>(_ script: Script<R>, _ db: Database) throws -> R {
        var step = script
        while true {
            switch step {
            case .done(let result):
                return result
            case .run(let statements, let next):
                step = try next(statements.map { try rows($0, db) })
            }
        }
    }

    static func rows(_ sql: SQL, _ db: Database) throws -> [SQLRow] {
        let arguments = StatementArguments(
            sql.values.map { value -> DatabaseValue in
                switch value {
                case .int(let i): i.databaseValue
                case .text(let s): s.databaseValue
                case .null: .null
                case .textArray, .intArray: preconditionFailure("array parameters are for PostgreSQL only")
                }
            })
        // The store's statements are few and repeated: prepare each once per connection.
        let statement = try db.cachedStatement(sql: sql.text)
        return try Row.fetchAll(statement, arguments: arguments).map { row in
            SQLRow(
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: .null
                    case .int64(let i): .int(Int(i))
                    case .double(let d): .int(Int(d))
                    case .string(let s): .text(s)
                    case .blob(let b): .text(String(decoding: b, as: UTF8.self))
                    }
                })
        }
    }
}
