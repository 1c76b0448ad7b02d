// Cartonization speed on realistic orders of 1, 5, 20 and 100 units (SampleOrders, seed 1) with the bundled
// catalog Data/boxes.json. Quality (containers vs lower bound) is reported by scripts/compare_py3dbp.py.

import Benchmark
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

    for units in [1, 5, 20, 100] {
        // 64 different orders per size; each iteration packs the next one.
        let orders = SampleOrders.orders(count: 64, units: units, seed: 1)
        Benchmark("pack \(units)-unit order") { benchmark in
            var next = 0
            for _ in benchmark.scaledIterations {
                blackHole(try? packer.pack(orders[next]))
                next = (next + 1) % orders.count
            }
        }
    }

    let orders20 = SampleOrders.orders(count: 64, units: 20, seed: 1)
    Benchmark("lower bound 20-unit order") { benchmark in
        var next = 0
        for _ in benchmark.scaledIterations {
            blackHole(LowerBounds.order(orders20[next], catalog: catalog))
            next = (next + 1) % orders20.count
        }
    }
}
