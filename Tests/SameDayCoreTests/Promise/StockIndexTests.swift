// The promise stock index: rows per SKU, in-place updates, and its size.

import SameDayCore
import Testing

@Suite struct StockIndexTests {
    @Test func rowsHoldEachSKUsNodesInNodeOrder() {
        let index = StockIndex(skuCount: 3, entries: [(2, 7, 1), (0, 5, 10), (0, 1, 4), (2, 3, 0)])
        #expect(index.skuCount == 3)
        #expect(index.entryCount == 4)
        #expect(index.row(0).map { index.node(at: $0) } == [1, 5])
        #expect(index.row(1).isEmpty)
        #expect(index.row(2).map { index.node(at: $0) } == [3, 7])
        #expect(index.available(sku: 0, node: 5) == 10)
        #expect(index.available(sku: 2, node: 3) == 0)
        #expect(index.available(sku: 1, node: 5) == 0)
        #expect(index.row(-1).isEmpty && index.row(3).isEmpty)
    }

    @Test func repeatedPairsAddUp() {
        let index = StockIndex(skuCount: 2, entries: [(1, 4, 3), (1, 4, 3), (1, 2, 1), (0, 4, 2)])
        #expect(index.entryCount == 3)
        #expect(index.available(sku: 1, node: 4) == 6)
        #expect(index.available(sku: 1, node: 2) == 1)
        #expect(index.available(sku: 0, node: 4) == 2)
    }

    @Test func updatesInPlaceAndAddsNewPairs() {
        var index = StockIndex(skuCount: 3, entries: [(0, 1, 4), (2, 3, 1)])
        index.setAvailable(sku: 0, node: 1, 9)
        #expect(index.available(sku: 0, node: 1) == 9)
        #expect(index.entryCount == 2)
        index.setAvailable(sku: 1, node: 8, 5)
        index.setAvailable(sku: 0, node: 0, 2)
        #expect(index.entryCount == 4)
        #expect(index.row(0).map { index.node(at: $0) } == [0, 1])
        #expect(index.available(sku: 1, node: 8) == 5)
        #expect(index.available(sku: 2, node: 3) == 1)
    }

    @Test func costsAtMostSixteenBytesPerStockedPair() {
        // 1,000 SKUs at 3 nodes each: 6 bytes a pair plus a 4-byte offset a SKU.
        let entries = (0..<3000).map { (sku: $0 / 3, node: $0 % 3, available: 1) }
        let index = StockIndex(skuCount: 1000, entries: entries)
        #expect(index.byteCount == 1001 * 4 + 3000 * 6)
        #expect(index.byteCount <= 16 * index.entryCount)
    }

    /// The column form a loader builds (10 bytes an entry) equals a brute-force sum per (SKU, node) on random
    /// entries in random order, with repeated pairs, unsorted rows and SKUs out of range.
    @Test func columnsInAnyOrderGiveTheSameIndexAsABruteForceSum() {
        var random = SeededGenerator(seed: 42)
        for round in 0..<50 {
            let skuCount = 1 + round * 3
            var skus: [Int32] = []
            var nodes: [UInt16] = []
            var available: [Int32] = []
            var expected: [Int: [Int: Int]] = [:]
            for _ in 0..<(round * 7) {
                let s = Int32(Int.random(in: -1...skuCount, using: &random))
                let n = UInt16(Int.random(in: 0..<6, using: &random))
                let a = Int32(Int.random(in: 0...50, using: &random))
                skus.append(s)
                nodes.append(n)
                available.append(a)
                if s >= 0, Int(s) < skuCount { expected[Int(s), default: [:]][Int(n), default: 0] += Int(a) }
            }
            let index = StockIndex(skuCount: skuCount, skus: skus, nodes: nodes, available: available)
            #expect(index.skuCount == skuCount)
            #expect(index.entryCount == expected.values.map(\.count).reduce(0, +))
            for s in 0..<skuCount {
                let row = index.row(s).map { (index.node(at: $0), index.available(at: $0)) }
                let want = (expected[s] ?? [:]).sorted { $0.key < $1.key }
                #expect(row.map(\.0) == want.map(\.key), "round \(round) SKU \(s): nodes ascending, once each")
                #expect(row.map(\.1) == want.map(\.value), "round \(round) SKU \(s): units add up")
            }
        }
    }
}
