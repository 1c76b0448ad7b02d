// Add to delivery, in-process: a product or search page asks, for each of its SKUs, whether it can join one of
// the customer's upcoming deliveries (`DeliveryEligibility`, rules 1–4 with the engine's own E(n, t)). The world is
// the bundled US network with a synthetic catalog of 10,000,000 SKUs (80% ambient, 15% chilled, 5% frozen), each
// stocked at 3 shipping nodes (the Seattle area's fulfillment center, same-day site and now-site among them, so
// answers are mixed), and a customer in 98109 with 3 upcoming shipments. A page is 50 (or 200) random SKUs; one
// iteration builds the request's `DeliveryEligibility` and answers every SKU of the page.

import Benchmark
import Foundation
import SameDayCore

final class DeliveriesWorld: @unchecked Sendable {
    static let skuCount = 10_000_000

    let engine: PromiseEngine
    let stock: StockIndex
    let shipments: [JoinableShipment]
    let at: Instant
    /// 256 pages of 200 SKU indexes; a 50-SKU page is the first 50.
    let pages: [[Int]]

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")
        func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: root.appendingPathComponent(path))) }
        let zips = try ZipTable(csv: try read("zips.csv"), file: "zips.csv")
        let network = try Network.load(json: try read("networks/us.json"), file: "us.json")
        var rng = SeededGenerator(seed: 10)
        var items: [CatalogItem] = []
        items.reserveCapacity(Self.skuCount)
        for i in 0..<Self.skuCount {
            let roll = rng.int(in: 0...99)
            let temperature: Temperature = roll < 80 ? .ambient : roll < 95 ? .chilled : .frozen
            items.append(
                CatalogItem(
                    sku: SKU("S\(i)"), name: "", lengthMm: 100, widthMm: 100, heightMm: 100, weightG: 100,
                    priceCents: 100, temperature: temperature))
        }
        let engine = try PromiseEngine(network: network, zips: zips, catalog: Catalog(items: items))
        self.engine = engine
        let shipping = network.nodes.filter { $0.kind.isShipping }.compactMap { engine.nodeIndex(of: $0.id) }
        let local = ["FC-WA-01", "SD-WA-01", "NOW-WA-01"].compactMap { engine.nodeIndex(of: NodeID($0)) }
        var entries: [(sku: Int, node: Int, available: Int)] = []
        entries.reserveCapacity(3 * Self.skuCount)
        for s in 0..<Self.skuCount {
            var nodes: [Int] = []
            while nodes.count < 3 {
                let n =
                    rng.int(in: 0...2) == 0
                    ? local[rng.int(in: 0...2)] : shipping[rng.int(in: 0...(shipping.count - 1))]
                if !nodes.contains(n) { nodes.append(n) }
            }
            for n in nodes { entries.append((s, n, rng.int(in: 0...4))) }
        }
        stock = StockIndex(skuCount: Self.skuCount, entries: entries)
        let at = ISO8601.parse("2026-12-23T09:00:00-08:00")!
        self.at = at
        shipments = [("FC-WA-01", 2 * 1440), ("SD-WA-01", 10 * 60), ("NOW-WA-01", 3 * 60)].enumerated().map {
            k, s in
            JoinableShipment(
                id: "s_\(k)", node: NodeID(s.0), zip: "98109", deliverBy: at + s.1, modifiableUntil: at + 60,
                placed: true)
        }
        pages = (0..<256).map { _ in (0..<200).map { _ in rng.int(in: 0...(Self.skuCount - 1)) } }
    }
}

nonisolated(unsafe) var world: DeliveriesWorld?

func loadWorld() -> DeliveriesWorld {
    if let world { return world }
    do {
        let w = try DeliveriesWorld()
        world = w
        return w
    } catch {
        fatalError("cannot build the 10M-SKU world: \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 1_000_000
    )

    for size in [50, 200] {
        Benchmark("eligibility of a \(size)-SKU page, 3 upcoming shipments, 10,000,000 SKUs") { benchmark in
            let w = loadWorld()
            var page = 0
            var addable = 0
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                var eligibility = DeliveryEligibility(engine: w.engine, shipments: w.shipments, at: w.at)
                for s in w.pages[page][0..<size] {
                    if case .addable = eligibility.eligibility(sku: s, qty: 1, stock: w.stock) { addable &+= 1 }
                }
                page = (page + 1) & 255
            }
            benchmark.stopMeasurement()
            blackHole(addable)
        }
    }
}
