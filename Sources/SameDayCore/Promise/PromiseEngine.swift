// The promise engine: a network compiled once into flat arrays (DESIGN.md "Hot paths").

/// Everything a promise reads, compiled from a network, the ZIP table and the catalog.
///
/// Immutable after `init`, so one engine is shared by every thread without locks. Nodes, stations, lanes and
/// ZIPs become dense integer indexes into flat arrays; time zones become `ZoneTable`s with per-day offset tables.
public final class PromiseEngine: Sendable {
    public let network: Network
    public let catalog: Catalog
    public let zips: ZipTable

    // Time zones: distinct tables, referenced by index.
    let zones: [ZoneTable]
    /// ZIP table time-zone index → `zones` index.
    let zipTimeZoneToZone: [Int32]

    // Nodes (all kinds), by dense index.
    let nodeIDs: [NodeID]
    let nodeIndexByID: [NodeID: Int]
    /// Position of each node's id in string order (criterion 5 of the plan order).
    let nodeRank: [Int32]
    let kind: [NodeKind]
    let region: [Int32]
    let latDeg: [Double]
    let lonDeg: [Double]
    let zone: [Int32]
    let temperatures: [TemperatureSet]
    let processingMinutes: [Int]
    /// Sorted local day numbers on which the node is closed.
    let closedDays: [[Int]]
    // Now-sites.
    let radiusKm: [Double]
    let promiseMinutes: [Int]
    let openMinute: [Int]
    let closeMinute: [Int]
    // Stations.
    let sortMinutes: [Int]
    /// Waves sorted by departure: departure and deliversBy minute of day.
    let waveDeparts: [[Int]]
    let waveDeliversBy: [[Int]]
    // Lanes, sorted by (from, to); `laneRange[from]` is the slice starting at `from`.
    let laneRange: [Range<Int>]
    let laneTo: [Int32]
    let laneTransit: [Int]
    let laneDepartures: [[Int]]
    // Carrier.
    let carrier: Carrier?
    let carrierPickup: [Int]
    // ZIPs, by ZIP table index.
    /// The station serving the ZIP, or -1.
    let zipStation: [Int32]
    /// The destination's region (of its station; else of the nearest fulfillment center), or -1.
    let zipRegion: [Int32]
    // SKUs, by catalog index.
    let skuTemperature: [Temperature]

