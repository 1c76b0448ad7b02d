// The ceiling beside the orders: durable one-row INSERT transactions on the same kind of database, with the same
// driver and settings as the store (GRDB's DatabasePool in WAL with synchronous=FULL; PostgresNIO's pool).

import Foundation
import GRDB
import PostgresNIO
import SameDayStore

/// A table `raw` that one-row transactions insert into, each committed on its own.
protocol RawTransactions: Sendable {
    /// Inserts one row in its own transaction and returns after its COMMIT.
    func insert(client: Int, n: Int) async throws
    func close() async throws
}

/// SQLite as the store opens it (`SQLiteBackend`): a `DatabasePool` (WAL), busy timeout 30 s, `synchronous=FULL`
/// on the writer. GRDB serializes writers; nothing groups commits, so each INSERT is one fsync'd COMMIT.
struct RawSQLite: RawTransactions {
    let pool: DatabasePool

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        pool = try DatabasePool(path: path, configuration: configuration)
        let (journal, synchronous) = try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "CREATE TABLE raw (id INTEGER PRIMARY KEY, client INTEGER, n INTEGER)")
            return (
                try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?",
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            )
        }
        guard journal == "wal", synchronous == 2 else {
            throw BenchFailure("SQLite runs journal_mode=\(journal), synchronous=\(synchronous), not wal and 2 (FULL)")
        }
    }

    func insert(client: Int, n: Int) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO raw (client, n) VALUES (?, ?)", arguments: [client, n])
        }
    }

    func close() async throws { try pool.close() }
}

/// PostgreSQL through PostgresNIO's `PostgresClient` (20 connections, as the store), one INSERT per
/// autocommitted statement: one round trip and one COMMIT each.
final class RawPostgres: RawTransactions {
    let client: PostgresClient
    let table: String
    let running: Task<Void, Never>

    init(url: String, schema: String) async throws {
        let e = try BenchDatabase.endpoint(url)
        var configuration = PostgresClient.Configuration(
            host: e.host, port: e.port, username: e.user, password: e.password, database: e.database, tls: .disable)
        configuration.options.maximumConnections = 20
        let client = PostgresClient(configuration: configuration, backgroundLogger: BenchDatabase.silent)
        self.client = client
        running = Task { await client.run() }
        table = "\"\(schema)\".raw"
        do {
            let settings = try await BenchDatabase.execute(
                url, "SELECT current_setting('fsync') || ' ' || current_setting('synchronous_commit')")
            guard settings == ["on on"] else {
                throw BenchFailure("PostgreSQL runs fsync, synchronous_commit = \(settings), not on, on")
            }
            try await BenchDatabase.execute(url, "CREATE SCHEMA \"\(schema)\"")
            try await BenchDatabase.execute(
                url, "CREATE TABLE \(table) (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, client int, n int)")
        } catch {
            running.cancel()
            throw error
        }
    }

    func insert(client clientNumber: Int, n: Int) async throws {
        try await client.query("INSERT INTO \(unescaped: table) (client, n) VALUES (\(clientNumber), \(n))")
    }

    func close() async throws { running.cancel() }
}
