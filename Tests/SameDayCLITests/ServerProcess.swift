// A `sameday serve` process started from the built binary, for tests that need the real thing over sockets.

import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One running `sameday serve`, on a random port of 127.0.0.1. Its mutable state is set while it starts, before
/// anyone else sees it.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let out = Pipe()
    private let err = Pipe()
    /// Standard output up to and including the `listening on` line (keys, URL).
    private(set) var printed = ""

    /// Starts `sameday serve` and waits until it listens, on a thread of its own (see `Blocking`).
    static func start(_ arguments: [String]) async throws -> ServerProcess {
        try await Blocking.run { try ServerProcess(arguments) }
    }

    /// Starts `sameday serve --port P` with `arguments` and waits until it listens (or fails the test). It
    /// blocks its thread while it waits: from async code, call `start`.
    init(_ arguments: [String]) throws {
        port = TestPorts.next()
        process.executableURL = SameDayBinary.url
        process.arguments = ["serve", "--port", "\(port)"] + arguments
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while !printed.contains("listening on"), Date() < deadline {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        try #require(printed.contains("listening on http://127.0.0.1:\(port)"), "\(printed)")
    }

    deinit { if process.isRunning { process.terminate() } }

    /// SIGKILL: the process dies at once, in the middle of whatever it was doing; waits for it to be gone.
    func kill() async throws {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        let gone = Date().addingTimeInterval(30)
        while process.isRunning, Date() < gone { try await Task.sleep(for: .milliseconds(20)) }
    }

    var base: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The key printed for `role` (`operator`, `customer demo`) on a new database's first start.
    func key(_ role: String) -> String? {
        let prefix = "\(role) key (shown once): "
        return printed.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// SIGTERM, then waits for the exit (at most 60 s). Returns standard error.
    @discardableResult
    func stop() async throws -> String {
        process.terminate()
        let stopped = Date().addingTimeInterval(60)
        while process.isRunning, Date() < stopped { try await Task.sleep(for: .milliseconds(50)) }
        return try await Blocking.run { [self] in
            String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
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

/// Blocking work (waiting for a child process, reading its pipes) on a thread of its own, never on Swift's
/// cooperative pool: that pool has one thread per core (two here), and tests blocking both while a child waits
/// for something an in-process task holds (PostgreSQL's migration lock, say) would wait for each other forever.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}

extension SameDayBinary {
    /// `run` on a thread of its own (see `Blocking`): what async tests call.
    static func output(_ arguments: [String]) async throws -> Output {
        try await Blocking.run { try run(arguments) }
    }
}
