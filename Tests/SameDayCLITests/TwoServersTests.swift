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
        let database: String
        if backend == "postgres" {
            let url = ProcessInfo.processInfo.environment["SAMEDAY_TEST_POSTGRES_URL"]!
            let schema = "two_servers_\(UInt32.random(in: 0...UInt32.max))"
            database = url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pool_timeout=300"
        } else {
            database = files.dir.appendingPathComponent("two.sqlite").path
        }
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
}
