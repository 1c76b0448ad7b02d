// Hand-checked promises where clocks matter: both 2026 US DST changes, nodes on another clock than their
// ZIPs, the carrier's destination-local date, and distance bands and radii at their exact boundaries.
//
// 2026 DST in the US: spring forward Sunday 2026-03-08 at 02:00 (02:00-02:59 does not exist),
// fall back Sunday 2026-11-01 at 02:00 daylight time (01:00-01:59 happens twice).
// Los Angeles: PST -08:00 / PDT -07:00, so 03-08 02:00 PST = 10:00Z and 11-01 02:00 PDT = 09:00Z.
// New York:    EST -05:00 / EDT -04:00, so 03-08 02:00 EST = 07:00Z.

import SameDayCore
import SameDayTestSupport
import Testing

/// FC1 -> ST1 with one lane; ST1 serves `zip`. Everything on `timezone`.
func dstEngine(
    timezone: String, zip: String, processingMinutes: Int, departures: [String], sortMinutes: Int,
    waves: [(String, String)]
) throws -> PromiseEngine {
    let network = PromiseFixtures.network(
        nodes: [
            try PromiseFixtures.shipper(
                "FC1", lat: 47.25, lon: -122.44, timezone: timezone, processingMinutes: processingMinutes),
            try PromiseFixtures.station(
                "ST1", lat: 47.55, lon: -122.32, timezone: timezone, sortMinutes: sortMinutes, waves: waves,
                zips: [zip]),
        ],
        lanes: [try PromiseFixtures.lane("FC1", "ST1", departures: departures, transitMinutes: 60)])
    return try PromiseFixtures.engine(network)
}

let fc1Stock = PromiseFixtures.stock([("FC1", "A1", 5)])

@Suite struct PromiseDaylightSavingTests {
    // Spring forward. Lane departs 02:30 local, which on 03-08 does not exist and moves to 03:30 daylight time
    // (LA 10:30Z, NY 07:30Z). Transit 60, sort 0, waves 04:30->08:00 and 09:00->12:00.
    // Order at 00:00 standard time (LA 08:00Z, NY 05:00Z); ready = t + processing:
    //   120 -> ready 03:00 daylight (LA 10:00Z) <= 03:30 -> dep 03:30 -> arr 04:30 -> wave 04:30 -> 03-08 08:00
    //   150 -> ready 03:30 daylight = the departure -> 03-08 08:00
    //   151 -> ready 03:31 daylight -> next departure 03-09 02:30 -> arr 03:30 -> wave 04:30 -> 03-09 08:00
    // (Reading 02:30 as the daylight-time 02:30, an hour earlier, would miss every case above by a day.)
    @Test(arguments: [
        (PromiseFixtures.losAngeles, "98109", "-08:00", "-07:00"),
        (PromiseFixtures.newYork, "10001", "-05:00", "-04:00"),
    ])
    func aLaneDepartureInTheSpringForwardGapMovesForwardByTheGap(
        timezone: String, zip: String, standard: String, daylight: String
    ) throws {
        for (processing, deliverBy) in [(120, "2026-03-08"), (150, "2026-03-08"), (151, "2026-03-09")] {
            let engine = try dstEngine(
                timezone: timezone, zip: zip, processingMinutes: processing, departures: ["02:30"], sortMinutes: 0,
                waves: [("04:30", "08:00"), ("09:00", "12:00")])
            let p = try engine.promise(zip: zip, at: "2026-03-08T00:00:00\(standard)", [("A1", 1)], stock: fc1Stock)
            #expect(p.text(p.deliverBy) == "\(deliverBy)T08:00:00\(daylight)", "processing \(processing)")
        }
    }

    // orderBy across the gap (LA, processing 120): the 03:30 PDT departure (10:30Z) needs ready <= 10:30Z
    // -> t' = 08:30Z = 00:30 PST. D - t = 15:00Z - 08:00Z = 420 min, same local date -> same-day.
    @Test func orderByAcrossTheSpringForwardGap() throws {
        let engine = try dstEngine(
            timezone: PromiseFixtures.losAngeles, zip: "98109", processingMinutes: 120, departures: ["02:30"],
            sortMinutes: 0, waves: [("04:30", "08:00"), ("09:00", "12:00")])
        let p = try engine.promise(zip: "98109", at: "2026-03-08T00:00:00-08:00", [("A1", 1)], stock: fc1Stock)
        #expect(p.text(p.orderBy) == "2026-03-08T00:30:00-08:00")
        #expect(p.speed == .sameDay)
    }

