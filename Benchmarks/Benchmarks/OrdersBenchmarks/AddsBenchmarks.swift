// Durable adds to delivery per second through the store (`addToShipment`, packing included, no HTTP), at 1 and
// 16 concurrent clients, over the 3,000-SKU orders workload: each database is first given `AddTargets.orders`
// placed orders, whose shipments the adds then join in turn. (The one-SKU workload's shipments leave from a now
// site whose picking starts at once, so nothing can join them.) docs/performance.md, "Durable adds", records the
// figures.

import Benchmark
import Foundation
import SameDayCore
import SameDayStore

let addsPerSecond = BenchmarkMetric.custom("adds/s", polarity: .prefersLarger, useScalingFactor: false)

/// The shipments a run's adds go to: placed in setup, each still modifiable at the workload's instant.
struct AddTargets: Sendable {
    struct Target: Sendable {
        var customer: CustomerID
        var shipment: ShipmentID
        /// SKUs an add to this shipment takes in turn: of the temperature of the shipment's own line (so the
        /// same path reaches the ZIP by its deliver-by) and well stocked at its node.
        var skus: [SKU]
    }

    /// Orders placed before the measurement: enough that a 10 s run at a few thousand adds/s joins each shipment
    /// only a few times (a shipment's repacking grows with its units).
    static let orders = 4_000

    /// A SKU is offered to adds at a node where it starts with at least this many units (orders and adds take
    /// one each, spread over the SKUs).
    static let wellStocked = 100

    var targets: [Target]

    /// Places `orders` orders from the workload with 16 concurrent clients and keeps their shipments that can
    /// still be added to at the workload's instant.
    static func place(on store: any Store, _ workload: OrdersWorkload, run: UInt64) async throws -> AddTargets {
        var stocked: [String: [SKU]] = [:]
        for entry in workload.data.inventory.entries where entry.available >= wellStocked {
            guard let temperature = workload.data.catalog.item(entry.sku)?.temperature else { continue }
            stocked["\(entry.node.rawValue) \(temperature)", default: []].append(entry.sku)
        }
        let offered = stocked.mapValues { Array($0.sorted { $0.rawValue < $1.rawValue }.prefix(16)) }
        let placed = try await withThrowingTaskGroup(of: [Target].self) { group in
            for client in 0..<16 {
                group.addTask {
                    var own: [Target] = []
                    for n in stride(from: client, to: orders, by: 16) {
                        let (zip, lines) = workload.order(n)
                        let customer = CustomerID("c\(n % 64)")
                        let order = try await store.placeOrder(
                            customer: customer, zip: zip, lines: lines, idempotencyKey: "p\(run)-\(n)",
                            at: workload.at, engine: workload.engine, packer: workload.packer
                        ).order
                        for shipment in order.shipments where shipment.modifiableUntil > workload.at {
                            guard let line = shipment.lines.first,
                                let temperature = workload.data.catalog.item(line.sku)?.temperature,
                                let skus = offered["\(shipment.node.rawValue) \(temperature)"]
                            else { continue }
                            own.append(Target(customer: customer, shipment: shipment.id, skus: skus))
                        }
                    }
                    return own
                }
            }
            var all: [Target] = []
            for try await part in group { all += part }
            return all
        }
        guard placed.count >= orders / 2 else {
            throw BenchFailure("only \(placed.count) of \(orders) orders' shipments can still be added to")
        }
        return AddTargets(targets: placed.sorted { $0.shipment.rawValue < $1.shipment.rawValue })
    }
}

/// Registers the adds benchmarks of `database` (called by `benchmarks`).
func addsBenchmarks(_ database: BenchDatabase, configuration: Benchmark.Configuration) {
    for clients in [1, 16] {
        let open = Slot<OpenStore>()
        let targets = Slot<AddTargets>()
        let added = Slot<Int>()
        Benchmark(
            "\(database.label) adds to delivery, 3000 SKUs, \(clients) client\(clients == 1 ? "" : "s")",
            configuration: configuration
        ) { benchmark in
            guard let opened = open.value, let all = targets.value?.targets, let first = added.value else {
                throw BenchFailure("no store")
            }
            let workload = OrdersWorkload.manySKUs
            let store = opened.store
            let run = opened.run
            benchmark.startMeasurement()
            let batch = try await Batch.run(count: 16 * clients, first: first, clients: clients) { n in
                let target = all[n % all.count]
                let sku = target.skus[(n / all.count) % target.skus.count]
                let answer = try await store.addToShipment(
                    AddLineRequest(
                        customer: target.customer, shipment: target.shipment,
                        line: OrderLine(sku: sku, qty: 1), idempotencyKey: "a\(run)-\(n)", at: workload.at),
                    engine: workload.engine, packer: workload.packer)
                guard let shipment = answer.order.shipments.first(where: { $0.id == target.shipment }),
                    shipment.lineAddedQty.reduce(0, +) > 0, !shipment.containers.isEmpty
                else {
                    throw BenchFailure("the add to \(target.shipment) is not in its packed shipment")
                }
            }
            benchmark.stopMeasurement()
            added.value = first + batch.latenciesMicroseconds.count
            benchmark.record(batch, as: addsPerSecond)
        } setup: {
            let opened = try await OpenStore.open(database, .manySKUs)
            open.value = opened
            targets.value = try await AddTargets.place(on: opened.store, .manySKUs, run: opened.run)
            added.value = 0
        } teardown: {
            try await open.value?.close(ordersPlaced: AddTargets.orders)
            open.value = nil
            targets.value = nil
        }
    }
}
