// Opening a store by the string a user types: a path is SQLite, `postgres://…` is PostgreSQL.

import Foundation
import Logging
import PostgresNIO
import SameDayCore

/// Where a database is: `--database PATH` (SQLite file) or `--database postgres://user:pass@host:port/db`.
///
/// PostgreSQL URLs take optional query items: `schema=NAME` (use and create that schema: tests give each run
/// its own), `pool=N` (at most N connections, default 20), `sslmode=disable|prefer|require` (default disable),
/// `connect_timeout=SECONDS` (how long opening one connection may take, 1–300, default 10), `pool_timeout=SECONDS`
/// (how long a transaction waits for a free pooled connection before failing as unavailable, 1–300, default 30).
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(
        host: String, port: Int, user: String, password: String?, database: String?, schema: String?,
        maximumConnections: Int, sslMode: String, connectTimeoutSeconds: Int, poolTimeoutSeconds: Int)

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
        var connectTimeout = 10
        var poolTimeout = 30
        for item in url.queryItems ?? [] {
            switch item.name {
            case "schema":
                // An id without '.', so the name needs no quoting rules beyond the double quotes it gets.
                guard let value = item.value, Identifiers.isWellFormed(value), !value.contains(".") else {
                    throw .badLocation("schema must be \(Identifiers.ruleDescription), without '.'")
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
            case "connect_timeout":
                guard let value = item.value.flatMap(Int.init), (1...300).contains(value) else {
                    throw .badLocation("connect_timeout must be a number of seconds from 1 to 300")
                }
                connectTimeout = value
            case "pool_timeout":
                guard let value = item.value.flatMap(Int.init), (1...300).contains(value) else {
                    throw .badLocation("pool_timeout must be a number of seconds from 1 to 300")
                }
                poolTimeout = value
            default:
                throw .badLocation(
                    "unknown option \(item.name) in the database URL "
                        + "(known: schema, pool, sslmode, connect_timeout, pool_timeout)")
            }
        }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        self = .postgres(
            host: host, port: url.port ?? 5432, user: user, password: url.password, database: path.isEmpty ? nil : path,
            schema: schema, maximumConnections: pool, sslMode: sslMode, connectTimeoutSeconds: connectTimeout,
            poolTimeoutSeconds: poolTimeout)
    }

    /// The location with any password replaced by `***`, for messages and logs. Text that does not parse as a
    /// URL but has credentials (`scheme://…@host…`) keeps only what follows the last `@`.
    public static func redacted(_ text: String) -> String {
        if let url = URLComponents(string: text) {
            guard url.password != nil else { return text }
            var safe = url
            safe.password = "***"
            if let string = safe.string { return string }
        }
        guard let scheme = text.range(of: "://"), let at = text.lastIndex(of: "@"), at > scheme.upperBound else {
            return text
        }
        return text[..<scheme.upperBound] + "***@" + text[text.index(after: at)...]
    }

    /// Opens the store (creating an SQLite file if needed). Call `run()` before using it, and `migrate()`.
    /// - Throws: `StoreError` (`.database` when an SQLite file cannot be created or opened).
    public func open(logger: Logger = Logger(label: "sameday.store")) throws -> any Store {
        switch self {
        case .sqlite(let path):
            return SQLStore(backend: try SQLiteBackend(path: path))
        case .postgres(
            let host, let port, let user, let password, let database, let schema, let pool, let sslMode, let timeout,
            let poolTimeout):
            let tls: PostgresClient.Configuration.TLS =
                switch sslMode {
                case "require": .require(.makeClientConfiguration())
                case "prefer": .prefer(.makeClientConfiguration())
                default: .disable
                }
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
            configuration.options.maximumConnections = pool
            configuration.options.connectTimeout = .seconds(timeout)
            let probeTLS: PostgresConnection.Configuration.TLS
            do {
                probeTLS =
                    switch sslMode {
                    case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                    case "prefer": .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                    default: .disable
                    }
            } catch {
                throw StoreError.badLocation("TLS for sslmode=\(sslMode) cannot be set up: \(error)")
            }
            var probe = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: probeTLS)
            probe.options.connectTimeout = .seconds(Int64(timeout))
            return SQLStore(
                backend: PostgresBackend(
                    configuration: configuration, probe: probe, schema: schema, leaseTimeout: .seconds(poolTimeout),
                    logger: logger))
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

    /// One line saying why a database operation failed, never with a password: the store's errors say it in
    /// their own words (driver errors are translated at the backend boundary); anything else by its first line.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        return BackendErrors.firstLine(error)
    }
}
