// Opening a store by the string a user types: a path is SQLite, `postgres://…` is PostgreSQL.

import Foundation
import Logging
import PostgresNIO
import SameDayCore

/// Where a database is: `--database PATH` (SQLite file) or `--database postgres://user:pass@host:port/db`.
///
/// PostgreSQL URLs take optional query items: `schema=NAME` (use and create that schema: tests give each run
/// its own), `pool=N` (at most N connections, default 20), `sslmode=disable|prefer|require` (default disable).
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(
        host: String, port: Int, user: String, password: String?, database: String?, schema: String?,
        maximumConnections: Int, sslMode: String)

    /// Parses what a user typed.
    /// - Throws: `StoreError.badLocation` with the reason.
    public init(parsing text: String) throws(StoreError) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            guard !text.isEmpty else {
                throw .badLocation("the database location is empty: give a file path or a postgres:// URL")
            }
            self = .sqlite(path: text)
            return
        }
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw .badLocation(
                "\(Self.redacted(text)) is not a URL of the form postgres://user:password@host:port/database")
        }
        guard let user = url.user, !user.isEmpty else {
            throw .badLocation("\(Self.redacted(text)) names no user: postgres://user:password@host:port/database")
        }
        var schema: String?
        var pool = 20
        var sslMode = "disable"
        for item in url.queryItems ?? [] {
            switch item.name {
            case "schema":
                guard let value = item.value, Identifiers.isWellFormed(value), !value.contains(".") else {
                    throw .badLocation("schema must be letters, digits, _ or - (at most 64)")
                }
                schema = value
            case "pool":
                guard let value = item.value.flatMap(Int.init), (1...1000).contains(value) else {
                    throw .badLocation("pool must be a number of connections from 1 to 1000")
                }
                pool = value
            case "sslmode":
                guard let value = item.value, ["disable", "prefer", "require"].contains(value) else {
                    throw .badLocation("sslmode must be disable, prefer or require")
                }
                sslMode = value
            default:
                throw .badLocation("unknown option \(item.name) in the database URL (known: schema, pool, sslmode)")
            }
        }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        self = .postgres(
            host: host, port: url.port ?? 5432, user: user, password: url.password, database: path.isEmpty ? nil : path,
            schema: schema, maximumConnections: pool, sslMode: sslMode)
    }

    /// The location with any password replaced by `***`, for messages and logs.
    public static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "postgres://…"
    }

    /// Opens the store (creating an SQLite file if needed). Call `run()` before using it, and `migrate()`.
    public func open(logger: Logger = Logger(label: "sameday.store")) throws -> any Store {
        switch self {
        case .sqlite(let path):
            return SQLStore(backend: try SQLiteBackend(path: path))
        case .postgres(let host, let port, let user, let password, let database, let schema, let pool, let sslMode):
            let tls: PostgresClient.Configuration.TLS =
                switch sslMode {
                case "require": .require(.makeClientConfiguration())
                case "prefer": .prefer(.makeClientConfiguration())
                default: .disable
                }
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
            configuration.options.maximumConnections = pool
            let probeTLS: PostgresConnection.Configuration.TLS =
                switch sslMode {
                case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case "prefer": .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                default: .disable
                }
            let probe = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: probeTLS)
            return SQLStore(
                backend: PostgresBackend(configuration: configuration, probe: probe, schema: schema, logger: logger))
        }
    }
}

extension StoreLocation {
    /// Opens the store at `location`, runs its background work, migrates it, gives it to `body`, and closes it.
    /// What a command-line tool or a test needs; a server runs `store.run()` as a service instead.
    public static func withStore<R: Sendable>(
        _ location: String, logger: Logger = Logger(label: "sameday.store"),
        _ body: @Sendable (any Store) async throws -> R
    ) async throws -> R {
        try await StoreLocation(parsing: location).withStore(logger: logger, body)
    }

    /// Opens this store, runs its background work, migrates it, gives it to `body`, and closes it.
    public func withStore<R: Sendable>(
        logger: Logger = Logger(label: "sameday.store"), _ body: @Sendable (any Store) async throws -> R
    ) async throws -> R {
        let store = try open(logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            do {
                try await store.migrate()
                let result = try await body(store)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}

extension StoreLocation {
    /// Checks the invariants of the database at `location` (what `sameday check` prints): for crash and
    /// two-process tests that need a verdict without the command line.
    public static func checkInvariants(_ location: String) async throws -> [Violation] {
        try await withStore(location) { store in try await store.checkInvariants() }
    }
}

extension StoreLocation {
    /// A logger that drops everything: for command-line tools, whose only output is their result.
    public static var silentLogger: Logger {
        Logger(label: "sameday.store", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// One line saying why a database operation failed, with the server's own words when there are some
    /// (PostgresNIO's errors hide them from `description`), and never a password.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return "PostgreSQL: \(message)" + (error.serverInfo?[.sqlState].map { " (\($0))" } ?? "")
            }
            switch error.code {
            case .connectionError:
                return "cannot connect to PostgreSQL (is it running, and is the host and port right?)"
            default: return "PostgreSQL: \(error.code)"
            }
        }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
