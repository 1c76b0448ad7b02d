// The catalog's SKU id order, which the addable list pages by: byte order, found without sorting when the catalog
// is already in it.

import SameDayCore
import Testing

@testable import SameDayServer

@Suite struct SKUOrderTests {
    static func items(_ skus: [String]) -> [CatalogItem] {
        skus.map {
            CatalogItem(
                sku: SKU($0), name: $0, lengthMm: 1, widthMm: 1, heightMm: 1, weightG: 1, priceCents: 1,
                temperature: .ambient)
        }
    }

    @Test func aCatalogInIdOrderKeepsItsOrder() {
        #expect(ServerWorld.idOrder(Self.items(["A1", "A10", "A9", "B", "a"])) == [0, 1, 2, 3, 4])
        #expect(ServerWorld.idOrder([]) == [])
        #expect(ServerWorld.idOrder(Self.items(["only"])) == [0])
    }

    @Test func anyOtherCatalogIsSortedByBytes() {
        // Byte order: uppercase before lowercase, "A10" before "A9".
        let skus = ["b", "A9", "B", "A10", "a"]
        let order = ServerWorld.idOrder(Self.items(skus))
        #expect(order.map { skus[Int($0)] } == ["A10", "A9", "B", "a", "b"])
        // One pair out of order at the end is enough to sort.
        #expect(ServerWorld.idOrder(Self.items(["A", "B", "D", "C"])) == [0, 1, 3, 2])
    }
}