    // A wave in the gap: wave 02:30 -> 05:00 on 03-08 leaves at 03:30 PDT (10:30Z). Lane 01:00 PST (09:00Z),
    // transit 60 -> arr 10:00Z; sort 30 -> 10:30Z = the wave -> 05:00 PDT; sort 31 -> 10:31Z -> 03-09's wave.
    @Test(arguments: [(30, "2026-03-08T05:00:00-07:00"), (31, "2026-03-09T05:00:00-07:00")])
    func aWaveInTheSpringForwardGapLeavesAtTheMovedTime(sortMinutes: Int, deliverBy: String) throws {
        let engine = try dstEngine(
            timezone: PromiseFixtures.losAngeles, zip: "98109", processingMinutes: 0, departures: ["01:00"],
            sortMinutes: sortMinutes, waves: [("02:30", "05:00")])
        let p = try engine.promise(zip: "98109", at: "2026-03-07T23:00:00-08:00", [("A1", 1)], stock: fc1Stock)
        #expect(p.text(p.deliverBy) == deliverBy)
    }

    // The gap reorders wall times: on 03-08, 02:30 moves to 03:30 PDT (10:30Z) while 03:15 PDT is 10:15Z, so
    // the 03:15 truck leaves first. Lanes 02:30 and 03:15, transit 60, sort 0, waves 04:15->08:00, 09:00->12:00;
    // order 00:00 PST (08:00Z):
    //   processing 120 -> ready 10:00Z -> first departure at or after it: 10:15Z -> arr 11:15Z = 04:15 PDT
    //   -> wave 04:15 -> 03-08 08:00 (taking the wall clock's first, 02:30, would arrive 04:30 -> 12:00)
    //   processing 140 -> ready 10:20Z -> 03:15 (10:15Z) is gone but 02:30 (10:30Z) is not -> arr 11:30Z
    //   = 04:30 PDT -> wave 09:00 -> 03-08 12:00 (not 03-09)
    @Test(arguments: [(120, "2026-03-08T08:00:00-07:00"), (140, "2026-03-08T12:00:00-07:00")])
    func theFirstDepartureIsTheEarliestInstantWhenTheGapReordersWallTimes(processing: Int, deliverBy: String)
        throws
    {
        let engine = try dstEngine(
            timezone: PromiseFixtures.losAngeles, zip: "98109", processingMinutes: processing,
            departures: ["02:30", "03:15"], sortMinutes: 0, waves: [("04:15", "08:00"), ("09:00", "12:00")])
        let p = try engine.promise(zip: "98109", at: "2026-03-08T00:00:00-08:00", [("A1", 1)], stock: fc1Stock)
        #expect(p.text(p.deliverBy) == deliverBy)
    }

    // The same for waves: waves 02:30->06:00 (leaves 10:30Z) and 03:15->05:00 (leaves 10:15Z) on 03-08. Lane
    // 01:00 PST (09:00Z), transit 60 -> arr 10:00Z:
    //   sort 0  -> 10:00Z -> first wave leaving at or after: 03:15 PDT (10:15Z) -> 05:00 PDT
    //   sort 20 -> 10:20Z -> 03:15 is gone, 02:30 (10:30Z) is not -> 06:00 PDT the same day
    @Test(arguments: [(0, "2026-03-08T05:00:00-07:00"), (20, "2026-03-08T06:00:00-07:00")])
    func theFirstWaveIsTheEarliestInstantWhenTheGapReordersWallTimes(sortMinutes: Int, deliverBy: String) throws {
        let engine = try dstEngine(
            timezone: PromiseFixtures.losAngeles, zip: "98109", processingMinutes: 0, departures: ["01:00"],
            sortMinutes: sortMinutes, waves: [("02:30", "06:00"), ("03:15", "05:00")])
        let p = try engine.promise(zip: "98109", at: "2026-03-07T23:00:00-08:00", [("A1", 1)], stock: fc1Stock)
        #expect(p.text(p.deliverBy) == deliverBy)
    }

