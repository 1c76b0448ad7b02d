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
        let p = try promise("98109", "2026-12-02T09:00:00-08:00", "BB-00002")
        #expect(p.speed == .sameDay)
        #expect(p.shipments.first?.node == "SD-WA-01")
        #expect(p.shipments.first?.path == .station)
        #expect(p.deliverBy.map(p.format) == "2026-12-02T21:00:00-08:00")
    }

    @Test func seattleGetsTheNowSiteAssortmentInThirtyMinutes() throws {
        let p = try promise("98109", "2026-12-02T09:00:00-08:00", "BB-00003")
        #expect(p.speed == .now)
        #expect(p.shipments.first?.node == "NOW-WA-01")
    }

    @Test func manhattanGetsChilledGroceriesSameDay() throws {
        let p = try promise("10001", "2026-12-02T09:00:00-05:00", "CH-00010")
        #expect(p.speed == .sameDay)
    }

    /// Each region is self-sufficient: every SKU with stock anywhere reaches every station-served ZIP.
    @Test func everyStockedSKUIsDeliverableToStationServedZIPs() throws {
        let f = try BundledFiles.files.get()
        let s = try Self.setup.get()
        var rng = SeededGenerator(seed: 7).stream("bundled-deliverable")
        func sample<T>(_ items: [T], _ n: Int) -> [T] {
            var items = items
            for i in 0..<min(n, items.count) { items.swapAt(i, rng.int(in: i...(items.count - 1))) }
            return Array(items.prefix(n))
        }
        let stocked = Set(f.inventory.entries.filter { $0.available > 0 }.map(\.sku))
        let skus = sample(f.catalog.items.map(\.sku), 200).filter(stocked.contains)
        #expect(skus.count >= 190)
        let served = f.network.nodes.filter { $0.kind == .deliveryStation }.flatMap(\.zips)
        let zips = sample(served.sorted { $0.rawValue < $1.rawValue }, 20)
        #expect(zips.count == 20)
        let at = try #require(ISO8601.parse("2026-12-02T16:00:00Z"))
        for zip in zips {
            for sku in skus {
                let p = try s.engine.promise(zip: zip, at: at, lines: [OrderLine(sku: sku, qty: 1)], stock: s.stock)
                #expect(p.available, "\(sku.rawValue) to \(zip.rawValue): \(p.unavailable.map(\.reason))")
            }
        }
    }

    @Test func ruralMontanaGetsTheCarrierAndNoColdChain() throws {
        let p = try promise("59301", "2026-12-02T09:00:00-07:00", "BB-00002")
        #expect(p.shipments.first?.path == .carrier)
        #expect(p.speed == .nextDay)
        let cold = try promise("59301", "2026-12-02T09:00:00-07:00", "CH-00010")
        #expect(!cold.available)
        #expect(cold.unavailable.first?.reason == .notDeliverable)
    }
}
