// The sanity facts docs/network.md prints, checked through the promise engine on the bundled files.

import SameDayCore
import Testing

@Suite struct BundledPromiseTests {
    struct Setup {
        var engine: PromiseEngine
        var stock: StockIndex
    }

    static let setup: Result<Setup, any Error> = Result {
        let f = try BundledFiles.files.get()
        let engine = try PromiseEngine(network: f.network, zips: f.zips, catalog: f.catalog)
        return Setup(engine: engine, stock: engine.makeStockIndex(f.inventory.entries))
    }

    func promise(_ zip: String, _ at: String, _ sku: String) throws -> Promise {
        let s = try Self.setup.get()
        let t = try #require(ISO8601.parse(at))
        return try s.engine.promise(zip: ZIP(zip), at: t, lines: [OrderLine(sku: SKU(sku), qty: 1)], stock: s.stock)
    }

    @Test func seattleGetsSameDayFromItsSameDaySite() throws {
        let p = try promise("98109", "2026-12-02T09:00:00-08:00", "BB-00009")
        #expect(p.speed == .sameDay)
        #expect(p.shipments.first?.node == "SD-WA-01")
        #expect(p.shipments.first?.path == .station)
        #expect(p.deliverBy.map(p.format) == "2026-12-02T21:00:00-08:00")
    }

    @Test func seattleGetsTheNowSiteAssortmentInThirtyMinutes() throws {
        let p = try promise("98109", "2026-12-02T09:00:00-08:00", "BB-00002")
        #expect(p.speed == .now)
        #expect(p.shipments.first?.node == "NOW-WA-01")
    }

    @Test func manhattanGetsChilledGroceriesSameDay() throws {
        let p = try promise("10001", "2026-12-02T09:00:00-05:00", "CH-00010")
        #expect(p.speed == .sameDay)
    }

    @Test func ruralMontanaGetsTheCarrierAndNoColdChain() throws {
        let p = try promise("59301", "2026-12-02T09:00:00-07:00", "BB-00009")
        #expect(p.shipments.first?.path == .carrier)
        #expect(p.speed == .nextDay)
        let cold = try promise("59301", "2026-12-02T09:00:00-07:00", "CH-00010")
        #expect(!cold.available)
        #expect(cold.unavailable.first?.reason == .notDeliverable)
    }
}
