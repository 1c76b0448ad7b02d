// `sameday keys create`: makes an API key, stores only its hash, prints the key once.

import ArgumentParser
import Foundation
import SameDayCore
import SameDayStore

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage API keys.",
        subcommands: [Create.self]
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
            let location: StoreLocation
            do {
                location = try StoreLocation(parsing: database)
            } catch {
                throw CLIFailure(error.description)
            }
            let customer = self.customer.map(CustomerID.init)
            let seller = self.seller.map(SellerID.init)
            // The command line is the edge where the wall clock is read.
            let at = Instant(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
            let key: String
            do {
                key = try await location.withStore(logger: StoreLocation.silentLogger) { store in
                    try await store.createAPIKey(role: role, customer: customer, seller: seller, at: at).key
                }
            } catch let error as StoreError {
                throw CLIFailure(error.description)
            } catch {
                throw CLIFailure(
                    "cannot store the key in \(StoreLocation.redacted(database)): \(StoreLocation.describe(error))")
            }
            let owner = customer.map { " for customer \($0)" } ?? seller.map { " for seller \($0)" } ?? ""
            print("\(role.rawValue) key\(owner) (shown once; only its hash is stored):")
            print(key)
        }
    }
}
