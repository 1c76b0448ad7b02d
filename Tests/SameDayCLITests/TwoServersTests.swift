// Two `sameday serve` processes on one database, 200 concurrent orders for the last 10 units alternating between
// them: exactly 10 placed, 190 refused, and `sameday check` clean. SQLite (one file, two processes) always;
// PostgreSQL when SAMEDAY_TEST_POSTGRES_URL is set (.ci/run sets it).

import Foundation
import Testing

@Suite struct TwoServersTests {
    static var databases: [String] {
        var names = ["sqlite"]
        if let url = ProcessInfo.processInfo.environment["SAMEDAY_TEST_POSTGRES_URL"], !url.isEmpty {
            names.append("postgres")
        }
        return names
    }

    @Test(arguments: databases)
    func theLastUnitsAreSoldOnceAcrossTwoProcesses(backend: String) async throws {
        let files = try TinyFiles()
        try "node,sku,available\nSEA1,A1,10\n".write(
            to: files.dir.appendingPathComponent("inv.csv"), atomically: true, encoding: .utf8)
        let database = Self.database(backend, files)
        let a = try await ServerProcess.start(files.serveArguments(database: database))
        let key = try #require(a.key("customer demo"))  // the first start made the keys
        let b = try await ServerProcess.start(files.serveArguments(database: database))

        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<200 {
                let url = (i % 2 == 0 ? a : b).base.appendingPathComponent("v1/orders")
                group.addTask {
                    try await ServerProcess.request(
                        url, method: "POST", key: key,
                        body: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,
                        headers: ["Idempotency-Key": "two-\(i)"]
                    ).status
                }
            }
            var all: [Int] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses.filter { $0 == 201 }.count == 10)
        #expect(statuses.filter { $0 == 409 }.count == 190)
        try await a.stop()
        try await b.stop()
        #expect(a.process.terminationStatus == 0 && b.process.terminationStatus == 0)
        let check = try await SameDayBinary.output(["check", "--database", database])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    static func database(_ backend: String, _ files: TinyFiles) -> String {
        if backend == "postgres" {
            let url = ProcessInfo.processInfo.environment["SAMEDAY_TEST_POSTGRES_URL"]!
            let schema = "two_servers_\(UInt32.random(in: 0...UInt32.max))"
            return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pool_timeout=300"
        }
        return files.dir.appendingPathComponent("two.sqlite").path
    }

    /// A value from a server's `/metrics`.
    static func metric(_ server: ServerProcess, _ name: String) async throws -> Int? {
        let text = try await ServerProcess.request(server.base.appendingPathComponent("metrics")).body
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Int($0.dropFirst(name.count + 1)) }
    }

    /// A receipt committed by one server shows in the other's promise answers (which read the same cached index
    /// as eligibility), through its stock change feed: the second server loaded its index once and never again.
    @Test(arguments: databases)
    func aSecondServerSeesTheFirstsCommitsInItsAnswers(backend: String) async throws {
        let files = try TinyFiles()
        try "node,sku,available\nSEA1,A1,5\nSEA1,B7,0\n".write(
            to: files.dir.appendingPathComponent("inv.csv"), atomically: true, encoding: .utf8)
        let database = Self.database(backend, files)
        let a = try await ServerProcess.start(files.serveArguments(database: database))
        let customer = try #require(a.key("customer demo"))
        let operatorKey = try #require(a.key("operator"))
        let b = try await ServerProcess.start(files.serveArguments(database: database))
        var loaded = false
        for _ in 0..<600 where !loaded {
            loaded = try await Self.metric(b, "sameday_stock_full_loads_total") == 1
            if !loaded { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(loaded, "the second server loaded its stock index")
        let promise = b.base.appendingPathComponent("v1/promise")
        let body = #"{"zip":"98109","lines":[{"sku":"B7","qty":1}]}"#
        func available() async throws -> Bool {
            let answer = try await ServerProcess.request(promise, method: "POST", key: customer, body: body)
            return answer.body.contains(#""available":true"#)
        }
        #expect(try await available() == false, "no B7 anywhere yet")
        // Ten rounds: a receipt on A, then B's promise turns available; an adjustment down on A, then it turns
        // unavailable again. The test asserts that B sees each (within 30 s); it prints how long each took, which
        // docs/performance.md records (never asserted: the machine is shared).
        var waits: [Duration] = []
        for round in 0..<10 {
            for (path, json, want) in [
                ("v1/inventory/receipts", #"{"node":"SEA1","sku":"B7","qty":1,"reason":"cross-process"}"#, true),
                ("v1/inventory/adjustments", #"{"node":"SEA1","sku":"B7","delta":-1,"reason":"cross-process"}"#, false),
            ] {
                let write = try await ServerProcess.request(
                    a.base.appendingPathComponent(path), method: "POST", key: operatorKey, body: json)
                #expect(write.status == 201, "\(path): \(write.body)")
                let started = ContinuousClock.now
                var seen = false
                while !seen, ContinuousClock.now - started < .seconds(30) {
                    seen = try await available() == want
                    if !seen { try await Task.sleep(for: .milliseconds(5)) }
                }
                #expect(seen, "round \(round): the second server's promise sees the first's \(path)")
                waits.append(ContinuousClock.now - started)
            }
        }
        let sorted = waits.sorted()
        print(
            "[\(backend)] a commit on one server seen by the other's promise after: median \(sorted[sorted.count / 2]), max \(sorted.last!) (\(waits.count) commits)"
        )
        #expect(try await Self.metric(b, "sameday_stock_full_loads_total") == 1, "by the feed, not a reload")
        #expect(try await Self.metric(b, "sameday_stock_sku_rereads_total") ?? 0 >= 1)
        try await a.stop()
        try await b.stop()
    }
}
