// Hand-checked plan choices: each criterion of the plan order (spec/promise.md "Plans and the chosen plan")
// deciding a case that the later criteria would decide the other way.
//
// Unless a test says otherwise: station DSE2 (region west, Los Angeles) serves 98109 (47.6295, -122.3445),
// sort 30, waves 09:30->14:00 and 16:00->21:00; every shipper has processing 120 and a lane to DSE2 at 13:00,
// transit 60. Ordering at 10:00 PST 2026-12-10: ready 12:00 -> dep 13:00 -> arr 14:00 +30 = 14:30 -> wave 16:00
// -> 21:00 from every shipper, so criterion 1 ties. Shippers sit due south of 98109: 0.009 degrees of latitude
// is ~1 km, so "near" (47.5395) is ~10 km, "mid" (47.3595) ~30 km and "far" (47.1795) ~50 km.

import SameDayCore
import SameDayTestSupport
import Testing

enum PlanPlace {
    static let lon = -122.3445
    static let near = 47.5395
    static let mid = 47.3595
    static let far = 47.1795
}

/// DSE2 and `shippers` (id, region, latitude), each with the 13:00 lane unless `departures` says otherwise.
func planEngine(_ shippers: [(String, String, Double)], departures: [String: [String]] = [:]) throws -> PromiseEngine {
    var nodes = [
        try PromiseFixtures.station(
            "DSE2", lat: 47.55, lon: -122.32, sortMinutes: 30, waves: [("09:30", "14:00"), ("16:00", "21:00")],
            zips: ["98109", "98101"])
    ]
    var lanes: [Lane] = []
    for (id, region, lat) in shippers {
        nodes.append(
            try PromiseFixtures.shipper(id, region: region, lat: lat, lon: PlanPlace.lon, processingMinutes: 120))
        lanes.append(try PromiseFixtures.lane(id, "DSE2", departures: departures[id] ?? ["13:00"], transitMinutes: 60))
    }
    return try PromiseFixtures.engine(PromiseFixtures.network(nodes: nodes, lanes: lanes))
}

let planOrder = "2026-12-10T10:00:00-08:00"

@Suite struct PromisePlanOrderTests {
    // 1. deliverBy. Order at 04:00: A-WEST (in region, 10 km, smaller id) -> ready 06:00 -> dep 13:00 -> 21:00;
    // Z-EAST (out of region, 50 km) departs 07:00 -> arr 08:00 +30 = 08:30 -> wave 09:30 -> 14:00. 14:00 wins.
    @Test func anEarlierDeliveryWinsOverEveryOtherCriterion() throws {
        let engine = try planEngine(
            [("A-WEST", "west", PlanPlace.near), ("Z-EAST", "east", PlanPlace.far)], departures: ["Z-EAST": ["07:00"]])
        let stock = PromiseFixtures.stock([("A-WEST", "A1", 1), ("Z-EAST", "A1", 1)])
        let p = try engine.promise(zip: "98109", at: "2026-12-10T04:00:00-08:00", [("A1", 1)], stock: stock)
        #expect(p.shipments.map(\.node) == ["Z-EAST"])
        #expect(p.text(p.deliverBy) == "2026-12-10T14:00:00-08:00")
    }

    // 2. Fewer shipments. A1 and A2 both at Z-FAR (east, 50 km); A1 at A-NEAR and A2 at B-NEAR (west, 10 km).
    // All deliver 21:00. {Z-FAR}: 1 shipment, 2 lines out of region, 50 km; {A-NEAR, B-NEAR}: 2 shipments,
    // 0 out of region, 20 km. Criterion 2 decides: Z-FAR ships both.
    @Test func fewerShipmentsWinOverRegionAndDistance() throws {
        let engine = try planEngine([
            ("Z-FAR", "east", PlanPlace.far), ("A-NEAR", "west", PlanPlace.near), ("B-NEAR", "west", PlanPlace.near),
        ])
        let stock = PromiseFixtures.stock([
            ("Z-FAR", "A1", 1), ("Z-FAR", "A2", 1), ("A-NEAR", "A1", 1), ("B-NEAR", "A2", 1),
        ])
        let p = try engine.promise(zip: "98109", at: planOrder, [("A1", 1), ("A2", 1)], stock: stock)
        #expect(p.shipments.map(\.node) == ["Z-FAR"])
        #expect(p.shipments.first?.lines.map(\.sku) == ["A1", "A2"])
    }

