// One line of an order to pack: a SKU, its size, weight, quantity and handling flags (spec/pack.md "Items").

// `Temperature` is shared with the network model: Sources/SameDayCore/Common/Temperature.swift.

/// An order line: `qty` identical units of one SKU.
public struct Item: Sendable, Hashable {
    public var sku: SKU
    /// The unit's own length, in millimetres.
    public var lengthMm: Int
    /// The unit's own width, in millimetres.
    public var widthMm: Int
    /// The unit's own height, in millimetres; it stays vertical when `upright`.
    public var heightMm: Int
    /// One unit's weight, in grams.
    public var weightG: Int
    /// Number of units (≥ 1).
    public var qty: Int
    /// The unit may turn about the vertical axis only.
    public var upright: Bool
    /// Nothing may rest on top of the unit.
    public var fragile: Bool
    /// The unit ships as it is, in no container.
    public var ownContainer: Bool
    public var temperature: Temperature
    /// The unit travels alone in its container.
    public var hazmat: Bool
    /// The unit keeps its own orientation: `lengthMm` along x, `widthMm` along y, `heightMm` up (the classic
    /// bin packing benchmarks with fixed orientation; `upright` adds nothing to it).
    public var fixedOrientation: Bool

    public init(
        sku: SKU, lengthMm: Int, widthMm: Int, heightMm: Int, weightG: Int, qty: Int = 1,
        upright: Bool = false, fragile: Bool = false, ownContainer: Bool = false,
        temperature: Temperature = .ambient, hazmat: Bool = false, fixedOrientation: Bool = false
    ) {
        self.sku = sku
        self.lengthMm = lengthMm
        self.widthMm = widthMm
        self.heightMm = heightMm
        self.weightG = weightG
        self.qty = qty
        self.upright = upright
        self.fragile = fragile
        self.ownContainer = ownContainer
        self.temperature = temperature
        self.hazmat = hazmat
        self.fixedOrientation = fixedOrientation
    }

    /// One unit's volume in cubic millimetres.
    public var volumeMm3: Int { lengthMm * widthMm * heightMm }
}
