// Where a benchmark's database lives: a file in a new temporary folder, or a new schema of the PostgreSQL
// database SAMEDAY_BENCH_POSTGRES_URL names. Each benchmark gets its own and removes it afterwards.

import Foundation
import Logging
import PostgresNIO
import SameDayStore

enum BenchDatabase: Sendable {
    case sqlite
    /// `postgres://user:password@host:port/database`: the benchmarks create and drop schemas there.
    case postgres(url: String)

    /// SQLite always; PostgreSQL too when `SAMEDAY_BENCH_POSTGRES_URL` is set.
    static var all: [BenchDatabase] {
        guard let url = ProcessInfo.processInfo.environment["SAMEDAY_BENCH_POSTGRES_URL"], !url.isEmpty else {
            return [.sqlite]
        }
        return [.sqlite, .postgres(url: url)]
    }

    var label: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    /// A new, empty place for one benchmark's data: an SQLite file path in a new folder of the temporary
    /// directory (`TMPDIR`; on this project's machines the same ext4 disk as the work tree, so fsync is real),
    /// or a new schema name.
    func newPlace() -> Place {
        let name = "bench_\(UInt64.random(in: 0...UInt64.max))"
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sameday-\(name)")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return Place(database: self, name: name, path: folder.appendingPathComponent("bench.sqlite").path)
        case .postgres:
            return Place(database: self, name: name, path: nil)
        }
    }

    struct Place: Sendable {
        var database: BenchDatabase
        /// A schema name on PostgreSQL (`bench_` and digits); the folder's name on SQLite.
        var name: String
        /// The SQLite file.
        var path: String?

        /// What `StoreLocation` opens: the file, or the URL with `schema` and a pool of 20 connections (the
        /// store's default).
        var storeLocation: String {
            switch database {
            case .sqlite: return path ?? ""
            case .postgres(let url): return url + (url.contains("?") ? "&" : "?") + "schema=\(name)&pool=20"
            }
        }

        /// Deletes the folder or drops the schema.
        func remove() async throws {
            switch database {
            case .sqlite:
                if let path {
                    try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
                }
            case .postgres(let url):
                try await BenchDatabase.execute(url, "DROP SCHEMA IF EXISTS \"\(name)\" CASCADE")
            }
        }
    }

    static let silent = Logger(label: "sameday.bench", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Where `url` points.
    static func endpoint(_ url: String) throws -> (
        host: String, port: Int, user: String, password: String?, database: String?
    ) {
        guard
            case .postgres(let host, let port, let user, let password, let database, _, _, _, _, _) =
                try StoreLocation(parsing: url)
        else { throw BenchFailure("\(StoreLocation.redacted(url)) is not a postgres:// URL") }
        return (host, port, user, password, database)
    }

    /// The PostgreSQL connection settings of `url` (no TLS: the benchmarks run over loopback).
    static func connection(_ url: String) throws -> PostgresConnection.Configuration {
        let e = try endpoint(url)
        return PostgresConnection.Configuration(
            host: e.host, port: e.port, username: e.user, password: e.password, database: e.database, tls: .disable)
    }

    /// Runs `sql` on one new connection and returns the first column of its rows as text.
    @discardableResult
    static func execute(_ url: String, _ sql: String) async throws -> [String] {
        let connection = try await PostgresConnection.connect(
            configuration: try connection(url), id: 1, logger: silent)
        do {
            var values: [String] = []
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: silent)
                .decode(String.self)
            {
                values.append(value)
            }
            try await connection.close()
            return values
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// A benchmark that cannot measure what it claims (a refused or unpacked order, a non-durable setting).
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
