// The watch worker's side of a price change, in-process: the `price-changed` event's SKU looked up in a
// 100,000-SKU catalog, the SKU's price set in the `WatchIndex`, and the watches it triggers collected — with
// 1,000,000 active watches and with 10, so the two rows show the cost does not grow with the watches held. Then the
// index's load from a snapshot of 1,000,000 watches, and a drop that triggers 1,000 watches of one SKU.
// The server's whole cost of a change (HTTP, validation, the SQLite commit) is measured by
// scripts/watch-bench.py (docs/performance.md, "Watches").

import Benchmark
import BenchmarkSupport
import SameDayCore

/// A 100,000-SKU catalog (prices $1.00–$500.00) and `watches` active watches with targets 10–89% of the price,
/// spread uniformly over the SKUs; seed 11.
struct WatchWorld {
    static let skuCount = 100_000

    let catalog: Catalog
    let skus: [SKU]
    let prices: [Int]
    let snapshot: [[WatchIndex.Entry]]

    init(watches: Int) {
        var rng = SeededGenerator(seed: 11)
        var items: [CatalogItem] = []
        items.reserveCapacity(Self.skuCount)
        for i in 0..<Self.skuCount {
            items.append(
                CatalogItem(
                    sku: SKU("WB-\(i)"), name: "Item \(i)", lengthMm: 100, widthMm: 100, heightMm: 100, weightG: 500,
                    priceCents: rng.int(in: 100...50_000), temperature: .ambient))
        }
        catalog = Catalog(items: items)
        skus = items.map(\.sku)
        prices = items.map(\.priceCents)
        var snapshot = Array(repeating: [WatchIndex.Entry](), count: Self.skuCount)
        for number in 0..<watches {
            let sku = rng.int(in: 0...(Self.skuCount - 1))
            let target = prices[sku] * rng.int(in: 10...89) / 100
            snapshot[sku].append(
                WatchIndex.Entry(
                    targetCents: max(1, target), createdAt: Instant(minutes: 29_000_000 + number / 100),
                    number: UInt64(number + 1)))
        }
        self.snapshot = snapshot
    }

    func makeIndex() -> WatchIndex {
        var index = WatchIndex(prices: prices)
        for (sku, entries) in snapshot.enumerated() where !entries.isEmpty { index.load(sku: sku, entries) }
        return index
    }
}

/// What the worker does for one `price-changed` event: find the SKU, record its price, collect what it triggers.
@inline(__always)
func applyPriceChange(_ index: inout WatchIndex, _ catalog: Catalog, _ sku: SKU, cents: Int) -> Int {
    guard let i = catalog.index(of: sku) else { return -1 }
    index.setPrice(sku: i, cents: cents)
    return index.triggered(sku: i, atPrice: cents).count
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3,
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 1_000_000
    )

    // Each change moves a SKU's price by a cent either way around its catalog price: above every target (all are
    // ≤ 89% of it), so none triggers. 1,000 changes per iteration, over 100,000 SKUs in a scattered order.
    for watches in [1_000_000, 10] {
        let world = WatchWorld(watches: watches)
        let changes: [(sku: SKU, cents: Int)] = (0..<WatchWorld.skuCount).map {
            let i = ($0 &* 7_919) % WatchWorld.skuCount
            return (world.skus[i], world.prices[i] + ($0 % 2 == 0 ? 1 : -1))
        }
        let cursor = Cursor(count: changes.count / 1_000)
        Benchmark(
            "price change triggering none, \(watches) watches on 100,000 SKUs",
            configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions])
        ) { benchmark in
            var index = world.makeIndex()
            precondition(index.count == watches)
            benchmark.startMeasurement()
            var triggered = 0
            for _ in benchmark.scaledIterations {
                let base = cursor.take() * 1_000
                for k in base..<(base + 1_000) {
                    triggered &+= applyPriceChange(&index, world.catalog, changes[k].sku, cents: changes[k].cents)
                }
            }
            benchmark.stopMeasurement()
            precondition(triggered == 0, "a change above every target triggered \(triggered)")
            blackHole(index)
        }
    }

    // Loading 1,000,000 watches (already grouped by SKU, as the worker groups its database pages) into the index;
    // the bytes per watch the index allocates are checked against 64.
    let million = WatchWorld(watches: 1_000_000)
    Benchmark(
        "load 1,000,000 watches on 100,000 SKUs into the index",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, .memoryLeaked], scalingFactor: .one,
            maxIterations: 20)
    ) { benchmark in
        benchmark.startMeasurement()
        let index = million.makeIndex()
        benchmark.stopMeasurement()
        let perWatch = Double(index.allocatedBytes) / Double(index.count)
        precondition(perWatch <= 64, "the index holds \(perWatch) bytes per watch")
        blackHole(index)
    }

    // One drop to 1 cent on a SKU with 1,000 watches: the worker collects all 1,000 in (createdAt, id) order.
    Benchmark(
        "price drop triggering 1,000 watches of one SKU",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, .instructions], scalingFactor: .one)
    ) { benchmark in
        var index = WatchIndex(prices: [10_000])
        var rng = SeededGenerator(seed: 5)
        index.load(
            sku: 0,
            (0..<1_000).map {
                WatchIndex.Entry(
                    targetCents: rng.int(in: 100...9_000), createdAt: Instant(minutes: 29_000_000 + $0 / 10),
                    number: UInt64($0 + 1))
            })
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            index.setPrice(sku: 0, cents: 1)
            let due = index.triggered(sku: 0, atPrice: 1)
            precondition(due.count == 1_000)
            blackHole(due)
        }
        benchmark.stopMeasurement()
    }
}
