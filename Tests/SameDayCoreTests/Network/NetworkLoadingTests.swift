// The network loader: one test per rule it checks, each asserting the exact JSON path, and that every
// violation of a file is reported together. Cases are the spec's tiny network with one piece of text replaced.

import SameDayCore
import SameDayTestSupport
import Testing

/// The tiny network's JSON with the first occurrence of each `(find, replace)` applied; a missing `find` is a
/// mistake in the test and fails it.
func tinyNetworkJSON(replacing edits: [(String, String)]) throws -> String {
    var text = Fixtures.tinyNetworkJSON
    for (find, replace) in edits {
        guard let range = text.range(of: find) else { throw FixtureError("'\(find)' is not in the tiny network") }
        text.replaceSubrange(range, with: replace)
    }
    return text
}

/// The issues of loading `text` as a network, or none when it loads.
func networkIssues(_ text: String) -> [LoadIssue] {
    do {
        _ = try Network.load(json: Array(text.utf8), file: "net.json")
        return []
    } catch {
        return error.issues
    }
}

struct NetworkRuleCase: CustomTestStringConvertible, Sendable {
    var find: String
    var replace: String
    var location: String
    var message: String
    var testDescription: String { "\(location): \(message)" }
    init(_ find: String, _ replace: String, _ location: String, _ message: String) {
        self.find = find
        self.replace = replace
        self.location = location
        self.message = message
    }
}

