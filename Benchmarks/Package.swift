// swift-tools-version: 6.1
// Benchmarks live in their own package so ordo-one/benchmark stays out of the product build.
// Run: cd Benchmarks && swift package --scratch-path ../.build-bench benchmark --target <Target>
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which differs between clones (`main`, `SameDay`, …).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "SameDayBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The raw-transaction ceilings use the store's own drivers (same versions as the root package).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // What the benchmark targets share (the input cursor).
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "PromiseBenchmarks",
            dependencies: [
                .product(name: "SameDayCore", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PromiseBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PackingBenchmarks",
            dependencies: [
                .product(name: "SameDayCore", package: root),
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PackingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The day simulator: a whole day, and its per-order parts (docs/performance.md, "Simulation").
        .executableTarget(
            name: "SimulateBenchmarks",
            dependencies: [
                .product(name: "SameDayCore", package: root),
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SimulateBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The watch worker's side of a price change with 1,000,000 vs 10 watches, and the index's memory.
        .executableTarget(
            name: "WatchesBenchmarks",
            dependencies: [
                .product(name: "SameDayCore", package: root),
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/WatchesBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Add to delivery: eligibility of a page of SKUs over 10,000,000 SKUs.
        .executableTarget(
            name: "DeliveriesBenchmarks",
            dependencies: [
                .product(name: "SameDayCore", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DeliveriesBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Durable orders/s through the store on SQLite (and PostgreSQL with SAMEDAY_BENCH_POSTGRES_URL).
        .executableTarget(
            name: "OrdersBenchmarks",
            dependencies: [
                .product(name: "SameDayCore", package: root),
                .product(name: "SameDayStore", package: root),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/OrdersBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
