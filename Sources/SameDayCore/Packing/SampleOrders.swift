// Realistic e-commerce orders from a seeded generator, for benchmarks, property tests and comparisons with
// other packers. The same seed gives the same orders on every machine.

/// Orders drawn from a catalog that resembles a general online store: books, flat apparel, accessories,
/// shoeboxes, small electronics, bottles that stand upright, fragile glassware and a few bulky items.
public enum SampleOrders {
    /// One kind of product: its typical size (mm), weight (g), flags and how common it is.
    struct Archetype {
        var name: String
        var lengthMm: Int
        var widthMm: Int
        var heightMm: Int
        var weightG: Int
        var upright = false
        var fragile = false
        var share: Int
    }

    static let archetypes: [Archetype] = [
        Archetype(name: "paperback", lengthMm: 178, widthMm: 108, heightMm: 25, weightG: 280, share: 12),
        Archetype(name: "hardcover", lengthMm: 240, widthMm: 160, heightMm: 35, weightG: 800, share: 6),
        Archetype(name: "tshirt", lengthMm: 300, widthMm: 220, heightMm: 30, weightG: 250, share: 10),
        Archetype(name: "phonecase", lengthMm: 180, widthMm: 100, heightMm: 20, weightG: 90, share: 8),
        Archetype(name: "cable", lengthMm: 150, widthMm: 90, heightMm: 40, weightG: 120, share: 7),
        Archetype(name: "shoebox", lengthMm: 330, widthMm: 210, heightMm: 120, weightG: 1200, share: 6),
        Archetype(name: "headphones", lengthMm: 200, widthMm: 180, heightMm: 80, weightG: 450, share: 5),
        Archetype(name: "tablet", lengthMm: 260, widthMm: 190, heightMm: 50, weightG: 700, share: 3),
        Archetype(name: "shampoo", lengthMm: 70, widthMm: 60, heightMm: 220, weightG: 450, upright: true, share: 6),
        Archetype(
            name: "wine", lengthMm: 80, widthMm: 80, heightMm: 300, weightG: 1300, upright: true, fragile: true,
            share: 2),
        Archetype(name: "mug", lengthMm: 120, widthMm: 120, heightMm: 110, weightG: 380, fragile: true, share: 4),
        Archetype(name: "glasses", lengthMm: 200, widthMm: 200, heightMm: 120, weightG: 900, fragile: true, share: 2),
        Archetype(name: "cosmetics", lengthMm: 50, widthMm: 40, heightMm: 120, weightG: 110, upright: true, share: 6),
        Archetype(name: "vitamins", lengthMm: 65, widthMm: 65, heightMm: 110, weightG: 200, share: 6),
        Archetype(name: "toy", lengthMm: 300, widthMm: 250, heightMm: 80, weightG: 700, share: 4),
        Archetype(name: "kitchen", lengthMm: 250, widthMm: 150, heightMm: 100, weightG: 600, share: 5),
        Archetype(name: "kettle", lengthMm: 250, widthMm: 200, heightMm: 260, weightG: 1500, upright: true, share: 2),
        Archetype(name: "lamp", lengthMm: 500, widthMm: 200, heightMm: 150, weightG: 1800, share: 1),
    ]

    /// A catalog of `count` SKUs drawn from the archetypes with sizes varied by up to ±15%.
    public static func catalog(count: Int, seed: UInt64) -> [Item] {
        var rng = SeededGenerator(seed: seed)
        let totalShare = archetypes.reduce(0) { $0 + $1.share }
        var items: [Item] = []
        for index in 0..<count {
            var pick = Int.random(in: 0..<totalShare, using: &rng)
            var archetype = archetypes[0]
            for a in archetypes {
                if pick < a.share {
                    archetype = a
                    break
                }
                pick -= a.share
            }
            func vary(_ v: Int) -> Int { max(1, v * Int.random(in: 85...115, using: &rng) / 100) }
            items.append(
                Item(
                    sku: SKU("\(archetype.name)-\(index)"), lengthMm: vary(archetype.lengthMm),
                    widthMm: vary(archetype.widthMm), heightMm: vary(archetype.heightMm),
                    weightG: vary(archetype.weightG), upright: archetype.upright, fragile: archetype.fragile))
        }
        return items
    }

    /// `count` orders of exactly `units` units each, drawn from a 500-SKU catalog; most lines have
    /// quantity 1, some 2 or 3.
    public static func orders(count: Int, units: Int, seed: UInt64) -> [[Item]] {
        let skus = catalog(count: 500, seed: seed)
        var rng = SeededGenerator(seed: seed ^ 0x5EED_0F0D_E125)
        var orders: [[Item]] = []
        for _ in 0..<count {
            var lines: [Item] = []
            var remaining = units
            while remaining > 0 {
                var item = skus[Int.random(in: 0..<skus.count, using: &rng)]
                let roll = Int.random(in: 0..<10, using: &rng)
                item.qty = min(remaining, roll < 7 ? 1 : roll < 9 ? 2 : 3)
                if let k = lines.firstIndex(where: { $0.sku == item.sku }) {
                    lines[k].qty += item.qty
                } else {
                    lines.append(item)
                }
                remaining -= item.qty
            }
            orders.append(lines)
        }
        return orders
    }

    /// An order as spec/pack.md's items JSON array, on one line.
    public static func json(_ items: [Item]) -> String {
        "["
            + items.map { i in
                "{\"sku\":\(JSONText.quoted(i.sku.rawValue)),\"lengthMm\":\(i.lengthMm),\"widthMm\":\(i.widthMm),"
                    + "\"heightMm\":\(i.heightMm),\"weightG\":\(i.weightG),\"qty\":\(i.qty),\"upright\":\(i.upright),"
                    + "\"fragile\":\(i.fragile),\"ownContainer\":\(i.ownContainer),"
                    + "\"temperature\":\"\(i.temperature.rawValue)\",\"hazmat\":\(i.hazmat)"
                    + (i.fixedOrientation ? ",\"fixedOrientation\":true}" : "}")
            }.joined(separator: ",") + "]"
    }
}
