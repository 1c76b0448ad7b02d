// Hand-checked promises on the spec's tiny network: the spec's example, every cutoff at -1/0/+1 minute,
// closed dates, chilled, stock reasons, speed classes and orderBy. Each expectation is worked out from
// spec/promise.md in the comment above it; the engine is only asked, never consulted.
//
// The tiny network (Fixtures.tinyNetworkJSON), all on America/Los_Angeles (-08:00 in December):
//   SEA1      fulfillment-center, ambient+chilled, processing 120, closed 2026-12-25
//   SEA-NOW1  now-site, radius 6 km, promise 30 min, open 07:00-23:00
//   DSE2      station, ambient+chilled, sort 30, waves 09:30->14:00 and 16:00->21:00, ZIPs 98109 98101
//   lane SEA1 -> DSE2 departs 05:00 13:00 21:00, transit 60
//   carrier pickup 17:00, deliversBy 20:00, bands <=500 km 1 day, <=1500 km 2, <=6000 km 4
// 2026-12-10 is an ordinary Thursday (no closure anywhere).

import SameDayCore
import SameDayTestSupport
import Testing

/// The tiny network, changed by `change`, compiled with the hand-made ZIP table.
func tinyEngine(_ change: (inout Network) throws -> Void = { _ in }) throws -> PromiseEngine {
    var network = try PromiseFixtures.tinyNetwork()
    try change(&network)
    return try PromiseFixtures.engine(network)
}

let sea1Only = PromiseFixtures.stock([("SEA1", "A1", 5), ("SEA1", "M1", 3)])
let nowSiteOnly = PromiseFixtures.stock([("SEA-NOW1", "A1", 2)])

@Suite struct PromiseSpecExampleTests {
    // SEA1: ready = 10:00 + 120 = 12:00; first departure >= 12:00 is 13:00; arr 14:00; +30 sort = 14:30;
    // first wave departing >= 14:30 is 16:00 -> deliversBy 21:00. orderBy: ready <= 13:00 iff t <= 11:00;
    // at 11:01 the departure is 21:00 -> arrives 22:30 -> next day's 09:30 wave -> 12-25 14:00 > 21:00.
    @Test func theSpecExampleShipsFromSEA1WhenTheNowSiteLacksStock() throws {
        let engine = try tinyEngine()
        let p = try engine.promise(zip: "98109", at: "2026-12-24T10:00:00-08:00", [("A1", 1)], stock: sea1Only)
        let json = try JSONValue.parse(Array(p.json().utf8))
        #expect(json["available"] == .bool(true))
        #expect(json["speed"] == .string("same-day"))
        #expect(json["deliverBy"] == .string("2026-12-24T21:00:00-08:00"))
        #expect(json["orderBy"] == .string("2026-12-24T11:00:00-08:00"))
        guard case .array(let shipments)? = json["shipments"] else {
            Issue.record("shipments is not an array: \(p.json())")
            return
        }
        try #require(shipments.count == 1)
        #expect(shipments[0]["node"] == .string("SEA1"))
        #expect(shipments[0]["deliverBy"] == .string("2026-12-24T21:00:00-08:00"))
        #expect(shipments[0]["orderBy"] == .string("2026-12-24T11:00:00-08:00"))
        #expect(shipments[0]["lines"] == .array([.object([("sku", .string("A1")), ("qty", .integer(1))])]))
    }

    // SEA-NOW1 to 98109: distance ~1.1 km <= 6; open 07:00 <= 10:00 and 10:00 + 30 = 10:30 <= 23:00 ->
    // now path 10:30, earlier than SEA1's 21:00. D - t = 30 <= 120 -> now. orderBy: t' + 30 <= 10:30 -> 10:00.
    @Test func theSpecExampleUsesTheNowSiteWhenItHoldsStock() throws {
        let engine = try tinyEngine()
        let stock = PromiseFixtures.stock([("SEA1", "A1", 5), ("SEA-NOW1", "A1", 2)])
        let p = try engine.promise(zip: "98109", at: "2026-12-24T10:00:00-08:00", [("A1", 1)], stock: stock)
        #expect(p.speed == .now)
        #expect(p.text(p.deliverBy) == "2026-12-24T10:30:00-08:00")
        #expect(p.text(p.orderBy) == "2026-12-24T10:00:00-08:00")
        #expect(p.shipments.map(\.node) == ["SEA-NOW1"])
        #expect(p.shipments.first?.path == .now)
    }

