// Promise benchmarks on the bundled US network with a synthetic 1,000,000-SKU catalog stocked at ~3 nodes per SKU,
// and on the bundled demo catalog and inventory (3,000 SKUs stocked at ~34 nodes each: what `sameday serve` plans over).
// Run: cd Benchmarks && swift package --scratch-path ../.build-bench benchmark --target PromiseBenchmarks

import Benchmark
import Foundation
import SameDayCore

/// The US network, a million SKUs and their stock, built once (outside every measured region).
final class PromiseWorld: @unchecked Sendable {
    let engine: PromiseEngine
    let stock: StockIndex
    /// Random (zip index, sku index) pairs, reused so the measured loop does no setup.
    let queries: [(zip: Int, sku: Int)]
    let orders: [(zip: ZIP, lines: [OrderLine])]
    let pageZips: [ZIP]
    let pageSKUs: [[SKU]]
    let at = ISO8601.parse("2026-12-01T10:00:00-08:00")!

    static let skuCount = 1_000_000

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")
        let zips = try ZipTable(
            csv: [UInt8](try Data(contentsOf: root.appendingPathComponent("zips.csv"))), file: "zips.csv")
        let network = try Network.load(
            json: [UInt8](try Data(contentsOf: root.appendingPathComponent("networks/us.json"))), file: "us.json")
        var rng = SeededGenerator(seed: 42)
        var items: [CatalogItem] = []
        items.reserveCapacity(Self.skuCount)
        for i in 0..<Self.skuCount {
            // 90% ambient, 7% chilled, 3% frozen, like a general merchandise + grocery assortment.
            let r = Int.random(in: 0..<100, using: &rng)
            let temperature: Temperature = r < 90 ? .ambient : r < 97 ? .chilled : .frozen
            items.append(
                CatalogItem(
                    sku: SKU("S\(i)"), name: "", lengthMm: 100, widthMm: 100, heightMm: 100, weightG: 500,
                    priceCents: 999, temperature: temperature))
        }
        let catalog = Catalog(items: items)
        let engine = try PromiseEngine(network: network, zips: zips, catalog: catalog)
        // Stock each SKU at 3 shipping nodes able to hold its temperature.
        let shipping = network.nodes.indices.filter { network.nodes[$0].kind.isShipping }
        var entries: [(sku: Int, node: Int, available: Int)] = []
        entries.reserveCapacity(Self.skuCount * 3)
        for s in 0..<Self.skuCount {
            var placed = Set<Int>()
            var tries = 0
            while placed.count < 3 && tries < 50 {
                tries += 1
                let n = shipping[Int.random(in: 0..<shipping.count, using: &rng)]
                if network.nodes[n].temperatures.contains(items[s].temperature), placed.insert(n).inserted {
                    entries.append((s, n, Int.random(in: 1...50, using: &rng)))
                }
            }
        }
        self.stock = StockIndex(skuCount: Self.skuCount, entries: entries)
        self.engine = engine
        // Destinations weighted by population, as real demand is.
        var cumulative: [Double] = []
        var total = 0.0
        for z in 0..<zips.count {
            total += zips.population(at: z)
            cumulative.append(total)
        }
        func randomZip() -> Int {
            let x = Double.random(in: 0..<total, using: &rng)
            var lo = 0
            var hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        self.queries = (0..<4096).map { _ in (randomZip(), Int.random(in: 0..<Self.skuCount, using: &rng)) }
        self.orders = (0..<256).map { _ in
            let skus = Set((0..<5).map { _ in Int.random(in: 0..<Self.skuCount, using: &rng) })
            return (zips.zip(at: randomZip()), skus.map { OrderLine(sku: SKU("S\($0)"), qty: 1) })
        }
        self.pageZips = (0..<64).map { _ in zips.zip(at: randomZip()) }
        self.pageSKUs = (0..<64).map { _ in (0..<50).map { _ in SKU("S\(Int.random(in: 0..<Self.skuCount, using: &rng))") } }
    }
}

