// The day simulator on the bundled US network (Christmas Eve, seed 1): a whole day of 20,000 orders, and its
// parts per order — planning and packing one order through `OrderPlanner`, packing one small shipment, the
// same-day cutoffs of every city. The full 1,000,000-order run is timed with /usr/bin/time (docs/performance.md).

import Benchmark
import BenchmarkSupport
import Foundation
import SameDayCore
import Synchronization

/// The bundled network, demo stock and container catalog.
struct Bundled {
    let engine: PromiseEngine
    let stock: StockIndex
    let packer: Packer

    static func load() -> Bundled {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")
        func bytes(_ path: String) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
                fatalError("cannot read Data/\(path)")  // benchmark setup, not an input path
            }
            return [UInt8](data)
        }
        do {
            let zips = try ZipTable(csv: bytes("zips.csv"), file: "zips.csv")
            let network = try Network.load(json: bytes("networks/us.json"), file: "us.json")
            let catalog = try Catalog.load(csv: bytes("demo/catalog.csv"), file: "catalog.csv")
            let inventory = try Inventory.load(
                csv: bytes("demo/inventory.csv"), file: "inventory.csv", network: network, catalog: catalog)
            let engine = try PromiseEngine(network: network, zips: zips, catalog: catalog)
            var packer = Packer(catalog: try PackingFormat.containers(from: bytes("boxes.json"), file: "boxes.json"))
            packer.perturbedAttempts = 16  // the server's order path (ServerWorld.orderPerturbedAttempts)
            return Bundled(engine: engine, stock: engine.makeStockIndex(inventory.entries), packer: packer)
        } catch {
            fatalError("the bundled data does not load: \(error)")
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 5_000
    )
    let b = Bundled.load()
    let eve = LocalDate(year: 2026, month: 12, dayOfMonth: 24)
    let planner = OrderPlanner(engine: b.engine, packer: b.packer)
    let model = DemandModel(engine: b.engine, parameters: .christmasEve, seed: 1)
    let orders = model.day(eve, orders: 4_096, seed: 1).map { o in
        (
            zip: b.engine.zips.zip(at: o.zipIndex), at: o.at,
            lines: zip(o.skus, o.quantities).map { OrderLine(sku: b.engine.catalog.items[$0].sku, qty: $1) }
        )
    }

    Benchmark(
        "simulate 20,000 orders (Christmas Eve, bundled network)",
        configuration: .init(warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 5)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                DaySimulation.run(
                    SimulationInput(
                        engine: b.engine, stock: b.stock, packer: b.packer, capacity: .defaults, date: eve,
                        orders: 20_000, seed: 1)))
        }
    }

    let cursor = Cursor(count: orders.count)
    Benchmark("place one order, every shipment packed") { benchmark in
        for _ in benchmark.scaledIterations {
            let o = orders[cursor.take()]
            blackHole(try? planner.place(zip: o.zip, at: o.at, lines: o.lines, stock: b.stock))
        }
    }

    let cachedCursor = Cursor(count: orders.count)
    let cache = Mutex(ShipmentPackingCache())
    Benchmark("place one order, packings cached") { benchmark in
        for _ in benchmark.scaledIterations {
            let o = orders[cachedCursor.take()]
            cache.withLock { packings in
                blackHole(try? planner.place(zip: o.zip, at: o.at, lines: o.lines, stock: b.stock, packings: &packings))
            }
        }
    }

    let promiseCursor = Cursor(count: orders.count)
    Benchmark("promise one order (no packing)") { benchmark in
        for _ in benchmark.scaledIterations {
            let o = orders[promiseCursor.take()]
            blackHole(try? b.engine.promise(zip: o.zip, at: o.at, lines: o.lines, stock: b.stock))
        }
    }

    let oneLine = orders.map { [$0.lines[0]] }
    let packCursor = Cursor(count: oneLine.count)
    Benchmark("pack one one-line shipment") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ShipmentContainers.pack(oneLine[packCursor.take()], catalog: b.engine.catalog, packer: b.packer))
        }
    }

    Benchmark(
        "same-day cutoffs of every city (41,033 ZIPs)",
        configuration: .init(warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 5)
    ) { benchmark in
        let sku = b.engine.catalog.index(of: "BB-00002")
        for _ in benchmark.scaledIterations {
            blackHole(SameDayCutoffs.compute(engine: b.engine, stock: b.stock, date: eve, sku: sku))
        }
    }
}
