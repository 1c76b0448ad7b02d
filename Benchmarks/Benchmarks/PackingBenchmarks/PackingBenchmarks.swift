// Cartonization speed on realistic orders of 1, 2, 3, 5, 20 and 100 units (SampleOrders, seed 1) with the bundled
// catalog Data/boxes.json; each iteration packs the next of 64 orders. Quality (containers vs lower bound) is
// reported by scripts/compare_packers.py (and scripts/compare_py3dbp.py).

import Benchmark
import BenchmarkSupport
import Foundation
import SameDayCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )

    let catalogPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/boxes.json").path
    guard let data = FileManager.default.contents(atPath: catalogPath),
        let catalog = try? PackingFormat.containers(from: [UInt8](data), file: catalogPath)
    else {
        fatalError("cannot read \(catalogPath)")  // benchmark setup, not an input path
    }
    let packer = Packer(catalog: catalog)

    for units in [1, 2, 3, 5, 20, 100] {
        // 64 different orders per size; each iteration packs the next one.
        let orders = SampleOrders.orders(count: 64, units: units, seed: 1)
        let cursor = Cursor(count: orders.count)
        Benchmark("pack \(units)-unit order") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try? packer.pack(orders[cursor.take()]))
            }
        }
    }

    // What the perturbed attempts at one container fewer cost (docs/packing.md): the same 100-unit orders without.
    var plain = packer
    plain.perturbedAttempts = 0
    let orders100 = SampleOrders.orders(count: 64, units: 100, seed: 1)
    let cursor100 = Cursor(count: orders100.count)
    Benchmark("pack 100-unit order, no perturbed attempts") { [plain] benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? plain.pack(orders100[cursor100.take()]))
        }
    }

    // The Martello–Pisinger–Vigo instances (docs/packing.md): one class-1 and one class-8 instance of 50 items, as
    // `sameday pack --mpv-class` packs them (fixed orientation, one bin size).
    for (mpvClass, items) in [(1, 50), (8, 50)] {
        let instance = MPVInstances.instance(mpvClass: mpvClass, itemCount: items, index: 1)
        let bins = Packer(catalog: [instance.container])
        let lines = instance.items
        Benchmark("pack MPV class \(mpvClass), \(items) items") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try? bins.pack(lines))
            }
        }
    }

    let orders20 = SampleOrders.orders(count: 64, units: 20, seed: 1)
    let cursor20 = Cursor(count: orders20.count)
    Benchmark("lower bound 20-unit order") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LowerBounds.order(orders20[cursor20.take()], catalog: catalog))
        }
    }
}