    // The unavailable form prints exactly the spec's object.
    @Test func anUnstockedSkuPrintsTheSpecsUnavailableObject() throws {
        let engine = try tinyEngine()
        let p = try engine.promise(zip: "98109", at: "2026-12-24T10:00:00-08:00", [("B7", 1)], stock: sea1Only)
        #expect(p.json() == #"{"available":false,"unavailable":[{"sku":"B7","reason":"out-of-stock"}]}"#)
    }

    // The order instant is rounded down to the minute: 10:59:59 is 10:59, which still makes the 13:00 departure.
    @Test func secondsOfTheOrderInstantAreDropped() throws {
        let engine = try tinyEngine()
        let p = try engine.promise(zip: "98109", at: "2026-12-10T11:00:59-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-10T21:00:00-08:00")
        #expect(p.text(p.orderBy) == "2026-12-10T11:00:00-08:00")
    }
}

@Suite struct PromiseCutoffTests {
    // Lane departure vs ready (processing 120): ready = t + 120.
    //   02:59 -> ready 04:59 -> dep 05:00 -> arr 06:00 +30 = 06:30 -> wave 09:30 -> 14:00
    //   03:00 -> ready 05:00 -> dep 05:00 (at or after) -> 14:00
    //   03:01 -> ready 05:01 -> dep 13:00 -> arr 14:00 +30 = 14:30 -> wave 16:00 -> 21:00
    //   10:59 -> ready 12:59 -> dep 13:00 -> 21:00;  11:00 -> ready 13:00 -> dep 13:00 -> 21:00
    //   11:01 -> ready 13:01 -> dep 21:00 -> arr 22:00 +30 = 22:30 -> next day 09:30 wave -> 12-11 14:00
    @Test(arguments: [
        ("2026-12-10T02:59:00-08:00", "2026-12-10T14:00:00-08:00"),
        ("2026-12-10T03:00:00-08:00", "2026-12-10T14:00:00-08:00"),
        ("2026-12-10T03:01:00-08:00", "2026-12-10T21:00:00-08:00"),
        ("2026-12-10T10:59:00-08:00", "2026-12-10T21:00:00-08:00"),
        ("2026-12-10T11:00:00-08:00", "2026-12-10T21:00:00-08:00"),
        ("2026-12-10T11:01:00-08:00", "2026-12-11T14:00:00-08:00"),
    ])
    func aLaneDepartsAtOrAfterReadyTime(order: String, deliverBy: String) throws {
        let p = try tinyEngine().promise(zip: "98109", at: order, [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == deliverBy)
        #expect(p.shipments.first?.path == .station)
    }

    // orderBy for the cutoff cases: the last t' keeping the same departure.
    //   at 02:59, D = 14:00: needs the 05:00 departure -> ready <= 05:00 -> t' = 03:00
    //   at 11:01, D = 12-11 14:00: the 21:00 and the next 05:00 departures both give 12-11 14:00;
    //   ready <= 12-11 05:00 -> t' = 12-11 03:00 (03:01 -> 13:00 departure -> 21:00 > D)
    @Test(arguments: [
        ("2026-12-10T02:59:00-08:00", "2026-12-10T03:00:00-08:00"),
        ("2026-12-10T10:59:00-08:00", "2026-12-10T11:00:00-08:00"),
        ("2026-12-10T11:00:00-08:00", "2026-12-10T11:00:00-08:00"),
        ("2026-12-10T11:01:00-08:00", "2026-12-11T03:00:00-08:00"),
    ])
    func orderByIsTheLastMinuteKeepingTheDeparture(order: String, orderBy: String) throws {
        let p = try tinyEngine().promise(zip: "98109", at: order, [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.orderBy) == orderBy)
    }

    // Wave departure vs arrival + sort: t = 10:00 -> ready 12:00 -> dep 13:00 -> arr 14:00.
    //   sort 119 -> 15:59 -> wave 16:00 -> 21:00;  sort 120 -> 16:00 -> wave 16:00 (at or after) -> 21:00
    //   sort 121 -> 16:01 -> no wave left today -> 12-11 09:30 wave -> 12-11 14:00
    @Test(arguments: [
        (119, "2026-12-10T21:00:00-08:00"), (120, "2026-12-10T21:00:00-08:00"), (121, "2026-12-11T14:00:00-08:00"),
    ])
    func aWaveLeavesAtOrAfterArrivalPlusSort(sortMinutes: Int, deliverBy: String) throws {
        let engine = try tinyEngine { $0.nodes[2].sortMinutes = sortMinutes }
        let p = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == deliverBy)
    }

