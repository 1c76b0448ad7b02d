// The simulator's stock: on hand and reserved per (node, SKU), in memory, moved exactly as the store moves its
// stock rows: a placed order reserves (only what is available), a departing shipment takes its units out.

/// On-hand and reserved units per stocked (SKU, node) pair, beside a `StockIndex` of available units that the
/// promise engine reads. Slots are the index's own (`StockIndex.row`).
///
/// Memory: the index (about 7.3 bytes a pair) plus 8 bytes a pair for on hand and reserved.
public struct StockLedger: Sendable {
    /// Available units (on hand − reserved) per pair: what promises are planned over.
    public private(set) var index: StockIndex
    private var onHand: [Int32]
    private var reserved: [Int32]

    /// A ledger whose on-hand units are `index`'s available units, nothing reserved.
    public init(_ index: StockIndex) {
        self.index = index
        let pairs = index.entryCount
        onHand = [Int32](repeating: 0, count: pairs)
        reserved = [Int32](repeating: 0, count: pairs)
        for sku in 0..<index.skuCount {
            for slot in index.row(sku) { onHand[slot] = Int32(index.available(at: slot)) }
        }
    }

    /// The slot of `(sku, node)`, or nil when the pair holds no stock record.
    /// - Complexity: O(k) for k nodes stocking the SKU.
    func slot(sku: Int, node: Int) -> Int? {
        for slot in index.row(sku) where index.node(at: slot) == node { return slot }
        return nil
    }

    /// Reserves `qty` units of `sku` at `node` when that many are available (the store's conditional write);
    /// returns whether it did.
    public mutating func reserve(sku: Int, node: Int, qty: Int) -> Bool {
        guard qty >= 1, let slot = slot(sku: sku, node: node), onHand[slot] - reserved[slot] >= qty else {
            return false
        }
        reserved[slot] += Int32(qty)
        index.setAvailable(sku: sku, node: node, Int(onHand[slot] - reserved[slot]))
        return true
    }

    /// Takes `qty` reserved units of `sku` out of `node` (a shipment departed): on hand and reserved both fall,
    /// available stays. Returns false, changing nothing, when fewer are reserved.
    public mutating func ship(sku: Int, node: Int, qty: Int) -> Bool {
        guard let slot = slot(sku: sku, node: node), reserved[slot] >= qty else { return false }
        reserved[slot] -= Int32(qty)
        onHand[slot] -= Int32(qty)
        return true
    }

    /// Units on hand and reserved over every pair.
    public var totals: (onHand: Int, reserved: Int) {
        (onHand.reduce(0) { $0 + Int($1) }, reserved.reduce(0) { $0 + Int($1) })
    }

    /// On-hand and reserved units of one pair (0 and 0 when it has no record).
    public func level(sku: Int, node: Int) -> (onHand: Int, reserved: Int) {
        guard let slot = slot(sku: sku, node: node) else { return (0, 0) }
        return (Int(onHand[slot]), Int(reserved[slot]))
    }
}