    // Fall back. Lane departs 01:30, which on 11-01 happens twice; the spec takes the earlier, 01:30 PDT = 08:30Z
    // (and only that one: 01:30 PST = 09:30Z is no departure). Processing 30, transit 60, sort 0, wave 06:00->10:00.
    //   00:59 PDT (07:59Z) -> ready 08:29Z -> dep 08:30Z -> arr 09:30Z -> wave 06:00 PST -> 11-01 10:00 PST
    //   01:00 PDT (08:00Z) -> ready 08:30Z -> dep 08:30Z -> 11-01 10:00 PST
    //   01:01 PDT (08:01Z) -> ready 08:31Z -> next 01:30 is 11-02 (09:30Z) -> arr 02:30 -> 11-02 10:00 PST
    //   01:00 PST (09:00Z, the second 01:00) -> ready 09:30Z -> 11-02 10:00 PST
    @Test(arguments: [
        ("2026-11-01T00:59:00-07:00", "2026-11-01T10:00:00-08:00"),
        ("2026-11-01T01:00:00-07:00", "2026-11-01T10:00:00-08:00"),
        ("2026-11-01T01:01:00-07:00", "2026-11-02T10:00:00-08:00"),
        ("2026-11-01T01:00:00-08:00", "2026-11-02T10:00:00-08:00"),
    ])
    func anAmbiguousFallBackDepartureIsTheEarlierInstant(order: String, deliverBy: String) throws {
        let engine = try dstEngine(
            timezone: PromiseFixtures.losAngeles, zip: "98109", processingMinutes: 30, departures: ["01:30"],
            sortMinutes: 0, waves: [("06:00", "10:00")])
        let p = try engine.promise(zip: "98109", at: order, [("A1", 1)], stock: fc1Stock)
        #expect(p.text(p.deliverBy) == deliverBy)
    }

    // orderBy at fall back: dep 08:30Z needs ready <= 08:30Z -> t' = 08:00Z, printed on the LA clock at that
    // instant: 01:00 PDT (-07:00), not the later 01:00 PST.
    @Test func orderByAtFallBackPrintsTheOffsetInEffect() throws {
        let engine = try dstEngine(
            timezone: PromiseFixtures.losAngeles, zip: "98109", processingMinutes: 30, departures: ["01:30"],
            sortMinutes: 0, waves: [("06:00", "10:00")])
        let p = try engine.promise(zip: "98109", at: "2026-11-01T00:30:00-07:00", [("A1", 1)], stock: fc1Stock)
        #expect(p.text(p.orderBy) == "2026-11-01T01:00:00-07:00")
    }

