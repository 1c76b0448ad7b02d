// An acknowledged order survives a crash of the process at any point: the built `sameday serve` takes streams
// of orders and is killed with SIGKILL at seeded random moments, restarted, several rounds; then every order it
// answered 201 is read back, and `sameday check` finds the database consistent. SQLite always; PostgreSQL when
// SAMEDAY_TEST_POSTGRES_URL is set.

import Foundation
import SameDayCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct CrashRestartTests {
    static let rounds = 5
    static let streams = 4

    @Test(arguments: TwoServersTests.databases)
    func everyAcknowledgedOrderSurvivesSIGKILLAndTheDatabaseStaysConsistent(backend: String) async throws {
        let files = try TinyFiles()
        try "node,sku,available\nSEA1,A1,1000000\nSEA-NOW1,A1,1000000\n".write(
            to: files.dir.appendingPathComponent("inv.csv"), atomically: true, encoding: .utf8)
        let database = try TestDatabase.location(backend, in: files, name: "crash")
        let seed: UInt64 = backend == "postgres" ? 2 : 1
        var generator = SeededGenerator(seed: seed)
        var acknowledged: [String] = []
        var keys: (operator: String, customer: String)?
        for round in 0..<Self.rounds {
            let server = try await ServerProcess.start(files.serveArguments(database: database))
            if keys == nil { keys = (try #require(server.key("operator")), try #require(server.key("customer demo"))) }
            let customer = try #require(keys?.customer)
            let killAfter = Int.random(in: 300...1_300, using: &generator)
            let base = server.base
            let orders = Task { try await Self.placeOrders(on: base, key: customer, round: round) }
            try await Task.sleep(for: .milliseconds(killAfter))
            try await server.kill()
            let placed = try await orders.value
            #expect(server.process.terminationReason == .uncaughtSignal, "round \(round), seed \(seed)")
            acknowledged += placed
        }
        #expect(acknowledged.count > 0)
        let server = try await ServerProcess.start(files.serveArguments(database: database))
        var missing: [String] = []
        for id in acknowledged {
            let answer = try await ServerProcess.request(
                server.base.appendingPathComponent("v1/orders/\(id)"), key: keys?.operator)
            if answer.status != 200 || !answer.body.contains(id) { missing.append(id) }
        }
        #expect(missing.isEmpty, "\(missing.count) of \(acknowledged.count) acknowledged orders lost (seed \(seed))")
        try await server.stop()
        #expect(server.process.terminationStatus == 0)
        let check = try await SameDayBinary.output(["check", "--database", database])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// Streams of orders until the server dies: the ids of those answered 201.
    static func placeOrders(on base: URL, key: String, round: Int) async throws -> [String] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            for stream in 0..<Self.streams {
                group.addTask {
                    var ids: [String] = []
                    for i in 0..<2_000 {
                        let answer: (status: Int, body: String)
                        do {
                            answer = try await ServerProcess.request(
                                base.appendingPathComponent("v1/orders"), method: "POST", key: key,
                                body: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,
                                headers: ["Idempotency-Key": "r\(round)-s\(stream)-\(i)"])
                        } catch {
                            return ids  // the server is gone
                        }
                        if answer.status == 201, let id = orderID(answer.body) { ids.append(id) }
                    }
                    return ids
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    static func orderID(_ body: String) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?["id"] as? String
    }
}

/// A database for a test that runs `sameday` processes: a file in the test's folder, or a new schema of the
/// PostgreSQL database at SAMEDAY_TEST_POSTGRES_URL.
enum TestDatabase {
    static func location(_ backend: String, in files: TinyFiles, name: String) throws -> String {
        guard backend == "postgres" else { return files.dir.appendingPathComponent("\(name).sqlite").path }
        let url = try #require(ProcessInfo.processInfo.environment["SAMEDAY_TEST_POSTGRES_URL"])
        // A debug build on a busy machine can hold every connection for long under contention: wait for one.
        return url + (url.contains("?") ? "&" : "?")
            + "schema=\(name)_\(UInt32.random(in: 0...UInt32.max))&pool_timeout=300"
    }
}