    // 2. on the tiny network: A1 at SEA-NOW1 (now path 10:30, ~1 km) and SEA1; M1 (chilled) only at SEA1 (21:00).
    // D = 21:00 either way; one shipment from SEA1 beats splitting A1 off to the nearer now-site.
    @Test func aFasterLineIsNotSplitOffWhenOneShipmentMeetsTheSameDeliverBy() throws {
        let stock = PromiseFixtures.stock([("SEA-NOW1", "A1", 2), ("SEA1", "A1", 5), ("SEA1", "M1", 3)])
        let p = try tinyEngine().promise(zip: "98109", at: planOrder, [("A1", 1), ("M1", 1)], stock: stock)
        #expect(p.shipments.map(\.node) == ["SEA1"])
        #expect(p.text(p.deliverBy) == "2026-12-10T21:00:00-08:00")
    }

    // 3. Lines from outside the destination's region (DSE2's region, west). A-EAST (east, 10 km, smaller id) vs
    // Z-WEST (west, 50 km): Z-WEST has 0 lines out of region.
    @Test func inRegionLinesWinOverDistanceAndIds() throws {
        let engine = try planEngine([("A-EAST", "east", PlanPlace.near), ("Z-WEST", "west", PlanPlace.far)])
        let stock = PromiseFixtures.stock([("A-EAST", "A1", 1), ("Z-WEST", "A1", 1)])
        let p = try engine.promise(zip: "98109", at: planOrder, [("A1", 1)], stock: stock)
        #expect(p.shipments.map(\.node) == ["Z-WEST"])
    }

    // 3. where no station serves the ZIP, its region is the nearest fulfillment center's. 99201 (Spokane):
    // FC Z-WEST (west) at (47.25, -122.44) ~379 km; FC FC-EAST (east, no stock) in New York ~3,400 km; the
    // same-day site A-EAST (east) at (47.60, -117.40) is ~8 km but is no fulfillment center. Region: west.
    // Both stockists: processing 120, pickup 17:00 PST, within 500 km -> 1 day -> 12-11 20:00: a tie on 1 and 2;
    // criterion 3 picks Z-WEST although A-EAST is nearer and has the smaller id.
    @Test func withoutAStationTheRegionIsTheNearestFulfillmentCenters() throws {
        let network = PromiseFixtures.network(
            nodes: [
                try PromiseFixtures.shipper("Z-WEST", region: "west", lat: 47.25, lon: -122.44, processingMinutes: 120),
                try PromiseFixtures.shipper(
                    "A-EAST", kind: .sameDaySite, region: "east", lat: 47.60, lon: -117.40, processingMinutes: 120),
                try PromiseFixtures.shipper(
                    "FC-EAST", region: "east", lat: 40.75, lon: -73.99, timezone: PromiseFixtures.newYork,
                    processingMinutes: 120),
            ],
            carrier: try PromiseFixtures.tinyNetwork().carrier)
        let engine = try PromiseFixtures.engine(network)
        let stock = PromiseFixtures.stock([("Z-WEST", "A1", 1), ("A-EAST", "A1", 1)])
        let p = try engine.promise(zip: "99201", at: planOrder, [("A1", 1)], stock: stock)
        #expect(p.text(p.deliverBy) == "2026-12-11T20:00:00-08:00")
        #expect(p.shipments.map(\.node) == ["Z-WEST"])
    }

    // 4. Distance. A-FAR (50 km, smaller id) vs Z-NEAR (10 km), both west: Z-NEAR.
    @Test func theShorterDistanceWinsOverIds() throws {
        let engine = try planEngine([("A-FAR", "west", PlanPlace.far), ("Z-NEAR", "west", PlanPlace.near)])
        let stock = PromiseFixtures.stock([("A-FAR", "A1", 1), ("Z-NEAR", "A1", 1)])
        let p = try engine.promise(zip: "98109", at: planOrder, [("A1", 1)], stock: stock)
        #expect(p.shipments.map(\.node) == ["Z-NEAR"])
    }

