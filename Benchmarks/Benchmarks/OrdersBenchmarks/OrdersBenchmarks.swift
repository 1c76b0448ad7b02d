// Durable orders per second through the store (SameDayStore's public API, no HTTP), packing included, at 1 and
// 16 concurrent clients, beside the raw durable one-row-transaction rate of the same database: SQLite always,
// PostgreSQL when SAMEDAY_BENCH_POSTGRES_URL is set. docs/performance.md ("Orders") records the figures.
//
// ordo-one/benchmark times iterations; here one iteration is a batch of 16 × clients calls made by `clients`
// concurrent tasks, and the figure to read is the custom metric `orders/s` (or `transactions/s`): the batch's
// calls divided by its wall time. `latency (µs)` is each call's own time; `process CPU per call (µs)` the CPU
// time of this process (all threads) over the batch divided by its calls.

import Benchmark
import Foundation
import SameDayCore
import SameDayStore

let ordersPerSecond = BenchmarkMetric.custom("orders/s", polarity: .prefersLarger, useScalingFactor: false)
let transactionsPerSecond = BenchmarkMetric.custom(
    "transactions/s", polarity: .prefersLarger, useScalingFactor: false)
let latency = BenchmarkMetric.custom("latency (µs)", polarity: .prefersSmaller, useScalingFactor: false)
let cpuPerCall = BenchmarkMetric.custom("process CPU per call (µs)", polarity: .prefersSmaller, useScalingFactor: false)

/// Set by a benchmark's setup, used by its iterations, cleared by its teardown: the runner never calls them at
/// the same time.
final class Slot<Value>: @unchecked Sendable {
    var value: Value?
}

/// A store opened for one benchmark, its background work running.
struct OpenStore: Sendable {
    var store: any Store
    var running: Task<Void, Never>
    var place: BenchDatabase.Place
    /// Distinguishes this run's idempotency keys.
    var run = UInt64.random(in: 0...UInt64.max)

    static func open(_ database: BenchDatabase, _ workload: OrdersWorkload) async throws -> OpenStore {
        let place = database.newPlace()
        let store = try StoreLocation(parsing: place.storeLocation).open(logger: BenchDatabase.silent)
        let running = Task { await store.run() }
        try await store.migrate()
        guard try await store.importIfNew(workload.data, at: workload.at) else {
            throw BenchFailure("the new database \(place.name) already had data")
        }
        return OpenStore(store: store, running: running, place: place)
    }

    /// Checks what the run left (every order counted was packed, DESIGN.md's invariants hold), then closes and
    /// removes the database.
    func close(ordersPlaced: Int) async throws {
        do {
            let packing = try await store.packingStats()
            let violations = try await store.checkInvariants()
            // At least: the last batch may be cut off by the benchmark's time limit after some of its orders
            // committed, and those are not in `ordersPlaced` (each answered order was checked for containers).
            guard packing.shipments >= ordersPlaced, violations.isEmpty else {
                throw BenchFailure(
                    "\(ordersPlaced) orders placed but only \(packing.shipments) shipments packed; "
                        + "\(violations.count) violations: \(violations.prefix(3))")
            }
        } catch {
            try? await store.close()
            running.cancel()
            try? await place.remove()
            throw error
        }
        try await store.close()
        running.cancel()
        try await place.remove()
    }
}

let benchmarks: @Sendable () -> Void = {
    let seconds = Int(ProcessInfo.processInfo.environment["SAMEDAY_BENCH_SECONDS"] ?? "") ?? 10
    func configuration(_ rate: BenchmarkMetric) -> Benchmark.Configuration {
        .init(
            metrics: [rate, latency, cpuPerCall, .wallClock], timeUnits: .milliseconds,
            units: [rate: .count, latency: .count, cpuPerCall: .count], warmupIterations: 2, scalingFactor: .one,
            maxDuration: .seconds(seconds), maxIterations: 100_000)
    }

    for database in BenchDatabase.all {
        // Loaded by the first benchmark that uses them (the many-SKU data takes a second to parse).
        let workloads: [(String, @Sendable () -> OrdersWorkload)] = [
            ("one SKU", { @Sendable in OrdersWorkload.oneSKU }),
            ("3000 SKUs", { @Sendable in OrdersWorkload.manySKUs }),
        ]
        for (label, workload) in workloads {
            for clients in [1, 16] {
                let open = Slot<OpenStore>()
                let placed = Slot<Int>()
                Benchmark(
                    "\(database.label) orders, \(label), \(clients) client\(clients == 1 ? "" : "s")",
                    configuration: configuration(ordersPerSecond)
                ) { benchmark in
                    guard let opened = open.value, let first = placed.value else { throw BenchFailure("no store") }
                    let workload = workload()
                    let store = opened.store
                    let run = opened.run
                    benchmark.startMeasurement()
                    let batch = try await Batch.run(count: 16 * clients, first: first, clients: clients) { n in
                        let (zip, lines) = workload.order(n)
                        let order = try await store.placeOrder(
                            customer: CustomerID("c\(n % 64)"), zip: zip, lines: lines,
                            idempotencyKey: "b\(run)-\(n)", at: workload.at, engine: workload.engine,
                            packer: workload.packer
                        ).order
                        guard order.shipments.allSatisfy({ !$0.containers.isEmpty }) else {
                            throw BenchFailure("order \(order.id) has a shipment without containers")
                        }
                    }
                    benchmark.stopMeasurement()
                    placed.value = first + batch.latenciesMicroseconds.count
                    benchmark.record(batch, as: ordersPerSecond)
                } setup: {
                    open.value = try await OpenStore.open(database, workload())
                    placed.value = 0
                } teardown: {
                    try await open.value?.close(ordersPlaced: placed.value ?? 0)
                    open.value = nil
                }
            }
        }

        addsBenchmarks(database, configuration: configuration(addsPerSecond))

        for clients in [1, 16] {
            let raw = Slot<any RawTransactions>()
            let place = Slot<BenchDatabase.Place>()
            let done = Slot<Int>()
            Benchmark(
                "\(database.label) raw one-row transactions, \(clients) client\(clients == 1 ? "" : "s")",
                configuration: configuration(transactionsPerSecond)
            ) { benchmark in
                guard let rawTransactions = raw.value, let first = done.value else {
                    throw BenchFailure("no database")
                }
                benchmark.startMeasurement()
                let batch = try await Batch.run(count: 16 * clients, first: first, clients: clients) { n in
                    try await rawTransactions.insert(client: n % clients, n: n)
                }
                benchmark.stopMeasurement()
                done.value = first + batch.latenciesMicroseconds.count
                benchmark.record(batch, as: transactionsPerSecond)
            } setup: {
                let new = database.newPlace()
                place.value = new
                done.value = 0
                switch database {
                case .sqlite: raw.value = try RawSQLite(path: new.path ?? "")
                case .postgres(let url): raw.value = try await RawPostgres(url: url, schema: new.name)
                }
            } teardown: {
                try await raw.value?.close()
                try await place.value?.remove()
                raw.value = nil
            }
        }
    }
}
