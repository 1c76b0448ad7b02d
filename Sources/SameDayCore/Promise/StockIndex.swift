// Stock for promises: for each SKU, the shipping nodes that hold it and how many units are available.

/// A read-mostly index `SKU → [(node, available)]` in compressed sparse rows.
///
/// SKUs are the catalog's dense indexes, nodes the engine's dense indexes. Memory: 6 bytes per stocked
/// (SKU, node) — a 2-byte node and a 4-byte count — plus 4 bytes per SKU for the row offsets
/// (about 7.3 bytes per pair at 3 nodes per SKU).
public struct StockIndex: Sendable {
    @usableFromInline var offsets: [Int32]
    @usableFromInline var nodes: [UInt16]
    @usableFromInline var available: [Int32]

    /// An index for `skuCount` SKUs from `(sku index, node index, available)` triples; entries with 0 units
    /// are kept (a later receipt updates them in place). Duplicates add up.
    public init(skuCount: Int, entries: [(sku: Int, node: Int, available: Int)]) {
        self.init(
            skuCount: skuCount, skus: entries.map { Int32(clamping: $0.sku) }, nodes: entries.map { UInt16($0.node) },
            available: entries.map { Int32(clamping: $0.available) })
    }

    /// An index from parallel columns (entry `i` is `skus[i]` at `nodes[i]` with `available[i]` units), in any
    /// order: what a loader that reads millions of rows builds, at 10 bytes per entry. Entries with 0 units are
    /// kept; repeated (SKU, node) pairs add up; SKUs outside `0..<skuCount` are skipped.
    public init(skuCount: Int, skus: [Int32], nodes entryNodes: [UInt16], available entryAvailable: [Int32]) {
        precondition(skus.count == entryNodes.count && skus.count == entryAvailable.count, "columns differ in length")
        var counts = [Int32](repeating: 0, count: skuCount + 1)
        for s in skus where s >= 0 && Int(s) < skuCount { counts[Int(s) + 1] += 1 }
        for i in 0..<skuCount { counts[i + 1] += counts[i] }
        var nodes = [UInt16](repeating: 0, count: Int(counts[skuCount]))
        var available = [Int32](repeating: 0, count: Int(counts[skuCount]))
        do {
            var cursor = counts
            for (i, s) in skus.enumerated() where s >= 0 && Int(s) < skuCount {
                let slot = Int(cursor[Int(s)])
                nodes[slot] = entryNodes[i]
                available[slot] = entryAvailable[i]
                cursor[Int(s)] += 1
            }
        }
        // Sort each row by node (insertion sort: rows are a few entries), so lookups and updates are deterministic,
        // and note whether any (SKU, node) pair repeats.
        var merged = false
        for s in 0..<skuCount {
            let lo = Int(counts[s])
            let hi = Int(counts[s + 1])
            guard hi - lo > 1 else { continue }
            for k in (lo + 1)..<hi {
                let (n, a) = (nodes[k], available[k])
                var j = k
                while j > lo, nodes[j - 1] > n {
                    nodes[j] = nodes[j - 1]
                    available[j] = available[j - 1]
                    j -= 1
                }
                nodes[j] = n
                available[j] = a
            }
            for k in (lo + 1)..<hi where nodes[k] == nodes[k - 1] { merged = true }
        }
        if merged {
            var newOffsets = [Int32](repeating: 0, count: skuCount + 1)
            var newNodes: [UInt16] = []
            var newAvailable: [Int32] = []
            newNodes.reserveCapacity(nodes.count)
            newAvailable.reserveCapacity(nodes.count)
            for s in 0..<skuCount {
                for slot in Int(counts[s])..<Int(counts[s + 1]) {
                    if Int(newOffsets[s]) < newNodes.count, newNodes.last == nodes[slot] {
                        let (sum, overflow) = newAvailable[newAvailable.count - 1].addingReportingOverflow(
                            available[slot])
                        newAvailable[newAvailable.count - 1] = overflow ? Int32.max : sum
                    } else {
                        newNodes.append(nodes[slot])
                        newAvailable.append(available[slot])
                    }
                }
                newOffsets[s + 1] = Int32(newNodes.count)
            }
            nodes = newNodes
            available = newAvailable
            counts = newOffsets
        }
        self.offsets = counts
        self.nodes = nodes
        self.available = available
    }

    /// Number of SKUs the index covers.
    public var skuCount: Int { offsets.count - 1 }

    /// Number of stocked (SKU, node) pairs.
    public var entryCount: Int { nodes.count }

    /// Bytes held by the index's arrays.
    public var byteCount: Int { offsets.count * 4 + nodes.count * 2 + available.count * 4 }

    /// The slots of `sku`'s row.
    /// - Complexity: O(1).

    public func row(_ sku: Int) -> Range<Int> {
        guard sku >= 0, sku < offsets.count - 1 else { return 0..<0 }
        return Int(offsets[sku])..<Int(offsets[sku + 1])
    }

    public func node(at slot: Int) -> Int { Int(nodes[slot]) }
    public func available(at slot: Int) -> Int { Int(available[slot]) }

    /// Units of `sku` available at `node` (0 when not stocked there).
    /// - Complexity: O(k) for k nodes stocking the SKU.
    public func available(sku: Int, node: Int) -> Int {
        for slot in row(sku) where Int(nodes[slot]) == node { return Int(available[slot]) }
        return 0
    }

    /// Sets the available units of `sku` at `node`, in place when the pair is indexed, else by rebuilding the row.
    /// - Complexity: O(k) in place; O(entries) when a new pair is added.
    public mutating func setAvailable(sku: Int, node: Int, _ units: Int) {
        for slot in row(sku) where Int(nodes[slot]) == node {
            available[slot] = Int32(clamping: units)
            return
        }
        guard sku >= 0, sku < skuCount else { return }
        let insertAt = row(sku).first(where: { Int(nodes[$0]) > node }) ?? row(sku).upperBound
        nodes.insert(UInt16(node), at: insertAt)
        available.insert(Int32(clamping: units), at: insertAt)
        for s in (sku + 1)..<offsets.count { offsets[s] += 1 }
    }
}

/// Stock given by ids: what a caller that reads a database passes to the engine.
public struct StockSnapshot: Sendable {
    public var entries: [StockEntry]
    public init(_ entries: [StockEntry]) { self.entries = entries }
}
