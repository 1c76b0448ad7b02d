// A `sameday serve` process started from the built binary, for tests that need the real thing over sockets.

import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One running `sameday serve`, on a random port of 127.0.0.1. Both of its pipes are read as it writes them
/// (`ChildProcess`), so its log lines never fill a pipe and stop it, and every wait on it has a deadline.
final class ServerProcess: Sendable {
    let child: ChildProcess
    let port: Int
    /// Standard output up to and including the `listening on` line (keys, URL).
    let printed: String

    var process: Process { child.process }

    /// Starts `sameday serve` and waits until it listens, without blocking Swift's cooperative pool.
    static func start(_ arguments: [String]) async throws -> ServerProcess {
        let port = TestPorts.next()
        let child = try ChildProcess(SameDayBinary.url, ["serve", "--port", "\(port)"] + arguments)
        let listening = "listening on http://127.0.0.1:\(port)"
        let ready = await child.wait(upTo: 180) { $0.stdout.contains(listening) || !$0.isRunning }
        let printed = child.stdout
        guard ready, printed.contains(listening) else {
            let why = ready ? "exited with status \(child.process.terminationStatus)" : "did not listen within 180 s"
            if child.isRunning { Foundation.kill(child.process.processIdentifier, SIGKILL) }
            Issue.record("sameday serve \(why); stdout: \(printed) stderr: \(child.stderr.suffix(4_000))")
            throw ChildProcess.Timeout(description: "sameday serve \(why)")
        }
        return ServerProcess(child: child, port: port, printed: printed)
    }

    private init(child: ChildProcess, port: Int, printed: String) {
        self.child = child
        self.port = port
        self.printed = printed
    }

    deinit { if child.isRunning { child.process.terminate() } }

    /// SIGKILL: the process dies at once, in the middle of whatever it was doing; waits for it to be gone.
    func kill() async throws {
        if child.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        let gone = await child.wait(upTo: 30) { !$0.isRunning }
        try #require(gone, "sameday serve still runs 30 s after SIGKILL")
    }

    var base: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The key printed for `role` (`operator`, `customer demo`) on a new database's first start.
    func key(_ role: String) -> String? {
        let prefix = "\(role) key (shown once): "
        return printed.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// SIGTERM, then waits for the exit (at most 60 s, then SIGKILL and a failure). Returns standard error.
    @discardableResult
    func stop() async throws -> String {
        process.terminate()
        return try await child.finish(within: 60).stderr
    }

    /// One HTTP request: status and body.
    static func request(
        _ url: URL, method: String = "GET", key: String? = nil, body: String? = nil, headers: [String: String] = [:]
    ) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? -1, String(decoding: data, as: UTF8.self))
    }
}

/// Ports for test servers: from `SAMEDAY_TEST_PORTS` (`FIRST-LAST`, e.g. `18600-18699`, when the machine's ports
/// are shared out), else from 20000–39999; taken in turn from a random start, so the servers of tests running at
/// the same time get different ports.
enum TestPorts {
    static let range: ClosedRange<Int> = {
        let text = ProcessInfo.processInfo.environment["SAMEDAY_TEST_PORTS"] ?? ""
        let bounds = text.split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] > 0, bounds[0] <= bounds[1], bounds[1] < 65_536 else {
            return 20_000...39_999
        }
        return bounds[0]...bounds[1]
    }()

    private static let counter = Mutex(Int.random(in: 0..<1_000))

    static func next() -> Int {
        let n = counter.withLock { value in
            value += 1
            return value
        }
        return range.lowerBound + n % range.count
    }
}