    // Now-site opening (07:00, promise 30): 06:59 is before open -> no now path, and the now-site has no lane
    // -> not-deliverable; 07:00 -> 07:30; 07:01 -> 07:31.
    // Closing (23:00): 22:29 -> 22:59; 22:30 -> 23:00 <= close; 22:31 -> 23:01 > close -> not-deliverable.
    @Test(
        arguments: [
            ("2026-12-10T06:59:00-08:00", nil), ("2026-12-10T07:00:00-08:00", "2026-12-10T07:30:00-08:00"),
            ("2026-12-10T07:01:00-08:00", "2026-12-10T07:31:00-08:00"),
            ("2026-12-10T22:29:00-08:00", "2026-12-10T22:59:00-08:00"),
            ("2026-12-10T22:30:00-08:00", "2026-12-10T23:00:00-08:00"), ("2026-12-10T22:31:00-08:00", nil),
        ] as [(String, String?)])
    func aNowSiteDeliversOnlyWithinItsOpenHours(order: String, deliverBy: String?) throws {
        let p = try tinyEngine().promise(zip: "98109", at: order, [("A1", 1)], stock: nowSiteOnly)
        if let deliverBy {
            #expect(p.available)
            #expect(p.text(p.deliverBy) == deliverBy)
            // D - t = 30 -> now; orderBy: t' + 30 <= D -> t' = t.
            #expect(p.speed == .now)
            #expect(p.orderBy == (try PromiseFixtures.instant(order)))
        } else {
            #expect(!p.available)
            #expect(p.unavailable == [UnavailableLine(sku: "A1", reason: .notDeliverable)])
        }
    }

