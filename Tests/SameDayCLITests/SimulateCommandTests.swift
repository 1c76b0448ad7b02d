// `sameday simulate` as a user runs it: files written byte for byte the same for the same seed, a summary on
// standard output, and exit status 2 with one line for bad input.

import Foundation
import SameDayTestSupport
import Testing

@Suite struct SimulateCommandTests {
    func simulate(_ files: TinyFiles, _ extra: [String]) -> [String] {
        ["simulate"] + files.arguments([]).dropFirst() + extra
    }

    func file(_ files: TinyFiles, _ name: String) -> String { files.dir.appendingPathComponent(name).path }

    @Test func theSameSeedWritesTheSameFilesAndASummary() async throws {
        let files = try TinyFiles()
        var outputs: [[Data]] = []
        for run in 0..<2 {
            let names = ["f\(run).json", "l\(run).jsonl", "r\(run).html"]
            let out = try await SameDayBinary.output(
                simulate(
                    files,
                    [
                        "--date", "2026-12-24", "--orders", "300", "--seed", "5", "--json", file(files, names[0]),
                        "--log", file(files, names[1]), "--report", file(files, names[2]),
                    ]))
            #expect(out.status == 0, "\(out.stderr)")
            #expect(out.stderr.isEmpty)
            #expect(out.stdout.contains("2026-12-24 (christmas-eve), 300 orders, seed 5, network tiny"))
            #expect(out.stdout.contains("promises kept"))
            outputs.append(try names.map { try Data(contentsOf: files.dir.appendingPathComponent($0)) })
        }
        #expect(outputs[0] == outputs[1])
        let figures = try #require(try JSONSerialization.jsonObject(with: outputs[0][0]) as? [String: Any])
        #expect(figures["orders"] as? Int == 300)
        #expect(String(decoding: outputs[0][1], as: UTF8.self).split(separator: "\n").count == 300)
        let html = String(decoding: outputs[0][2], as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
    }

    @Test func aComparisonPutsBothRunsInOneReport() async throws {
        let files = try TinyFiles()
        let cut = file(files, "cut.json")
        try #"{"nodes": {"SEA1": {"pickUnitsPerHour": 1}}}"#.write(toFile: cut, atomically: true, encoding: .utf8)
        let out = try await SameDayBinary.output(
            simulate(
                files,
                [
                    "--date", "2026-12-24", "--orders", "200", "--compare-capacity", cut, "--report",
                    file(files, "r.html"),
                ]))
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("== base") && out.stdout.contains("== capacity cut.json"))
        let html = try String(contentsOfFile: file(files, "r.html"), encoding: .utf8)
        #expect(html.contains("<th>capacity cut.json</th>") && html.contains("<th>change</th>"))
    }

    @Test(arguments: [
        (["--date", "2026-12-24", "--orders", "0"], "--orders 0"),
        (["--date", "2026-12-24", "--orders", "-5"], "--orders"),
        (["--date", "2026-12-24", "--orders", "many"], "--orders"),
        (["--date", "2026-02-30", "--orders", "10"], "--date '2026-02-30'"),
        (["--date", "24.12.2026", "--orders", "10"], "--date"),
        (["--orders", "10"], "--date"),
        (["--date", "2026-12-24", "--orders", "10", "--capacity", "/nonexistent/cap.json"], "cannot read"),
    ])
    func badInputExitsWithStatus2AndOneLine(extra: [String], mentions: String) async throws {
        let files = try TinyFiles()
        let out = try await SameDayBinary.output(simulate(files, extra))
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.split(separator: "\n").count == 1, "stderr: \(out.stderr)")
        #expect(out.stderr.contains(mentions), "stderr: \(out.stderr)")
    }

    @Test(arguments: [
        (
            #"{"nodes": {"SEA1": {"pickUnitsPerHour": "fast"}}}"#,
            "cap.json:nodes.SEA1.pickUnitsPerHour: must be a whole number"
        ),
        (
            #"{"lanes": [{"from": "SEA1", "to": "DSE2", "packagesPerDeparture": 0}]}"#,
            "cap.json:lanes[0].packagesPerDeparture"
        ),
        (#"{"nodes": {"SEA9": {}}}"#, "cap.json:nodes.SEA9: unknown node 'SEA9'"),
        (#"{"nodes": "#, "cap.json:1:11: malformed JSON"),
    ])
    func aMalformedCapacityFileNamesTheJSONPath(text: String, mentions: String) async throws {
        let files = try TinyFiles()
        let cap = file(files, "cap.json")
        try text.write(toFile: cap, atomically: true, encoding: .utf8)
        let out = try await SameDayBinary.output(
            simulate(files, ["--date", "2026-12-24", "--orders", "10", "--capacity", cap]))
        #expect(out.status == 2)
        #expect(out.stderr.split(separator: "\n").count == 1, "stderr: \(out.stderr)")
        #expect(out.stderr.contains(mentions), "stderr: \(out.stderr)")
    }
}
