// How much work each part of the network can do per hour, departure and wave: the simulator's capacity file,
// its defaults derived from the network, and "unlimited" at any level (docs/simulate.md, "Capacity file").

/// A capacity: a whole number of units or packages, or no limit.
public enum CapacityLimit: Sendable, Hashable, CustomStringConvertible {
    case limited(Int)
    case unlimited

    /// The limit as a number, `Int.max` when unlimited.
    public var value: Int {
        switch self {
        case .limited(let n): n
        case .unlimited: Int.max
        }
    }

    public var description: String {
        switch self {
        case .limited(let n): String(n)
        case .unlimited: "unlimited"
        }
    }
}

/// Packages per station wave: a fixed number, or derived from the people the station serves.
public enum WaveCapacityRule: Sendable, Hashable {
    case fixed(CapacityLimit)
    /// `perThousandPeople` packages per 1,000 people of the station's ZIPs (population weights), at least
    /// `minimum` (a van route's worth of packages per thousand people, on a station's delivery fleet).
    case perPeople(perThousandPeople: Double, minimum: Int)
}

/// The simulator's capacities: defaults per node kind, per-node and per-lane overrides.
public struct CapacityPlan: Sendable, Hashable {
    /// Units a shipping node picks per hour, by kind.
    public var pickUnitsPerHour: [NodeKind: CapacityLimit]
    /// Packages per lane departure, by the kind of the lane's origin.
    public var packagesPerDeparture: [NodeKind: CapacityLimit]
    /// Packages per station wave.
    public var packagesPerWave: WaveCapacityRule
    /// Per-node overrides (`pickUnitsPerHour` for shipping nodes, `packagesPerDeparture` for every lane from a
    /// shipping node, `packagesPerWave` for stations).
    public var nodes: [NodeID: NodeCapacity]
    /// Per-lane overrides of packages per departure.
    public var lanes: [LaneKey: CapacityLimit]

    /// One node's overrides; nil keeps the default.
    public struct NodeCapacity: Sendable, Hashable {
        public var pickUnitsPerHour: CapacityLimit?
        public var packagesPerDeparture: CapacityLimit?
        public var packagesPerWave: CapacityLimit?
        public init(
            pickUnitsPerHour: CapacityLimit? = nil, packagesPerDeparture: CapacityLimit? = nil,
            packagesPerWave: CapacityLimit? = nil
        ) {
            self.pickUnitsPerHour = pickUnitsPerHour
            self.packagesPerDeparture = packagesPerDeparture
            self.packagesPerWave = packagesPerWave
        }
    }

    /// A lane by its ends.
    public struct LaneKey: Sendable, Hashable {
        public var from: NodeID
        public var to: NodeID
        public init(from: NodeID, to: NodeID) {
            self.from = from
            self.to = to
        }
    }

    public init(
        pickUnitsPerHour: [NodeKind: CapacityLimit], packagesPerDeparture: [NodeKind: CapacityLimit],
        packagesPerWave: WaveCapacityRule, nodes: [NodeID: NodeCapacity] = [:], lanes: [LaneKey: CapacityLimit] = [:]
    ) {
        self.pickUnitsPerHour = pickUnitsPerHour
        self.packagesPerDeparture = packagesPerDeparture
        self.packagesPerWave = packagesPerWave
        self.nodes = nodes
        self.lanes = lanes
    }

    /// The defaults (docs/simulate.md explains the numbers): a fulfillment center picks 4,000 units an hour, a
    /// same-day site 1,500, a now-site 250; a trailer from a center takes 1,200 packages, a same-day site's truck
    /// 400, a now-site's van 150; a station's wave takes 6 packages per 1,000 people it serves (a 150-package van
    /// route per 25,000 people), at least 300.
    public static let defaults = CapacityPlan(
        pickUnitsPerHour: [
            .fulfillmentCenter: .limited(4_000), .sameDaySite: .limited(1_500), .nowSite: .limited(250),
        ],
        packagesPerDeparture: [
            .fulfillmentCenter: .limited(1_200), .sameDaySite: .limited(400), .nowSite: .limited(150),
        ],
        packagesPerWave: .perPeople(perThousandPeople: 6, minimum: 300))

    /// No limit anywhere: every shipment moves exactly as promised.
    public static let unlimited = CapacityPlan(
        pickUnitsPerHour: [.fulfillmentCenter: .unlimited, .sameDaySite: .unlimited, .nowSite: .unlimited],
        packagesPerDeparture: [.fulfillmentCenter: .unlimited, .sameDaySite: .unlimited, .nowSite: .unlimited],
        packagesPerWave: .fixed(.unlimited))
}
