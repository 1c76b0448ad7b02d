// `sameday keys create|list|revoke`: API keys. Only their hashes are stored; a key is shown once, when created,
// and named afterwards by a short id (the first 12 hex digits of its hash).

import ArgumentParser
import Foundation
import SameDayCore
import SameDayStore

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage API keys.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an API key and print it as the last line of standard output; only its hash is stored.",
            discussion: "Exit status 2 on bad input (unknown role, missing or extra --customer/--seller, bad database)."
        )

        @Option(help: "SQLite file path or postgres:// URL.") var database = "sameday.sqlite"
        @Option(help: "operator, seller or customer.") var role: String
        @Option(help: "The customer a customer key acts as.") var customer: String?
        @Option(help: "The seller a seller key acts for.") var seller: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw CLIFailure("role \(role) is unknown: use operator, seller or customer")
            }
            let customer = self.customer.map(CustomerID.init)
            let seller = self.seller.map(SellerID.init)
            let at = KeysCommand.now()
            let created = try await KeysCommand.withStore(database, creating: true) { store in
                try await store.createAPIKey(role: role, customer: customer, seller: seller, at: at)
            }
            let owner = customer.map { " for customer \($0)" } ?? seller.map { " for seller \($0)" } ?? ""
            print("\(role.rawValue) key\(owner), id \(created.record.id) (shown once; only its hash is stored):")
            print(created.key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List API keys: id, role, customer or seller, when created and when revoked (UTC).",
            discussion:
                "The id is the first 12 hex digits of the key's SHA-256: not a secret. Exit status 2 on bad input."
        )

        @Option(help: "SQLite file path or postgres:// URL.") var database = "sameday.sqlite"

        func run() async throws {
            let keys = try await KeysCommand.withStore(database, creating: false) { store in try await store.apiKeys() }
            print(Self.render(keys))
        }

        /// One header line and one line per key, in aligned columns.
        static func render(_ keys: [APIKey]) -> String {
            var rows = [["ID", "ROLE", "FOR", "CREATED", "REVOKED"]]
            for key in keys {
                let owner = key.customer.map { "customer \($0)" } ?? key.seller.map { "seller \($0)" } ?? "-"
                rows.append([
                    key.id, key.role.rawValue, owner, KeysCommand.utc(key.createdAt),
                    key.revokedAt.map(KeysCommand.utc) ?? "-",
                ])
            }
            let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                row.enumerated().map { i, cell in
                    i == 4 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
                }.joined(separator: "  ")
            }.joined(separator: "\n")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke an API key by its id (sameday keys list); every server stops accepting it within 1 s.",
            discussion: "Revoking a revoked key changes nothing. Exit status 2 on bad input or an unknown id."
        )

        @Option(help: "SQLite file path or postgres:// URL.") var database = "sameday.sqlite"
        @Argument(help: "The key's id: the ID column of 'sameday keys list' (8 to 64 hex digits).") var id: String

        func run() async throws {
            let at = KeysCommand.now()
            let id = self.id
            let key = try await KeysCommand.withStore(database, creating: false) { store in
                try await store.revokeAPIKey(id: id, at: at)
            }
            print("key \(key.id) (\(key.role.rawValue)) revoked at \(KeysCommand.utc(key.revokedAt ?? at))")
        }
    }

    /// The command line is the edge where the wall clock is read.
    static func now() -> Instant { Instant(secondsSinceEpoch: Int(Date().timeIntervalSince1970)) }

    static func utc(_ instant: Instant) -> String { ISO8601.format(instant, offsetMinutes: 0) }

    /// Runs `body` on the store at `database`; every failure becomes one line on standard error (exit 2).
    /// Without `creating`, a missing SQLite file is an error rather than a new empty database.
    static func withStore<R: Sendable>(
        _ database: String, creating: Bool, _ body: @Sendable (any Store) async throws -> R
    ) async throws -> R {
        let location: StoreLocation
        do {
            location = try StoreLocation(parsing: database)
        } catch {
            throw CLIFailure(error.description)
        }
        if !creating, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CLIFailure("no database at \(path)")
        }
        do {
            return try await location.withStore(logger: StoreLocation.silentLogger, body)
        } catch let error as StoreError {
            switch error {
            case .unavailable, .database:
                throw CLIFailure("\(StoreLocation.redacted(database)): \(error.description)")
            default:
                throw CLIFailure(error.description)
            }
        } catch {
            throw CLIFailure("\(StoreLocation.redacted(database)): \(StoreLocation.describe(error))")
        }
    }
}
