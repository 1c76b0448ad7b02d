// `sameday promise` as a user runs it: the built binary, its JSON, its sentence, and its exit status on bad input.

import Foundation
import SameDayTestSupport
import Testing

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