    // Carrier pickup vs ready to 99201 (no station; SEA1 -> 99201 ~379 km -> band 1 day):
    //   14:59 -> ready 16:59 -> pickup 12-10 17:00 -> 12-10 + 1 = 12-11 20:00 (next-day)
    //   15:00 -> ready 17:00 -> pickup 12-10 17:00 -> 12-11 20:00
    //   15:01 -> ready 17:01 -> pickup 12-11 17:00 -> 12-12 20:00 (standard)
    @Test(arguments: [
        ("2026-12-10T14:59:00-08:00", "2026-12-11T20:00:00-08:00", Speed.nextDay),
        ("2026-12-10T15:00:00-08:00", "2026-12-11T20:00:00-08:00", Speed.nextDay),
        ("2026-12-10T15:01:00-08:00", "2026-12-12T20:00:00-08:00", Speed.standard),
    ])
    func theCarrierPicksUpAtOrAfterReadyTime(order: String, deliverBy: String, speed: Speed) throws {
        let sea1 = Coordinate(lat: 47.25, lon: -122.44)
        let spokane = Coordinate(lat: 47.6664, lon: -117.4329)
        #expect((300...500).contains(Geo.distanceKm(sea1, spokane)))
        let p = try tinyEngine().promise(zip: "99201", at: order, [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == deliverBy)
        #expect(p.speed == speed)
        #expect(p.shipments.first?.path == .carrier)
    }

    // orderBy on the carrier path: the 17:00 pickup needs ready <= 17:00 -> t' = 15:00.
    @Test func theCarrierOrderByIsTheLastMinuteMakingThePickup() throws {
        let p = try tinyEngine().promise(zip: "99201", at: "2026-12-10T09:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.orderBy) == "2026-12-10T15:00:00-08:00")
    }
}

@Suite struct PromiseClosedDateTests {
    // SEA1 is closed 2026-12-25 (a departure that day never happens); DSE2 is open.
    //   12-24 19:00 -> ready 21:00 -> dep 12-24 21:00 -> arr 22:00 +30 = 22:30 -> wave 12-25 09:30 -> 12-25 14:00
    //   12-24 19:01 -> ready 21:01 -> no departure left 12-24, none on 12-25 -> 12-26 05:00 -> 06:30
    //   -> wave 09:30 -> 12-26 14:00 (without the closure: 12-25 05:00 -> 12-25 14:00)
    @Test(arguments: [
        ("2026-12-24T19:00:00-08:00", "2026-12-25T14:00:00-08:00", "2026-12-25T14:00:00-08:00"),
        ("2026-12-24T19:01:00-08:00", "2026-12-26T14:00:00-08:00", "2026-12-25T14:00:00-08:00"),
    ])
    func noLaneDepartsFromANodeOnItsClosedDate(order: String, closed: String, open: String) throws {
        let p = try tinyEngine().promise(zip: "98109", at: order, [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == closed)
        let reopened = try tinyEngine { $0.nodes[0].closedDates = [] }
        let q = try reopened.promise(zip: "98109", at: order, [("A1", 1)], stock: sea1Only)
        #expect(q.text(q.deliverBy) == open)
    }

    // DSE2 closed 2026-12-25, SEA1 open every day:
    //   12-24 19:00 -> dep 12-24 21:00 -> 22:30 -> 12-25's waves skipped -> 12-26 09:30 -> 12-26 14:00
    //   12-25 10:00 -> ready 12:00 -> dep 12-25 13:00 (SEA1 open) -> arr 14:00 +30 = 14:30 -> 12-25 16:00 skipped
    //   -> 12-26 09:30 -> 12-26 14:00
    @Test(arguments: ["2026-12-24T19:00:00-08:00", "2026-12-25T10:00:00-08:00"])
    func noWaveLeavesAStationOnItsClosedDate(order: String) throws {
        let engine = try tinyEngine {
            $0.nodes[0].closedDates = []
            $0.nodes[2].closedDates = [try PromiseFixtures.date("2026-12-25")]
        }
        let p = try engine.promise(zip: "98109", at: order, [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-26T14:00:00-08:00")
    }

    // SEA-NOW1 closed 2026-12-25: no now path that day (not-deliverable: it has no lane); 12-26 10:00 -> 10:30.
    @Test func aNowSiteDoesNotDeliverOnItsClosedDate() throws {
        let engine = try tinyEngine { $0.nodes[1].closedDates = [try PromiseFixtures.date("2026-12-25")] }
        let closed = try engine.promise(zip: "98109", at: "2026-12-25T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(closed.unavailable == [UnavailableLine(sku: "A1", reason: .notDeliverable)])
        let open = try engine.promise(zip: "98109", at: "2026-12-26T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(open.text(open.deliverBy) == "2026-12-26T10:30:00-08:00")
    }

    // Carrier from SEA1 (closed 12-25) to 99201 (1 day):
    //   12-24 15:00 -> pickup 12-24 17:00 -> 12-25 20:00 (the carrier delivers on the node's closed date)
    //   12-24 15:01 -> ready 17:01 -> 12-25 has no pickup -> 12-26 17:00 -> 12-27 20:00
    @Test(arguments: [
        ("2026-12-24T15:00:00-08:00", "2026-12-25T20:00:00-08:00"),
        ("2026-12-24T15:01:00-08:00", "2026-12-27T20:00:00-08:00"),
    ])
    func theCarrierDoesNotPickUpOnTheNodesClosedDate(order: String, deliverBy: String) throws {
        let p = try tinyEngine().promise(zip: "99201", at: order, [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == deliverBy)
    }
}

extension PromiseClosedDateTests {
    // orderBy runs across closed dates when nothing changes the delivery:
    // carrier, SEA1 closed 12-25, ordered 12-24 15:01 -> pickup 12-26 17:00 -> D = 12-27 20:00; every order up to
    // ready <= 12-26 17:00, i.e. t' = 12-26 15:00, makes that pickup.
    @Test func orderByRunsAcrossTheNodesClosedDate() throws {
        let p = try tinyEngine().promise(zip: "99201", at: "2026-12-24T15:01:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-27T20:00:00-08:00")
        #expect(p.text(p.orderBy) == "2026-12-26T15:00:00-08:00")
    }

    // DSE2 closed 12-25, SEA1 open: ordered 12-24 19:00 -> D = 12-26 14:00. Departures 12-24 21:00, 12-25 05:00,
    // 13:00, 21:00 and 12-26 05:00 all reach the 12-26 09:30 wave; the 05:00 one needs ready <= 05:00 -> t' =
    // 12-26 03:00 (03:01 -> the 13:00 truck -> 16:00 wave -> 21:00 > D).
    @Test func orderByRunsAcrossTheStationsClosedDate() throws {
        let engine = try tinyEngine {
            $0.nodes[0].closedDates = []
            $0.nodes[2].closedDates = [try PromiseFixtures.date("2026-12-25")]
        }
        let p = try engine.promise(zip: "98109", at: "2026-12-24T19:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-26T14:00:00-08:00")
        #expect(p.text(p.orderBy) == "2026-12-26T03:00:00-08:00")
    }
}

@Suite struct PromiseTemperatureTests {
    // M1 is chilled; SEA1 and DSE2 handle chilled: same schedule as A1 -> 21:00.
    @Test func chilledShipsThroughAChilledNodeAndStation() throws {
        let p = try tinyEngine().promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("M1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-10T21:00:00-08:00")
        #expect(p.shipments.map(\.node) == ["SEA1"])
    }

    // DSE2 ambient only: the station path needs the temperature in s.temperatures -> M1 not-deliverable,
    // while A1 still goes.
    @Test func chilledIsNotDeliverableThroughAnAmbientStation() throws {
        let engine = try tinyEngine { $0.nodes[2].temperatures = TemperatureSet([.ambient]) }
        let m = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("M1", 1)], stock: sea1Only)
        #expect(m.unavailable == [UnavailableLine(sku: "M1", reason: .notDeliverable)])
        let a = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(a.available)
    }

    // The carrier takes ambient only: M1 to 99201 (no station) is not-deliverable; A1 goes by carrier.
    @Test func chilledNeverGoesByCarrier() throws {
        let engine = try tinyEngine()
        let m = try engine.promise(zip: "99201", at: "2026-12-10T10:00:00-08:00", [("M1", 1)], stock: sea1Only)
        #expect(m.unavailable == [UnavailableLine(sku: "M1", reason: .notDeliverable)])
        let a = try engine.promise(zip: "99201", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(a.shipments.first?.path == .carrier)
    }

    // A now-site without chilled is no candidate for M1 even in radius and open (its 10:30 would beat 21:00):
    // the chilled-capable SEA1 ships it. With M1 only at the ambient now-site, stock exists -> not-deliverable.
    @Test func chilledSkipsANodeWithoutChilled() throws {
        let engine = try tinyEngine()
        let both = PromiseFixtures.stock([("SEA-NOW1", "M1", 2), ("SEA1", "M1", 2)])
        let p = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("M1", 1)], stock: both)
        #expect(p.shipments.map(\.node) == ["SEA1"])
        #expect(p.text(p.deliverBy) == "2026-12-10T21:00:00-08:00")
        let only = PromiseFixtures.stock([("SEA-NOW1", "M1", 2)])
        let q = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("M1", 1)], stock: only)
        #expect(q.unavailable == [UnavailableLine(sku: "M1", reason: .notDeliverable)])
    }

    // Chilled through a chilled now-site's now path: no station is involved, so DSE2 being ambient does not matter.
    @Test func chilledGoesByTheNowPathOfAChilledNowSite() throws {
        let engine = try tinyEngine {
            $0.nodes[1].temperatures = TemperatureSet([.ambient, .chilled])
            $0.nodes[2].temperatures = TemperatureSet([.ambient])
        }
        let stock = PromiseFixtures.stock([("SEA-NOW1", "M1", 2)])
        let p = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("M1", 1)], stock: stock)
        #expect(p.text(p.deliverBy) == "2026-12-10T10:30:00-08:00")
    }
}

@Suite struct PromiseUnavailableTests {
    // B7 is held nowhere -> out-of-stock.
    // A1 qty 6: SEA1 has 5 and SEA-NOW1 2 -> no single node holds 6 -> out-of-stock (stock is not pooled).
    @Test(arguments: [("B7", 1), ("A1", 6)])
    func noNodeHoldingTheQuantityIsOutOfStock(sku: String, qty: Int) throws {
        let stock = PromiseFixtures.stock([("SEA1", "A1", 5), ("SEA-NOW1", "A1", 2)])
        let p = try tinyEngine().promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [(sku, qty)], stock: stock)
        #expect(p.unavailable == [UnavailableLine(sku: SKU(sku), reason: .outOfStock)])
    }

