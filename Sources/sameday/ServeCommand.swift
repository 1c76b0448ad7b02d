// `sameday serve`: the HTTP API on SQLite (default) or PostgreSQL.

import ArgumentParser
import Foundation
import SameDayCore
import SameDayServer
import SameDayStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API.",
        discussion: """
            Without --database the SQLite file ./sameday.sqlite is used. When the database is new, the network,
            catalog and inventory files are imported (defaults: the bundled US network and demo data) and an
            operator key and a customer key are printed once. A new SQLite file is filled streaming, with a progress
            bar on stderr, so catalogs of millions of SKUs import in minutes (docs/catalog.md); a bad row stops it
            with file:line:column, exit status 2, and no database left behind.
            SIGTERM or SIGINT: finish requests in flight, exit 0.
            Data files are found in $SAMEDAY_DATA, else ./Data, else the source tree's Data/.
            Keys are printed only on the first start; create more with 'sameday keys create'.
            An order's idempotency record (a retry with the same Idempotency-Key answers the first order) is kept
            --idempotency-hours (default 24), then removed: the key is free again.
            """
    )

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "SQLite file path or postgres:// URL.") var database = "sameday.sqlite"
    @Option(help: "Network file (JSON) imported into a new database.") var network: String?
    @Option(help: "Catalog file (CSV) imported into a new database.") var catalog: String?
    @Option(help: "Inventory file (CSV) imported into a new database.") var inventory: String?
    @Option(help: "ZIP table (CSV).") var zips: String?
    @Option(help: "Container catalog (JSON, spec/pack.md) shipments are packed into.") var boxes: String?
    @Option(help: "Seconds between shipment status advances.") var advanceSeconds = 15
    @Option(help: "Hours an order's idempotency record is kept (1 to 8760).") var idempotencyHours = 24
    @Option(
        help: "Demonstration traffic: about this many orders per second from the simulator's demand model (0: none).")
    var traffic = "0"
    @Option(help: "Seed of the demonstration traffic's draws.") var trafficSeed: UInt64 = 1

    func run() async throws {
        try await serve()
    }

    func serve() async throws {
        guard (1...8760).contains(idempotencyHours) else {
            throw CLIFailure("--idempotency-hours \(idempotencyHours) is not in 1...8760")
        }
        guard let ordersPerSecond = Double(traffic), TrafficSettings.isValid(ordersPerSecond: ordersPerSecond)
        else {
            throw CLIFailure(
                "--traffic '\(traffic)' is not a number of orders per second from 0 to "
                    + "\(Int(TrafficSettings.maxOrdersPerSecond))")
        }
        ServerLogHandler.bootstrap()
        let data = DataDirectory.url
        let networkPath = network ?? data.appendingPathComponent("networks/us.json").path
        let catalogPath = catalog ?? data.appendingPathComponent("demo/catalog.csv").path
        let inventoryPath = inventory ?? data.appendingPathComponent("demo/inventory.csv").path
        let zipsPath = zips ?? data.appendingPathComponent("zips.csv").path
        let boxesPath = boxes ?? data.appendingPathComponent("boxes.json").path
        let now = AppConfiguration.systemNow

        let location = try StoreLocation(parsing: database)
        // A new SQLite file is imported streaming (any size, progress on stderr); PostgreSQL (and an SQLite file
        // that exists but was never set up) through the store's one-transaction import.
        var importedAtScale = false
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            importedAtScale = try Self.importAtScale(
                into: path, networkPath: networkPath, catalogPath: catalogPath, inventoryPath: inventoryPath,
                at: now())
        }
        let createKeys = importedAtScale
        try await location.withStore { store in
            try await store.migrate()
            var keys: [(role: String, key: String)] = []
            if createKeys {
                keys = try await Self.createFirstKeys(store, at: now())
            }
            var stored = try await store.setup()
            if stored == nil {
                let importData = try ImportData.load(
                    networkJSON: try DataFiles.read(networkPath), networkFile: networkPath,
                    catalogCSV: try DataFiles.read(catalogPath), catalogFile: catalogPath,
                    inventoryCSV: try DataFiles.read(inventoryPath), inventoryFile: inventoryPath)
                if try await store.importIfNew(importData, at: now()) {
                    keys = try await Self.createFirstKeys(store, at: now())
                }
                stored = try await store.setup()
            }
            let name = StoreLocation.redacted(database)
            guard let setup = stored else {
                throw CLIFailure("the database at \(name) has no network")
            }
            let networkValue = try Network.load(json: Array(setup.networkJSON.utf8), file: "\(name) (network)")
            let zipTable = try ZipTable(csv: try DataFiles.read(zipsPath), file: zipsPath)
            let boxCatalog = try PackingFormat.containers(from: try DataFiles.read(boxesPath), file: boxesPath)
            let world = try ServerWorld(
                network: networkValue, catalog: setup.catalog, zips: zipTable, boxes: boxCatalog)
            // Orders stored before the figures' aggregates existed are counted into them once.
            _ = try await store.backfillKPICounts(engine: world.engine)
            var configuration = AppConfiguration(
                host: host, port: port, now: now, advanceInterval: .seconds(max(1, advanceSeconds)),
                idempotencyTTL: .seconds(idempotencyHours * 3600))
            configuration.traffic = TrafficSettings(ordersPerSecond: ordersPerSecond, seed: trafficSeed)
            let host = self.host
            let port = self.port
            let printedKeys = keys
            let exampleSKU = setup.catalog.items.first?.sku.rawValue ?? "SKU"
            try await runApplication(configuration, dependencies: AppDependencies(world: world, store: store)) {
                // Printed once the socket accepts connections; stdout may be a pipe, so write unbuffered.
                var text = ""
                for (role, key) in printedKeys {
                    text += "\(role) key (shown once): \(key)\n"
                }
                text += "listening on http://\(host):\(port)\n"
                let example = printedKeys.last?.key ?? "<api key>"
                text += """
                    try: curl -s http://\(host):\(port)/v1/promise -H 'Authorization: Bearer \(example)' \
                    -H 'Content-Type: application/json' -d '{"zip": "98109", "lines": [{"sku": "\(exampleSKU)", "qty": 1}]}'

                    """
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

extension ServeCommand {
    /// The operator key and the demo customer's key a new database starts with (printed once).
    static func createFirstKeys(_ store: any Store, at: Instant) async throws -> [(role: String, key: String)] {
        let op = try await store.createAPIKey(role: .operator, customer: nil, seller: nil, at: at)
        let customer = try await store.createAPIKey(
            role: .customer, customer: CustomerID("demo"), seller: nil, at: at)
        return [("operator", op.key), ("customer demo", customer.key)]
    }

    /// Creates the SQLite database at `path` from the data files, streaming, with a progress bar on stderr.
    /// - Returns: false when another process created it first.
    /// - Throws: `CLIFailure` with one line (file:line:column for a bad row); nothing is left at `path`.
    static func importAtScale(
        into path: String, networkPath: String, catalogPath: String, inventoryPath: String, at: Instant
    ) throws -> Bool {
        let networkBytes = try DataFiles.read(networkPath)
        let progress = RowProgress(label: "import", total: 1000)
        var rows = 0
        do {
            let network = try Network.load(json: networkBytes, file: networkPath)
            let created = try SQLiteImport.createDatabase(
                at: path, network: network, networkJSON: String(decoding: networkBytes, as: UTF8.self),
                catalogFile: catalogPath, inventoryFile: inventoryPath, at: at
            ) { state in
                rows = state.rows
                progress.update(
                    done: state.bytesRead * 1000 / max(1, state.totalBytes), rows: state.rows, detail: state.phase)
            }
            progress.finish(rows: rows, detail: "\(path) created")
            return created
        } catch let error as LoadError {
            throw CLIFailure(error.summaryLine)
        } catch let error as StoreError {
            throw CLIFailure("cannot import into \(path): \(error.description)")
        }
    }
}

/// Reading the data files.
enum DataFiles {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure("cannot read \(path)")
        }
        return Array(data)
    }
}
