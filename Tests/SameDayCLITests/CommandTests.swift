// `sameday check`, `pack`, `network` and `keys` as a user runs them: the built binary, its output, and exit
// status 2 with one line on standard error for bad input.

import Foundation
import SameDayCore
import SameDayTestSupport
import Testing

@testable import SameDayStore

@Suite struct CheckCommandTests {
    @Test(arguments: TwoServersTests.databases) func checkExits0WhenConsistentAnd1WithViolations(backend: String)
        async throws
    {
        let files = try TinyFiles()
        let database = try TestDatabase.location(backend, in: files, name: "check")
        try await Self.databaseWithAnOrder(database)
        let clean = try await SameDayBinary.output(["check", "--database", database])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.hasSuffix(": consistent\n"), "\(clean.stdout)")
        #expect(clean.stdout.contains("packing: "))

        try await StoreLocation.withStore(database) { store in
            let sqlite = store as? SQLStore<SQLiteBackend>
            let postgres = store as? SQLStore<PostgresBackend>
            let corrupt = "UPDATE stock SET on_hand = on_hand + 5 WHERE node = 'SEA1' AND sku = 'A1'"
            try await sqlite?.backend.executeRaw(corrupt)
            try await postgres?.backend.executeRaw(corrupt)
        }
        let broken = try await SameDayBinary.output(["check", "--database", database])
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("ledger-mismatch SEA1/A1: on hand "), "\(broken.stdout)")
        #expect(broken.stdout.hasSuffix(": 1 violation\n"), "\(broken.stdout)")
    }

    @Test func checkOfNoDatabaseOrAnUnreachableOneExits2WithoutThePassword() async throws {
        let missing = try await SameDayBinary.output(["check", "--database", "/nonexistent/sameday.sqlite"])
        #expect(missing.status == 2)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(missing.stderr.contains("no database at /nonexistent/sameday.sqlite"))
        let closed = try await SameDayBinary.output([
            "check", "--database", "postgres://sameday:hunter2-secret@127.0.0.1:1/x?connect_timeout=2",
        ])
        #expect(closed.status == 2)
        #expect(closed.stderr.split(separator: "\n").count == 1, "\(closed.stderr)")
        #expect(!closed.stderr.contains("hunter2-secret"), "\(closed.stderr)")
        #expect(closed.stdout.isEmpty)
    }

    /// The tiny network imported into `database`, with one order placed.
    static func databaseWithAnOrder(_ database: String) async throws {
        let data = try ImportData.load(
            networkJSON: Array(Fixtures.tinyNetworkJSON.utf8), networkFile: "net.json",
            catalogCSV: Array(Fixtures.tinyCatalogCSV.utf8), catalogFile: "cat.csv",
            inventoryCSV: Array(Fixtures.tinyInventoryCSV.utf8), inventoryFile: "inv.csv")
        let engine = try PromiseEngine(network: data.network, zips: try Fixtures.tinyZips(), catalog: data.catalog)
        let at = try #require(ISO8601.parse("2026-12-01T08:00:00-08:00"))
        let boxes = try PackingFormat.containers(from: try Fixtures.dataFile("boxes.json"), file: "boxes.json")
        try await StoreLocation.withStore(database) { store in
            #expect(try await store.importIfNew(data, at: at))
            _ = try await store.placeOrder(
                customer: "c1", zip: "98109", lines: [OrderLine(sku: "A1", qty: 2)], idempotencyKey: "k", at: at,
                engine: engine, packer: Packer(catalog: boxes))
        }
    }
}

