// `sameday catalog generate` and the streaming import of `sameday serve` as a user runs them: the same seed
// writes the same bytes, and bad input exits with status 2 and one line on standard error.

import Foundation
import SameDayTestSupport
import Testing

@Suite struct CatalogCommandTests {
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sameday-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theSameSeedWritesTheSameFiles() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var contents: [[Data]] = []
        for (name, seed) in [("a", "3"), ("b", "3"), ("c", "4")] {
            let out = dir.appendingPathComponent(name)
            let run = try await SameDayBinary.output([
                "catalog", "generate", "--skus", "2500", "--seed", seed, "--out", out.path,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("(2500 SKUs)"), "\(run.stderr)")
            contents.append(
                try ["catalog.csv", "inventory.csv"].map { try Data(contentsOf: out.appendingPathComponent($0)) })
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                    "catalog.csv", "inventory.csv",
                ])
        }
        #expect(contents[0] == contents[1])
        #expect(contents[0][0] != contents[2][0])
        #expect(String(decoding: contents[0][0].prefix(13), as: UTF8.self) == "sku,name,leng")
    }

    @Test(arguments: [
        (["--skus", "0", "--out", "OUT"], "--skus 0 is not in 1...100000000"),
        (["--skus", "ten", "--out", "OUT"], "ten"),
        (["--skus", "10"], "--out"),
        (["--skus", "10", "--out", "OUT", "--seed", "x1"], "x1"),
        (["--skus", "10", "--out", "OUT", "--network", "/nonexistent/net.json"], "/nonexistent/net.json"),
    ])
    func badArgumentsExit2WithOneLine(arguments: [String], expected: String) async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let run = try await SameDayBinary.output(
            ["catalog", "generate"] + arguments.map { $0 == "OUT" ? out : $0 })
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/catalog.csv"))
    }

    @Test func serveWithABadCatalogRowExits2NamingItAndLeavesNoDatabase() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = dir.appendingPathComponent("cat.csv")
        let inventory = dir.appendingPathComponent("inv.csv")
        let network = dir.appendingPathComponent("net.json")
        try Fixtures.tinyNetworkJSON.write(to: network, atomically: true, encoding: .utf8)
        try Fixtures.tinyCatalogCSV.replacingOccurrences(
            of: "B7,Batteries AA 8-pack,120,90,20,", with: "B7,Batteries AA 8-pack,120,90,-20,"
        )
        .write(to: catalog, atomically: true, encoding: .utf8)
        try Fixtures.tinyInventoryCSV.write(to: inventory, atomically: true, encoding: .utf8)
        let database = dir.appendingPathComponent("new.sqlite").path
        let run = try await SameDayBinary.output([
            "serve", "--database", database, "--network", network.path, "--catalog", catalog.path,
            "--inventory", inventory.path, "--port", "1",
        ])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n").filter { !$0.hasPrefix("import:") }
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("\(catalog.path):4:31: heightMm -20 must be ≥ 1"), "\(run.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
                "cat.csv", "inv.csv", "net.json",
            ])
    }
}
