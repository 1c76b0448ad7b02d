// The read-only data every route reads: network, catalog, ZIP table, promise engine, time zones.

import SameDayCore

/// Network, catalog and ZIP table, compiled once at start-up and shared by all requests.
public struct ServerWorld: Sendable {
    public let network: Network
    public let catalog: Catalog
    public let zips: ZipTable
    public let engine: PromiseEngine
    /// The container catalog (`Data/boxes.json`) every placed order's shipments are packed into.
    public let packer: Packer
    /// Zone of each of `zips.timeZoneIdentifiers`, by the same index.
    let zones: [ZoneTable]
    let nodesByID: [NodeID: Node]
    /// Reference checks for request validation, built once (each closure holds only the table it reads).
    let references: ReferenceCheck

    /// Catalog indexes in ascending SKU id order (byte order: ids are ASCII), for lists paged by SKU id.
    let skusByID: [Int32]

    /// `Packer.perturbedAttempts` for placed orders' shipments (the packer's default is 128).
    public static let orderPerturbedAttempts = 16

    /// - Parameter boxes: the container catalog shipments are packed into (spec/pack.md).
    /// - Throws: `LoadError` when the engine cannot be compiled from these inputs.
    public init(network: Network, catalog: Catalog, zips: ZipTable, boxes: [Container]) throws(LoadError) {
        self.network = network
        self.catalog = catalog
        self.zips = zips
        self.engine = try PromiseEngine(network: network, zips: zips, catalog: catalog)
        // Shipments are packed inside the order's write transaction (one writer at a time on SQLite), so the
        // randomised search for one container fewer gets a small budget here: a 100-unit shipment the search
        // cannot shrink costs ~15 ms of the writer's turn instead of ~100 ms (`sameday pack` keeps the default).
        var packer = Packer(catalog: boxes)
        packer.perturbedAttempts = Self.orderPerturbedAttempts
        self.packer = packer
        self.zones = zips.timeZoneIdentifiers.map {
            ZoneTable(identifier: $0) ?? ZoneTable(identifier: "UTC", fixedOffsetMinutes: 0)
        }
        self.skusByID = Self.idOrder(catalog)
        var nodes: [NodeID: Node] = [:]
        for node in network.nodes { nodes[node.id] = node }
        self.nodesByID = nodes
        let catalog = self.catalog
        let zips = self.zips
        let nodesByID = nodes
        self.references = ReferenceCheck(
            knowsSKU: { catalog.index(of: $0) != nil },
            knowsZIP: { zips.index(of: $0) != nil },
            knowsShippingNode: { nodesByID[$0]?.kind.isShipping ?? false },
            skuIndex: { catalog.index(of: $0) })
    }

    /// Catalog indexes in ascending SKU id order (byte order). Sorted on each id's first 16 bytes as two integers
    /// (zero-padded, so a prefix sorts first), and on the whole ids only where those are equal, so ten million SKUs
    /// are sorted mostly by comparing integers rather than walking two strings' UTF-8 views each time.
    static func idOrder(_ catalog: Catalog) -> [Int32] {
        var keys: [(high: UInt64, low: UInt64, index: Int32)] = []
        keys.reserveCapacity(catalog.count)
        for i in 0..<catalog.count {
            var (high, low): (UInt64, UInt64) = (0, 0)
            catalog.withSKUBytes(at: i) { id in
                for (k, byte) in id.prefix(16).enumerated() {
                    if k < 8 {
                        high |= UInt64(byte) << (56 - 8 * k)
                    } else {
                        low |= UInt64(byte) << (56 - 8 * (k - 8))
                    }
                }
            }
            keys.append((high, low, Int32(i)))
        }
        keys.sort { a, b in
            if a.high != b.high { return a.high < b.high }
            if a.low != b.low { return a.low < b.low }
            return catalog.withSKUBytes(at: Int(a.index)) { x in
                catalog.withSKUBytes(at: Int(b.index)) { y in x.lexicographicallyPrecedes(y) }
            }
        }
        return keys.map(\.index)
    }

    /// The position in `skusByID` of the first SKU whose id comes after `id`.
    func skuPosition(after id: String) -> Int {
        var (low, high) = (0, skusByID.count)
        while low < high {
            let mid = (low + high) / 2
            if catalog.withSKUBytes(at: Int(skusByID[mid]), { id.utf8.lexicographicallyPrecedes($0) }) {
                high = mid
            } else {
                low = mid + 1
            }
        }
        return low
    }

    /// The time zone of a destination ZIP (UTC for one not in the table).
    func zone(of zip: ZIP) -> ZoneTable {
        guard let row = zips.index(of: zip) else { return ZoneTable(identifier: "UTC", fixedOffsetMinutes: 0) }
        return zones[zips.timeZoneIndex(at: row)]
    }
}

/// What the server needs to check references in a request.
struct ReferenceCheck: Sendable {
    var knowsSKU: @Sendable (SKU) -> Bool
    var knowsZIP: @Sendable (ZIP) -> Bool
    var knowsShippingNode: @Sendable (NodeID) -> Bool
    /// The SKU's catalog index (nil: not in the catalog), for bodies that go on to use it.
    var skuIndex: @Sendable (SKU) -> Int? = { _ in nil }
}
