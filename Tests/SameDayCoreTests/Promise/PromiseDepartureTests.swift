// Hand-checked path, departure and modifiableUntil of shipments on the spec's tiny network (see
// PromiseHandCheckedTests for the network). A shipment leaves on the first departure that makes its delivery
// (the lane departure, the carrier pickup, or at once from a now-site) and can be changed until the node must
// start picking for it: that departure minus processingMinutes, in real minutes; the order instant on the now
// path. Of paths delivering at the same minute the now path is reported, and of lanes reaching the same wave
// the one leaving first.

import SameDayCore
import SameDayTestSupport
import Testing

@Suite struct PromiseDepartureTests {
    /// The shipment's path, departure and modifiableUntil as the spec prints instants.
    static func departure(_ p: Promise) throws -> (path: DeliveryPath, departs: String?, modifiable: String?) {
        let s = try #require(p.shipments.first)
        return (s.path, p.text(s.departsAt), p.text(s.pickStartsAt))
    }

    // SEA1 (processing 120) by lane 05:00/13:00/21:00 to DSE2:
    //   02:59 -> ready 04:59 -> departs 05:00 -> picking starts by 03:00
    //   03:01 -> ready 05:01 -> departs 13:00 -> 11:00
    //   10:00 -> ready 12:00 -> departs 13:00 -> 11:00
    //   11:01 -> ready 13:01 -> departs 21:00 -> 19:00
    @Test(arguments: [
        ("2026-12-10T02:59:00-08:00", "2026-12-10T05:00:00-08:00", "2026-12-10T03:00:00-08:00"),
        ("2026-12-10T03:01:00-08:00", "2026-12-10T13:00:00-08:00", "2026-12-10T11:00:00-08:00"),
        ("2026-12-10T10:00:00-08:00", "2026-12-10T13:00:00-08:00", "2026-12-10T11:00:00-08:00"),
        ("2026-12-10T11:01:00-08:00", "2026-12-10T21:00:00-08:00", "2026-12-10T19:00:00-08:00"),
    ])
    func aStationShipmentLeavesOnItsLaneDeparture(order: String, departs: String, modifiable: String) throws {
        let p = try tinyEngine().promise(zip: "98109", at: order, [("A1", 1)], stock: sea1Only)
        let d = try Self.departure(p)
        #expect(d.path == .station)
        #expect(d.departs == departs)
        #expect(d.modifiable == modifiable)
    }

    // The wire form: the spec example (10:00 on 12-24) prints modifiableUntil 11:00 and path "station".
    @Test func theSpecExamplePrintsModifiableUntilAndPath() throws {
        let p = try tinyEngine().promise(zip: "98109", at: "2026-12-24T10:00:00-08:00", [("A1", 1)], stock: sea1Only)
        let json = try JSONValue.parse(Array(p.json().utf8))
        guard case .array(let shipments)? = json["shipments"], let shipment = shipments.first else {
            Issue.record("no shipment: \(p.json())")
            return
        }
        #expect(shipment["modifiableUntil"] == .string("2026-12-24T11:00:00-08:00"))
        #expect(shipment["path"] == .string("station"))
    }