/// The bundled demo data as `sameday serve` loads it: the US network, `Data/demo/catalog.csv`, `Data/demo/inventory.csv`.
final class DemoWorld: @unchecked Sendable {
    let engine: PromiseEngine
    let stock: StockIndex
    /// Two-line orders (two different SKUs ×1) to population-weighted ZIPs.
    let orders: [(zip: ZIP, lines: [OrderLine])]
    let at = ISO8601.parse("2026-12-23T10:00:00-08:00")!

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")
        func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: root.appendingPathComponent(path))) }
        let zips = try ZipTable(csv: try read("zips.csv"), file: "zips.csv")
        let network = try Network.load(json: try read("networks/us.json"), file: "us.json")
        let catalog = try Catalog.load(csv: try read("demo/catalog.csv"), file: "catalog.csv")
        let inventory = try Inventory.load(
            csv: try read("demo/inventory.csv"), file: "inventory.csv", network: network, catalog: catalog)
        engine = try PromiseEngine(network: network, zips: zips, catalog: catalog)
        stock = engine.makeStockIndex(inventory.entries)
        var rng = SeededGenerator(seed: 7)
        var cumulative: [Double] = []
        var total = 0.0
        for z in 0..<zips.count {
            total += zips.population(at: z)
            cumulative.append(total)
        }
        let skus = catalog.items.map(\.sku)
        orders = (0..<256).map { _ in
            let x = Double.random(in: 0..<total, using: &rng)
            let z = cumulative.firstIndex { $0 > x } ?? (zips.count - 1)
            let a = Int.random(in: 0..<skus.count, using: &rng)
            let b = (a + Int.random(in: 1..<skus.count, using: &rng)) % skus.count
            return (zips.zip(at: z), [OrderLine(sku: skus[a], qty: 1), OrderLine(sku: skus[b], qty: 1)])
        }
    }
}

nonisolated(unsafe) var demoWorld: DemoWorld?

func loadDemoWorld() -> DemoWorld {
    if let demoWorld { return demoWorld }
    do {
        let w = try DemoWorld()
        demoWorld = w
        return w
    } catch {
        fatalError("cannot load the demo data: \(error)")
    }
}

nonisolated(unsafe) var world: PromiseWorld?

func loadWorld() -> PromiseWorld {
    if let world { return world }
    do {
        let w = try PromiseWorld()
        world = w
        return w
    } catch {
        fatalError("cannot build the benchmark world: \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3,
        maxDuration: .seconds(5),
        maxIterations: 1_000_000
    )

    // One iteration = 1,000 single-line promises (different ZIPs and SKUs); throughput ×1000 = promises/s.
    Benchmark(
        "single-line promise ×1000",
        configuration: .init(scalingFactor: .kilo, setup: { _ = loadWorld() })
    ) { benchmark in
        let w = loadWorld()
        var cursor = 0
        for _ in benchmark.scaledIterations {
            let q = w.queries[cursor & 4095]
            cursor &+= 1
            blackHole(w.engine.linePromise(zipIndex: q.zip, at: w.at, sku: q.sku, qty: 1, stock: w.stock))
        }
    }

    Benchmark("5-line order promise", configuration: .init(setup: { _ = loadWorld() })) { benchmark in
        let w = loadWorld()
        var cursor = 0
        for _ in benchmark.scaledIterations {
            let order = w.orders[cursor & 255]
            cursor &+= 1
            blackHole(try? w.engine.promise(zip: order.zip, at: w.at, lines: order.lines, stock: w.stock))
        }
    }

    // The order scripts/http-bench.sh sends (BB-00002 ×1, BB-00018 ×2 to 98109): the engine's share of the route.
    Benchmark("demo data: the HTTP benchmark's 2-line order", configuration: .init(setup: { _ = loadDemoWorld() })) {
        benchmark in
        let w = loadDemoWorld()
        let lines = [OrderLine(sku: "BB-00002", qty: 1), OrderLine(sku: "BB-00018", qty: 2)]
        for _ in benchmark.scaledIterations {
            blackHole(try? w.engine.promise(zip: "98109", at: w.at, lines: lines, stock: w.stock))
        }
    }

    Benchmark("demo data: random 2-line orders", configuration: .init(setup: { _ = loadDemoWorld() })) { benchmark in
        let w = loadDemoWorld()
        var cursor = 0
        for _ in benchmark.scaledIterations {
            let order = w.orders[cursor & 255]
            cursor &+= 1
            blackHole(try? w.engine.promise(zip: order.zip, at: w.at, lines: order.lines, stock: w.stock))
        }
    }

    Benchmark("search page: 50 single-line promises", configuration: .init(setup: { _ = loadWorld() })) { benchmark in
        let w = loadWorld()
        var results: [LinePromise] = []
        results.reserveCapacity(64)
        var cursor = 0
        for _ in benchmark.scaledIterations {
            let k = cursor & 63
            cursor &+= 1
            try? w.engine.linePromises(zip: w.pageZips[k], at: w.at, skus: w.pageSKUs[k], stock: w.stock, into: &results)
            blackHole(results)
        }
    }
}
