// SQLite through GRDB: one DatabasePool per file, WAL, synchronous=FULL so a commit survives power loss.

import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded backend: one file, for one machine, demos and tests.
struct SQLiteBackend: SQLBackend {
    let pool: DatabasePool
    /// Concurrent writes share one COMMIT (one fsync): see `SQLiteGroupCommit`.
    let groupCommit: SQLiteGroupCommit
    var dialect: Dialect { .sqlite }

    /// Opens (creating if needed, readable by its owner only) the database file at `path`.
    /// - Throws: `StoreError.database` when the file cannot be created or opened.
    init(path: String) throws {
        try SQLiteFile.createPrivately(path)
        var configuration = Configuration()
        // Another process writing (two servers on one file, `sameday keys create` beside a server) waits.
        configuration.busyMode = .timeout(30)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // WAL (DatabasePool's default) with FULL: the WAL is synced at every commit, so an acknowledged order
            // survives a power cut, not only a process crash. GRDB sets NORMAL when it turns WAL on (after
            // `prepareDatabase`), so this is set here, on the pool's one writer connection, which lives as long
            // as the pool. Group commit (below) is what keeps that affordable.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw BackendErrors.translate(error, driver: Self.storeError)
        }
        groupCommit = SQLiteGroupCommit(pool: pool)
    }

    func run() async {
        // Nothing runs in the background; wait for cancellation like a service would.
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    func migrate() async throws {
        let migrator = Self.migrator()
        try await BackendErrors.translating(Self.storeError) { try migrator.migrate(pool) }
    }

    /// The schema's migrations for GRDB (the server's pool and the import's new file run the same).
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations(.sqlite) {
            migrator.registerMigration(migration.id) { db in
                for statement in migration.statements { try db.execute(sql: statement) }
            }
        }
        return migrator
    }

    func write<R: Sendable>(_ script: Script<R>) async throws -> R {
        try await BackendErrors.translating(Self.storeError) { try await groupCommit.write(script) }
    }

    func writeEach<R: Sendable>(_ scripts: [Script<R>]) async -> [Result<R, StoreError>] {
        await groupCommit.writeAll(scripts).map { result in
            result.mapError { error in
                BackendErrors.translate(error, driver: Self.storeError) as? StoreError
                    ?? .database(BackendErrors.firstLine(error))
            }
        }
    }

    func read<R: Sendable>(_ script: Script<R>) async throws -> R {
        try await BackendErrors.translating(Self.storeError) {
            try await pool.read { db in try Self.execute(script, db) }
        }
    }

    func close() async throws {
        try await BackendErrors.translating(Self.storeError) { try pool.close() }
    }

    /// The writer connection's `PRAGMA synchronous` (2 = FULL).
    func synchronousSetting() async throws -> Int {
        try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Runs raw SQL outside the store's logic (tests inject inconsistencies with it), its errors translated as
    /// the store's are.
    func executeRaw(_ sql: String) async throws {
        try await BackendErrors.translating(Self.storeError) {
            try await pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
        }
    }

    static func execute<R>(_ script: Script<R>, _ db: Database) throws -> R {
        var step = script
        var feeds: Set<FeedTable> = []
        while true {
            switch step {
            case .done(let result):
                guard !feeds.isEmpty else { return result }
                step = CommitFeed.stamp(feeds, then: result)
                feeds = []
            case .run(let batch, let next):
                for statement in batch.statements { if let feed = statement.feed { feeds.insert(feed) } }
                step = try next(BatchResults(batch, rows: try batch.statements.map { try rows($0, db) }))
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
        let columns = SQLColumns(names: statement.columnNames, sql: sql.text)
        var out: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            out.append(
                SQLRow(
                    columns: columns,
                    values: row.databaseValues.map { value in
                        switch value.storage {
                        case .null: .null
                        case .int64(let i): .int(Int(i))
                        case .double(let d): .int(Int(d))
                        case .string(let s): .text(s)
                        case .blob(let b): .text(String(decoding: b, as: UTF8.self))
                        }
                    }))
        }
        return out
    }

    /// GRDB's errors in the store's words: busy or locked after the busy timeout (another process held the
    /// write lock 30 s) and interrupted statements are `.unavailable`; anything else — a constraint, a full
    /// disk, I/O errors, a corrupt file — is `.database`, with SQLite's extended result code, its message and
    /// the statement (placeholders only, no values).
    static func storeError(_ error: any Error) -> StoreError? {
        guard let error = error as? DatabaseError else { return nil }
        var cause = "SQLite error \(error.extendedResultCode)"
        if let message = error.message { cause += ": \(message)" }
        if let sql = error.sql { cause += ", in `\(sql)`" }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_INTERRUPT:
            return .unavailable("the database is busy; retry shortly (\(cause))")
        default:
            return .database(cause)
        }
    }
}

/// The database file itself.
enum SQLiteFile {
    /// Creates an empty database file with mode 0600 when there is none, before SQLite opens it: the file holds
    /// API key hashes and every order. SQLite gives the `-wal` and `-shm` files it creates next to it the same
    /// mode. An existing file's mode is left as it is (its owner chose it).
    static func createPrivately(_ path: String) throws(StoreError) {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            return
        }
        let code = errno
        guard code != EEXIST else { return }
        throw .database("cannot create the database file \(path): \(String(cString: strerror(code)))")
    }
}
