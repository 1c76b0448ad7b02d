// Figure counts add up in any grouping, and the figures are the spec's ratios of them, rounded as documented.

import SameDayTestSupport
import Testing

@testable import SameDayCore

@Suite struct FiguresTests {
    static let utc = ZoneTable(identifier: "UTC", fixedOffsetMinutes: 0)

    static func order(hour: Int, _ outcome: OrderFacts.Outcome, units: Int = 0, shipments: [ShipmentFacts] = [])
        -> OrderFacts
    {
        OrderFacts(hour: Instant(minutes: hour * 60), outcome: outcome, requestedUnits: units, shipments: shipments)
    }

    static let orders: [OrderFacts] = [
        order(
            hour: 10, .placed(.sameDay), units: 3,
            shipments: [
                ShipmentFacts(node: "FC1", units: 2, containers: 1, inRegion: true, metres: 10_000),
                ShipmentFacts(node: "SD1", units: 1, containers: 1, inRegion: false, metres: 2_500),
            ]),
        order(hour: 10, .unavailable(.outOfStock), units: 4),
        order(
            hour: 12, .placed(.now), units: 1,
            shipments: [
                ShipmentFacts(node: "NOW1", units: 1, containers: 1, inRegion: true, metres: 3_001)
            ]),
        order(hour: 12, .unavailable(.notDeliverable), units: 1),
        order(
            hour: 13, .placed(.standard), units: 5,
            shipments: [
                ShipmentFacts(node: "FC1", units: 5, containers: 2, inRegion: true, metres: 400_000)
            ]),
    ]

    static func counts(_ orders: ArraySlice<OrderFacts>) -> FigureCounts {
        var c = FigureCounts()
        for o in orders { c.add(o) }
        return c
    }

    @Test func countsOfPartsAddUpToCountsOfTheWhole() {
        var whole = Self.counts(Self.orders[...])
        var first = Self.counts(Self.orders.prefix(2))
        var second = Self.counts(Self.orders.dropFirst(2))
        whole.addDelivery(node: "FC1", deliverBy: Instant(minutes: 100), deliveredAt: Instant(minutes: 100))
        first.addDelivery(node: "FC1", deliverBy: Instant(minutes: 100), deliveredAt: Instant(minutes: 100))
        whole.addDelivery(node: "SD1", deliverBy: Instant(minutes: 100), deliveredAt: Instant(minutes: 101))
        second.addDelivery(node: "SD1", deliverBy: Instant(minutes: 100), deliveredAt: Instant(minutes: 101))
        whole.addOverdue(node: "NOW1")
        second.addOverdue(node: "NOW1")
        #expect(first + second == whole)
        #expect(second + first == whole)
        #expect(whole.orders == 5 && whole.placedOrders == 3 && whole.outOfStockOrders == 1)
        #expect(whole.units == 9 && whole.requestedUnits == 14 && whole.inRegionUnits == 8)
        #expect(whole.unitMetres == 2 * 10_000 + 2_500 + 3_001 + 5 * 400_000)
        #expect(whole.nodes["FC1"]?.units == 7 && whole.nodes["FC1"]?.containers == 3)
        #expect(whole.hours[Instant(minutes: 600)]?.orders == 2 && whole.hours[Instant(minutes: 600)]?.unavailable == 1)
    }

    @Test func figuresAreTheSpecsRatiosRoundedToFourPlaces() {
        var c = Self.counts(Self.orders[...])
        c.addDelivery(node: "FC1", deliverBy: Instant(minutes: 100), deliveredAt: Instant(minutes: 100))
        c.addDelivery(node: "SD1", deliverBy: Instant(minutes: 100), deliveredAt: Instant(minutes: 101))
        c.addOverdue(node: "NOW1")
        let f = Figures(counts: c, clock: Self.utc)
        #expect(f.unavailableOrders == 2)
        #expect(f.speedShare(.sameDay) == 0.3333 && f.speedShare(.now) == 0.3333 && f.speedShare(.nextDay) == 0)
        #expect(f.promisesKept == 0.3333)
        #expect(f.lateShipments == 2)
        #expect(f.shipmentsPerOrder == 1.3333)
        #expect(f.unitsPerContainer == 1.8)
        #expect(f.containersPerOrder == 1.6667)
        #expect(f.inRegionUnits == 0.8889)
        #expect(f.kmPerUnit == 225.0557)  // 2,025,501 unit-metres over 9 units
        #expect(f.hourRange.map(\.minutes) == [600, 660, 720, 780])
    }

