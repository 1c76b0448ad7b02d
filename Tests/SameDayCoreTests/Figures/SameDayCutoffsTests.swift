// The same-day cutoff per city, hand-checked on the tiny network: SEA1 (processing 120) → DSE2 by lanes at
// 05:00, 13:00 and 21:00 (60 min), sort 30 min, waves 09:30 → 14:00 and 16:00 → 21:00; the now-site delivers in
// 30 min from 07:00 until 22:30 within 6 km.

import SameDayTestSupport
import Testing

@testable import SameDayCore

@Suite struct SameDayCutoffsTests {
    let date = LocalDate(year: 2026, month: 12, dayOfMonth: 2)

    func cutoff(_ t: SimulationFixtures.Tiny, zip: String, sku: String) throws -> Int? {
        let z = try #require(t.engine.zips.index(of: ZIP(zip)))
        let s = try #require(t.engine.catalog.index(of: SKU(sku)))
        return SameDayCutoffs.cutoff(
            t.engine, stock: t.stock, zip: z, date: date, sku: s,
            opens: SameDayCutoffs.nowSiteOpenings(t.engine, date: date))
    }

    @Test func aStationSKUCanBeOrderedUntilItsLastDepartureMinusProcessing() throws {
        // M1 only at SEA1: ready by 13:00 makes the 13:00 lane, the 16:00 wave, 21:00. So 11:00.
        #expect(try cutoff(try SimulationFixtures.tiny(), zip: "98109", sku: "M1") == 11 * 60)
    }

    @Test func aNowSiteKeepsTheDayOpenUntilItsLastThirtyMinutes() throws {
        #expect(try cutoff(try SimulationFixtures.tiny(), zip: "98109", sku: "A1") == 22 * 60 + 30)
    }

    @Test func aNowSiteAloneStartsItsRunAtOpening() throws {
        // Only the now-site holds A1: nothing delivers today before 07:00, then every minute until 22:30 does.
        let t = try SimulationFixtures.tiny(stock: [("SEA-NOW1", "A1", 2)])
        #expect(try cutoff(t, zip: "98109", sku: "A1") == 22 * 60 + 30)
    }

    @Test func theCarrierNeverDeliversTheSameDayAndNoStockHasNoCutoff() throws {
        let t = try SimulationFixtures.tiny()
        #expect(try cutoff(t, zip: "99201", sku: "A1") == nil)
        #expect(try cutoff(t, zip: "98109", sku: "B7") == nil)
    }

    @Test func citiesTakeTheLatestCutoffOfTheirZIPs() throws {
        let t = try SimulationFixtures.tiny()
        let s = try #require(t.engine.catalog.index(of: "M1"))
        let all = SameDayCutoffs.compute(engine: t.engine, stock: t.stock, date: date, sku: s)
        // The test ZIP table names every ZIP "Test, WA": one city, the latest of its ZIPs (98109 or 98101: 11:00).
        #expect(all.cities.count == 1)
        #expect(all.cities.first?.cutoffMinute == 11 * 60)
        #expect(all.summary.cities == 1 && all.summary.citiesOrderingUntilNoon == 0)
        let none = SameDayCutoffs.compute(engine: t.engine, stock: t.stock, date: date, sku: nil)
        #expect(none.summary.cities == 0 && none.summary.citiesInTable == 1)
    }

    @Test func bundledSeattleOrdersUntilItsSameDaySiteCutoffOnChristmasEve() throws {
        // docs/network.md: 98109 gets BB-00002 the same day from SD-WA-01 until 13:15 on Christmas Eve.
        let b = try SimulationFixtures.bundled.get()
        let z = try #require(b.engine.zips.index(of: "98109"))
        let s = try #require(b.engine.catalog.index(of: "BB-00002"))
        let eve = SimulationFixtures.christmasEve
        let minute = SameDayCutoffs.cutoff(
            b.engine, stock: b.stock, zip: z, date: eve, sku: s,
            opens: SameDayCutoffs.nowSiteOpenings(b.engine, date: eve))
        #expect(minute == 13 * 60 + 15)
    }
}
