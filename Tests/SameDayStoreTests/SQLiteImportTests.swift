// The streaming import into a new SQLite file (`sameday serve` on a new database) writes what the store's
// one-transaction import writes, passes the invariants, and leaves nothing behind when a row is bad.

import Foundation
import GRDB
import SameDayCore
import SameDayTestSupport
import Testing

@testable import SameDayStore

@Suite struct SQLiteImportTests {
    /// A folder with the bundled network and a generated catalog of `count` SKUs (the head and some long tail).
    struct Files {
        let dir: URL
        let networkJSON: [UInt8]
        var catalog: String { dir.appendingPathComponent("catalog.csv").path }
        var inventory: String { dir.appendingPathComponent("inventory.csv").path }

        init(count: Int = 3500, seed: UInt64 = 5) throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("sameday-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            networkJSON = try Fixtures.dataFile("networks/us.json")
            let network = try Network.load(json: networkJSON, file: "us.json")
            var catalogBytes = Array(DemoCatalog.csvHeader.utf8)
            var inventoryBytes = Array(DemoCatalog.inventoryCSVHeader.utf8)
            var stock = DemoCatalog.StockStream(network: network, seed: seed)
            for product in DemoCatalog.ProductStream(count: count, seed: seed) {
                DemoCatalog.appendCSVLine(product.item, to: &catalogBytes)
                stock.stock(product) { node, available in
                    DemoCatalog.appendInventoryLine(
                        node: node, sku: product.item.sku, available: available, to: &inventoryBytes)
                }
            }
            try Data(catalogBytes).write(to: URL(fileURLWithPath: catalog))
            try Data(inventoryBytes).write(to: URL(fileURLWithPath: inventory))
        }

        func importStreaming(to path: String) throws -> Bool {
            try SQLiteImport.createDatabase(
                at: path, network: try Network.load(json: networkJSON, file: "us.json"),
                networkJSON: String(decoding: networkJSON, as: UTF8.self), catalogFile: catalog,
                inventoryFile: inventory, at: StoreFixtures.morning)
        }

        func remove() { try? FileManager.default.removeItem(at: dir) }

        /// The folder's file names, sorted.
        func names() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        }
    }

    static let tables = [
        "SELECT key, value FROM settings ORDER BY key",
        "SELECT id, kind, region FROM nodes ORDER BY id",
        """
        SELECT sku, name, length_mm, width_mm, height_mm, weight_g, price_cents, temperature, seller, position
        FROM catalog ORDER BY sku
        """,
        "SELECT sku, price_cents, at_minute, actor FROM price_history ORDER BY sku, id",
        "SELECT node, sku, on_hand, reserved FROM stock ORDER BY node, sku",
        """
        SELECT node, sku, kind, on_hand_delta, reserved_delta, actor, reason, at_minute, order_id FROM ledger
        ORDER BY node, sku, id
        """,
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
    ]

    static func dump(_ path: String) throws -> [[String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try tables.map { sql in
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(\.description).joined(separator: "|")
                }
            }
        }
    }

    @Test func theStreamingImportWritesWhatTheStoresImportWrites() async throws {
        let files = try Files()
        defer { files.remove() }
        let streamed = files.dir.appendingPathComponent("streamed.sqlite").path
        #expect(try files.importStreaming(to: streamed))

        let old = files.dir.appendingPathComponent("old.sqlite").path
        let data = try ImportData.load(
            networkJSON: files.networkJSON, networkFile: "us.json",
            catalogCSV: [UInt8](try Data(contentsOf: URL(fileURLWithPath: files.catalog))), catalogFile: files.catalog,
            inventoryCSV: [UInt8](try Data(contentsOf: URL(fileURLWithPath: files.inventory))),
            inventoryFile: files.inventory)
        let imported = try await StoreLocation.withStore(old) { store in
            try await store.importIfNew(data, at: StoreFixtures.morning)
        }
        #expect(imported)
        let streamedTables = try Self.dump(streamed)
        let oldTables = try Self.dump(old)
        for (i, sql) in Self.tables.enumerated() {
            #expect(streamedTables[i].count == oldTables[i].count, "\(sql)")
            #expect(streamedTables[i] == oldTables[i], "\(sql)")
        }
        #expect(streamedTables[4].count == data.inventory.entries.count)

        try await StoreLocation.withStore(streamed) { store in
            #expect(try await store.checkInvariants() == [])
            let setup = try #require(try await store.setup())
            #expect(setup.catalog == data.catalog)
            let stock = try await store.stockSnapshot(skus: nil)
            #expect(stock.count == data.inventory.entries.count)
        }
        // A second import finds the database there and leaves it as it is.
        #expect(try files.importStreaming(to: streamed) == false)
    }

    @Test func aBadCatalogRowIsNamedByLineAndColumnAndNothingIsLeftBehind() throws {
        let files = try Files(count: 50)
        defer { files.remove() }
        var lines = try String(contentsOfFile: files.catalog, encoding: .utf8).components(separatedBy: "\n")
        var fields = lines[30].components(separatedBy: ",")
        fields[fields.count - 4] = "heavy"  // weightG
        lines[30] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: files.catalog, atomically: true, encoding: .utf8)
        let before = try files.names()
        let database = files.dir.appendingPathComponent("bad.sqlite").path
        let column = lines[30].utf8.count - fields.suffix(4).joined(separator: ",").utf8.count + 1
        #expect(
            throws: LoadError([
                LoadIssue(
                    file: files.catalog, line: 31, column: column, message: "weightG 'heavy' is not a whole number")
            ])
        ) {
            _ = try files.importStreaming(to: database)
        }
        #expect(try files.names() == before)
    }

    @Test func aRepeatedOrUnknownStockRowIsNamedAndNothingIsLeftBehind() throws {
        let files = try Files(count: 50)
        defer { files.remove() }
        let original = try String(contentsOfFile: files.inventory, encoding: .utf8)
        let lines = original.components(separatedBy: "\n")
        let database = files.dir.appendingPathComponent("bad.sqlite").path
        let before = try files.names()

        try (original + lines[5] + "\n").write(toFile: files.inventory, atomically: true, encoding: .utf8)
        let repeated = lines.count
        #expect {
            _ = try files.importStreaming(to: database)
        } throws: { error in
            "\(error)".hasPrefix("\(files.inventory):\(repeated):1: stock of ")
                && "\(error)".contains("is already given on an earlier line")
        }
        #expect(try files.names() == before)

        try (original + "FC-WA-01,NO-SUCH-SKU,4\n").write(toFile: files.inventory, atomically: true, encoding: .utf8)
        #expect {
            _ = try files.importStreaming(to: database)
        } throws: { error in
            "\(error)" == "\(files.inventory):\(repeated):10: unknown sku 'NO-SUCH-SKU'"
        }
        #expect(try files.names() == before)
    }
}
