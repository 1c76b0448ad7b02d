// What the orders benchmarks place: the data a database starts from, and the n-th order to place.

import Foundation
import SameDayCore
import SameDayStore

/// A database's starting data, the promise engine and container packer over it, and a list of orders to place
/// (cycled when a run places more).
struct OrdersWorkload: Sendable {
    /// Shown in benchmark names.
    var name: String
    var data: ImportData
    var engine: PromiseEngine
    /// The bundled container catalog (`Data/boxes.json`): every shipment is packed when its order is placed.
    var packer: Packer
    /// Every order is placed at this instant (stock, not time, is what the benchmarks use up).
    var at: Instant
    var orders: [(zip: ZIP, lines: [OrderLine])]

    /// The `n`-th order (cycling through `orders`).
    func order(_ n: Int) -> (zip: ZIP, lines: [OrderLine]) { orders[n % orders.count] }

    /// The repository's root folder (this file is `Benchmarks/Benchmarks/OrdersBenchmarks/…`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ relative: String) -> [UInt8] {
        let path = root.appendingPathComponent(relative).path
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("cannot read \(path)")  // benchmark setup, not an input path
        }
        return [UInt8](data)
    }

    static func load(network: String, catalog: String, inventory: String, zips: String) -> (ImportData, PromiseEngine) {
        do {
            let data = try ImportData.load(
                networkJSON: read(network), networkFile: network, catalogCSV: read(catalog), catalogFile: catalog,
                inventoryCSV: read(inventory), inventoryFile: inventory)
            let engine = try PromiseEngine(
                network: data.network, zips: try ZipTable(csv: read(zips), file: zips), catalog: data.catalog)
            return (data, engine)
        } catch {
            fatalError("cannot load the benchmark data: \(error)")
        }
    }

    static let packer: Packer = {
        do {
            return Packer(catalog: try PackingFormat.containers(from: read("Data/boxes.json"), file: "Data/boxes.json"))
        } catch {
            fatalError("Data/boxes.json: \(error)")
        }
    }()

    /// Worst case for contention: every order is A1 ×1 to Seattle 98109 on the tiny network of `scripts/fixtures`
    /// (1,000,000 units of A1 at SEA1 and SEA-NOW1), so every order locks and reserves the same stock rows.
    static let oneSKU: OrdersWorkload = {
        let (data, engine) = load(
            network: "scripts/fixtures/tiny.json", catalog: "scripts/fixtures/catalog.csv",
            inventory: "scripts/fixtures/inventory.csv", zips: "scripts/fixtures/zips.csv")
        return OrdersWorkload(
            name: "one SKU", data: data, engine: engine, packer: packer,
            at: ISO8601.parse("2026-12-01T08:00:00-08:00") ?? Instant(minutes: 0),
            orders: [(zip: "98109", lines: [OrderLine(sku: "A1", qty: 1)])])
    }()

    /// Orders spread over the bundled demo data (`Data/networks/us.json`, `Data/demo/catalog.csv`: 3,000 SKUs,
    /// `Data/demo/inventory.csv`: ~101,000 stock rows): 60,000 one-line orders, each of a SKU drawn uniformly from
    /// the catalog, ×1, to a ZIP drawn uniformly from the ZIPs of a station drawn uniformly (seed 1), kept when
    /// the promise over the starting stock is available (so no order is refused for lack of stock or reach).
    /// Orders in the 3,000-SKU workload: more than 16 clients place in a run (~2,600/s for 10 s plus warm-up on
    /// this machine), so no order repeats against stock an earlier one used up (20,000 ran out at 3,000/s).
    static let manyOrders = 60_000

    static let manySKUs: OrdersWorkload = {
        let (data, engine) = load(
            network: "Data/networks/us.json", catalog: "Data/demo/catalog.csv", inventory: "Data/demo/inventory.csv",
            zips: "Data/zips.csv")
        let at = ISO8601.parse("2026-12-01T10:00:00-08:00") ?? Instant(minutes: 0)
        var stockBySKU: [SKU: [StockEntry]] = [:]
        for entry in data.inventory.entries where entry.available > 0 {
            stockBySKU[entry.sku, default: []].append(entry)
        }
        let stations = data.network.nodes.filter { $0.kind == .deliveryStation && !$0.zips.isEmpty }
        let skus = data.catalog.items.map(\.sku)
        var generator = SeededGenerator(seed: 1)
        var orders: [(zip: ZIP, lines: [OrderLine])] = []
        var tries = 0
        while orders.count < Self.manyOrders && tries < 20 * Self.manyOrders {
            tries += 1
            guard let station = stations.randomElement(using: &generator),
                let zip = station.zips.randomElement(using: &generator),
                let sku = skus.randomElement(using: &generator)
            else { break }
            let lines = [OrderLine(sku: sku, qty: 1)]
            let promise = try? engine.promise(
                zip: zip, at: at, lines: lines, stock: StockSnapshot(stockBySKU[sku] ?? []))
            guard let promise, promise.available, let node = promise.shipments.first?.node else { continue }
            // Take the unit the store will reserve, so every order stays deliverable when placed in turn (a cold
            // SKU may reach a ZIP from one node only, whose few units earlier orders use up).
            if let k = stockBySKU[sku]?.firstIndex(where: { $0.node == node }) {
                stockBySKU[sku]![k].available -= 1
                if stockBySKU[sku]![k].available == 0 { stockBySKU[sku]!.remove(at: k) }
            }
            orders.append((zip, lines))
        }
        guard orders.count == Self.manyOrders else {
            fatalError("only \(orders.count) deliverable orders in \(tries) tries")
        }
        return OrdersWorkload(
            name: "\(skus.count) SKUs", data: data, engine: engine, packer: packer, at: at, orders: orders)
    }()
}