@Suite struct NetworkLoadingTests {
    @Test func theSpecsTinyNetworkLoadsWithEveryField() throws {
        let n = try PromiseFixtures.tinyNetwork()
        #expect(n.name == "tiny")
        #expect(n.regions == [Region(id: "west", name: "West")])
        #expect(n.nodes.map(\.id) == ["SEA1", "SEA-NOW1", "DSE2"])
        #expect(n.nodes.map(\.kind) == [.fulfillmentCenter, .nowSite, .deliveryStation])
        let sea1 = n.nodes[0]
        let now = n.nodes[1]
        let dse2 = n.nodes[2]
        #expect(sea1.temperatures == TemperatureSet([.ambient, .chilled]))
        #expect(sea1.processingMinutes == 120)
        #expect(sea1.closedDates == [try PromiseFixtures.date("2026-12-25")])
        // temperatures defaults to ["ambient"]
        #expect(now.temperatures == TemperatureSet([.ambient]))
        #expect(now.radiusKm == 6 && now.promiseMinutes == 30)
        #expect(
            now.openHours
                == OpenHours(open: try PromiseFixtures.time("07:00"), close: try PromiseFixtures.time("23:00")))
        #expect(dse2.sortMinutes == 30)
        #expect(dse2.waves.map(\.departs.description) == ["09:30", "16:00"])
        #expect(dse2.waves.map(\.deliversBy.description) == ["14:00", "21:00"])
        #expect(dse2.zips == ["98109", "98101"])
        #expect(
            n.lanes == [
                try PromiseFixtures.lane("SEA1", "DSE2", departures: ["05:00", "13:00", "21:00"], transitMinutes: 60)
            ])
        #expect(n.carrier?.pickup.description == "17:00")
        #expect(n.carrier?.deliversBy.description == "20:00")
        #expect(
            n.carrier?.transitDays == [
                TransitBand(maxKm: 500, days: 1), TransitBand(maxKm: 1500, days: 2), TransitBand(maxKm: 6000, days: 4),
            ])
    }

    // Lanes and the carrier are optional.
    @Test func aNetworkWithoutLanesOrCarrierLoads() throws {
        let full = try tinyNetworkJSON(replacing: [])
        let lanes = try #require(full.range(of: #""lanes""#))
        var text = String(full[..<lanes.lowerBound])
        while let last = text.last, last == " " || last == "\n" || last == "," { text.removeLast() }
        text += "}"
        let n = try Network.load(json: Array(text.utf8), file: "net.json")
        #expect(n.lanes.isEmpty)
        #expect(n.carrier == nil)
    }

    @Test(arguments: [
        // top level
        NetworkRuleCase(#""name": "tiny","#, "", "name", "is required"),
        NetworkRuleCase(#""name": "tiny","#, #""name": 5,"#, "name", "must be a string, not a number"),
        NetworkRuleCase(#""regions""#, #""areas""#, "regions", "is required"),
        NetworkRuleCase(
            #""regions": [{"id": "west", "name": "West"}]"#, #""regions": {}"#, "regions",
            "must be an array, not an object"),
        NetworkRuleCase(#"{"id": "west", "name": "West"}"#, "42", "regions[0]", "must be an object, not a number"),
        NetworkRuleCase(
            #"{"id": "west", "name": "West"}"#, #"{"id": "west"}, {"id": "west"}"#, "regions[1].id",
            "region 'west' is defined twice"),
        NetworkRuleCase(
            #"{"id": "west", "name": "West"}"#, #"{"id": "we st", "name": "West"}"#, "regions[0].id",
            "is not a valid id"),
        NetworkRuleCase(#""nodes": ["#, #""nodes": 3, "x": ["#, "nodes", "must be an array, not a number"),
        // nodes: common fields
        NetworkRuleCase(#""id": "SEA1""#, #""id": "SEA 1""#, "nodes[0].id", "is not a valid id"),
        NetworkRuleCase(#""id": "SEA1""#, #""name": "x""#, "nodes[0].id", "is required"),
        NetworkRuleCase(#""id": "SEA-NOW1""#, #""id": "SEA1""#, "nodes[1].id", "node 'SEA1' is defined twice"),
        NetworkRuleCase(
            #""kind": "fulfillment-center""#, #""kind": "warehouse""#, "nodes[0].kind", "'warehouse' is not a node kind"
        ),
        NetworkRuleCase(#""region": "west""#, #""region": "east""#, "nodes[0].region", "unknown region 'east'"),
        NetworkRuleCase(#""lat": 47.25"#, #""lat": 90.5"#, "nodes[0].lat", "90.5 must be ≥ -90.0 and ≤ 90.0"),
        NetworkRuleCase(#""lon": -122.44"#, #""lon": -180.5"#, "nodes[0].lon", "-180.5 must be ≥ -180.0 and ≤ 180.0"),
        NetworkRuleCase(#""lat": 47.25"#, #""lat": "47.25""#, "nodes[0].lat", "must be a number, not a string"),
        NetworkRuleCase(
            #""timezone": "America/Los_Angeles""#, #""timezone": "Mars/Olympus""#, "nodes[0].timezone",
            "'Mars/Olympus' is not an IANA time zone"),
        NetworkRuleCase(
            #"["ambient", "chilled"], "processingMinutes""#, #"["ambient", "warm"], "processingMinutes""#,
            "nodes[0].temperatures[1]", "must be one of ambient, chilled, frozen"),
        NetworkRuleCase(
            #"["ambient", "chilled"], "processingMinutes""#, #"[], "processingMinutes""#, "nodes[0].temperatures",
            "must list at least one temperature"),
        NetworkRuleCase(
            #""closedDates": ["2026-12-25"]"#, #""closedDates": ["2026-12-25", "2026-02-29"]"#,
            "nodes[0].closedDates[1]", "must be a date YYYY-MM-DD"),
        // shipping nodes
        NetworkRuleCase(
            #""processingMinutes": 120"#, #""processingMinutes": -1"#, "nodes[0].processingMinutes",
            "-1 must be between 0 and 100000"),
        NetworkRuleCase(
            #""processingMinutes": 120"#, #""processingMinutes": 12.5"#, "nodes[0].processingMinutes",
            "must be a whole number, not 12.5"),
        NetworkRuleCase(#""processingMinutes": 120,"#, "", "nodes[0].processingMinutes", "is required"),
        // now-sites
        NetworkRuleCase(#""radiusKm": 6"#, #""radiusKm": 0"#, "nodes[1].radiusKm", "0.0 must be > 0.0"),
        NetworkRuleCase(
            #""promiseMinutes": 30"#, #""promiseMinutes": 1441"#, "nodes[1].promiseMinutes",
            "1441 must be between 0 and 1440"),
        NetworkRuleCase(
            #""open": "07:00", "close": "23:00""#, #""open": "23:00", "close": "07:00""#, "nodes[1].openHours",
            "open 23:00 is not before close 07:00"),
        NetworkRuleCase(
            #""open": "07:00", "close": "23:00""#, #""open": "07:00", "close": "07:00""#, "nodes[1].openHours",
            "open 07:00 is not before close 07:00"),
        NetworkRuleCase(
            #""open": "07:00""#, #""open": "24:00""#, "nodes[1].openHours.open", "'24:00' is not a time HH:MM"),
        // stations
        NetworkRuleCase(
            #""sortMinutes": 30"#, #""sortMinutes": "30""#, "nodes[2].sortMinutes",
            "must be a whole number, not a string"),
        NetworkRuleCase(
            #"{"departs": "16:00", "deliversBy": "21:00"}"#, #"{"departs": "16:00", "deliversBy": "15:00"}"#,
            "nodes[2].waves[1]", "departs 16:00 is not before deliversBy 15:00"),
        NetworkRuleCase(
            #"{"departs": "09:30", "deliversBy": "14:00"}"#, #"{"departs": "09:30"}"#, "nodes[2].waves[0].deliversBy",
            "is required"),
        NetworkRuleCase(
            #"{"departs": "09:30", "deliversBy": "14:00"}"#, #""09:30""#, "nodes[2].waves[0]",
            "must be an object, not a string"),
        NetworkRuleCase(
            #""zips": ["98109", "98101"]"#, #""zips": ["98109", 98101]"#, "nodes[2].zips[1]",
            "must be a 5-digit ZIP code as a string"),
        NetworkRuleCase(
            #""zips": ["98109", "98101"]"#, #""zips": ["98109", "9810"]"#, "nodes[2].zips[1]",
            "must be a 5-digit ZIP code as a string"),
        NetworkRuleCase(
            #""zips": ["98109", "98101"]"#, #""zips": ["98109", "98109"]"#, "nodes[2].zips[1]",
            "ZIP 98109 is listed twice"),
        NetworkRuleCase(
            #""zips": ["98109", "98101"]}"#,
            #""zips": ["98109", "98101"]}, {"id": "DSE3", "kind": "delivery-station", "region": "west", "lat": 47.6, "lon": -122.3, "timezone": "America/Los_Angeles", "sortMinutes": 0, "waves": [], "zips": ["98101"]}"#,
            "nodes[3].zips[0]", "ZIP 98101 is already served by station 'DSE2'"),
        // lanes
        NetworkRuleCase(#"{"from": "SEA1""#, #"{"from": "NOPE""#, "lanes[0].from", "unknown node 'NOPE'"),
        NetworkRuleCase(
            #"{"from": "SEA1""#, #"{"from": "DSE2""#, "lanes[0].from",
            "'DSE2' is a delivery-station; lanes start at shipping nodes"),
        NetworkRuleCase(#""to": "DSE2""#, #""to": "NOPE""#, "lanes[0].to", "unknown node 'NOPE'"),
        NetworkRuleCase(
            #""to": "DSE2""#, #""to": "SEA-NOW1""#, "lanes[0].to",
            "'SEA-NOW1' is a now-site; lanes end at delivery-stations"),
        NetworkRuleCase(#""05:00", "13:00""#, #""05:00", "1300""#, "lanes[0].departures[1]", "must be a time HH:MM"),
        NetworkRuleCase(
            #""transitMinutes": 60"#, #""transitMinutes": -5"#, "lanes[0].transitMinutes",
            "-5 must be between 0 and 100000"),
        NetworkRuleCase(#""lanes": ["#, #""lanes": [7, "#, "lanes[0]", "must be an object, not a number"),
        // carrier
        NetworkRuleCase(#""carrier": {"#, #""carrier": 7, "x": {"#, "carrier", "must be an object, not a number"),
        NetworkRuleCase(#""pickup": "17:00""#, #""pickup": "25:00""#, "carrier.pickup", "'25:00' is not a time HH:MM"),
        NetworkRuleCase(
            #""deliversBy": "20:00""#, #""deliversBy": "8pm""#, "carrier.deliversBy", "'8pm' is not a time HH:MM"),
        NetworkRuleCase(
            #"{"maxKm": 500, "days": 1}"#, #"{"maxKm": 0, "days": 1}"#, "carrier.transitDays[0].maxKm",
            "0.0 must be > 0.0"),
        NetworkRuleCase(
            #"{"maxKm": 500, "days": 1}"#, #"{"maxKm": 500, "days": -1}"#, "carrier.transitDays[0].days",
            "-1 must be between 0 and 365"),
        NetworkRuleCase(
            #"{"maxKm": 1500, "days": 2}"#, #"{"maxKm": 400, "days": 2}"#, "carrier.transitDays[1].maxKm",
            "400.0 is not above the previous band's 500.0"),
        NetworkRuleCase(
            #"{"maxKm": 1500, "days": 2}"#, #"{"maxKm": 500, "days": 2}"#, "carrier.transitDays[1].maxKm",
            "500.0 is not above the previous band's 500.0"),
        NetworkRuleCase(#""transitDays""#, #""bands""#, "carrier.transitDays", "is required"),
    ])
    func eachRuleIsReportedAtItsJSONPath(_ rule: NetworkRuleCase) throws {
        let issues = networkIssues(try tinyNetworkJSON(replacing: [(rule.find, rule.replace)]))
        let hit = issues.first { $0.location == rule.location && $0.message.contains(rule.message) }
        #expect(hit != nil, "got \(issues.map(\.description))")
        #expect(hit?.file == "net.json")
    }

    @Test func theSpecsWaveExampleReadsExactlyAsTheSpecPrintsIt() throws {
        let issues = networkIssues(
            try tinyNetworkJSON(replacing: [
                (#"{"departs": "16:00", "deliversBy": "21:00"}"#, #"{"departs": "16:00", "deliversBy": "15:00"}"#)
            ]))
        #expect(
            issues.map(\.description) == ["net.json:nodes[2].waves[1]: departs 16:00 is not before deliversBy 15:00"])
    }

    @Test func aNowSiteWithoutOpenHoursIsReported() throws {
        let issues = networkIssues(
            try tinyNetworkJSON(replacing: [(#""openHours": {"open""#, #""hours": {"open""#)]))
        #expect(issues.map(\.location) == ["nodes[1].openHours"])
        #expect(issues.first?.message == "is required for a now-site")
    }

    @Test func everyViolationIsReportedTogether() throws {
        let issues = networkIssues(
            try tinyNetworkJSON(replacing: [
                (#""lat": 47.25"#, #""lat": 91"#),
                (#""processingMinutes": 0"#, #""processingMinutes": -3"#),
                (#"{"departs": "16:00", "deliversBy": "21:00"}"#, #"{"departs": "16:00", "deliversBy": "15:00"}"#),
                (#""zips": ["98109", "98101"]"#, #""zips": ["98109", "981"]"#),
                (#""to": "DSE2""#, #""to": "NOPE""#),
                (#""05:00""#, #""5:00""#),
                (#"{"maxKm": 1500, "days": 2}"#, #"{"maxKm": 100, "days": 2}"#),
            ]))
        #expect(
            Set(issues.map(\.location)) == [
                "nodes[0].lat", "nodes[1].processingMinutes", "nodes[2].waves[1]", "nodes[2].zips[1]", "lanes[0].to",
                "lanes[0].departures[0]", "carrier.transitDays[1].maxKm",
            ])
        #expect(issues.count == 7)
    }

    @Test func aNonObjectNetworkIsReported() {
        let issues = networkIssues("[1, 2]")
        #expect(issues.map(\.message) == ["the network must be a JSON object"])
    }

    // Line 2 is ` "regions": [}`: the '}' where a value belongs is at column 14.
    @Test func malformedJSONGivesLineAndColumn() {
        let issues = networkIssues("{\"name\": \"x\",\n \"regions\": [}")
        #expect(issues.map(\.location) == ["2:14"])
        #expect(issues.first?.message.hasPrefix("malformed JSON") == true)
        #expect(issues.first?.description.hasPrefix("net.json:2:14: malformed JSON") == true)
    }

    @Test func truncatedJSONPointsAtTheEnd() {
        let issues = networkIssues("{\"name\": \"x\",\n\"regions\": [")
        #expect(issues.map(\.location) == ["2:13"])
    }

    // A station ZIP the ZIP table lacks is found when the engine compiles the network, at nodes[i].zips[j].
    @Test func aStationZipMissingFromTheZipTableIsReportedByTheEngine() throws {
        let network = try PromiseFixtures.tinyNetwork()
        let zips = try Fixtures.zipTable([("98109", 47.6295, -122.3445, "America/Los_Angeles")])
        let catalog = try PromiseFixtures.catalog()
        let error = #expect(throws: LoadError.self) {
            _ = try PromiseEngine(network: network, zips: zips, catalog: catalog)
        }
        #expect(error?.issues.map(\.location) == ["nodes[2].zips[1]"])
        #expect(error?.issues.first?.message == "ZIP 98101 is not in the ZIP table")
    }

    // A network built in code (not loaded) with an unknown time zone is refused by the engine at its path.
    @Test func anUnknownNodeTimeZoneIsReportedByTheEngine() throws {
        var network = try PromiseFixtures.tinyNetwork()
        network.nodes[1].timezone = "Mars/Olympus"
        let catalog = try PromiseFixtures.catalog()
        let zips = try PromiseFixtures.zips()
        let error = #expect(throws: LoadError.self) {
            _ = try PromiseEngine(network: network, zips: zips, catalog: catalog)
        }
        #expect(error?.issues.map(\.location) == ["nodes[1].timezone"])
    }
}
