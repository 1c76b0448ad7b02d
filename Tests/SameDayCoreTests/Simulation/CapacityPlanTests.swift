// The capacity file: defaults, overrides, "unlimited" at every level, and every mistake named by its JSON path.

import SameDayTestSupport
import Testing

@testable import SameDayCore

@Suite struct CapacityPlanTests {
    func load(_ text: String) throws -> CapacityPlan {
        try CapacityPlan.load(json: Array(text.utf8), file: "capacity.json", network: try PromiseFixtures.tinyNetwork())
    }

    func issues(_ text: String) -> [String] {
        do {
            _ = try load(text)
            return []
        } catch let error as LoadError {
            return error.issues.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func anEmptyObjectIsTheDefaultsAndUnlimitedIsNoLimit() throws {
        #expect(try load("{}") == .defaults)
        #expect(try load(#""unlimited""#) == .unlimited)
    }

    @Test func overridesApplyByKindNodeAndLane() throws {
        let plan = try load(
            """
            {"description": "peak staffing",
             "pickUnitsPerHour": {"fulfillment-center": 3000, "now-site": "unlimited"},
             "packagesPerDeparture": 900,
             "packagesPerWave": {"perThousandPeople": 5, "minimum": 50},
             "nodes": {"SEA1": {"pickUnitsPerHour": 10}, "DSE2": {"packagesPerWave": "unlimited"}},
             "lanes": [{"from": "SEA1", "to": "DSE2", "packagesPerDeparture": 7}]}
            """)
        #expect(plan.pickUnitsPerHour[.fulfillmentCenter] == .limited(3000))
        #expect(plan.pickUnitsPerHour[.sameDaySite] == CapacityPlan.defaults.pickUnitsPerHour[.sameDaySite])
        #expect(plan.pickUnitsPerHour[.nowSite] == .unlimited)
        #expect(plan.packagesPerDeparture[.sameDaySite] == .limited(900))
        #expect(plan.packagesPerWave == .perPeople(perThousandPeople: 5, minimum: 50))
        #expect(plan.nodes["SEA1"]?.pickUnitsPerHour == .limited(10))
        #expect(plan.nodes["DSE2"]?.packagesPerWave == .unlimited)
        #expect(plan.lanes[.init(from: "SEA1", to: "DSE2")] == .limited(7))
        let t = try SimulationFixtures.tiny()
        let table = CapacityTable(plan, engine: t.engine)
        let sea1 = try #require(t.engine.nodeIndex(of: "SEA1"))
        let dse2 = try #require(t.engine.nodeIndex(of: "DSE2"))
        #expect(table.pickPerHour[sea1] == 10)
        #expect(table.perWave[dse2] == Int.max)
        #expect(table.perDeparture == [7])
    }

    @Test func theDefaultWaveFollowsThePeopleAStationServes() throws {
        let t = try SimulationFixtures.tiny()
        let table = CapacityTable(.defaults, engine: t.engine)
        let dse2 = try #require(t.engine.nodeIndex(of: "DSE2"))
        // Two ZIPs of 1,000 people: 6 per 1,000 is 12, below the minimum of 300.
        #expect(table.perWave[dse2] == 300)
        var plan = CapacityPlan.defaults
        plan.packagesPerWave = .perPeople(perThousandPeople: 2.5, minimum: 1)
        #expect(CapacityTable(plan, engine: t.engine).perWave[dse2] == 5)
    }

    @Test(arguments: [
        (
            #"{"pickUnitsPerHour": 0}"#,
            #"capacity.json:pickUnitsPerHour: must be a whole number from 1 to 1000000000 or "unlimited", not 0"#
        ),
        (
            #"{"nodes": {"SEA1": {"pickUnitsPerHour": "lots"}}}"#,
            #"capacity.json:nodes.SEA1.pickUnitsPerHour: must be a whole number from 1 to 1000000000 or "unlimited", not "lots""#
        ),
        (#"{"nodes": {"NOPE": {"pickUnitsPerHour": 5}}}"#, "capacity.json:nodes.NOPE: unknown node 'NOPE'"),
        (
            #"{"nodes": {"DSE2": {"pickUnitsPerHour": 5}}}"#,
            "capacity.json:nodes.DSE2.pickUnitsPerHour: does not apply to a delivery-station"
        ),
        (
            #"{"pickUnitsPerHour": {"delivery-station": 5}}"#,
            "capacity.json:pickUnitsPerHour.delivery-station: is not a shipping node kind (fulfillment-center, same-day-site, now-site)"
        ),
        (
            #"{"lanes": [{"from": "SEA1", "to": "SEA-NOW1", "packagesPerDeparture": 3}]}"#,
            "capacity.json:lanes[0]: the network has no lane from 'SEA1' to 'SEA-NOW1'"
        ),
        (#"{"lanes": [{"from": "SEA1", "to": "DSE2"}]}"#, "capacity.json:lanes[0].packagesPerDeparture: is required"),
        (
            #"{"packagesPerWave": {"perThousandPeople": -1}}"#,
            "capacity.json:packagesPerWave.perThousandPeople: -1.0 must be > 0.0 and ≤ 1000000.0"
        ),
        (
            #"{"pickUnitPerHour": 5}"#,
            "capacity.json:pickUnitPerHour: unknown field (expected one of description, pickUnitsPerHour, packagesPerDeparture, packagesPerWave, nodes, lanes)"
        ),
        ("[1]", "capacity.json: must be an object or \"unlimited\", not an array"),
        ("{", "capacity.json:1:2: malformed JSON: a member name in quotes is expected"),
    ])
    func mistakesAreNamedByTheirJSONPath(_ text: String, _ message: String) {
        #expect(issues(text).first == message)
    }

    @Test func everyMistakeIsReportedNotJustTheFirst() {
        #expect(issues(#"{"pickUnitsPerHour": -3, "nodes": {"X": {}, "SEA1": {"oops": 1}}}"#).count == 3)
    }
}
