// Fixtures shared by the test targets: the spec's tiny network, small ZIP tables, and the repository's Data/.

import Foundation
import SameDayCore

/// Shared test fixtures.
public enum Fixtures {
    /// The repository root (three levels above this file).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Bytes of a file under the repository's `Data/`.
    public static func dataFile(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Data").appendingPathComponent(relative)))
    }

    /// The real ZIP table, loaded once.
    public static let zipTable: ZipTable = {
        do {
            return try ZipTable(csv: try dataFile("zips.csv"), file: "zips.csv")
        } catch {
            preconditionFailure("Data/zips.csv does not load: \(error)")
        }
    }()

    /// A ZIP table from `(zip, lat, lon, timezone)` rows.
    public static func zipTable(_ rows: [(String, Double, Double, String)]) throws -> ZipTable {
        var csv = "zip,lat,lon,timezone,state,city,population\n"
        for (zip, lat, lon, tz) in rows { csv += "\(zip),\(lat),\(lon),\(tz),WA,Test,1000\n" }
        return try ZipTable(csv: Array(csv.utf8), file: "zips.csv")
    }

    /// The network of spec/promise.md's example.
    public static let tinyNetworkJSON = """
        {
          "name": "tiny",
          "regions": [{"id": "west", "name": "West"}],
          "nodes": [
            {"id": "SEA1", "kind": "fulfillment-center", "region": "west",
             "lat": 47.25, "lon": -122.44, "timezone": "America/Los_Angeles",
             "temperatures": ["ambient", "chilled"], "processingMinutes": 120,
             "closedDates": ["2026-12-25"]},
            {"id": "SEA-NOW1", "kind": "now-site", "region": "west",
             "lat": 47.62, "lon": -122.35, "timezone": "America/Los_Angeles",
             "processingMinutes": 0, "radiusKm": 6, "promiseMinutes": 30,
             "openHours": {"open": "07:00", "close": "23:00"}},
            {"id": "DSE2", "kind": "delivery-station", "region": "west",
             "lat": 47.55, "lon": -122.32, "timezone": "America/Los_Angeles",
             "temperatures": ["ambient", "chilled"], "sortMinutes": 30,
             "waves": [{"departs": "09:30", "deliversBy": "14:00"},
                       {"departs": "16:00", "deliversBy": "21:00"}],
             "zips": ["98109", "98101"]}
          ],
          "lanes": [{"from": "SEA1", "to": "DSE2",
                     "departures": ["05:00", "13:00", "21:00"], "transitMinutes": 60}],
          "carrier": {"pickup": "17:00", "deliversBy": "20:00",
                      "transitDays": [{"maxKm": 500, "days": 1}, {"maxKm": 1500, "days": 2},
                                      {"maxKm": 6000, "days": 4}]}
        }
        """

    public static let tinyCatalogCSV = """
        sku,name,lengthMm,widthMm,heightMm,weightG,priceCents,temperature
        A1,"Paper towels, 6 rolls",300,200,250,1200,899,ambient
        M1,Milk 1 gal,150,150,260,3900,449,chilled
        B7,Batteries AA 8-pack,120,90,20,200,999,ambient

        """

    public static let tinyInventoryCSV = """
        node,sku,available
        SEA1,A1,5
        SEA1,M1,3
        SEA-NOW1,A1,2

        """

    /// ZIPs for the tiny network: two served by DSE2 (98109 within the now-site's radius, 98101 too),
    /// one far away for the carrier.
    public static func tinyZips() throws -> ZipTable {
        try zipTable([
            ("98109", 47.6295, -122.3445, "America/Los_Angeles"),
            ("98101", 47.6114, -122.3305, "America/Los_Angeles"),
            ("99201", 47.6664, -117.4329, "America/Los_Angeles"),
            ("10001", 40.7506, -73.9972, "America/New_York"),
        ])
    }
}
