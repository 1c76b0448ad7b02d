// Exactly once across crashes and across processes, through the built `sameday serve`:
// - a price drop that triggers hundreds of auto-buys, the server killed with SIGKILL while it buys, restarted:
//   every triggered watch ends with exactly one order, and `sameday check` (which holds every bought watch to one
//   order of its own, no line above its target) is clean;
// - two server processes on one database, price changes and receipts racing the drop: each watch bought once.
// SQLite always; PostgreSQL when SAMEDAY_TEST_POSTGRES_URL is set.

import Foundation
import SameDayCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite(.serialized) struct WatchCrashTests {
    static let rounds = 3
    static let watchesPerRound = 200

    /// The database of one test: its servers take at most 6 PostgreSQL connections each (the default 20, times
    /// two processes, times the tests running at once, ran the shared server out of connection slots).
    static func location(_ backend: String, in files: TinyFiles, name: String) throws -> String {
        try TestDatabase.location(backend, in: files, name: name) + (backend == "postgres" ? "&pool=6" : "")
    }

    static func inventory(_ files: TinyFiles) throws {
        try "node,sku,available\nSEA1,A1,1000000\nSEA-NOW1,A1,1000000\n".write(
            to: files.dir.appendingPathComponent("inv.csv"), atomically: true, encoding: .utf8)
    }

    @Test(arguments: TwoServersTests.databases)
    func everyTriggeredWatchIsBoughtOnceAcrossSIGKILL(backend: String) async throws {
        let files = try TinyFiles()
        try Self.inventory(files)
        let database = try Self.location(backend, in: files, name: "watchcrash")
        var generator = SeededGenerator(seed: backend == "postgres" ? 12 : 11)
        var server = try await ServerProcess.start(files.serveArguments(database: database))
        let key = try #require(server.key("operator"))
        for round in 0..<Self.rounds {
            // A1 costs 899; each round's watches wait at a lower target, then the price drops to it.
            let target = 800 - round * 100
            try await Self.createWatches(on: server.base, key: key, round: round, target: target)
            let drop = try await ServerProcess.request(
                server.base.appendingPathComponent("v1/catalog/A1/price"), method: "PUT", key: key,
                body: #"{"priceCents":\#(target)}"#)
            #expect(drop.status == 200, "\(drop.body)")
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...400, using: &generator)))
            try await server.kill()
            #expect(server.process.terminationReason == .uncaughtSignal)
            server = try await ServerProcess.start(files.serveArguments(database: database))
        }
        let watches = try await Self.settledWatches(
            on: server.base, key: key, expected: Self.rounds * Self.watchesPerRound)
        #expect(watches.count == Self.rounds * Self.watchesPerRound)
        #expect(watches.allSatisfy { $0.status == "bought" }, "\(watches.filter { $0.status != "bought" }.prefix(5))")
        #expect(Set(watches.compactMap(\.order)).count == watches.count, "one order per watch, none shared")
        try await server.stop()
        let check = try await SameDayBinary.output(["check", "--database", database])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test(arguments: TwoServersTests.databases)
    func twoProcessesRacingBuyEachWatchOnce(backend: String) async throws {
        let files = try TinyFiles()
        try Self.inventory(files)
        let database = try Self.location(backend, in: files, name: "watchtwo")
        let a = try await ServerProcess.start(files.serveArguments(database: database))
        let key = try #require(a.key("operator"))
        let b = try await ServerProcess.start(files.serveArguments(database: database))
        try await Self.createWatches(on: a.base, key: key, round: 0, target: 700, count: 100)
        try await Self.createWatches(on: b.base, key: key, round: 1, target: 750, count: 100)
        // Price changes from both processes race receipts from both; the last change leaves A1 at 700.
        async let prices: Void = {
            for (i, cents) in [760, 700, 820, 740, 690, 900, 700].enumerated() {
                _ = try await ServerProcess.request(
                    (i % 2 == 0 ? a : b).base.appendingPathComponent("v1/catalog/A1/price"), method: "PUT", key: key,
                    body: #"{"priceCents":\#(cents)}"#)
            }
        }()
        async let receipts: Void = {
            for i in 0..<6 {
                _ = try await ServerProcess.request(
                    (i % 2 == 0 ? b : a).base.appendingPathComponent("v1/inventory/receipts"), method: "POST",
                    key: key, body: #"{"node":"SEA1","sku":"A1","qty":1,"reason":"race \#(i)"}"#)
            }
        }()
        _ = try await (prices, receipts)
        let watches = try await Self.settledWatches(on: b.base, key: key, expected: 200)
        #expect(watches.allSatisfy { $0.status == "bought" })
        #expect(Set(watches.compactMap(\.order)).count == 200)
        try await a.stop()
        try await b.stop()
        let check = try await SameDayBinary.output(["check", "--database", database])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// Creates the round's watches, 20 requests at a time, for customers c0…c9.
    static func createWatches(on base: URL, key: String, round: Int, target: Int, count: Int = watchesPerRound)
        async throws
    {
        for start in stride(from: 0, to: count, by: 20) {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in start..<min(start + 20, count) {
                    group.addTask {
                        try await ServerProcess.request(
                            base.appendingPathComponent("v1/watches"), method: "POST", key: key,
                            body:
                                #"{"sku":"A1","targetPriceCents":\#(target),"qty":1,"zip":"98109","autoBuy":true,"customer":"c\#(i % 10)"}"#,
                            headers: ["Idempotency-Key": "r\(round)-\(i)"]
                        ).status
                    }
                }
                for try await status in group { #expect(status == 201) }
            }
        }
    }

    struct WatchState: Sendable, CustomStringConvertible {
        var id: String
        var status: String
        var order: String?
        var description: String { "\(id) \(status) \(order ?? "-")" }
    }

    /// Every watch, once none is active any more (or after 60 s).
    static func settledWatches(on base: URL, key: String, expected: Int) async throws -> [WatchState] {
        let deadline = Date().addingTimeInterval(60)
        var all: [WatchState] = []
        repeat {
            all = []
            var after: String?
            repeat {
                var url = base.appendingPathComponent("v1/watches").absoluteString + "?limit=200"
                if let after { url += "&after=\(after)" }
                let page = try await ServerProcess.request(try #require(URL(string: url)), key: key)
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
                for watch in object["watches"] as? [[String: Any]] ?? [] {
                    all.append(
                        WatchState(
                            id: watch["id"] as? String ?? "", status: watch["status"] as? String ?? "",
                            order: watch["orderId"] as? String))
                }
                after = object["next"] as? String
            } while after != nil
            if all.count >= expected && !all.contains(where: { $0.status == "active" }) { return all }
            try await Task.sleep(for: .milliseconds(200))
        } while Date() < deadline
        return all
    }
}