    // A1 only at the now-site, 99201 is 380 km out of its radius, and the network without a carrier has no
    // path -> not-deliverable. With the carrier, the now-site ships by carrier (it is a shipping node):
    // ready 10:00 + 0 -> pickup 17:00 -> 12-11 20:00.
    @Test func stockWithNoPathIsNotDeliverable() throws {
        let engine = try tinyEngine { $0.carrier = nil }
        let p = try engine.promise(zip: "99201", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(p.unavailable == [UnavailableLine(sku: "A1", reason: .notDeliverable)])
        let q = try tinyEngine().promise(zip: "99201", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(q.text(q.deliverBy) == "2026-12-11T20:00:00-08:00")
        #expect(q.shipments.map(\.node) == ["SEA-NOW1"])
    }

    // Every line without a candidate is listed, in line order, each with its reason; a line that could be
    // delivered (A2 from SEA1) does not make the order available.
    @Test func everyUnavailableLineIsListedWithItsReason() throws {
        let engine = try tinyEngine { $0.carrier = nil }
        let stock = PromiseFixtures.stock([("SEA-NOW1", "A1", 2), ("SEA1", "A2", 4)])
        let p = try engine.promise(
            zip: "98109", at: "2026-12-10T06:00:00-08:00", [("A1", 1), ("A2", 1), ("B7", 1)], stock: stock)
        #expect(!p.available)
        #expect(
            p.json()
                == #"{"available":false,"unavailable":[{"sku":"A1","reason":"not-deliverable"},{"sku":"B7","reason":"out-of-stock"}]}"#
        )
    }
}

@Suite struct PromiseSpeedTests {
    // Now-site promise 120 -> D - t = 120 <= 120 -> now; promise 121 -> 121 > 120, same local date -> same-day.
    @Test(arguments: [(120, Speed.now), (121, Speed.sameDay)])
    func nowMeansWithin120Minutes(promiseMinutes: Int, speed: Speed) throws {
        let engine = try tinyEngine { $0.nodes[1].promiseMinutes = promiseMinutes }
        let p = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(p.speed == speed)
        #expect(p.deliverBy == (try PromiseFixtures.instant("2026-12-10T10:00:00-08:00")) + promiseMinutes)
    }

