// `sameday promise` as a user runs it: the built binary, its JSON, its sentence, and its exit status on bad input.

import Foundation
import SameDayTestSupport
import Testing

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

    /// Runs `sameday` with `arguments` to its end, blocking the calling thread; both pipes are read as the child
    /// writes them (`ChildProcess`). From async code, call `output`.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let child = try ChildProcess(url, arguments, in: directory)
        let result = try child.finishBlocking(within: timeLimit)
        return Output(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}

/// The spec's tiny network written to a temporary folder, with a small ZIP table.
struct TinyFiles {
    let dir: URL
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("sameday-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Fixtures.tinyNetworkJSON.write(
            to: dir.appendingPathComponent("net.json"), atomically: true, encoding: .utf8)
        try Fixtures.tinyCatalogCSV.write(to: dir.appendingPathComponent("cat.csv"), atomically: true, encoding: .utf8)
        try Fixtures.tinyInventoryCSV.write(
            to: dir.appendingPathComponent("inv.csv"), atomically: true, encoding: .utf8)
        let zips = """
            zip,lat,lon,timezone,state,city,population
            98109,47.6295,-122.3445,America/Los_Angeles,WA,Seattle,30000
            98101,47.6114,-122.3305,America/Los_Angeles,WA,Seattle,20000
            10001,40.7506,-73.9972,America/New_York,NY,New York,25000

            """
        try zips.write(to: dir.appendingPathComponent("zips.csv"), atomically: true, encoding: .utf8)
    }

    func arguments(_ extra: [String]) -> [String] {
        [
            "promise", "--network", dir.appendingPathComponent("net.json").path, "--catalog",
            dir.appendingPathComponent("cat.csv").path, "--inventory", dir.appendingPathComponent("inv.csv").path,
            "--zips", dir.appendingPathComponent("zips.csv").path,
        ] + extra
    }
}

@Suite struct PromiseCommandTests {
    @Test func printsTheSpecExampleAsJSON() async throws {
        let files = try TinyFiles()
        // Three units: the now-site holds only two, so SEA1 ships through DSE2's 16:00 wave.
        let out = try await SameDayBinary.output(
            files.arguments(["--zip", "98109", "--at", "2026-12-24T10:00:00-08:00", "--line", "A1:3", "--json"]))
        #expect(out.status == 0)
        #expect(out.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(object["available"] as? Bool == true)
        #expect(object["speed"] as? String == "same-day")
        #expect(object["deliverBy"] as? String == "2026-12-24T21:00:00-08:00")
        #expect(object["orderBy"] as? String == "2026-12-24T11:00:00-08:00")
        let shipments = try #require(object["shipments"] as? [[String: Any]])
        #expect(shipments.count == 1)
        #expect(shipments[0]["node"] as? String == "SEA1")
        #expect((shipments[0]["lines"] as? [[String: Any]])?.first?["qty"] as? Int == 3)
    }

    @Test func printsAnUnavailablePromiseWithItsReason() async throws {
        let files = try TinyFiles()
        let out = try await SameDayBinary.output(
            files.arguments(["--zip", "10001", "--at", "2026-12-24T10:00:00-08:00", "--line", "M1:1", "--json"]))
        #expect(out.status == 0)
        #expect(
            out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"{"available":false,"unavailable":[{"sku":"M1","reason":"not-deliverable"}]}"#)
    }

    @Test func saysTheCutoffInASentence() async throws {
        let files = try TinyFiles()
        let out = try await SameDayBinary.output(
            files.arguments(["--zip", "98109", "--at", "2026-12-24T10:00:00-08:00", "--line", "A1:3"]))
        #expect(out.status == 0)
        #expect(out.stdout == "Order within 1 h — arrives today by 9:00 pm, from SEA1.\n")
    }

    @Test(arguments: [
        (["--zip", "99999", "--line", "A1:1"], "99999"),
        (["--zip", "98109", "--line", "NOPE:1"], "NOPE"),
        (["--zip", "98109", "--line", "A1:0"], "quantity 0"),
        (["--zip", "98109", "--line", "A1:x"], "quantity 'x'"),
        (["--zip", "98109", "--line", "A1:1", "--line", "A1:2"], "more than one line"),
        (["--zip", "98109", "--at", "2026-12-24 10:00", "--line", "A1:1"], "--at"),
        (["--zip", "98109"], "--line"),
        (["--line", "A1:1"], "--zip"),
    ])
    func badInputExitsWithStatus2AndOneLine(extra: [String], mentions: String) async throws {
        let files = try TinyFiles()
        let at = extra.contains("--at") ? [] : ["--at", "2026-12-24T10:00:00-08:00"]
        let out = try await SameDayBinary.output(files.arguments(extra + at))
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(out.stderr)")
        #expect(out.stderr.contains(mentions), "stderr: \(out.stderr)")
    }

    @Test func anInvalidNetworkFileExitsWithStatus2NamingThePath() async throws {
        let files = try TinyFiles()
        let broken = Fixtures.tinyNetworkJSON.replacingOccurrences(
            of: #""deliversBy": "21:00""#, with: #""deliversBy": "15:00""#)
        try broken.write(to: files.dir.appendingPathComponent("net.json"), atomically: true, encoding: .utf8)
        let out = try await SameDayBinary.output(
            files.arguments(["--zip", "98109", "--at", "2026-12-24T10:00:00-08:00", "--line", "A1:1"]))
        #expect(out.status == 2)
        #expect(out.stderr.contains("nodes[2].waves[1]: departs 16:00 is not before deliversBy 15:00"), "\(out.stderr)")
        #expect(out.stderr.split(separator: "\n").count == 1)
    }
}
