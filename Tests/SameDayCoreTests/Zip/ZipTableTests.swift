// Tests of the ZIP table: parsing, lookups, every kind of bad row, and the shipped Data/zips.csv.

import Foundation
import SameDayCore
import Testing

@Suite struct ZipTableTests {
    static let header = "zip,lat,lon,timezone,state,city,population\n"

    static func table(_ text: String) throws(LoadError) -> ZipTable {
        try ZipTable(csv: Array(text.utf8), file: "zips.csv")
    }

    @Test func parsesASmallInlineCSV() throws {
        let table = try Self.table(
            Self.header
                + "98109,47.6339,-122.3476,America/Los_Angeles,WA,Seattle,21000\n"
                + "10001,40.7484,-73.9967,America/New_York,NY,New York,25000.5\n"
                + "96813,21.3179,-157.8521,Pacific/Honolulu,HI,Honolulu,500\n")
        #expect(table.count == 3)
        let seattle = try #require(table.index(of: "98109"))
        #expect(table.zip(at: seattle) == "98109")
        #expect(table.coordinate(at: seattle) == Coordinate(lat: 47.6339, lon: -122.3476))
        #expect(table.timeZoneIdentifiers == ["America/Los_Angeles", "America/New_York", "Pacific/Honolulu"])
        #expect(table.timeZoneIdentifiers[table.timeZoneIndex(at: seattle)] == "America/Los_Angeles")
        #expect(table.state(at: seattle) == "WA")
        #expect(table.city(at: seattle) == "Seattle")
        #expect(table.population(at: seattle) == 21000)
        let newYork = try #require(table.index(of: "10001"))
        #expect(table.city(at: newYork) == "New York")
        #expect(table.population(at: newYork) == 25000.5)
        #expect(table.timeZoneIdentifiers[table.timeZoneIndex(at: newYork)] == "America/New_York")
        let honolulu = try #require(table.index(of: "96813"))
        #expect(table.timeZoneIdentifiers[table.timeZoneIndex(at: honolulu)] == "Pacific/Honolulu")
    }

    @Test func leadingZeroZIPsRoundTrip() throws {
        let table = try Self.table(
            Self.header
                + "01001,42.0702,-72.6227,America/New_York,MA,Agawam,14000\n"
                + "00501,40.8154,-73.0451,America/New_York,NY,Holtsville,500\n")
        for text in ["01001", "00501"] {
            let index = try #require(table.index(of: ZIP(text)))
            #expect(table.zip(at: index).rawValue == text)
        }
        #expect(table.index(of: "1001") == nil)
    }

    @Test func unknownZIPIsNil() throws {
        let table = try Self.table(Self.header + "98109,47.6339,-122.3476,America/Los_Angeles,WA,Seattle,21000\n")
        #expect(table.index(of: "98110") == nil)
        #expect(table.index(of: "00000") == nil)
        #expect(table.index(of: "99999") == nil)
    }

    @Test(arguments: ["", "9810", "981090", "98a09", " 9810", "98109 ", "-9810", "９８１０９", "98109-1234"])
    func malformedZIPTextIsNil(text: String) throws {
        let table = try Self.table(Self.header + "98109,47.6339,-122.3476,America/Los_Angeles,WA,Seattle,21000\n")
        #expect(table.index(of: ZIP(text)) == nil)
    }

    @Test func everyBadRowIsReportedWithItsLineAndColumnAllAtOnce() throws {
        let text =
            Self.header  // line 1
            + "98109,47.6339,-122.3476,America/Los_Angeles,WA,Seattle,21000\n"  // 2: good
            + "9810,47.6,-122.3,America/Los_Angeles,WA,Seattle,1\n"  // 3: ZIP of four digits
            + "98109,47.6,-122.3,America/Los_Angeles,WA,Seattle,1\n"  // 4: duplicate
            + "98111,north,-122.3,America/Los_Angeles,WA,Seattle,1\n"  // 5: lat not a number
            + "98112,91,-122.3,America/Los_Angeles,WA,Seattle,1\n"  // 6: lat out of range
            + "98113,47.6,west,America/Los_Angeles,WA,Seattle,1\n"  // 7: lon not a number
            + "98114,47.6,-180.5,America/Los_Angeles,WA,Seattle,1\n"  // 8: lon out of range
            + "98115,47.6,-122.3,,WA,Seattle,1\n"  // 9: empty timezone
            + "98116,47.6,-122.3,America/Los_Angeles,WA,Seattle,many\n"  // 10: population not a number
            + "98117,47.6,-122.3,America/Los_Angeles,WA,Seattle,-5\n"  // 11: negative population
            + "98118,nan,-122.3,America/Los_Angeles,WA,Seattle,1\n"  // 12: nan is not a number
            + "98a19,95,east,,WA,\"Seattle, WA\",x\n"  // 13: five issues in one row
            + "98120,47.6,-122.3\n"  // 14: too few fields
        let error = try #require(throws: LoadError.self) { try Self.table(text) }
        let found = error.issues.map { "\($0.location) \($0.message)" }
        let expected: [(location: String, words: String)] = [
            ("3:1", "ZIP '9810' is not five digits"),
            ("4:1", "listed again (first on line 2)"),
            ("5:7", "lat 'north' is not a number"),
            ("6:7", "lat 91 is not in -90...90"),
            ("7:12", "lon 'west' is not a number"),
            ("8:12", "lon -180.5 is not in -180...180"),
            ("9:19", "timezone is empty"),
            ("10:50", "population 'many' is not a number"),
            ("11:50", "population -5 is negative"),
            ("12:7", "lat 'nan' is not a number"),
            ("13:1", "ZIP '98a19' is not five digits"),
            ("13:7", "lat 95 is not in -90...90"),
            ("13:10", "lon 'east' is not a number"),
            ("13:15", "timezone is empty"),
            ("13:33", "population 'x' is not a number"),
            ("14:12", "row has 3 fields; it lacks timezone, state, city, population"),
        ]
        #expect(error.issues.count == expected.count, "\(found)")
        for (issue, want) in zip(error.issues, expected) {
            #expect(issue.file == "zips.csv")
            #expect(issue.location == want.location, "\(issue)")
            #expect(issue.message.contains(want.words), "\(issue)")
        }
    }

