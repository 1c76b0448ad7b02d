// Seeded property tests: thousands of random orders, every packing checked by the independent verifier.
// A failing case prints its seed; keep it below as a regression case.

import SameDayCore
import Testing

@Suite struct PackingPropertyTests {
    typealias F = PackingFixtures

    /// A random order of 1–8 lines whose units fit the store catalog, with every flag and temperature.
    static func randomOrder(_ rng: inout SeededGenerator) -> [Item] {
        let lines = Int.random(in: 1...8, using: &rng)
        var items: [Item] = []
        for k in 0..<lines {
            let small = Int.random(in: 0..<4, using: &rng) > 0
            let top = small ? 150 : 290
            var item = Item(
                sku: SKU("S\(k)"), lengthMm: Int.random(in: 1...top, using: &rng),
                widthMm: Int.random(in: 1...top, using: &rng), heightMm: Int.random(in: 1...top, using: &rng),
                weightG: Int.random(in: 0...3000, using: &rng), qty: Int.random(in: 1...5, using: &rng))
            let flags = Int.random(in: 0..<100, using: &rng)
            item.upright = flags % 5 == 0
            item.fragile = flags % 7 == 0
            item.hazmat = flags % 23 == 0
            item.ownContainer = flags % 31 == 0
            let t = Int.random(in: 0..<10, using: &rng)
            item.temperature = t < 7 ? .ambient : t < 9 ? .chilled : .frozen
            items.append(item)
        }
        return items
    }

    @Test(arguments: 0..<4)
    func twoThousandRandomOrdersAllPackValidly(shard: Int) throws {
        var failures: [UInt64] = []
        for n in 0..<500 {
            let seed = UInt64(shard * 500 + n)
            var rng = SeededGenerator(seed: seed)
            let order = Self.randomOrder(&rng)
            let packing = try Packer(catalog: F.store).pack(order)
            let violations = PackingVerifier(catalog: F.store, items: order).violations(of: packing)
            if !violations.isEmpty {
                failures.append(seed)
                Issue.record("seed \(seed): \(violations.prefix(3).map(\.description))")
            }
            #expect(packing.containers.count >= LowerBounds.order(order, catalog: F.store), "seed \(seed)")
        }
        #expect(failures.isEmpty, "failing seeds: \(failures)")
    }

    @Test func randomCatalogsAndOrdersPackValidlyOrFailOnlyForAnItemThatFitsNowhere() throws {
        for seed in UInt64(10_000)..<UInt64(10_500) {
            var rng = SeededGenerator(seed: seed)
            var catalog: [Container] = []
            for k in 0..<Int.random(in: 1...6, using: &rng) {
                catalog.append(
                    Container(
                        id: ContainerID("R\(k)"), kind: [.box, .mailer, .insulated][Int.random(in: 0..<3, using: &rng)],
                        lengthMm: Int.random(in: 20...400, using: &rng), widthMm: Int.random(in: 20...400, using: &rng),
                        heightMm: Int.random(in: 5...400, using: &rng), maxLoadG: Int.random(in: 500...20_000, using: &rng),
                        emptyWeightG: Int.random(in: 0...500, using: &rng), costCents: Int.random(in: 0...500, using: &rng)))
            }
            let order = Self.randomOrder(&rng)
            do {
                let packing = try Packer(catalog: catalog).pack(order)
                let violations = PackingVerifier(catalog: catalog, items: order).violations(of: packing)
                #expect(violations.isEmpty, "seed \(seed): \(violations.prefix(3).map(\.description))")
            } catch {
                guard case .itemFitsNoContainer(let sku, _) = error,
                    let item = order.first(where: { $0.sku == sku })
                else {
                    Issue.record("seed \(seed): unexpected \(error)")
                    continue
                }
                // Check independently that no allowed container takes it.
                let dims = [item.lengthMm, item.widthMm, item.heightMm].sorted()
                let takes = catalog.contains { c in
                    guard item.weightG <= c.maxLoadG, item.temperature == .ambient || c.kind == .insulated else { return false }
                    if item.upright {
                        return item.heightMm <= c.heightMm
                            && ((item.lengthMm <= c.lengthMm && item.widthMm <= c.widthMm)
                                || (item.widthMm <= c.lengthMm && item.lengthMm <= c.widthMm))
                    }
                    let inner = [c.lengthMm, c.widthMm, c.heightMm].sorted()
                    return dims[0] <= inner[0] && dims[1] <= inner[1] && dims[2] <= inner[2]
                }
                #expect(!takes, "seed \(seed): \(sku) was refused but fits a container")
            }
        }
    }
}