@Suite struct PackCommandTests {
    @Test func packsEveryUnitInsideABoxOfTheCatalog() async throws {
        let files = try TinyFiles()
        let items = files.dir.appendingPathComponent("items.json")
        try """
        [{"sku": "T1", "lengthMm": 200, "widthMm": 150, "heightMm": 100, "weightG": 500, "qty": 5},
         {"sku": "N2", "lengthMm": 210, "widthMm": 148, "heightMm": 10, "weightG": 150, "qty": 7, "upright": true}]
        """.write(to: items, atomically: true, encoding: .utf8)
        let out = try await SameDayBinary.output(["pack", "--items", items.path, "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let packing = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let containers = try #require(packing["containers"] as? [[String: Any]])
        let boxes = try #require(
            try JSONSerialization.jsonObject(with: Data(try Fixtures.dataFile("boxes.json"))) as? [[String: Any]])
        let sizes: [String: Set<Int>] = ["T1": [200, 150, 100], "N2": [210, 148, 10]]
        var placed: [String: Int] = [:]
        for container in containers {
            let id = try #require(container["box"] as? String)
            let box = try #require(boxes.first { $0["id"] as? String == id })
            let inner = try ["lengthMm", "widthMm", "heightMm"].map { try #require(box[$0] as? Int) }
            for placement in try #require(container["placements"] as? [[String: Any]]) {
                let sku = try #require(placement["sku"] as? String)
                placed[sku, default: 0] += 1
                let corner = try ["x", "y", "z"].map { try #require(placement[$0] as? Int) }
                let extent = try ["lengthMm", "widthMm", "heightMm"].map { try #require(placement[$0] as? Int) }
                #expect(Set(extent) == sizes[sku], "\(placement)")
                for axis in 0..<3 {
                    #expect(corner[axis] >= 0 && corner[axis] + extent[axis] <= inner[axis], "\(id) \(placement)")
                }
                if sku == "N2" { #expect(extent[2] == 10, "an upright unit lies on its side: \(placement)") }
            }
        }
        #expect(placed == ["T1": 5, "N2": 7])
        #expect((packing["lowerBound"] as? Int ?? 99) <= containers.count)
    }

    @Test(arguments: [
        (#"[{"sku": "T1", "lengthMm": 200, "widthMm": 150, "heightMm": 100, "weightG": 500, "qty": 0}]"#, "qty"),
        (#"[{"sku": "T1", "lengthMm": 9000, "widthMm": 150, "heightMm": 100, "weightG": 500, "qty": 1}]"#, "T1"),
        ("not json", "items.json"),
    ])
    func badItemsExit2WithOneLine(text: String, mentions: String) async throws {
        let files = try TinyFiles()
        let items = files.dir.appendingPathComponent("items.json")
        try text.write(to: items, atomically: true, encoding: .utf8)
        let out = try await SameDayBinary.output(["pack", "--items", items.path, "--json"])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.split(separator: "\n").count == 1, "\(out.stderr)")
        #expect(out.stderr.contains(mentions), "\(out.stderr)")
    }
}

@Suite struct NetworkCommandTests {
    @Test func buildIsDeterministicForASeedAndItsOutputLoads() async throws {
        let files = try TinyFiles()
        // Every 16th row of the bundled ZIP table: the same generator on a sixteenth of the work.
        let zips = files.dir.appendingPathComponent("zips16.csv")
        let rows = String(decoding: try Fixtures.dataFile("zips.csv"), as: UTF8.self).split(separator: "\n")
        let kept = [rows[0]] + rows.dropFirst().enumerated().filter { $0.offset % 16 == 0 }.map(\.element)
        try (kept.joined(separator: "\n") + "\n").write(to: zips, atomically: true, encoding: .utf8)
        func build(_ seed: Int, _ name: String) async throws -> URL {
            let out = files.dir.appendingPathComponent(name)
            let built = try await SameDayBinary.output([
                "network", "build", "--seed", "\(seed)", "--zips", zips.path, "--out",
                out.appendingPathExtension("json").path,
                "--catalog-out", out.appendingPathExtension("csv").path, "--skus", "40",
                "--inventory-out", out.appendingPathExtension("inv.csv").path,
            ])
            #expect(built.status == 0, "\(built.stderr)")
            return out
        }
        let first = try await build(7, "a")
        let second = try await build(7, "b")
        let other = try await build(8, "c")
        for ext in ["json", "csv", "inv.csv"] {
            let bytes = try Data(contentsOf: first.appendingPathExtension(ext))
            #expect(!bytes.isEmpty)
            #expect(bytes == (try Data(contentsOf: second.appendingPathExtension(ext))), "\(ext)")
        }
        let json = try Data(contentsOf: first.appendingPathExtension("json"))
        #expect(json != (try Data(contentsOf: other.appendingPathExtension("json"))))
        // The output loads: as a network, and with its catalog and inventory into a promise.
        let network = try Network.load(json: [UInt8](json), file: "a.json")
        #expect(!network.nodes.isEmpty)
        let shown = try await SameDayBinary.output([
            "network", "show", "--network", first.appendingPathExtension("json").path, "--zips", zips.path,
        ])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(network.name), "\(shown.stdout)")
        let catalog = try Catalog.load(
            csv: [UInt8](try Data(contentsOf: first.appendingPathExtension("csv"))), file: "a.csv")
        #expect(catalog.items.count == 40)
        _ = try Inventory.load(
            csv: [UInt8](try Data(contentsOf: first.appendingPathExtension("inv.csv"))), file: "a.inv.csv",
            network: network, catalog: catalog)
    }

    @Test(arguments: [
        (["network", "build", "--seed", "1", "--skus", "0"], "--skus"),
        (["network", "build", "--seed", "1", "--inventory-out", "/tmp/x.csv"], "--catalog-out"),
        (["network", "show", "--network", "/nonexistent/net.json"], "/nonexistent/net.json"),
        (["network", "build", "--seed", "minus-one"], "seed"),
    ])
    func badInputExits2WithOneLine(arguments: [String], mentions: String) async throws {
        let out = try await SameDayBinary.output(arguments)
        #expect(out.status == 2)
        #expect(out.stderr.split(separator: "\n").count == 1, "\(out.stderr)")
        #expect(out.stderr.contains(mentions), "\(out.stderr)")
    }
}

@Suite struct KeysCommandTests {
    @Test func keysAreCreatedListedAndRevoked() async throws {
        let files = try TinyFiles()
        let database = files.dir.appendingPathComponent("keys.sqlite").path
        let created = try await SameDayBinary.output([
            "keys", "create", "--database", database, "--role", "seller", "--seller", "s1",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let lines = created.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let key = try #require(lines.last)
        #expect(key.hasPrefix("sd_") && key.count == 46)
        let id = APIKeys.hash(key).prefix(APIKey.idLength)
        #expect(lines[0].contains("id \(id)"))
        let listed = try await SameDayBinary.output(["keys", "list", "--database", database])
        #expect(listed.status == 0)
        #expect(!listed.stdout.contains(key))
        let row = try #require(listed.stdout.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(row.contains("seller") && row.contains("seller s1") && row.hasSuffix("  -"), "\(row)")
        let revoked = try await SameDayBinary.output(["keys", "revoke", "--database", database, String(id)])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        let after = try await SameDayBinary.output(["keys", "list", "--database", database])
        let revokedRow = try #require(after.stdout.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(!revokedRow.hasSuffix("  -"), "\(revokedRow)")
        #expect(revokedRow.hasSuffix("+00:00"), "\(revokedRow)")
    }

    @Test(arguments: [
        (["keys", "create", "--database", "DB", "--role", "king"], "role king"),
        (["keys", "create", "--database", "DB", "--role", "customer"], "customer id"),
        (["keys", "create", "--database", "DB", "--role", "operator", "--seller", "s1"], "operator"),
        (["keys", "revoke", "--database", "DB", "0123456789ab"], "no API key"),
        (["keys", "revoke", "--database", "DB", "xyz"], "hex"),
        (["keys", "list", "--database", "/nonexistent/keys.sqlite"], "no database"),
        (["keys", "list", "--database", "postgres://u:hunter2-secret@h/x?bogus=1"], "bogus"),
    ])
    func badInputExits2WithOneLine(arguments: [String], mentions: String) async throws {
        let files = try TinyFiles()
        let database = files.dir.appendingPathComponent("keys.sqlite").path
        // A database that exists, so `revoke` and `create` reach the store.
        #expect(
            try await SameDayBinary.output(["keys", "create", "--database", database, "--role", "operator"]).status == 0
        )
        let out = try await SameDayBinary.output(arguments.map { $0 == "DB" ? database : $0 })
        #expect(out.status == 2)
        #expect(out.stderr.split(separator: "\n").count == 1, "\(out.stderr)")
        #expect(out.stderr.contains(mentions), "\(out.stderr)")
        #expect(!out.stderr.contains("hunter2-secret"))
    }
}

@Suite struct ServeTrafficOptionTests {
    @Test(arguments: ["-1", "fast", "nan", "inf", "10001"]) func aBadTrafficRateExits2WithOneLine(rate: String)
        async throws
    {
        let out = try await SameDayBinary.output(["serve", "--traffic", rate, "--database", "/nonexistent/x.sqlite"])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.split(separator: "\n").count == 1, "\(out.stderr)")
        #expect(out.stderr.contains("--traffic"), "\(out.stderr)")
    }
}