    /// Compiles `network` for promises.
    /// - Throws: `LoadError` when a station lists a ZIP the ZIP table lacks (`nodes[i].zips[j]`), or a node's
    ///   time zone is unknown.
    public init(network: Network, zips: ZipTable, catalog: Catalog, file: String = "network") throws(LoadError) {
        self.network = network
        self.catalog = catalog
        self.zips = zips
        var issues: [LoadIssue] = []

        var zoneIndex: [String: Int] = [:]
        var zones: [ZoneTable] = []
        func zoneFor(_ id: String, path: String) -> Int {
            if let i = zoneIndex[id] { return i }
            guard let table = ZoneTable(identifier: id) else {
                issues.append(LoadIssue(file: file, location: path, message: "'\(id)' is not an IANA time zone"))
                return zoneFor("UTC", path: path)
            }
            zones.append(table)
            zoneIndex[id] = zones.count - 1
            return zones.count - 1
        }

        let nodes = network.nodes
        let n = nodes.count
        var nodeIndexByID: [NodeID: Int] = [:]
        for (i, node) in nodes.enumerated() { nodeIndexByID[node.id] = i }
        self.nodeIDs = nodes.map(\.id)
        self.nodeIndexByID = nodeIndexByID
        var rank = [Int32](repeating: 0, count: n)
        for (r, i) in (0..<n).sorted(by: { nodes[$0].id.rawValue < nodes[$1].id.rawValue }).enumerated() {
            rank[i] = Int32(r)
        }
        self.nodeRank = rank
        self.kind = nodes.map(\.kind)
        let regionIndex = Dictionary(network.regions.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        self.region = nodes.map { regionIndex[$0.region] ?? -1 }
        self.latDeg = nodes.map(\.lat)
        self.lonDeg = nodes.map(\.lon)
        self.zone = nodes.enumerated().map { Int32(zoneFor($1.timezone, path: "nodes[\($0)].timezone")) }
        self.temperatures = nodes.map(\.temperatures)
        self.processingMinutes = nodes.map(\.processingMinutes)
        self.closedDays = nodes.map { $0.closedDates.map(\.day).sorted() }
        self.radiusKm = nodes.map { $0.radiusKm ?? 0 }
        self.promiseMinutes = nodes.map { $0.promiseMinutes ?? 0 }
        self.openMinute = nodes.map { $0.openHours?.open.minuteOfDay ?? 0 }
        self.closeMinute = nodes.map { $0.openHours?.close.minuteOfDay ?? 0 }
        self.sortMinutes = nodes.map { $0.sortMinutes ?? 0 }
        let sortedWaves = nodes.map { $0.waves.sorted { ($0.departs, $0.deliversBy) < ($1.departs, $1.deliversBy) } }
        self.waveDeparts = sortedWaves.map { $0.map(\.departs.minuteOfDay) }
        self.waveDeliversBy = sortedWaves.map { $0.map(\.deliversBy.minuteOfDay) }

        // Lanes grouped by origin, then destination.
        var lanes: [(from: Int, to: Int, transit: Int, departures: [Int])] = []
        for lane in network.lanes {
            guard let from = nodeIndexByID[lane.from], let to = nodeIndexByID[lane.to] else { continue }
            lanes.append((from, to, lane.transitMinutes, lane.departures.map(\.minuteOfDay).sorted()))
        }
        lanes.sort { ($0.from, $0.to, $0.transit) < ($1.from, $1.to, $1.transit) }
        var laneRange = [Range<Int>](repeating: 0..<0, count: n)
        var start = 0
        while start < lanes.count {
            var end = start
            while end < lanes.count, lanes[end].from == lanes[start].from { end += 1 }
            laneRange[lanes[start].from] = start..<end
            start = end
        }
        self.laneRange = laneRange
        self.laneTo = lanes.map { Int32($0.to) }
        self.laneTransit = lanes.map(\.transit)
        self.laneDepartures = lanes.map(\.departures)
        self.carrier = network.carrier
        self.carrierPickup = network.carrier.map { [$0.pickup.minuteOfDay] } ?? []

        // ZIPs → zones, stations, regions.
        self.zipTimeZoneToZone = zips.timeZoneIdentifiers.map { Int32(zoneFor($0, path: "")) }
        var zipStation = [Int32](repeating: -1, count: zips.count)
        for (i, node) in nodes.enumerated() where node.kind == .deliveryStation {
            for (j, z) in node.zips.enumerated() {
                guard let zi = zips.index(of: z) else {
                    issues.append(
                        LoadIssue(file: file, location: "nodes[\(i)].zips[\(j)]", message: "ZIP \(z) is not in the ZIP table"))
                    continue
                }
                zipStation[zi] = Int32(i)
            }
        }
        self.zipStation = zipStation
        let fcs = (0..<n).filter { nodes[$0].kind == .fulfillmentCenter }
        var zipRegion = [Int32](repeating: -1, count: zips.count)
        for zi in 0..<zips.count {
            if zipStation[zi] >= 0 {
                zipRegion[zi] = self.region[Int(zipStation[zi])]
                continue
            }
            let c = zips.coordinate(at: zi)
            var best = -1
            var bestKm = Double.infinity
            for f in fcs {
                let d = Geo.distanceKm(lat1: nodes[f].lat, lon1: nodes[f].lon, lat2: c.lat, lon2: c.lon)
                if d < bestKm || (d == bestKm && best >= 0 && rank[f] < rank[best]) {
                    best = f
                    bestKm = d
                }
            }
            zipRegion[zi] = best >= 0 ? self.region[best] : -1
        }
        self.zipRegion = zipRegion
        self.skuTemperature = catalog.temperatures
        self.zones = zones
        guard issues.isEmpty else { throw LoadError(issues) }
    }

    /// Number of nodes (dense indexes run from 0 to this).
    public var nodeCount: Int { nodeIDs.count }

    /// The dense index of a node.
    public func nodeIndex(of id: NodeID) -> Int? { nodeIndexByID[id] }

    /// The id of a dense node index.
    public func nodeID(at index: Int) -> NodeID { nodeIDs[index] }

    /// The clock of a destination ZIP (by ZIP table index).
    public func destinationZone(zipIndex: Int) -> ZoneTable {
        zones[Int(zipTimeZoneToZone[zips.timeZoneIndex(at: zipIndex)])]
    }

    /// Builds the promise stock index from stock entries; unknown nodes or SKUs are skipped.
    public func makeStockIndex(_ entries: [StockEntry]) -> StockIndex {
        var triples: [(sku: Int, node: Int, available: Int)] = []
        triples.reserveCapacity(entries.count)
        for e in entries {
            guard let s = catalog.index(of: e.sku), let nd = nodeIndexByID[e.node] else { continue }
            triples.append((s, nd, e.available))
        }
        return StockIndex(skuCount: catalog.count, entries: triples)
    }
}
