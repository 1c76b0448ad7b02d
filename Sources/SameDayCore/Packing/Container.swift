// A shipping container from the catalog: a box, a mailer or an insulated shipper (spec/pack.md "Containers").

/// The identifier of a container type in the catalog (`S1`, `M3`).
public struct ContainerID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// What a container is made for.
public enum ContainerKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A corrugated box.
    case box
    /// A thin, flat mailer for flat items.
    case mailer
    /// An insulated shipper: the only kind that takes chilled or frozen items.
    case insulated
}

/// One container type of the catalog. Dimensions are inner; `x` runs along `lengthMm`, `y` along `widthMm`,
/// `z` (up) along `heightMm`.
public struct Container: Sendable, Hashable {
    public var id: ContainerID
    public var kind: ContainerKind
    /// Inner length along x, in millimetres.
    public var lengthMm: Int
    /// Inner width along y, in millimetres.
    public var widthMm: Int
    /// Inner height along z (vertical), in millimetres.
    public var heightMm: Int
    /// The most weight of units the container may carry, in grams.
    public var maxLoadG: Int
    /// The container's own weight, in grams.
    public var emptyWeightG: Int
    /// What one container costs, in cents.
    public var costCents: Int

    public init(
        id: ContainerID, kind: ContainerKind = .box, lengthMm: Int, widthMm: Int, heightMm: Int,
        maxLoadG: Int, emptyWeightG: Int = 0, costCents: Int = 0
    ) {
        self.id = id
        self.kind = kind
        self.lengthMm = lengthMm
        self.widthMm = widthMm
        self.heightMm = heightMm
        self.maxLoadG = maxLoadG
        self.emptyWeightG = emptyWeightG
        self.costCents = costCents
    }

    /// Inner volume in cubic millimetres.
    public var volumeMm3: Int { lengthMm * widthMm * heightMm }

    /// Whether the container may hold units of `temperature`: chilled and frozen only in insulated containers.
    public func accepts(_ temperature: Temperature) -> Bool {
        temperature == .ambient || kind == .insulated
    }
}