    // SEA1 is closed 12-25: ordered 12-24 20:00 -> ready 22:00, the 21:00 departure has gone, none on 12-25 ->
    // departs 12-26 05:00, picking starts by 12-26 03:00 (and the 09:30 wave delivers 12-26 14:00).
    @Test func noDepartureOnAClosedDayMovesModifiableUntilPastIt() throws {
        let p = try tinyEngine().promise(zip: "98109", at: "2026-12-24T20:00:00-08:00", [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == "2026-12-26T14:00:00-08:00")
        let d = try Self.departure(p)
        #expect(d.departs == "2026-12-26T05:00:00-08:00")
        #expect(d.modifiable == "2026-12-26T03:00:00-08:00")
    }

    // Spring forward (LA, processing 120): the 02:30 departure of 03-08 is 03:30 PDT (10:30Z); picking must start
    // 120 real minutes before, 08:30Z = 00:30 PST, not at the wall time 01:30.
    @Test func modifiableUntilCountsRealMinutesAcrossTheSpringForwardGap() throws {
        let engine = try dstEngine(
            timezone: PromiseFixtures.losAngeles, zip: "98109", processingMinutes: 120, departures: ["02:30"],
            sortMinutes: 0, waves: [("04:30", "08:00")])
        let p = try engine.promise(zip: "98109", at: "2026-03-08T00:00:00-08:00", [("A1", 1)], stock: fc1Stock)
        let d = try Self.departure(p)
        #expect(d.departs == "2026-03-08T03:30:00-07:00")
        #expect(d.modifiable == "2026-03-08T00:30:00-08:00")
    }

    // Carrier to 99201 (pickup 17:00, processing 120): 14:59 -> pickup 12-10 17:00, picking by 15:00;
    // 15:01 -> ready 17:01 -> pickup 12-11 17:00, picking by 12-11 15:00.
    @Test(arguments: [
        ("2026-12-10T14:59:00-08:00", "2026-12-10T17:00:00-08:00", "2026-12-10T15:00:00-08:00"),
        ("2026-12-10T15:01:00-08:00", "2026-12-11T17:00:00-08:00", "2026-12-11T15:00:00-08:00"),
    ])
    func aCarrierShipmentLeavesAtThePickup(order: String, departs: String, modifiable: String) throws {
        let p = try tinyEngine().promise(zip: "99201", at: order, [("A1", 1)], stock: sea1Only)
        let d = try Self.departure(p)
        #expect(d.path == .carrier)
        #expect(d.departs == departs)
        #expect(d.modifiable == modifiable)
    }

    // SEA-NOW1 at 10:00: delivered 10:30 by courier, leaving at once; it cannot be changed after the order.
    @Test func aNowShipmentLeavesAtTheOrder() throws {
        let p = try tinyEngine().promise(zip: "98109", at: "2026-12-10T10:00:00-08:00", [("A1", 1)], stock: nowSiteOnly)
        let d = try Self.departure(p)
        #expect(d.path == .now)
        #expect(d.departs == "2026-12-10T10:00:00-08:00")
        #expect(d.modifiable == "2026-12-10T10:00:00-08:00")
    }

    // SEA-NOW1 with promise 720 min, processing 10 and a lane to DSE2 departing 09:30 (transit 0, sort 30):
    //   09:00 -> now 21:00; station: ready 09:10 -> 09:30 -> 10:00 -> 16:00 wave -> 21:00: a tie, the now path
    //   09:01 -> now 21:01; station still 21:00, earlier: departs 09:30, picking by 09:20
    @Test(arguments: [
        ("2026-12-10T09:00:00-08:00", DeliveryPath.now, "2026-12-10T09:00:00-08:00", "2026-12-10T09:00:00-08:00"),
        ("2026-12-10T09:01:00-08:00", DeliveryPath.station, "2026-12-10T09:30:00-08:00", "2026-12-10T09:20:00-08:00"),
    ])
    func theNowPathIsReportedWhenAStationDeliversAtTheSameMinute(
        order: String, path: DeliveryPath, departs: String, modifiable: String
    ) throws {
        let engine = try tinyEngine {
            $0.nodes[1].promiseMinutes = 720
            $0.nodes[1].processingMinutes = 10
            $0.lanes.append(try PromiseFixtures.lane("SEA-NOW1", "DSE2", departures: ["09:30"], transitMinutes: 0))
        }
        let p = try engine.promise(zip: "98109", at: order, [("A1", 1)], stock: nowSiteOnly)
        #expect(p.text(p.deliverBy) == "2026-12-10T21:00:00-08:00")
        let d = try Self.departure(p)
        #expect(d.path == path)
        #expect(d.departs == departs)
        #expect(d.modifiable == modifiable)
    }

    // A second SEA1 -> DSE2 lane departing 04:30 with transit 120 (listed after the 60-minute lane):
    //   02:00 -> ready 04:00: 04:30 -> 06:30 +30 -> 09:30 wave, and 05:00 -> 06:00 +30 -> 09:30 wave: both 14:00,
    //   the first to leave is reported: departs 04:30, picking by 02:30
    //   03:01 -> ready 05:01: the new lane's next departure is 12-11 04:30 (12-11 14:00); 13:00 gives 21:00 today
    @Test(arguments: [
        (
            "2026-12-10T02:00:00-08:00", "2026-12-10T14:00:00-08:00", "2026-12-10T04:30:00-08:00",
            "2026-12-10T02:30:00-08:00"
        ),
        (
            "2026-12-10T03:01:00-08:00", "2026-12-10T21:00:00-08:00", "2026-12-10T13:00:00-08:00",
            "2026-12-10T11:00:00-08:00"
        ),
    ])
    func ofLanesReachingTheSameWaveTheFirstToLeaveIsReported(
        order: String, deliverBy: String, departs: String, modifiable: String
    ) throws {
        let engine = try tinyEngine {
            $0.lanes.append(try PromiseFixtures.lane("SEA1", "DSE2", departures: ["04:30"], transitMinutes: 120))
        }
        let p = try engine.promise(zip: "98109", at: order, [("A1", 1)], stock: sea1Only)
        #expect(p.text(p.deliverBy) == deliverBy)
        let d = try Self.departure(p)
        #expect(d.path == .station)
        #expect(d.departs == departs)
        #expect(d.modifiable == modifiable)
    }
}