    // Station path, t on 12-10: 10:00 -> 12-10 21:00 same-day; 11:01 -> 12-11 14:00 next-day.
    // SEA1 closed 12-25: 12-24 19:01 -> 12-26 14:00 -> two dates later -> standard.
    @Test(arguments: [
        ("2026-12-10T10:00:00-08:00", Speed.sameDay), ("2026-12-10T11:01:00-08:00", Speed.nextDay),
        ("2026-12-24T19:01:00-08:00", Speed.standard),
    ])
    func speedIsTheDeliveryDateRelativeToTheOrderDate(order: String, speed: Speed) throws {
        let p = try tinyEngine().promise(zip: "98109", at: order, [("A1", 1)], stock: sea1Only)
        #expect(p.speed == speed)
    }
}

@Suite struct PromiseOrderByTests {
    // Two shipments: A1 only at SEA1 (lane 13:00 -> 21:00), A2 only at TAC1 (processing 60, lane 12:30,
    // transit 30 -> arr 13:00 +30 = 13:30 -> wave 16:00 -> 21:00). D = 21:00.
    // SEA1: ready <= 13:00 -> 11:00. TAC1: ready <= 12:30 -> 11:30. Plan orderBy = earliest = 11:00.
    @Test func aPlansOrderByIsItsEarliestShipmentOrderBy() throws {
        let engine = try tinyEngine {
            $0.nodes.append(try PromiseFixtures.shipper("TAC1", lat: 47.2, lon: -122.4, processingMinutes: 60))
            $0.lanes.append(try PromiseFixtures.lane("TAC1", "DSE2", departures: ["12:30"], transitMinutes: 30))
        }
        let stock = PromiseFixtures.stock([("SEA1", "A1", 1), ("TAC1", "A2", 1)])
        let p = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1), ("A2", 1)], stock: stock)
        #expect(p.text(p.deliverBy) == "2026-12-10T21:00:00-08:00")
        #expect(p.shipments.map(\.node) == ["SEA1", "TAC1"])
        #expect(p.shipments.map { p.text($0.orderBy) } == ["2026-12-10T11:00:00-08:00", "2026-12-10T11:30:00-08:00"])
        #expect(p.text(p.orderBy) == "2026-12-10T11:00:00-08:00")
    }

    // A gap must end orderBy. t = 20:00; A1 only at SEA-NOW1 (now path 20:30), A2 only at SEA1
    // (ready 22:00 -> no departure left -> 12-11 05:00 -> 06:30 -> wave 09:30 -> 12-11 14:00). D = 12-11 14:00.
    // SEA-NOW1: the now path holds while t' + 30 <= close 23:00 -> t' <= 22:30; from 22:31 to 06:59 there is no
    // path at all; from 12-11 07:00 to 13:30 the now path meets D again. orderBy stops before the gap: 22:30.
    // SEA1: ready <= 12-11 05:00 -> 12-11 03:00. Plan: min = 12-10 22:30.
    @Test func orderByNeverHidesAGap() throws {
        let stock = PromiseFixtures.stock([("SEA-NOW1", "A1", 1), ("SEA1", "A2", 1)])
        let p = try tinyEngine().promise(
            zip: "98109", at: "2026-12-10T20:00:00-08:00", [("A1", 1), ("A2", 1)], stock: stock)
        #expect(p.text(p.deliverBy) == "2026-12-11T14:00:00-08:00")
        #expect(p.speed == .nextDay)
        let byNode = Dictionary(uniqueKeysWithValues: p.shipments.map { ($0.node.rawValue, p.text($0.orderBy)) })
        #expect(byNode["SEA-NOW1"] == "2026-12-10T22:30:00-08:00")
        #expect(byNode["SEA1"] == "2026-12-11T03:00:00-08:00")
        #expect(p.text(p.orderBy) == "2026-12-10T22:30:00-08:00")
    }

    // orderBy follows a shipment from one path to another without a gap. As above, but SEA-NOW1 also has a lane
    // to DSE2 at 23:30 (transit 30). A1 from SEA-NOW1: now path while t' + 30 <= 23:00 -> t' <= 22:30; then the
    // lane: ready = t' (processing 0) <= 23:30 -> arr 00:00 +30 = 00:30 -> wave 12-11 09:30 -> 14:00 <= D, so
    // 22:31..23:30 still qualify; 23:31 -> the 12-11 23:30 truck -> 12-12 14:00 > D. orderBy = 23:30.
    @Test func orderByContinuesFromTheNowPathToAStationPath() throws {
        let engine = try tinyEngine {
            $0.lanes.append(try PromiseFixtures.lane("SEA-NOW1", "DSE2", departures: ["23:30"], transitMinutes: 30))
        }
        let stock = PromiseFixtures.stock([("SEA-NOW1", "A1", 1), ("SEA1", "A2", 1)])
        let p = try engine.promise(zip: "98109", at: "2026-12-10T20:00:00-08:00", [("A1", 1), ("A2", 1)], stock: stock)
        #expect(p.text(p.deliverBy) == "2026-12-11T14:00:00-08:00")
        let byNode = Dictionary(uniqueKeysWithValues: p.shipments.map { ($0.node.rawValue, p.text($0.orderBy)) })
        #expect(byNode["SEA-NOW1"] == "2026-12-10T23:30:00-08:00")
        #expect(p.text(p.orderBy) == "2026-12-10T23:30:00-08:00")
    }

    // orderBy >= t: at 22:30 the now path gives 23:00 = close; at 22:31 there is none -> orderBy = t = 22:30.
    @Test func orderByIsNeverBeforeTheOrder() throws {
        let p = try tinyEngine().promise(zip: "98109", at: "2026-12-10T22:30:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        #expect(p.orderBy == p.deliverBy.map { $0 - 30 })
        #expect(p.text(p.orderBy) == "2026-12-10T22:30:00-08:00")
    }

    // A1 and M1 both at a chilled-capable SEA-NOW1 (and M1 at SEA1): one shipment by the now path at
    // 10:00 + 30 = 10:30 for both lines beats M1's 21:00 through SEA1; orderBy = 10:00 (10:01 -> 10:31 > D).
    @Test func aChilledNowSiteShipsBothLinesAtOnce() throws {
        let engine = try tinyEngine { $0.nodes[1].temperatures = TemperatureSet([.ambient, .chilled]) }
        let stock = PromiseFixtures.stock([("SEA-NOW1", "A1", 1), ("SEA-NOW1", "M1", 1), ("SEA1", "M1", 1)])
        let p = try engine.promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1), ("M1", 1)], stock: stock)
        #expect(p.shipments.map(\.node) == ["SEA-NOW1"])
        #expect(p.text(p.deliverBy) == "2026-12-10T10:30:00-08:00")
        #expect(p.text(p.orderBy) == "2026-12-10T10:00:00-08:00")
    }
}

