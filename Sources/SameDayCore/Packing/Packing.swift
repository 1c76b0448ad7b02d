// The result of packing an order: containers with the exact place of every unit (spec/pack.md "Output").

/// Where one unit lies in its container. `x, y, z` is the corner nearest the container's origin;
/// the extents are the unit's size along x, y and z as placed (a permutation of its own dimensions).
public struct Placement: Sendable, Hashable {
    public var sku: SKU
    public var x: Int
    public var y: Int
    public var z: Int
    /// Extent along x, in millimetres.
    public var lengthMm: Int
    /// Extent along y, in millimetres.
    public var widthMm: Int
    /// Extent along z (vertical), in millimetres.
    public var heightMm: Int

    public init(sku: SKU, x: Int, y: Int, z: Int, lengthMm: Int, widthMm: Int, heightMm: Int) {
        self.sku = sku
        self.x = x
        self.y = y
        self.z = z
        self.lengthMm = lengthMm
        self.widthMm = widthMm
        self.heightMm = heightMm
    }

    public var volumeMm3: Int { lengthMm * widthMm * heightMm }
}

/// One packed container: a catalog container, or none for a unit that ships in its own container.
public struct PackedContainer: Sendable, Hashable {
    /// The container type, or nil for an `ownContainer` unit.
    public var container: Container?
    /// Empty weight plus the units, in grams.
    public var weightG: Int
    /// One placement per unit.
    public var placements: [Placement]

    public init(container: Container?, weightG: Int, placements: [Placement]) {
        self.container = container
        self.weightG = weightG
        self.placements = placements
    }

    /// The share of the container's inner volume the units fill, 0...1 (1 for an own container).
    public var fill: Double {
        guard let container, container.volumeMm3 > 0 else { return 1 }
        return Double(placements.reduce(0) { $0 + $1.volumeMm3 }) / Double(container.volumeMm3)
    }
}

/// A packed order: its containers and a proven lower bound on how many it needs.
public struct Packing: Sendable, Hashable {
    public var containers: [PackedContainer]
    /// No valid packing of the order uses fewer containers than this.
    public var lowerBound: Int

    public init(containers: [PackedContainer], lowerBound: Int) {
        self.containers = containers
        self.lowerBound = lowerBound
    }

    /// Total inner volume of the catalog containers used, in cubic millimetres.
    public var containerVolumeMm3: Int { containers.reduce(0) { $0 + ($1.container?.volumeMm3 ?? 0) } }
    /// Total cost of the catalog containers used, in cents.
    public var costCents: Int { containers.reduce(0) { $0 + ($1.container?.costCents ?? 0) } }
    /// Number of units packed.
    public var unitCount: Int { containers.reduce(0) { $0 + $1.placements.count } }
}
