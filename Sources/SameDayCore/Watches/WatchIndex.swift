// The server's active price watches, per SKU, ordered by target price: a price change finds exactly the watches it
// triggers, and a change that triggers none costs one comparison whatever the number of watches.
//
// Each SKU (by its dense catalog index) has an array of 16-byte entries sorted by target price, highest first.
// A price p triggers the prefix with target ≥ p, so "does this change trigger anything?" is a look at the first
// entry, and collecting the triggered ones touches only them. Entries carry what serving them in (createdAt, id)
// order needs — the creation minute and the watch's number (its id is `w_` and that number) — and nothing else:
// the database holds the rest, and the buy re-reads it under lock.
//
// Bytes per watch: 16 for the entry, plus its array's share of a 32-byte header and of spare capacity (arrays
// built from a snapshot are exactly sized; growth adds at most the entry's size again), plus 8 bytes per SKU for
// the outer array and 4 for the SKU's price: 20.4 bytes per watch with 1,000,000 watches on 100,000 SKUs
// (docs/performance.md, "Watches").

/// Active watches per SKU, ordered by target price, and the price each SKU is at.
///
/// A value type: the worker that owns it changes it in place; it does no I/O and reads no clock.
public struct WatchIndex: Sendable {
    /// One active watch: 16 bytes.
    public struct Entry: Sendable, Hashable {
        /// The watch's target, in cents (≤ `Limits.priceCentsRange.upperBound`).
        public var targetCents: UInt32
        /// When it was created, in minutes since the epoch (an `Instant`'s minutes; fits until the year 10136).
        public var createdMinute: UInt32
        /// The watch's number: its id is `w_` and this number, so (createdMinute, number) is (createdAt, id) order.
        public var number: UInt64

        public init(targetCents: Int, createdAt: Instant, number: UInt64) {
            self.targetCents = UInt32(clamping: targetCents)
            self.createdMinute = UInt32(clamping: createdAt.minutes)
            self.number = number
        }

        public var createdAt: Instant { Instant(minutes: Int(createdMinute)) }

        /// Whether `self` is served before `other`: earlier creation, then lower number.
        @inlinable public func isServed(before other: Entry) -> Bool {
            createdMinute != other.createdMinute ? createdMinute < other.createdMinute : number < other.number
        }

        /// The index order: higher target first, then serving order.
        @inlinable func precedes(_ other: Entry) -> Bool {
            targetCents != other.targetCents ? targetCents > other.targetCents : isServed(before: other)
        }
    }

    /// Entries per SKU index, each sorted by `Entry.precedes`.
    private var bySKU: [[Entry]]
    /// The price each SKU is at, in cents.
    private var prices: [UInt32]
    /// Active watches held.
    public private(set) var count = 0

    /// An empty index over `prices.count` SKUs at these prices (cents, by catalog index).
    public init(prices: [Int]) {
        self.bySKU = Array(repeating: [], count: prices.count)
        self.prices = prices.map { UInt32(clamping: $0) }
    }

    /// SKUs covered (catalog indexes `0..<skuCount`).
    public var skuCount: Int { prices.count }

    /// The price SKU `sku` is at. - Complexity: O(1).
    public func price(sku: Int) -> Int { Int(prices[sku]) }

    /// Records that SKU `sku` is now at `cents`. - Complexity: O(1).
    public mutating func setPrice(sku: Int, cents: Int) { prices[sku] = UInt32(clamping: cents) }

    /// The SKU's active watches, highest target first.
    public func watches(sku: Int) -> ArraySlice<Entry> { bySKU[sku][...] }

    /// Adds an active watch on SKU `sku`; false (and nothing changes) when its number is already there.
    /// - Complexity: O(k) for k watches on the SKU (a binary search, then the move of the entries after it).
    @discardableResult
    public mutating func insert(sku: Int, _ entry: Entry) -> Bool {
        if contains(sku: sku, number: entry.number) { return false }
        let position = insertionPoint(sku: sku, entry)
        bySKU[sku].insert(entry, at: position)
        count += 1
        return true
    }

    /// Removes watch `number` from SKU `sku`; false when it is not there. - Complexity: O(k).
    @discardableResult
    public mutating func remove(sku: Int, number: UInt64) -> Bool {
        guard let position = bySKU[sku].firstIndex(where: { $0.number == number }) else { return false }
        bySKU[sku].remove(at: position)
        count -= 1
        return true
    }

    /// Whether watch `number` is held for SKU `sku`. - Complexity: O(k).
    public func contains(sku: Int, number: UInt64) -> Bool {
        bySKU[sku].contains { $0.number == number }
    }

    /// How many watches on SKU `sku` a price of `cents` triggers (target ≥ cents), without allocating.
    /// - Complexity: O(1) when none is triggered (the first entry has the highest target), O(log k) otherwise.
    public func triggeredCount(sku: Int, atPrice cents: Int) -> Int {
        let entries = bySKU[sku]
        guard let first = entries.first, Int(first.targetCents) >= cents else { return 0 }
        var (low, high) = (0, entries.count)
        while low < high {
            let mid = (low + high) / 2
            if Int(entries[mid].targetCents) >= cents { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The watches on SKU `sku` a price of `cents` triggers (target ≥ cents), in serving order: (createdAt, id).
    /// - Complexity: O(1) and no allocation when none is triggered; O(t log t) for t triggered otherwise.
    public func triggered(sku: Int, atPrice cents: Int) -> [Entry] {
        let n = triggeredCount(sku: sku, atPrice: cents)
        guard n > 0 else { return [] }
        return bySKU[sku][0..<n].sorted { $0.isServed(before: $1) }
    }

    /// Replaces SKU `sku`'s watches with `entries` (any order), in an exactly sized array: how a snapshot is
    /// loaded. - Complexity: O(k log k).
    public mutating func load(sku: Int, _ entries: [Entry]) {
        count -= bySKU[sku].count
        var sorted = entries.sorted { $0.precedes($1) }
        sorted.reserveCapacity(entries.count)
        bySKU[sku] = sorted
        count += sorted.count
    }

    /// Heap bytes the index holds, as allocated: entries by capacity, 32 bytes of header per non-empty array, the
    /// outer array's references and the prices. (The allocator's rounding comes on top: scripts/watch-bench.py
    /// compares the server's resident memory with 1,000,000 watches and with 10.)
    public var allocatedBytes: Int {
        var bytes = bySKU.capacity * MemoryLayout<[Entry]>.stride + prices.capacity * MemoryLayout<UInt32>.stride
        for entries in bySKU where entries.capacity > 0 {
            bytes += 32 + entries.capacity * MemoryLayout<Entry>.stride
        }
        return bytes
    }

    private func insertionPoint(sku: Int, _ entry: Entry) -> Int {
        let entries = bySKU[sku]
        var (low, high) = (0, entries.count)
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].precedes(entry) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
