// `sameday serve` as an operator starts it: the built binary on a fresh SQLite file, its keys and URL on stdout,
// real HTTP requests, its log lines on stderr, and a clean exit on SIGTERM. This is the only test that runs what
// `main` sets up for the server (Swift concurrency on NIO's event loops, the server's log handler).

import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct ServeCommandTests {
    /// Reads the pipe until `marker` has appeared (or end of file, or 120 s).
    static func read(_ pipe: Pipe, until marker: String) -> String {
        var text = ""
        let deadline = Date().addingTimeInterval(120)
        while !text.contains(marker), Date() < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        return text
    }

    static func request(_ url: URL, method: String = "GET", key: String? = nil, body: String? = nil) async throws
        -> (status: Int, body: String)
    {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? -1, String(decoding: data, as: UTF8.self))
    }

    @Test func servesPromisesThenStopsCleanlyOnSIGTERM() async throws {
        let files = try TinyFiles()
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = SameDayBinary.url
        process.arguments = [
            "serve", "--port", "\(port)", "--database", files.dir.appendingPathComponent("serve.sqlite").path,
            "--network", files.dir.appendingPathComponent("net.json").path,
            "--catalog", files.dir.appendingPathComponent("cat.csv").path,
            "--inventory", files.dir.appendingPathComponent("inv.csv").path,
            "--zips", files.dir.appendingPathComponent("zips.csv").path,
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let printed = Self.read(out, until: "listening on")
        try #require(printed.contains("listening on http://127.0.0.1:\(port)"), "\(printed)")
        let key = try #require(
            printed.split(separator: "\n").first { $0.hasPrefix("customer demo key (shown once): ") }
                .map { String($0.dropFirst("customer demo key (shown once): ".count)) })
        let base = URL(string: "http://127.0.0.1:\(port)")!

        let health = try await Self.request(base.appendingPathComponent("health"))
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)
        // The spec's example: SEA1 ships through DSE2's 16:00 wave, same day.
        let promise = try await Self.request(
            base.appendingPathComponent("v1/promise"), method: "POST", key: key,
            body: #"{"zip":"98109","lines":[{"sku":"A1","qty":3}],"at":"2026-12-24T10:00:00-08:00"}"#)
        #expect(promise.status == 200)
        #expect(promise.body.contains(#""deliverBy":"2026-12-24T21:00:00-08:00""#), "\(promise.body)")
        let refused = try await Self.request(
            base.appendingPathComponent("v1/promise"), method: "POST", key: key, body: #"{"zip":"98109"}"#)
        #expect(refused.status == 422)

        process.terminate()  // SIGTERM: finish what is in flight, exit 0
        let stopped = Date().addingTimeInterval(60)
        while process.isRunning, Date() < stopped { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let logged = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // The server's log handler writes StreamLogHandler's format; keys never reach the log.
        #expect(logged.contains(" info sameday: [HummingbirdCore] Server started and listening on 127.0.0.1:\(port)"),
            "\(logged)")
        #expect(!logged.contains(key))
    }
}
