// The built `sameday` binary, run by the CLI tests as a user runs it.

import Foundation

/// Runs the built `sameday` binary.
enum SameDayBinary {
    /// `.build/<config>/sameday`, next to the test bundle.
    static var url: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("sameday")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("sameday") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? dir.appendingPathComponent("sameday")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// How long one command may run before it is killed and its test fails (a hang must not hang the run).
    static let timeLimit: Double = 600

    /// Runs `sameday` with `arguments` to its end, without blocking Swift's cooperative pool; both pipes are read
    /// as the child writes them (`ChildProcess`).
    static func output(_ arguments: [String], in directory: URL? = nil) async throws -> Output {
        let result = try await ChildProcess(url, arguments, in: directory).finish(within: timeLimit)
        return Output(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}
