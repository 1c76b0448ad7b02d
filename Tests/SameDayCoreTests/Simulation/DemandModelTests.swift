// The demand model: a seed fixes the day, destinations follow people, hours follow the curve, SKUs follow
// popularity, and lines and quantities stay small.

import SameDayTestSupport
import Testing

@testable import SameDayCore

@Suite struct DemandModelTests {
    func model(seed: UInt64 = 1) throws -> DemandModel {
        DemandModel(engine: try SimulationFixtures.bundled.get().engine, parameters: .christmasEve, seed: seed)
    }

    @Test func theSameSeedDrawsTheSameDay() throws {
        let eve = SimulationFixtures.christmasEve
        #expect(try model().day(eve, orders: 500, seed: 3) == model().day(eve, orders: 500, seed: 3))
        #expect(try model().day(eve, orders: 500, seed: 3) != model().day(eve, orders: 500, seed: 4))
    }

    @Test func ordersFollowTheCurvePeopleAndPopularity() throws {
        let m = try model()
        let engine = try SimulationFixtures.bundled.get().engine
        let orders = m.day(SimulationFixtures.christmasEve, orders: 20_000, seed: 1)
        var byHour = [Int](repeating: 0, count: 24)
        var lines = 0
        var units = 0
        var seattle = 0
        var topSKU = 0
        for o in orders {
            let clock = engine.destinationZone(zipIndex: o.zipIndex)
            let local = clock.localMinutes(of: o.at)
            byHour[(local - CivilCalendar.floorDiv(local, 1440) * 1440) / 60] += 1
            #expect(Set(o.skus).count == o.skus.count && (1...8).contains(o.skus.count))
            #expect(o.quantities.allSatisfy { (1...6).contains($0) })
            lines += o.skus.count
            units += o.quantities.reduce(0, +)
            if engine.zips.zip(at: o.zipIndex).rawValue.hasPrefix("981") { seattle += 1 }
            if o.skus.contains(m.sku(ofRank: 0)) { topSKU += 1 }
        }
        // Christmas Eve: the late morning is busy, the small hours quiet (weights 9.3 and 0.2 of 100).
        #expect(byHour[11] > 30 * byHour[3])
        #expect(Double(lines) / 20_000 > 1.5 && Double(lines) / 20_000 < 1.8)
        #expect(Double(units) / Double(lines) > 1.15 && Double(units) / Double(lines) < 1.35)
        // Seattle's 981xx ZIPs hold about 0.4% of the table's people.
        #expect(seattle > 20 && seattle < 200)
        #expect(topSKU > 300)
    }

    @Test func liveTrafficComesFromWhereItIsDaytime() throws {
        let m = try model()
        let engine = try SimulationFixtures.bundled.get().engine
        var rng = SeededGenerator(seed: 9)
        // 10:00 in New York is 07:00 in Los Angeles: the East should outweigh the West by far.
        let at = try PromiseFixtures.instant("2026-12-24T10:00:00-05:00")
        var east = 0
        var west = 0
        for _ in 0..<2_000 {
            let o = m.order(at: at, using: &rng)
            #expect(o.at == at)
            switch engine.destinationZone(zipIndex: o.zipIndex).identifier {
            case "America/New_York": east += 1
            case "America/Los_Angeles": west += 1
            default: break
            }
        }
        #expect(east > 3 * west)
    }

    @Test func withStockPopularityFollowsHowDeepEachSKUIsStocked() throws {
        let b = try SimulationFixtures.bundled.get()
        let ranks = DemandModel.ranks(skuCount: b.engine.catalog.items.count, stock: b.stock, seed: 1)
        #expect(Set(ranks).count == ranks.count)
        func depth(_ sku: Int) -> Double {
            let row = b.stock.row(sku)
            return Double(row.reduce(0) { $0 + b.stock.available(at: $1) }) / Double(max(row.count, 1))
        }
        let top = ranks.prefix(300).map(depth).reduce(0, +) / 300
        let bottom = ranks.suffix(300).map(depth).reduce(0, +) / 300
        #expect(top > 5 * bottom)
        #expect(ranks == DemandModel.ranks(skuCount: ranks.count, stock: b.stock, seed: 1))
        #expect(ranks != DemandModel.ranks(skuCount: ranks.count, stock: b.stock, seed: 2))
    }

    @Test func theParametersFollowTheDate() {
        #expect(DemandParameters.forDate(LocalDate(year: 2026, month: 12, dayOfMonth: 24)) == .christmasEve)
        #expect(DemandParameters.forDate(LocalDate(year: 2026, month: 12, dayOfMonth: 23)) == .regularDay)
        #expect(DemandParameters.christmasEve.hourlyWeights.count == 24)
    }
}
