// `sameday check`: verifies DESIGN.md's stock invariants on a database and prints every violation.

import ArgumentParser
import Foundation
import SameDayStore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the stock invariants of a database (either backend).",
        discussion: """
            For every (node, SKU): 0 <= reserved <= on hand; reserved equals the open order lines there; the \
            ledger's movements sum to on hand and reserved. For every packed shipment: its containers hold \
            the units of its lines, SKU by SKU. Prints every violation, one a line, and the packing figure: \
            units per container over every packed shipment.
            Exit status: 0 consistent, 1 violations found, 2 bad input (no such file, bad URL, unreachable database).
            """
    )

    @Option(help: "SQLite file path or postgres:// URL.") var database: String

    func run() async throws {
        let location: StoreLocation
        do {
            location = try StoreLocation(parsing: database)
        } catch {
            throw CLIFailure(error.description)
        }
        // Checking must not create an empty database where the user mistyped a path.
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CLIFailure("no database at \(path)")
        }
        let name = StoreLocation.redacted(database)
        let violations: [Violation]
        let packing: PackingStats
        do {
            let found = try await location.withStore(logger: StoreLocation.silentLogger) { store in
                (try await store.checkInvariants(), try await store.packingStats())
            }
            (violations, packing) = (found.0, found.1)
        } catch {
            throw CLIFailure("cannot check \(name): \(StoreLocation.describe(error))")
        }
        for violation in violations { print(violation) }
        if packing.containers > 0 {
            let ratio = (packing.unitsPerContainer * 100).rounded() / 100
            print(
                "packing: \(ratio) units per container (\(packing.units) units in \(packing.containers) containers, "
                    + "\(packing.ownContainers) of them own-container, over \(packing.shipments) shipments)")
        }
        if violations.isEmpty {
            print("\(name): consistent")
        } else {
            print("\(name): \(violations.count) violation\(violations.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}
