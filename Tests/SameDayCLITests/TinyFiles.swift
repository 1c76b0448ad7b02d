// The spec's tiny network as files, for the CLI tests that run `sameday` on them.

import Foundation
import SameDayTestSupport

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
