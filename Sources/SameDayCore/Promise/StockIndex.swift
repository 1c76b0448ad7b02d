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
        var counts = [Int32](repeating: 0, count: skuCount + 1)
        for e in entries where e.sku >= 0 && e.sku < skuCount { counts[e.sku + 1] += 1 }
        for i in 0..<skuCount { counts[i + 1] += counts[i] }
        var cursor = counts
        var nodes = [UInt16](repeating: 0, count: Int(counts[skuCount]))
        var available = [Int32](repeating: 0, count: Int(counts[skuCount]))
        for e in entries where e.sku >= 0 && e.sku < skuCount {
            let slot = Int(cursor[e.sku])
            nodes[slot] = UInt16(e.node)
            available[slot] = Int32(clamping: e.available)
            cursor[e.sku] += 1
        }
        // Sort each row by node so lookups and updates are deterministic, and add up repeated (SKU, node) pairs.
        var merged = false
        for s in 0..<skuCount {
            let lo = Int(counts[s]), hi = Int(counts[s + 1])
            if hi - lo > 1 {
                let row = (lo..<hi).map { (nodes[$0], available[$0]) }.sorted { $0.0 < $1.0 }
                for (k, (n, a)) in row.enumerated() {
                    nodes[lo + k] = n
                    available[lo + k] = a
                    if k > 0, row[k - 1].0 == n { merged = true }
                }
            }
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
                        newAvailable[newAvailable.count - 1] = newAvailable.last!.addingReportingOverflow(available[slot])
                            .overflow ? Int32.max : newAvailable.last! + available[slot]
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
