// Remembered packings of small shipments: a day of orders repeats the same one- and two-line shipments many
// times, and packing is deterministic, so a repeat is a lookup instead of a search.

/// Packings of shipments by their exact lines (in order, so a hit returns exactly what packing them gives).
///
/// Holds shipments of up to `maxUnits` units, at most `capacity` of them; others are packed every time.
/// Memory: per entry its lines (24 bytes each) and containers with their placements (about 80 bytes a unit),
/// about 250 bytes for a typical two-unit shipment.
public struct ShipmentPackingCache: Sendable {
    /// The largest shipment (units) kept.
    public let maxUnits: Int
    /// The most shipments kept.
    public let capacity: Int
    private var entries: [[OrderLine]: [PlacedContainer]] = [:]
    /// Lookups answered from the cache, and lookups in all.
    public private(set) var hits = 0
    public private(set) var lookups = 0

    public init(maxUnits: Int = 8, capacity: Int = 200_000) {
        self.maxUnits = maxUnits
        self.capacity = capacity
    }

    /// Number of shipments kept.
    public var count: Int { entries.count }

    /// The containers of `lines`, as `ShipmentContainers.pack` gives them.
    /// - Complexity: O(lines) on a hit; a packing otherwise.
    public mutating func containers(for lines: [OrderLine], catalog: Catalog, packer: Packer) -> [PlacedContainer] {
        lookups += 1
        var units = 0
        for line in lines { units += line.qty }
        guard units <= maxUnits else { return ShipmentContainers.pack(lines, catalog: catalog, packer: packer) }
        if let known = entries[lines] {
            hits += 1
            return known
        }
        let packed = ShipmentContainers.pack(lines, catalog: catalog, packer: packer)
        if entries.count < capacity { entries[lines] = packed }
        return packed
    }
}
