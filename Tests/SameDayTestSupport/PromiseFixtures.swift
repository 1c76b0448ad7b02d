// Small builders for hand-checked promise tests: nodes, lanes and engines written in a line each.

import SameDayCore

/// A fixture literal that does not parse: a mistake in the test, reported as a thrown error.
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Builders for networks, stock and engines used by the hand-checked promise tests.
public enum PromiseFixtures {
    public static let losAngeles = "America/Los_Angeles"
    public static let denver = "America/Denver"
    public static let chicago = "America/Chicago"
    public static let newYork = "America/New_York"

    /// A catalog with ambient A1, A2, A3, B7, chilled M1 and frozen F1.
    public static let catalogCSV = """
        sku,name,lengthMm,widthMm,heightMm,weightG,priceCents,temperature
        A1,"Paper towels, 6 rolls",300,200,250,1200,899,ambient
        A2,Dish soap,80,60,250,700,399,ambient
        A3,Sponges 3-pack,120,90,40,90,299,ambient
        M1,Milk 1 gal,150,150,260,3900,449,chilled
        F1,Frozen peas,200,150,50,500,249,frozen
        B7,Batteries AA 8-pack,120,90,20,200,999,ambient

        """

    public static func catalog() throws -> Catalog {
        try Catalog.load(csv: Array(catalogCSV.utf8), file: "catalog.csv")
    }

    /// The spec's tiny network, parsed by the network loader.
    public static func tinyNetwork() throws -> Network {
        try Network.load(json: Array(Fixtures.tinyNetworkJSON.utf8), file: "tiny.json")
    }

    /// `HH:MM`, or a thrown error for a typo.
    public static func time(_ text: String) throws -> LocalTime {
        guard let t = LocalTime(parsing: text) else { throw FixtureError("'\(text)' is not HH:MM") }
        return t
    }

    /// `YYYY-MM-DD`, or a thrown error for a typo.
    public static func date(_ text: String) throws -> LocalDate {
        guard let d = LocalDate(parsing: text) else { throw FixtureError("'\(text)' is not YYYY-MM-DD") }
        return d
    }

    /// An ISO 8601 instant, or a thrown error for a typo.
    public static func instant(_ text: String) throws -> Instant {
        guard let i = ISO8601.parse(text) else { throw FixtureError("'\(text)' is not ISO 8601") }
        return i
    }

    /// A shipping node (fulfillment center unless `kind` says otherwise).
    public static func shipper(
        _ id: String, kind: NodeKind = .fulfillmentCenter, region: String = "west", lat: Double, lon: Double,
        timezone: String = losAngeles, temperatures: [Temperature] = [.ambient], processingMinutes: Int,
        closed: [String] = []
    ) throws -> Node {
        Node(
            id: NodeID(id), kind: kind, region: RegionID(region), lat: lat, lon: lon, timezone: timezone,
            temperatures: TemperatureSet(temperatures), processingMinutes: processingMinutes,
            closedDates: try closed.map(date))
    }

    /// A now-site.
    public static func nowSite(
        _ id: String, region: String = "west", lat: Double, lon: Double, timezone: String = losAngeles,
        temperatures: [Temperature] = [.ambient], radiusKm: Double, promiseMinutes: Int, open: String, close: String,
        closed: [String] = []
    ) throws -> Node {
        Node(
            id: NodeID(id), kind: .nowSite, region: RegionID(region), lat: lat, lon: lon, timezone: timezone,
            temperatures: TemperatureSet(temperatures), processingMinutes: 0, closedDates: try closed.map(date),
            radiusKm: radiusKm, promiseMinutes: promiseMinutes,
            openHours: OpenHours(open: try time(open), close: try time(close)))
    }

    /// A delivery station; `waves` are `(departs, deliversBy)` pairs.
    public static func station(
        _ id: String, region: String = "west", lat: Double, lon: Double, timezone: String = losAngeles,
        temperatures: [Temperature] = [.ambient], sortMinutes: Int, waves: [(String, String)], zips: [String],
        closed: [String] = []
    ) throws -> Node {
        Node(
            id: NodeID(id), kind: .deliveryStation, region: RegionID(region), lat: lat, lon: lon, timezone: timezone,
            temperatures: TemperatureSet(temperatures), closedDates: try closed.map(date), sortMinutes: sortMinutes,
            waves: try waves.map { Wave(departs: try time($0.0), deliversBy: try time($0.1)) },
            zips: zips.map(ZIP.init))
    }

    public static func lane(_ from: String, _ to: String, departures: [String], transitMinutes: Int) throws -> Lane {
        Lane(from: NodeID(from), to: NodeID(to), departures: try departures.map(time), transitMinutes: transitMinutes)
    }

    /// A network with regions `west`, `central` and `east`.
    public static func network(nodes: [Node], lanes: [Lane] = [], carrier: Carrier? = nil) -> Network {
        Network(
            name: "hand",
            regions: [
                Region(id: "west", name: "West"), Region(id: "central", name: "Central"),
                Region(id: "east", name: "East"),
            ],
            nodes: nodes, lanes: lanes, carrier: carrier)
    }

    /// Stock as `(node, sku, available)` triples.
    public static func stock(_ entries: [(String, String, Int)]) -> StockSnapshot {
        StockSnapshot(entries.map { StockEntry(node: NodeID($0.0), sku: SKU($0.1), available: $0.2) })
    }

    /// The tiny network's ZIPs plus `extra` rows.
    public static func zips(_ extra: [(String, Double, Double, String)] = []) throws -> ZipTable {
        try Fixtures.zipTable(
            [
                ("98109", 47.6295, -122.3445, losAngeles),
                ("98101", 47.6114, -122.3305, losAngeles),
                ("99201", 47.6664, -117.4329, losAngeles),
                ("10001", 40.7506, -73.9972, newYork),
            ] + extra)
    }

    /// An engine over `network`, the hand-made ZIP table (plus `extraZips`) and the test catalog.
    public static func engine(_ network: Network, extraZips: [(String, Double, Double, String)] = []) throws
        -> PromiseEngine
    {
        try PromiseEngine(network: network, zips: try zips(extraZips), catalog: try catalog())
    }
}

extension PromiseEngine {
    /// A promise for `(sku, qty)` lines ordered at the ISO 8601 instant `at`.
    public func promise(zip: String, at: String, _ lines: [(String, Int)], stock: StockSnapshot) throws -> Promise {
        try promise(
            zip: ZIP(zip), at: try PromiseFixtures.instant(at),
            lines: lines.map { OrderLine(sku: SKU($0.0), qty: $0.1) }, stock: stock)
    }
}

extension Promise {
    /// An instant of this promise as the spec prints it (the destination's clock), or nil.
    public func text(_ instant: Instant?) -> String? { instant.map(format) }

    /// The node ids of the lines, in line order.
    public var nodesInLineOrder: [String: String] {
        var result: [String: String] = [:]
        for s in shipments { for l in s.lines { result[l.sku.rawValue] = s.node.rawValue } }
        return result
    }
}
