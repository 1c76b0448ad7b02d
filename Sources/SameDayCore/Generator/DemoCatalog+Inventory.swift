// Stocking the demo catalog across a network: wide for everyday essentials, thin for the long tail,
// cold items only where the cold chain is, a fixed small assortment at now-sites.

import Foundation

extension DemoCatalog {
    /// How many SKUs the now-sites' assortment holds (everyday, small, light).
    public static let nowAssortmentSize = 300

    /// Stock rows for `products` across `network`'s shipping nodes, sorted by node then SKU.
    ///
    /// Rules (docs/network.md): every SKU in every region (each region is self-sufficient), in stock (> 0) at
    /// its first center there: ambient everyday SKUs at 2 fulfillment centers, others at 1; chilled and frozen
    /// only at nodes that handle that temperature: everyday ones at every cold center of the region, others at
    /// 2 (every region has cold centers); same-day sites
    /// carry a quarter of the ambient everyday SKUs and half the cold everyday ones (a few others, never oversize); every now-site
    /// carries most of a fixed assortment of ``nowAssortmentSize`` everyday SKUs. Counts are log-uniform within
    /// ranges by kind and category; about 3% of rows are out of stock (0).
    public static func inventory(products: [DemoProduct], network: Network, seed: UInt64) -> [StockEntry] {
        var rng = SeededGenerator(seed: seed).stream("demo-inventory")
        let regionIDs = network.regions.map(\.id)
        let fcsByRegion: [[Node]] = regionIDs.map { id in
            network.nodes.filter { $0.kind == .fulfillmentCenter && $0.region == id }
        }
        let sameDay = network.nodes.filter { $0.kind == .sameDaySite }
        let now = network.nodes.filter { $0.kind == .nowSite }

        // The now-site assortment: a seeded pick of small everyday SKUs.
        var nowCandidates = products.indices.filter {
            products[$0].everyday && products[$0].category != .oversize && products[$0].item.weightG <= 8000
        }
        for i in stride(from: nowCandidates.count - 1, to: 0, by: -1) { nowCandidates.swapAt(i, rng.int(in: 0...i)) }
        let nowAssortment = Set(nowCandidates.prefix(nowAssortmentSize))

        func count(_ range: ClosedRange<Double>, inStock: Bool = false) -> Int {
            if !inStock, rng.unit() < 0.03 { return 0 }
            return Int(
                exp(log(range.lowerBound) + rng.unit() * (log(range.upperBound) - log(range.lowerBound))).rounded())
        }

        var rows: [StockEntry] = []
        for (p, product) in products.enumerated() {
            let temperature = product.item.temperature
            let sku = product.item.sku
            let fcRange: ClosedRange<Double>
            switch product.category {
            case .oversize: fcRange = 2...40
            case .electronics: fcRange = 5...200
            default: fcRange = product.everyday ? 40...1500 : 5...300
            }
            for fcs in fcsByRegion {
                let capable = fcs.filter { $0.temperatures.contains(temperature) }
                guard !capable.isEmpty else { continue }
                let cold = temperature != .ambient
                var pool = capable
                // Groceries that need the cold chain sit at every cold center of a region (everyday) or two.
                let wanted = min(pool.count, cold ? (product.everyday ? pool.count : 2) : (product.everyday ? 2 : 1))
                for k in 0..<wanted {
                    let j = rng.int(in: k...(pool.count - 1))
                    pool.swapAt(k, j)
                    // The first center of each region always has some: the region can deliver every SKU.
                    rows.append(StockEntry(node: pool[k].id, sku: sku, available: count(fcRange, inStock: k == 0)))
                }
            }
            if product.category != .oversize, product.item.weightG <= 20_000 {
                let share = temperature != .ambient ? (product.everyday ? 0.5 : 0.15) : (product.everyday ? 0.25 : 0.04)
                for site in sameDay where site.temperatures.contains(temperature) && rng.unit() < share {
                    rows.append(StockEntry(node: site.id, sku: sku, available: count(6...150)))
                }
            }
            if nowAssortment.contains(p) {
                for site in now where site.temperatures.contains(temperature) && rng.unit() < 0.9 {
                    rows.append(StockEntry(node: site.id, sku: sku, available: count(3...40)))
                }
            }
        }
        rows.sort { ($0.node, $0.sku) < ($1.node, $1.sku) }
        return rows
    }

    /// The inventory file (spec/promise.md): `node,sku,available`.
    public static func inventoryCSV(_ rows: [StockEntry]) -> [UInt8] {
        var out: [UInt8] = Array("node,sku,available\n".utf8)
        out.reserveCapacity(rows.count * 24)
        for row in rows {
            out.append(contentsOf: row.node.rawValue.utf8)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: row.sku.rawValue.utf8)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: String(row.available).utf8)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
