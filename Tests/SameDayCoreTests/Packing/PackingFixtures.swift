// Shared helpers for the packing tests: catalogs, and a pack-then-verify call every packer test uses.

import SameDayCore
import Testing

enum PackingFixtures {
    static func cube(_ id: String, _ side: Int, maxLoadG: Int = 100_000, kind: ContainerKind = .box, cost: Int = 0)
        -> Container
    {
        Container(id: ContainerID(id), kind: kind, lengthMm: side, widthMm: side, heightMm: side, maxLoadG: maxLoadG,
                  emptyWeightG: 100, costCents: cost)
    }

    static func box(_ id: String, _ l: Int, _ w: Int, _ h: Int, maxLoadG: Int = 100_000, kind: ContainerKind = .box,
                    cost: Int = 0) -> Container
    {
        Container(id: ContainerID(id), kind: kind, lengthMm: l, widthMm: w, heightMm: h, maxLoadG: maxLoadG,
                  emptyWeightG: 50, costCents: cost)
    }

    static func item(_ sku: String, _ l: Int, _ w: Int, _ h: Int, weightG: Int = 100, qty: Int = 1) -> Item {
        Item(sku: SKU(sku), lengthMm: l, widthMm: w, heightMm: h, weightG: weightG, qty: qty)
    }

    /// A catalog like a store's: mailers, boxes and insulated shippers.
    static let store: [Container] = [
        box("M1", 250, 200, 40, maxLoadG: 2000, kind: .mailer, cost: 15),
        box("M2", 350, 250, 50, maxLoadG: 3000, kind: .mailer, cost: 20),
        box("B1", 150, 100, 80, maxLoadG: 5000, cost: 22),
        box("B2", 200, 150, 100, maxLoadG: 8000, cost: 28),
        box("B3", 300, 200, 200, maxLoadG: 15000, cost: 47),
        box("B4", 400, 300, 300, maxLoadG: 23000, cost: 82),
        box("B5", 600, 400, 400, maxLoadG: 30000, cost: 150),
        box("I1", 250, 200, 150, maxLoadG: 8000, kind: .insulated, cost: 350),
        box("I2", 450, 350, 300, maxLoadG: 20000, kind: .insulated, cost: 780),
    ]

    /// Packs and checks the result with the independent verifier; records every violation as a failure.
    @discardableResult
    static func packVerified(
        _ items: [Item], catalog: [Container], packer: Packer? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Packing {
        let packing = try (packer ?? Packer(catalog: catalog)).pack(items)
        let violations = PackingVerifier(catalog: catalog, items: items).violations(of: packing)
        #expect(violations.isEmpty, "\(violations.map(\.description))", sourceLocation: sourceLocation)
        return packing
    }
}