    // 4. is summed over shipments, not lines. N1 (50 km) holds A1, A2; N2 (10 km) holds A2, A3; N3 (30 km) A3.
    // No node holds all three, so 2 shipments: {N1, N2} sums 60 km, {N1, N3} 80 km -> {N1, N2}. Within it A2 can
    // come from either at the same 60 km; criterion 5 compares (N1, N1, N2) < (N1, N2, N2): A2 from N1, the
    // farther node (a per-line sum would have taken A2 from N2: 50+10+10 < 50+50+10).
    @Test func distanceIsSummedOverShipments() throws {
        let engine = try planEngine([
            ("N1", "west", PlanPlace.far), ("N2", "west", PlanPlace.near), ("N3", "west", PlanPlace.mid),
        ])
        let stock = PromiseFixtures.stock([
            ("N1", "A1", 1), ("N1", "A2", 1), ("N2", "A2", 1), ("N2", "A3", 1), ("N3", "A3", 1),
        ])
        let p = try engine.promise(zip: "98109", at: planOrder, [("A1", 1), ("A2", 1), ("A3", 1)], stock: stock)
        #expect(p.nodesInLineOrder == ["A1": "N1", "A2": "N1", "A3": "N2"])
        #expect(p.shipments.map(\.node) == ["N1", "N2"])
    }

    // 5. Node ids as strings: FC10 and FC9 at the same place; "FC10" < "FC9" as strings ('1' < '9').
    // Byte order also puts upper case first: "Z1" < "a1".
    @Test(arguments: [("FC10", "FC9", "FC10"), ("a1", "Z1", "Z1")])
    func theSmallerIdAsAStringWinsATie(first: String, second: String, winner: String) throws {
        let engine = try planEngine([(first, "west", PlanPlace.near), (second, "west", PlanPlace.near)])
        let stock = PromiseFixtures.stock([(first, "A1", 1), (second, "A1", 1)])
        let p = try engine.promise(zip: "98109", at: planOrder, [("A1", 1)], stock: stock)
        #expect(p.shipments.map(\.node.rawValue) == [winner])
    }

    // 5. compares ids line by line. B, C, A, D all at one place. Lines A1 (at B, C), A2 (at A, D), A3 (at C, D).
    // No node holds all three; the 2-node covers: {B, D} -> (B, D, D); {C, A} -> (C, A, C); {C, D} -> (C, D, C).
    // In line order (B, D, D) is least: the first line's B decides, though {A, C} holds the smallest id.
    @Test func idsAreComparedInLineOrder() throws {
        let engine = try planEngine([
            ("B", "west", PlanPlace.near), ("C", "west", PlanPlace.near), ("A", "west", PlanPlace.near),
            ("D", "west", PlanPlace.near),
        ])
        let stock = PromiseFixtures.stock([
            ("B", "A1", 1), ("C", "A1", 1), ("C", "A3", 1), ("A", "A2", 1), ("D", "A2", 1), ("D", "A3", 1),
        ])
        let p = try engine.promise(zip: "98109", at: planOrder, [("A1", 1), ("A2", 1), ("A3", 1)], stock: stock)
        #expect(p.nodesInLineOrder == ["A1": "B", "A2": "D", "A3": "D"])
    }

    // The plan's deliverBy is the latest shipment's; a line may take a slower node than its own best when the
    // plan's deliverBy allows it. A1 at N-EARLY (lane 07:00 -> 14:00 when ordered at 04:00) and at N-BOTH
    // (13:00 -> 21:00); A2 only at N-BOTH (21:00). D = 21:00; {N-BOTH} is 1 shipment -> both lines from N-BOTH.
    @Test func aLineMayUseASlowerNodeWithinThePlansDeliverBy() throws {
        let engine = try planEngine(
            [("N-EARLY", "west", PlanPlace.near), ("N-BOTH", "west", PlanPlace.far)],
            departures: ["N-EARLY": ["07:00"]])
        let stock = PromiseFixtures.stock([("N-EARLY", "A1", 1), ("N-BOTH", "A1", 1), ("N-BOTH", "A2", 1)])
        let p = try engine.promise(zip: "98109", at: "2026-12-10T04:00:00-08:00", [("A1", 1), ("A2", 1)], stock: stock)
        #expect(p.shipments.map(\.node) == ["N-BOTH"])
        #expect(p.text(p.deliverBy) == "2026-12-10T21:00:00-08:00")
    }
}
