// The demo catalog made to any size and streamed (`sameday catalog generate`): the same templates, brands, sizes,
// prices and stocking rules as the bundled demo, one product at a time in constant memory, for catalogs of ten
// million SKUs.

extension DemoCatalog {
    /// Products one at a time: the shuffled template × size × brand combinations first (variety 0, the head of the
    /// catalog), then the same combinations again as numbered varieties (the long tail). SKUs are numbered per
    /// category in that order, zero-padded to 5 digits or to the digits of `count` if it has more
    /// (`HH-00042`, `HH-00000042`). Memory is constant: the combination table and one product.
    ///
    /// Unlike ``products(count:seed:)`` (the bundled demo, sorted by category and name), nothing is sorted, so
    /// the same seed and count give the same products in the same order without holding them.
    public struct ProductStream: Sendable, IteratorProtocol, Sequence {
        /// How many products the stream yields in all.
        public let count: Int
        private var rng: SeededGenerator
        private let order: [Int]
        private var produced = 0
        private var numbers: [Int]
        private let digits: Int

        /// A stream of `count` products drawn from `seed`.
        public init(count: Int, seed: UInt64) {
            self.count = Swift.max(0, count)
            var rng = SeededGenerator(seed: seed).stream("catalog-stream")
            order = DemoCatalog.shuffledBase(&rng)
            self.rng = rng
            numbers = Array(repeating: 0, count: DemoCategory.allCases.count)
            digits = Swift.max(5, String(self.count).count)
        }

        /// The next product, or nil after `count` of them.
        public mutating func next() -> DemoProduct? {
            guard produced < count else { return nil }
            let base = order.count
            var combo = DemoCatalog.baseCombos[order[produced % base]]
            combo.variety = produced / base
            produced += 1
            let template = DemoCatalog.templates[combo.template]
            var (_, item) = DemoCatalog.draft(combo, rng: &rng)
            let category = template.category
            let c = DemoCategory.allCases.firstIndex(of: category) ?? 0
            numbers[c] += 1
            item.sku = DemoCatalog.sku(category, number: numbers[c], digits: digits)
            return DemoProduct(
                item: item, category: category, everyday: template.everyday && combo.variety == 0,
                variety: combo.variety)
        }
    }

    /// Stock rows for streamed products, one product at a time.
    ///
    /// The head of the catalog (variety 0: a few thousand products) is stocked as the bundled demo is
    /// (``inventory(products:network:seed:)``): in every region, at same-day sites, and — every small, light,
    /// everyday one — at now-sites, so now-sites carry a few thousand everyday items. The long tail sits where a
    /// real network keeps slow movers: at one fulfillment center in each of 2 or 3 regions (2.5 on average; the
    /// first always in stock), and for about half of the small items at one same-day site of the first of those
    /// regions. Over a large catalog that is about 3 stock rows per SKU, most of them at fulfillment centers.
    public struct StockStream: Sendable {
        private var rng: SeededGenerator
        private let sites: StockingSites

        /// Stocking across `network`'s shipping nodes, drawn from `seed`.
        public init(network: Network, seed: UInt64) {
            rng = SeededGenerator(seed: seed).stream("stock-stream")
            sites = StockingSites(network: network)
        }

        /// Calls `emit` with each (node, units available) row of `product`, in the order they are drawn.
        public mutating func stock(_ product: DemoProduct, _ emit: (NodeID, Int) -> Void) {
            if product.variety == 0 {
                DemoCatalog.stockWidely(
                    product, at: sites, now: DemoCatalog.isNowCandidate(product), rng: &rng, emit)
            } else {
                stockTail(product, emit)
            }
        }

        private mutating func stockTail(_ product: DemoProduct, _ emit: (NodeID, Int) -> Void) {
            let temperature = product.item.temperature
            var regions = sites.fcsByRegion.indices.filter { r in
                sites.fcsByRegion[r].contains { $0.temperatures.contains(temperature) }
            }
            guard !regions.isEmpty else { return }
            let wanted = min(regions.count, rng.unit() < 0.5 ? 2 : 3)
            let range = DemoCatalog.fulfillmentCenterRange(product)
            for k in 0..<wanted {
                regions.swapAt(k, rng.int(in: k...(regions.count - 1)))
                let capable = sites.fcsByRegion[regions[k]].filter { $0.temperatures.contains(temperature) }
                let fc = capable[rng.int(in: 0...(capable.count - 1))]
                emit(fc.id, DemoCatalog.count(range, inStock: k == 0, rng: &rng))
            }
            guard product.category != .oversize, product.item.weightG <= 20_000 else { return }
            let share = product.category == .electronics ? 0.3 : 0.5
            guard rng.unit() < share else { return }
            let local = sites.sameDayByRegion[regions[0]].filter { $0.temperatures.contains(temperature) }
            guard !local.isEmpty else { return }
            let site = local[rng.int(in: 0...(local.count - 1))]
            emit(site.id, DemoCatalog.count(6...150, rng: &rng))
        }
    }
}
