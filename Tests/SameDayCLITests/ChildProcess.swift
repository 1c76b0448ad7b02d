// A child process whose standard output and standard error are read as it writes them, each by a thread of its
// own, so the child can never block on a full pipe (64 KiB on Linux) while the test waits for something else, and
// every wait has a deadline: a child that hangs fails its test with what it printed, instead of hanging the run.

import Foundation
import Synchronization

/// A started child process: what it has printed so far, and waits with deadlines.
final class ChildProcess: Sendable {
    /// Bytes one pipe has delivered so far, and whether it reached end of file.
    private final class Drain: Sendable {
        private let state = Mutex((data: Data(), ended: false))

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    state.withLock { $0.data.append(chunk) }
                }
                state.withLock { $0.ended = true }
            }
        }

        var text: String { state.withLock { String(decoding: $0.data, as: UTF8.self) } }
        var ended: Bool { state.withLock { $0.ended } }
    }

    /// Why a wait ended without what it waited for.
    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    let process: Process
    private let out: Drain
    private let err: Drain

    /// Starts `executable` with `arguments` (in `directory`, if given).
    init(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        self.process = process
        out = Drain(outPipe.fileHandleForReading)
        err = Drain(errPipe.fileHandleForReading)
    }

    /// Standard output so far.
    var stdout: String { out.text }
    /// Standard error so far.
    var stderr: String { err.text }
    var isRunning: Bool { process.isRunning }

    /// Waits, without blocking Swift's cooperative pool, until `condition` holds (polled every 20 ms) or
    /// `seconds` pass. Returns whether it held.
    func wait(upTo seconds: Double, until condition: @Sendable (ChildProcess) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !condition(self) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Waits for the exit and for both pipes to end; after `seconds`, kills the child with SIGKILL and throws
    /// `Timeout` naming the command and what it printed.
    func finish(within seconds: Double) async throws -> (status: Int32, stdout: String, stderr: String) {
        let ended = await wait(upTo: seconds) { !$0.isRunning && $0.out.ended && $0.err.ended }
        guard ended else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            _ = await wait(upTo: 10) { !$0.isRunning }
            throw Timeout(
                description: "\(command) did not finish within \(Int(seconds)) s and was killed; "
                    + "stdout: \(stdout.suffix(2_000)) stderr: \(stderr.suffix(2_000))")
        }
        return (process.terminationStatus, stdout, stderr)
    }

    /// The command line, for messages.
    var command: String {
        ([process.executableURL?.lastPathComponent ?? "?"] + (process.arguments ?? [])).joined(separator: " ")
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