    @Test func headerWithoutARequiredColumnIsAnError() throws {
        let error = try #require(throws: LoadError.self) {
            try Self.table("zip,lat,lon,state,city,population\n98109,47.6,-122.3,WA,Seattle,1\n")
        }
        #expect(error.issues.count == 1)
        #expect(error.issues.first?.message.contains("timezone") == true)
    }

    @Test func quotedCityNamesWithCommasAndQuotesAreRead() throws {
        let table = try Self.table(
            Self.header
                + "98109,47.6339,-122.3476,America/Los_Angeles,WA,\"Seattle, Queen Anne\",21000\n"
                + "98101,47.6101,-122.3421,America/Los_Angeles,WA,\"The \"\"Emerald\"\" City\",1000\n")
        #expect(table.city(at: try #require(table.index(of: "98109"))) == "Seattle, Queen Anne")
        #expect(table.city(at: try #require(table.index(of: "98101"))) == "The \"Emerald\" City")
        #expect(table.population(at: try #require(table.index(of: "98101"))) == 1000)
    }

    @Test func crlfLineEndsAreRead() throws {
        let table = try Self.table(
            "zip,lat,lon,timezone,state,city,population\r\n"
                + "98109,47.6339,-122.3476,America/Los_Angeles,WA,Seattle,21000\r\n"
                + "99501,61.2225,-149.8677,America/Anchorage,AK,Anchorage,9000\r\n")
        #expect(table.count == 2)
        let anchorage = try #require(table.index(of: "99501"))
        #expect(table.population(at: anchorage) == 9000)
        #expect(table.timeZoneIdentifiers[table.timeZoneIndex(at: anchorage)] == "America/Anchorage")
    }

    @Test func unknownExtraColumnsAreIgnoredInAnyOrder() throws {
        let table = try Self.table(
            "county,city,zip,population,timezone,lon,lat,state\n"
                + "King County,Seattle,98109,21000,America/Los_Angeles,-122.3476,47.6339,WA\n")
        let seattle = try #require(table.index(of: "98109"))
        #expect(table.coordinate(at: seattle) == Coordinate(lat: 47.6339, lon: -122.3476))
        #expect(table.city(at: seattle) == "Seattle")
        #expect(table.state(at: seattle) == "WA")
    }

    @Test func theShippedTableHasEveryActiveZIPWithItsTimeZone() throws {
        // Tests/SameDayCoreTests/Zip/ZipTableTests.swift: the repository root is three directories up.
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Data/zips.csv"))
        let table = try ZipTable(csv: bytes, file: "Data/zips.csv")
        #expect(table.count > 40_000)

        func zone(_ zip: ZIP) throws -> String {
            table.timeZoneIdentifiers[table.timeZoneIndex(at: try #require(table.index(of: zip)))]
        }
        let seattle = try #require(table.index(of: "98109"))
        #expect(Geo.distanceKm(table.coordinate(at: seattle), Coordinate(lat: 47.63, lon: -122.35)) < 2)
        #expect(try zone("98109") == "America/Los_Angeles")
        #expect(try zone("10001") == "America/New_York")
        #expect(try zone("96813") == "Pacific/Honolulu")
        #expect(try zone("99501") == "America/Anchorage")
        #expect(try zone("85001") == "America/Phoenix")
        #expect(table.index(of: "09001") == nil, "APO codes have no coordinates")
        #expect(table.timeZoneIdentifiers == table.timeZoneIdentifiers.sorted())
        #expect(table.timeZoneIdentifiers.allSatisfy { $0.contains("/") })
    }
}