    // Speed counts real minutes: a now-site promising 120 min, ordered 01:30 PST (09:30Z) on 03-08, delivers at
    // 11:30Z = 04:30 PDT: three hours on the wall clock, D - t = 120 -> now.
    @Test func nowCountsRealMinutesAcrossTheGap() throws {
        let engine = try tinyEngine {
            $0.nodes[1].promiseMinutes = 120
            $0.nodes[1].openHours = OpenHours(
                open: try PromiseFixtures.time("00:00"), close: try PromiseFixtures.time("23:00"))
        }
        let p = try engine.promise(zip: "98109", at: "2026-03-08T01:30:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(p.text(p.deliverBy) == "2026-03-08T04:30:00-07:00")
        #expect(p.speed == .now)
    }

    // A now-site opening at 02:30 opens at 03:30 PDT on 03-08: 03:29 PDT -> closed, not-deliverable;
    // 03:30 PDT -> 04:00 PDT.
    @Test func aNowSiteOpeningInTheGapOpensAtTheMovedTime() throws {
        let engine = try tinyEngine {
            $0.nodes[1].openHours = OpenHours(
                open: try PromiseFixtures.time("02:30"), close: try PromiseFixtures.time("23:00"))
        }
        let before = try engine.promise(zip: "98109", at: "2026-03-08T03:29:00-07:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(!before.available)
        let open = try engine.promise(zip: "98109", at: "2026-03-08T03:30:00-07:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(open.text(open.deliverBy) == "2026-03-08T04:00:00-07:00")
    }
}

@Suite struct PromiseOtherTimeZoneTests {
    // DEN1 on America/Denver (MST -07:00) ships to DSE2 on Los Angeles (PST -08:00). Lane 14:00 Denver time
    // = 13:00 PST, transit 120, processing 120. Order 10:00 PST = 11:00 MST -> ready 13:00 MST -> dep 14:00 MST
    // (21:00Z) -> arr 15:00 PST -> +30 = 15:30 -> wave 16:00 -> 21:00 PST.
    // orderBy: ready <= 14:00 MST -> t' = 12:00 MST = 11:00 PST. (Reading 14:00 on the station's clock would
    // give 12:00 PST and miss the 16:00 wave.)
    // At 11:01 PST: ready 14:01 MST -> 12-11 14:00 MST -> 12-11 21:00 PST.
    @Test(arguments: [
        ("2026-12-10T10:00:00-08:00", "2026-12-10T21:00:00-08:00", "2026-12-10T11:00:00-08:00"),
        ("2026-12-10T11:01:00-08:00", "2026-12-11T21:00:00-08:00", "2026-12-11T11:00:00-08:00"),
    ])
    func laneDeparturesAreOnTheOriginsClock(order: String, deliverBy: String, orderBy: String) throws {
        let engine = try tinyEngine {
            $0.nodes.append(
                try PromiseFixtures.shipper(
                    "DEN1", lat: 39.74, lon: -104.99, timezone: PromiseFixtures.denver, processingMinutes: 120))
            $0.lanes.append(try PromiseFixtures.lane("DEN1", "DSE2", departures: ["14:00"], transitMinutes: 120))
        }
        let p = try engine.promise(
            zip: "98109", at: order, [("A1", 1)], stock: PromiseFixtures.stock([("DEN1", "A1", 1)]))
        #expect(p.text(p.deliverBy) == deliverBy)
        #expect(p.text(p.orderBy) == orderBy)
    }

    // Closed dates are the node's local dates. DEN1 (Denver) lane at 00:30 MST, processing 0, transit 60; order
    // 23:00 MST 12-10 (= 22:00 PST). The next truck leaves 12-11 00:30 MST (= 12-10 23:30 PST) -> arr 00:30 PST
    // +30 = 01:00 -> wave 09:30 -> 12-11 14:00 PST. Closed "2026-12-11" (Denver's date of that truck) -> the
    // 12-12 00:30 MST truck -> 12-12 14:00. Closed "2026-12-10" (only the Los Angeles date of it) changes nothing.
    @Test(arguments: [("2026-12-11", "2026-12-12T14:00:00-08:00"), ("2026-12-10", "2026-12-11T14:00:00-08:00")])
    func closedDatesAreOnTheNodesClock(closed: String, deliverBy: String) throws {
        let engine = try tinyEngine {
            $0.nodes.append(
                try PromiseFixtures.shipper(
                    "DEN1", lat: 39.74, lon: -104.99, timezone: PromiseFixtures.denver, processingMinutes: 0,
                    closed: [closed]))
            $0.lanes.append(try PromiseFixtures.lane("DEN1", "DSE2", departures: ["00:30"], transitMinutes: 60))
        }
        let p = try engine.promise(
            zip: "98109", at: "2026-12-10T23:00:00-07:00", [("A1", 1)],
            stock: PromiseFixtures.stock([("DEN1", "A1", 1)]))
        #expect(p.text(p.deliverBy) == deliverBy)
    }

    // A ZIP on Denver time served by the Los Angeles station DSE2: the wave's 21:00 is on the station's clock
    // (21:00 PST = 22:00 MST) and the promise prints on the destination's clock.
    @Test func instantsPrintOnTheDestinationsClock() throws {
        var network = try PromiseFixtures.tinyNetwork()
        network.nodes[2].zips.append("98111")
        let engine = try PromiseFixtures.engine(network, extraZips: [("98111", 47.61, -122.33, PromiseFixtures.denver)])
        let p = try engine.promise(zip: "98111", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-10T22:00:00-07:00")
        #expect(p.text(p.orderBy) == "2026-12-10T12:00:00-07:00")
        #expect(p.speed == .sameDay)
    }

    // Speed uses the destination's dates: wave 16:00 -> 23:30 PST delivers at 00:30 MST 12-11 to the Denver
    // ZIP; t = 11:00 MST 12-10 -> next-day (on the station's clock it would be same-day).
    @Test func speedUsesTheDestinationsDates() throws {
        var network = try PromiseFixtures.tinyNetwork()
        network.nodes[2].zips.append("98111")
        network.nodes[2].waves[1].deliversBy = try PromiseFixtures.time("23:30")
        let engine = try PromiseFixtures.engine(network, extraZips: [("98111", 47.61, -122.33, PromiseFixtures.denver)])
        let p = try engine.promise(zip: "98111", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-11T00:30:00-07:00")
        #expect(p.speed == .nextDay)
    }

    // Carrier SEA1 (Los Angeles) -> 10001 (New York), ~3,870 km -> band <= 6000 km, 4 days.
    //   pickup 17:00 PST 12-10 = 20:00 EST 12-10 -> 12-10 + 4 = 12-14 20:00 EST
    //   pickup 21:30 PST 12-10 = 00:30 EST 12-11 -> destination-local date 12-11 + 4 = 12-15 20:00 EST
    //   (orderBy: ready <= 21:30 PST -> 19:30 PST = 22:30 EST)
    @Test(arguments: [
        ("17:00", "2026-12-14T20:00:00-05:00", "2026-12-10T18:00:00-05:00"),
        ("21:30", "2026-12-15T20:00:00-05:00", "2026-12-10T22:30:00-05:00"),
    ])
    func theCarrierCountsDaysFromTheDestinationLocalDateOfPickup(pickup: String, deliverBy: String, orderBy: String)
        throws
    {
        let km = Geo.distanceKm(Coordinate(lat: 47.25, lon: -122.44), Coordinate(lat: 40.7506, lon: -73.9972))
        #expect(km > 1500 && km <= 6000)
        let engine = try tinyEngine { $0.carrier?.pickup = try PromiseFixtures.time(pickup) }
        let p = try engine.promise(zip: "10001", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == deliverBy)
        #expect(p.text(p.orderBy) == orderBy)
        #expect(p.speed == .standard)
    }

    // The other way: NYC1 (New York) -> 99201 (Los Angeles time), ~3,400 km -> 4 days. Pickup 00:30 EST 12-10
    // = 21:30 PST 12-09 -> destination-local date 12-09 + 4 = 12-13 20:00 PST.
    @Test func aPickupAfterMidnightAtTheNodeCanBeTheDayBeforeAtTheDestination() throws {
        let engine = try tinyEngine {
            $0.nodes.append(
                try PromiseFixtures.shipper(
                    "NYC1", region: "west", lat: 40.75, lon: -73.99, timezone: PromiseFixtures.newYork,
                    processingMinutes: 0))
            $0.carrier?.pickup = try PromiseFixtures.time("00:30")
        }
        let km = Geo.distanceKm(Coordinate(lat: 40.75, lon: -73.99), Coordinate(lat: 47.6664, lon: -117.4329))
        #expect(km > 1500 && km <= 6000)
        let p = try engine.promise(
            zip: "99201", at: "2026-12-10T00:00:00-05:00", [("A1", 1)],
            stock: PromiseFixtures.stock([("NYC1", "A1", 1)]))
        #expect(p.text(p.deliverBy) == "2026-12-13T20:00:00-08:00")
    }

    // A 0-day band: SEA1 processing 120, pickup 23:30 PST. Order 21:00 PST 12-10 = 00:00 EST 12-11; pickup
    // 23:30 PST = 02:30 EST 12-11 -> 12-11 + 0 -> 12-11 20:00 EST. On the destination's clock t and D share
    // the date 12-11 -> same-day (on the node's clock t is 12-10).
    @Test func speedOfACarrierDeliveryUsesTheDestinationsDate() throws {
        let engine = try tinyEngine {
            $0.carrier?.pickup = try PromiseFixtures.time("23:30")
            $0.carrier?.transitDays = [TransitBand(maxKm: 6000, days: 0)]
        }
        let p = try engine.promise(zip: "10001", at: "2026-12-10T21:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-11T20:00:00-05:00")
        #expect(p.speed == .sameDay)
    }
}

/// MID1 (40, -100) to ZIP 69001 (44, -100), as the engine computes it (node first).
let midToZipKm = Geo.distanceKm(lat1: 40, lon1: -100, lat2: 44, lon2: -100)

@Suite struct PromiseDistanceBoundaryTests {
    // MID1 at (40, -100), ZIP 69001 at (44, -100): along a meridian the haversine distance is R * 4 degrees
    // = 6371.0088 * 4 * pi / 180 = 444.7804 km. Carrier pickup 12:00 CST, deliversBy 18:00, processing 0;
    // order 09:00 CST 12-10 -> pickup 12-10 12:00 -> +1 day = 12-11 18:00, +3 days = 12-13 18:00.
    static func engine(bands: [TransitBand]) throws -> PromiseEngine {
        let network = PromiseFixtures.network(
            nodes: [
                try PromiseFixtures.shipper(
                    "MID1", region: "central", lat: 40, lon: -100, timezone: PromiseFixtures.chicago,
                    processingMinutes: 0)
            ],
            carrier: Carrier(
                pickup: try PromiseFixtures.time("12:00"), deliversBy: try PromiseFixtures.time("18:00"),
                transitDays: bands))
        return try PromiseFixtures.engine(network, extraZips: [("69001", 44, -100, PromiseFixtures.chicago)])
    }

    @Test func theDistanceIsTheHaversineWithTheSpecsRadius() {
        #expect(abs(midToZipKm - 444.7804) < 0.0001)
    }

    @Test(
        arguments: [
            // distance exactly maxKm -> that band (<=)
            (
                [TransitBand(maxKm: midToZipKm, days: 1), TransitBand(maxKm: 2 * midToZipKm, days: 3)],
                "2026-12-11T18:00:00-06:00"
            ),
            // one ulp short -> the next band
            (
                [TransitBand(maxKm: midToZipKm.nextDown, days: 1), TransitBand(maxKm: 2 * midToZipKm, days: 3)],
                "2026-12-13T18:00:00-06:00"
            ),
            // round numbers: 444.7804 > 444 -> second band; <= 445 -> first
            ([TransitBand(maxKm: 444, days: 1), TransitBand(maxKm: 445, days: 3)], "2026-12-13T18:00:00-06:00"),
            ([TransitBand(maxKm: 445, days: 1), TransitBand(maxKm: 446, days: 3)], "2026-12-11T18:00:00-06:00"),
            // beyond every band -> no path
            ([TransitBand(maxKm: midToZipKm.nextDown, days: 1)], nil),
        ] as [([TransitBand], String?)])
    func theCarrierTakesTheFirstBandCoveringTheDistance(bands: [TransitBand], deliverBy: String?) throws {
        let p = try Self.engine(bands: bands).promise(
            zip: "69001", at: "2026-12-10T09:00:00-06:00", [("A1", 1)],
            stock: PromiseFixtures.stock([("MID1", "A1", 1)]))
        if let deliverBy {
            #expect(p.text(p.deliverBy) == deliverBy)
        } else {
            #expect(p.unavailable == [UnavailableLine(sku: "A1", reason: .notDeliverable)])
        }
    }

    // The now path needs distance <= radiusKm: radius exactly the SEA-NOW1 -> 98109 distance delivers at
    // 10:30; one ulp less does not (and the now-site has no other path).
    @Test(arguments: [true, false])
    func aNowSiteDeliversUpToExactlyItsRadius(exact: Bool) throws {
        let d = Geo.distanceKm(lat1: 47.62, lon1: -122.35, lat2: 47.6295, lon2: -122.3445)
        let engine = try tinyEngine { $0.nodes[1].radiusKm = exact ? d : d.nextDown }
        let p = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(p.available == exact)
        if exact { #expect(p.text(p.deliverBy) == "2026-12-10T10:30:00-08:00") }
    }

    // Due north of the ZIP the distance is the latitude gap alone, which the engine also uses to skip the
    // trigonometry for sites out of radius: the boundary still holds to the ulp, both ways.
    @Test(arguments: [true, false])
    func aNowSiteDueNorthDeliversUpToExactlyItsRadius(exact: Bool) throws {
        let d = Geo.distanceKm(lat1: 47.7295, lon1: -122.3445, lat2: 47.6295, lon2: -122.3445)
        let engine = try tinyEngine {
            $0.nodes[1].lat = 47.7295
            $0.nodes[1].lon = -122.3445
            $0.nodes[1].radiusKm = exact ? d : d.nextDown
        }
        let p = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(p.available == exact)
        // And well beyond: twice the gap is refused.
        let far = try tinyEngine {
            $0.nodes[1].lat = 47.8295
            $0.nodes[1].lon = -122.3445
            $0.nodes[1].radiusKm = d
        }
        #expect(
            !(try far.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)).available
        )
    }
}