@Suite struct PromiseBatchFormTests {
    // The batch form (a search-results page) answers each single-SKU promise exactly as `promise` does:
    // same node, deliverBy, orderBy and speed, or the same reason.
    @Test(arguments: [
        ("98109", "2026-12-24T10:00:00-08:00"), ("98109", "2026-12-10T06:59:00-08:00"),
        ("98109", "2026-12-10T22:31:00-08:00"), ("98109", "2026-12-24T19:01:00-08:00"),
        ("99201", "2026-12-10T15:01:00-08:00"), ("10001", "2026-12-10T10:00:00-08:00"),
    ])
    func theBatchFormAgreesWithSingleLinePromises(destination: String, at: String) throws {
        let engine = try tinyEngine()
        let entries = [
            StockEntry(node: "SEA1", sku: "A1", available: 5), StockEntry(node: "SEA-NOW1", sku: "A1", available: 2),
            StockEntry(node: "SEA1", sku: "M1", available: 3), StockEntry(node: "SEA-NOW1", sku: "A2", available: 1),
        ]
        let skus: [SKU] = ["A1", "M1", "A2", "B7"]
        var results: [LinePromise] = []
        try engine.linePromises(
            zip: ZIP(destination), at: try PromiseFixtures.instant(at), skus: skus,
            stock: engine.makeStockIndex(entries),
            into: &results)
        try #require(results.count == skus.count)
        for (sku, line) in zip(skus, results) {
            let p = try engine.promise(zip: destination, at: at, [(sku.rawValue, 1)], stock: StockSnapshot(entries))
            #expect(line.available == p.available, "\(sku)")
            if p.available {
                #expect((line.node >= 0 ? engine.nodeID(at: line.node) : nil) == p.shipments.first?.node, "\(sku)")
                #expect(line.deliverBy == p.deliverBy, "\(sku)")
                #expect(line.orderBy == p.orderBy, "\(sku)")
                #expect(line.speed == p.speed, "\(sku)")
            } else {
                #expect(line.reason == p.unavailable.first?.reason, "\(sku)")
            }
        }
    }
}

