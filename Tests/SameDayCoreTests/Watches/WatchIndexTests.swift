// The watch index finds exactly the watches a price triggers, in serving order, and holds its bytes per watch.

import SameDayCore
import Testing

@Suite struct WatchIndexTests {
    static let t0 = Instant(minutes: 29_000_000)

    static func entry(_ target: Int, minute: Int = 0, _ number: UInt64) -> WatchIndex.Entry {
        WatchIndex.Entry(targetCents: target, createdAt: t0 + minute, number: number)
    }

    @Test func aPriceTriggersExactlyTheWatchesAtOrAboveIt() {
        var index = WatchIndex(prices: [1000, 500])
        for (target, number) in [(900, 1), (950, 2), (800, 3), (999, 4), (700, 5)] {
            index.insert(sku: 0, Self.entry(target, UInt64(number)))
        }
        #expect(index.triggered(sku: 0, atPrice: 1000).isEmpty)
        #expect(index.triggeredCount(sku: 0, atPrice: 1000) == 0)
        // ±1 around a target: 999 triggers at 999, not at 1000.
        #expect(index.triggered(sku: 0, atPrice: 999).map(\.number) == [4])
        #expect(index.triggered(sku: 0, atPrice: 900).map(\.number) == [1, 2, 4])
        #expect(index.triggered(sku: 0, atPrice: 901).map(\.number) == [2, 4])
        #expect(index.triggeredCount(sku: 0, atPrice: 1) == 5)
        #expect(index.triggered(sku: 1, atPrice: 1).isEmpty, "another SKU's watches are not touched")
    }

    @Test func triggeredWatchesComeInCreationOrderThenNumber() {
        var index = WatchIndex(prices: [100])
        index.insert(sku: 0, Self.entry(500, minute: 2, 7))
        index.insert(sku: 0, Self.entry(900, minute: 1, 9))
        index.insert(sku: 0, Self.entry(300, minute: 1, 8))
        index.insert(sku: 0, Self.entry(300, minute: 0, 10))
        #expect(index.triggered(sku: 0, atPrice: 100).map(\.number) == [10, 8, 9, 7])
    }

    @Test func insertIgnoresADuplicateAndRemoveTakesOnlyItsWatch() {
        var index = WatchIndex(prices: [100, 100])
        let first = index.insert(sku: 0, Self.entry(500, 1))
        let duplicate = index.insert(sku: 0, Self.entry(600, 1))
        let other = index.insert(sku: 1, Self.entry(500, 2))
        #expect(first)
        #expect(!duplicate, "the same number twice")
        #expect(other)
        #expect(index.count == 2)
        let wrongSKU = index.remove(sku: 0, number: 2)
        let removed = index.remove(sku: 0, number: 1)
        let again = index.remove(sku: 0, number: 1)
        #expect(!wrongSKU, "number 2 is on SKU 1")
        #expect(removed)
        #expect(!again)
        #expect(index.count == 1)
        #expect(index.triggered(sku: 0, atPrice: 1).isEmpty)
        #expect(index.contains(sku: 1, number: 2))
    }

    @Test func loadSortsAnySnapshotOrderAndSizesItsArrayExactly() {
        var index = WatchIndex(prices: [100])
        let empty = index.allocatedBytes
        let entries = (0..<37).map { Self.entry(100 + ($0 * 7919) % 500, minute: $0 % 3, UInt64($0)) }
        index.load(sku: 0, entries.shuffled())
        #expect(index.count == 37)
        let targets = index.watches(sku: 0).map(\.targetCents)
        #expect(targets == targets.sorted(by: >))
        #expect(index.triggered(sku: 0, atPrice: 100).count == 37)
        // The entries' array is sized to the snapshot (growth by doubling would give 64 entries): its header and
        // 37 entries, plus at most one entry of the allocator's rounding (which also sizes the prices' array, so
        // that part is measured on the empty index, not assumed).
        let bytes = index.allocatedBytes - empty
        #expect(bytes >= 32 + 37 * 16 && bytes <= 32 + 38 * 16, "exact capacity: \(bytes) bytes")
    }

    @Test func pricesAreKeptPerSKU() {
        var index = WatchIndex(prices: [1299, 249])
        index.setPrice(sku: 1, cents: 199)
        #expect(index.price(sku: 0) == 1299)
        #expect(index.price(sku: 1) == 199)
    }

    /// A random index against a plain list: the same watches, in the same order, for every price.
    @Test(arguments: [1, 2, 3] as [UInt64]) func matchesABruteForceListOnRandomWatches(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var index = WatchIndex(prices: Array(repeating: 0, count: 4))
        var plain: [(sku: Int, entry: WatchIndex.Entry)] = []
        for number in 0..<400 {
            let sku = Int.random(in: 0..<4, using: &generator)
            let entry = Self.entry(
                Int.random(in: 1...50, using: &generator), minute: Int.random(in: 0...5, using: &generator),
                UInt64(number))
            index.insert(sku: sku, entry)
            plain.append((sku, entry))
            if Int.random(in: 0..<4, using: &generator) == 0, let victim = plain.randomElement(using: &generator) {
                index.remove(sku: victim.sku, number: victim.entry.number)
                plain.removeAll { $0.entry.number == victim.entry.number }
            }
        }
        #expect(index.count == plain.count)
        for sku in 0..<4 {
            for price in 0...51 {
                let expected = plain.filter { $0.sku == sku && Int($0.entry.targetCents) >= price }.map(\.entry)
                    .sorted { $0.isServed(before: $1) }
                #expect(index.triggered(sku: sku, atPrice: price) == expected, "seed \(seed) sku \(sku) price \(price)")
            }
        }
    }
}
