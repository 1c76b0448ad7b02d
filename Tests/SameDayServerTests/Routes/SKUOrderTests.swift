// The catalog's SKU id order, which the addable list pages by: byte order, found without sorting when the catalog
// is already in it.

import SameDayCore
import Testing

@testable import SameDayServer

@Suite struct SKUOrderTests {
    static func items(_ skus: [String]) -> Catalog {
        Catalog(
            items: skus.map {
                CatalogItem(
                    sku: SKU($0), name: $0, lengthMm: 1, widthMm: 1, heightMm: 1, weightG: 1, priceCents: 1,
                    temperature: .ambient)
            })
    }

    @Test func aCatalogInIdOrderKeepsItsOrder() {
        #expect(ServerWorld.idOrder(Self.items(["A1", "A10", "A9", "B", "a"])) == [0, 1, 2, 3, 4])
        #expect(ServerWorld.idOrder(Catalog(items: [])) == [])
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

    /// Ids longer than the 16 bytes sorted as integers, ids that are prefixes of others, and non-ASCII bytes: the
    /// same order as comparing the whole ids' bytes, over random ids.
    @Test func theOrderIsByteOrderOverRandomIds() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("AB-0z\u{e9}")
        for _ in 0..<50 {
            let skus = (0..<200).map { _ in
                let length = Int.random(in: 1...24, using: &generator)
                // Long shared prefixes, so ties on the first 16 bytes happen.
                let prefix = Bool.random(using: &generator) ? "SAME-PREFIX-0123" : ""
                return prefix + String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            }
            let unique = Array(Set(skus))
            let order = ServerWorld.idOrder(Self.items(unique)).map { unique[Int($0)] }
            #expect(order == unique.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }
}