@Suite struct PromiseBadInputTests {
    // Bad input is an error, never a guess: an unknown ZIP (09002, an APO code, has no coordinates), an unknown
    // SKU, qty < 1, a repeated SKU, no lines.
    @Test(
        arguments: [
            ("09002", [("A1", 1)], PromiseError.unknownZIP("09002")),
            ("9810", [("A1", 1)], PromiseError.unknownZIP("9810")),
            ("98109", [("Z9", 1)], PromiseError.unknownSKU("Z9")),
            ("98109", [("A1", 0)], PromiseError.invalidQuantity("A1", 0)),
            ("98109", [("A1", -2)], PromiseError.invalidQuantity("A1", -2)),
            ("98109", [("A1", 1), ("M1", 1), ("A1", 2)], PromiseError.repeatedSKU("A1")),
            ("98109", [], PromiseError.noLines),
        ] as [(String, [(String, Int)], PromiseError)])
    func badInputIsAnError(zip: String, lines: [(String, Int)], expected: PromiseError) throws {
        let engine = try tinyEngine()
        let error = #expect(throws: PromiseError.self) {
            _ = try engine.promise(
                zip: ZIP(zip), at: try PromiseFixtures.instant("2026-12-10T10:00:00-08:00"),
                lines: lines.map { OrderLine(sku: SKU($0.0), qty: $0.1) }, stock: sea1Only)
        }
        #expect(error == expected)
    }
}
