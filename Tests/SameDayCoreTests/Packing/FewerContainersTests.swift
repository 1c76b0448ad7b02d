// Packing into fewer containers (Packer+FewerContainers, MaximalSpacePacker): orders the greedy search spreads
// over one container too many, packed validly into fewer with the bundled catalog.

import Foundation
import SameDayCore
import Testing

@Suite struct FewerContainersTests {
    typealias F = PackingFixtures

    /// The catalog under Data/, read as the CLI reads it.
    static func bundled() throws -> [Container] {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let bytes = try #require(FileManager.default.contents(atPath: root + "/Data/boxes.json"))
        return try PackingFormat.containers(from: [UInt8](bytes), file: "boxes.json")
    }

    @Test func aHundredUnitOrderTheGreedySearchPutInThreeBoxesGoesInTwo() throws {
        // Seeded order s1-100-87 of docs/performance.md: 3 containers before empty maximal spaces, 2 now.
        let order = SampleOrders.orders(count: 88, units: 100, seed: 1)[87]
        let packing = try F.packVerified(order, catalog: try Self.bundled())
        #expect(packing.containers.count == 2)
        #expect(packing.lowerBound == 2)
        #expect(packing.unitCount == 100)
    }

    @Test(arguments: 0..<4)
    func hundredUnitOrdersPackValidlyWithTheBundledCatalog(shard: Int) throws {
        let catalog = try Self.bundled()
        let orders = SampleOrders.orders(count: 40, units: 100, seed: 2026)
        for k in stride(from: shard, to: orders.count, by: 4) {
            let packing = try F.packVerified(orders[k], catalog: catalog)
            #expect(packing.unitCount == 100, "order \(k)")
            #expect(packing.containers.count >= LowerBounds.order(orders[k], catalog: catalog), "order \(k)")
        }
    }

    @Test func fragileAndUprightUnitsKeepTheirRulesInFewerContainers() throws {
        // Glassware and upright bottles among books, more than one large box by volume: every rule is checked by
        // the verifier in packVerified.
        var glass = F.item("GLASS", 200, 200, 120, weightG: 900, qty: 6)
        glass.fragile = true
        var wine = F.item("WINE", 80, 80, 300, weightG: 1300, qty: 6)
        wine.upright = true
        wine.fragile = true
        let books = F.item("BOOK", 240, 160, 35, weightG: 800, qty: 40)
        let shoes = F.item("SHOES", 330, 210, 120, weightG: 1200, qty: 12)
        let packing = try F.packVerified([glass, wine, books, shoes], catalog: try Self.bundled())
        #expect(packing.containers.count >= packing.lowerBound)
    }
}
