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
        let sites = StockingSites(network: network)

        // The now-site assortment: a seeded pick of small everyday SKUs.
        var nowCandidates = products.indices.filter { isNowCandidate(products[$0]) }
        for i in stride(from: nowCandidates.count - 1, to: 0, by: -1) { nowCandidates.swapAt(i, rng.int(in: 0...i)) }
        let nowAssortment = Set(nowCandidates.prefix(nowAssortmentSize))

        var rows: [StockEntry] = []
        for (p, product) in products.enumerated() {
            stockWidely(product, at: sites, now: nowAssortment.contains(p), rng: &rng) { node, available in
                rows.append(StockEntry(node: node, sku: product.item.sku, available: available))
            }
        }
        rows.sort { ($0.node, $0.sku) < ($1.node, $1.sku) }
        return rows
    }

    /// Whether a product may be in a now-site's assortment: everyday, small and light.
    static func isNowCandidate(_ product: DemoProduct) -> Bool {
        product.everyday && product.category != .oversize && product.item.weightG <= 8000
    }

    /// The shipping nodes of a network by kind (and fulfillment centers by region), in network order.
    struct StockingSites: Sendable {
        var fcsByRegion: [[Node]]
        var sameDayByRegion: [[Node]]
        var sameDay: [Node]
        var now: [Node]

        init(network: Network) {
            let regionIDs = network.regions.map(\.id)
            fcsByRegion = regionIDs.map { id in
                network.nodes.filter { $0.kind == .fulfillmentCenter && $0.region == id }
            }
            sameDayByRegion = regionIDs.map { id in
                network.nodes.filter { $0.kind == .sameDaySite && $0.region == id }
            }
            sameDay = network.nodes.filter { $0.kind == .sameDaySite }
            now = network.nodes.filter { $0.kind == .nowSite }
        }
    }

    /// A stock count: 0 for about 3% of rows (unless `inStock`), else log-uniform in `range`.
    static func count(_ range: ClosedRange<Double>, inStock: Bool = false, rng: inout SeededGenerator) -> Int {
        if !inStock, rng.unit() < 0.03 { return 0 }
        return Int(exp(log(range.lowerBound) + rng.unit() * (log(range.upperBound) - log(range.lowerBound))).rounded())
    }

    /// The demo's stocking of one product (the rules above ``inventory(products:network:seed:)``): at
    /// fulfillment centers of every region, at some same-day sites, and at now-sites when `now`.
    static func stockWidely(
        _ product: DemoProduct, at sites: StockingSites, now: Bool, rng: inout SeededGenerator,
        _ emit: (NodeID, Int) -> Void
    ) {
        let temperature = product.item.temperature
        let fcRange = fulfillmentCenterRange(product)
        for fcs in sites.fcsByRegion {
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
                emit(pool[k].id, count(fcRange, inStock: k == 0, rng: &rng))
            }
        }
        if product.category != .oversize, product.item.weightG <= 20_000 {
            let share = temperature != .ambient ? (product.everyday ? 0.5 : 0.15) : (product.everyday ? 0.25 : 0.04)
            for site in sites.sameDay where site.temperatures.contains(temperature) && rng.unit() < share {
                emit(site.id, count(6...150, rng: &rng))
            }
        }
        if now {
            for site in sites.now where site.temperatures.contains(temperature) && rng.unit() < 0.9 {
                emit(site.id, count(3...40, rng: &rng))
            }
        }
    }

    /// The range of a fulfillment center's count: bulky and electronic items are stocked thinner.
    static func fulfillmentCenterRange(_ product: DemoProduct) -> ClosedRange<Double> {
        switch product.category {
        case .oversize: 2...40
        case .electronics: 5...200
        default: product.everyday ? 40...1500 : 5...300
        }
    }

    /// The inventory file (spec/promise.md): `node,sku,available`.
    public static func inventoryCSV(_ rows: [StockEntry]) -> [UInt8] {
        var out: [UInt8] = Array(inventoryCSVHeader.utf8)
        out.reserveCapacity(rows.count * 24)
        for row in rows { appendInventoryLine(node: row.node, sku: row.sku, available: row.available, to: &out) }
        return out
    }

    /// The inventory file's header.
    public static let inventoryCSVHeader = "node,sku,available\n"

    /// Appends one inventory line (with its line end) to `out`.
    public static func appendInventoryLine(node: NodeID, sku: SKU, available: Int, to out: inout [UInt8]) {
        out.append(contentsOf: node.rawValue.utf8)
        out.append(UInt8(ascii: ","))
        out.append(contentsOf: sku.rawValue.utf8)
        out.append(UInt8(ascii: ","))
        out.append(contentsOf: String(available).utf8)
        out.append(UInt8(ascii: "\n"))
    }
}
