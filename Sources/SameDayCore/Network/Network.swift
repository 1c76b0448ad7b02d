// The network file of spec/promise.md as values: regions, nodes, lanes and the carrier.

/// What a node does.
public enum NodeKind: String, Sendable, Codable, CaseIterable {
    case fulfillmentCenter = "fulfillment-center"
    case sameDaySite = "same-day-site"
    case nowSite = "now-site"
    case deliveryStation = "delivery-station"

    /// Whether nodes of this kind hold stock and ship it.
    public var isShipping: Bool { self != .deliveryStation }
}

/// A self-sufficient group of nodes.
public struct Region: Sendable, Hashable {
    public var id: RegionID
    public var name: String
    public init(id: RegionID, name: String) {
        self.id = id
        self.name = name
    }
}

/// A station's delivery run: leaves at `departs`, everything on it delivered by `deliversBy` (same local day).
public struct Wave: Sendable, Hashable {
    public var departs: LocalTime
    public var deliversBy: LocalTime
    public init(departs: LocalTime, deliversBy: LocalTime) {
        self.departs = departs
        self.deliversBy = deliversBy
    }
}

/// A now-site's daily opening hours (`open` < `close`, same day).
public struct OpenHours: Sendable, Hashable {
    public var open: LocalTime
    public var close: LocalTime
    public init(open: LocalTime, close: LocalTime) {
        self.open = open
        self.close = close
    }
}

/// A place in the network. Fields that apply to one kind only are nil or empty for the others.
public struct Node: Sendable, Hashable {
    public var id: NodeID
    public var kind: NodeKind
    public var region: RegionID
    public var lat: Double
    public var lon: Double
    /// IANA time zone of the node's clock.
    public var timezone: String
    public var temperatures: TemperatureSet
    /// Shipping nodes: minutes from order to ready-to-ship.
    public var processingMinutes: Int
    /// Local dates on which the node does nothing.
    public var closedDates: [LocalDate]
    /// Now-sites: delivery radius in kilometres.
    public var radiusKm: Double?
    /// Now-sites: minutes from order to delivery.
    public var promiseMinutes: Int?
    /// Now-sites: daily hours.
    public var openHours: OpenHours?
    /// Stations: minutes from a lane's arrival until its units can leave on a wave.
    public var sortMinutes: Int?
    /// Stations: delivery runs.
    public var waves: [Wave]
    /// Stations: the ZIPs served.
    public var zips: [ZIP]

    public init(
        id: NodeID, kind: NodeKind, region: RegionID, lat: Double, lon: Double, timezone: String,
        temperatures: TemperatureSet = [.init([.ambient])], processingMinutes: Int = 0, closedDates: [LocalDate] = [],
        radiusKm: Double? = nil, promiseMinutes: Int? = nil, openHours: OpenHours? = nil,
        sortMinutes: Int? = nil, waves: [Wave] = [], zips: [ZIP] = []
    ) {
        self.id = id
        self.kind = kind
        self.region = region
        self.lat = lat
        self.lon = lon
        self.timezone = timezone
        self.temperatures = temperatures
        self.processingMinutes = processingMinutes
        self.closedDates = closedDates
        self.radiusKm = radiusKm
        self.promiseMinutes = promiseMinutes
        self.openHours = openHours
        self.sortMinutes = sortMinutes
        self.waves = waves
        self.zips = zips
    }

    public var coordinate: Coordinate { Coordinate(lat: lat, lon: lon) }
}

/// Scheduled trucks from a shipping node to a station.
public struct Lane: Sendable, Hashable {
    public var from: NodeID
    public var to: NodeID
    /// Departure times on the origin node's clock.
    public var departures: [LocalTime]
    public var transitMinutes: Int
    public init(from: NodeID, to: NodeID, departures: [LocalTime], transitMinutes: Int) {
        self.from = from
        self.to = to
        self.departures = departures
        self.transitMinutes = transitMinutes
    }
}

/// One distance band of the carrier: destinations within `maxKm` arrive after `days` calendar days.
public struct TransitBand: Sendable, Hashable {
    public var maxKm: Double
    public var days: Int
    public init(maxKm: Double, days: Int) {
        self.maxKm = maxKm
        self.days = days
    }
}

/// The parcel carrier used for ZIPs no station serves.
public struct Carrier: Sendable, Hashable {
    /// Daily pickup time on the shipping node's clock.
    public var pickup: LocalTime
    /// Delivery time on the destination's clock.
    public var deliversBy: LocalTime
    /// Ascending by `maxKm`.
    public var transitDays: [TransitBand]
    public init(pickup: LocalTime, deliversBy: LocalTime, transitDays: [TransitBand]) {
        self.pickup = pickup
        self.deliversBy = deliversBy
        self.transitDays = transitDays
    }
}

/// A whole network file: regions, nodes, lanes and an optional carrier.
public struct Network: Sendable, Hashable {
    public var name: String
    public var regions: [Region]
    public var nodes: [Node]
    public var lanes: [Lane]
    public var carrier: Carrier?

    public init(name: String, regions: [Region], nodes: [Node], lanes: [Lane], carrier: Carrier?) {
        self.name = name
        self.regions = regions
        self.nodes = nodes
        self.lanes = lanes
        self.carrier = carrier
    }

    /// The node with this id.
    /// - Complexity: O(n); compile the network for repeated lookups.
    public func node(_ id: NodeID) -> Node? { nodes.first { $0.id == id } }
}