    @Test func theJSONIsTheSpecsObjectWithNullForEmptyRatios() {
        let f = Figures(counts: FigureCounts(), clock: Self.utc)
        #expect(
            f.json()
                == #"{"orders":0,"unavailableOrders":0,"outOfStockOrders":0,"notDeliverableOrders":0,"units":0,"requestedUnits":0,"speed":{"now":null,"same-day":null,"next-day":null,"standard":null},"promisesKept":null,"lateShipments":0,"shipments":0,"containers":0,"shipmentsPerOrder":null,"unitsPerContainer":null,"containersPerOrder":null,"inRegionUnits":null,"kmPerUnit":null,"nodes":[],"hours":[]}"#
                + "\n")
    }

    @Test func theJSONListsNodesByIdAndEveryHourBetweenTheFirstAndTheLast() throws {
        var c = Self.counts(Self.orders[...])
        c.addDelivery(node: "SD1", deliverBy: Instant(minutes: 100), deliveredAt: Instant(minutes: 101))
        let f = Figures(
            counts: c, clock: Self.utc,
            nodeExtras: [
                "FC1": .init(pickUnitsPerHour: 100, peakPickUtilization: 0.25),
                "ZZ": .init(pickUnitsPerHour: nil, peakPickUtilization: nil),
            ])
        let json = try JSONValue.parse(Array(f.json().utf8))
        #expect(json["nodes"]?.array.compactMap { $0["id"]?.string } == ["FC1", "NOW1", "SD1", "ZZ"])
        #expect(json["nodes"]?.array.first?["peakPickUtilization"] == .number(0.25))
        #expect(json["nodes"]?.array.last?["pickUnitsPerHour"] == .null)
        #expect(json["nodes"]?.array[2]["lateShipments"] == .integer(1))
        let hours = json["hours"]?.array ?? []
        #expect(
            hours.compactMap { $0["hour"]?.string } == [
                "1970-01-01T10:00:00+00:00", "1970-01-01T11:00:00+00:00", "1970-01-01T12:00:00+00:00",
                "1970-01-01T13:00:00+00:00",
            ])
        #expect(hours.compactMap { $0["orders"]?.int } == [2, 0, 2, 1])
        #expect(hours[2]["now"] == .integer(1))
    }

    @Test(arguments: [
        (0, "0"), (1, "0.0001"), (10_000, "1"), (12_340, "1.234"), (-5, "-0.0005"), (2_124_000, "212.4"),
        (99_990, "9.999"),
    ])
    func decimalsAreWrittenFromIntegers(_ scaled: Int, _ text: String) {
        var out: [UInt8] = []
        Figures.writeDecimal(scaled, places: 4, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == text)
    }

    @Test func anHourStartsOnTheClocksWholeHour() throws {
        let newYork = try #require(ZoneTable(identifier: "America/New_York"))
        let t = try PromiseFixtures.instant("2026-12-24T10:37:00-05:00")
        #expect(Figures.hourStart(of: t, on: newYork) == (try PromiseFixtures.instant("2026-12-24T10:00:00-05:00")))
        let kolkata = try #require(ZoneTable(identifier: "Asia/Kolkata"))
        let u = try PromiseFixtures.instant("2026-12-24T10:17:00+05:30")
        #expect(Figures.hourStart(of: u, on: kolkata) == (try PromiseFixtures.instant("2026-12-24T10:00:00+05:30")))
    }

    @Test func theNetworkClockIsTheWesternmostShippingNodes() throws {
        let b = try SimulationFixtures.bundled.get()
        #expect(Figures.networkClock(b.engine).identifier == "America/Los_Angeles")
    }
}
