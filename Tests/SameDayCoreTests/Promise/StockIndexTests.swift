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
}
