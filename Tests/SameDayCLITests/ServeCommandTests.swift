// `sameday serve` as an operator starts it: the built binary on a fresh SQLite file, its keys and URL on stdout,
// real HTTP requests, its log lines on stderr, and a clean exit on SIGTERM. These tests run what `main` sets up
// for the server (Swift concurrency on NIO's event loops, the server's log handler).

import Foundation
import Testing

@Suite struct ServeCommandTests {
    @Test func servesPromisesThenStopsCleanlyOnSIGTERM() async throws {
        let files = try TinyFiles()
        let server = try await ServerProcess.start(
            files.serveArguments(database: files.dir.appendingPathComponent("serve.sqlite").path))
        let key = try #require(server.key("customer demo"))

        let health = try await ServerProcess.request(server.base.appendingPathComponent("health"))
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)
        // The spec's example: SEA1 ships through DSE2's 16:00 wave, same day.
        let promise = try await ServerProcess.request(
            server.base.appendingPathComponent("v1/promise"), method: "POST", key: key,
            body: #"{"zip":"98109","lines":[{"sku":"A1","qty":3}],"at":"2026-12-24T10:00:00-08:00"}"#)
        #expect(promise.status == 200)
        #expect(promise.body.contains(#""deliverBy":"2026-12-24T21:00:00-08:00""#), "\(promise.body)")
        let refused = try await ServerProcess.request(
            server.base.appendingPathComponent("v1/promise"), method: "POST", key: key, body: #"{"zip":"98109"}"#)
        #expect(refused.status == 422)

        let logged = try await server.stop()  // SIGTERM: finish what is in flight, exit 0
        #expect(!server.process.isRunning)
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
        // The server's log handler writes StreamLogHandler's format; keys never reach the log.
        #expect(
            logged.contains(
                " info sameday: [HummingbirdCore] Server started and listening on 127.0.0.1:\(server.port)"),
            "\(logged)")
        #expect(!logged.contains(key))
    }
}

extension TinyFiles {
    /// `sameday serve` arguments for the tiny network on `database`.
    func serveArguments(database: String) -> [String] {
        [
            "--database", database, "--network", dir.appendingPathComponent("net.json").path,
            "--catalog", dir.appendingPathComponent("cat.csv").path,
            "--inventory", dir.appendingPathComponent("inv.csv").path,
            "--zips", dir.appendingPathComponent("zips.csv").path,
        ]
    }
}
