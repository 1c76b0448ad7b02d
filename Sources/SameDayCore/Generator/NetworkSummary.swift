// Figures that describe a network to a planner: what `sameday network show` prints and docs/network.md tables.

/// A network's shape: per region its nodes, stations and the people they serve; overall, who a station reaches
/// and who gets same-day.
public struct NetworkSummary: Sendable {
    /// One region's figures.
    public struct RegionFigures: Sendable {
        public var id: RegionID
        public var name: String
        /// Node count per kind.
        public var nodes: [NodeKind: Int]
        /// States with at least one ZIP whose region (see ``NetworkSummary/init(network:zips:)``) is this one,
        /// most populous first.
        public var states: [String]
        /// ZIPs and population whose region this is.
        public var zipCount: Int
        public var population: Double
    }

    public var regions: [RegionFigures]
    public var nodeCounts: [NodeKind: Int]
    public var laneCount: Int
    public var zipCount: Int
    public var population: Double
    /// ZIPs (and their population) a delivery station serves; the rest can only be reached by the carrier.
    public var stationZipCount: Int
    public var stationPopulation: Double
    /// Population whose station delivers the same day an order placed at 08:00 on the station's clock
    /// (a regular day: no closed date, no clock change), through some lane into it.
    public var sameDayPopulation: Double
    /// ZIPs of the network that the ZIP table lacks.
    public var unknownZips: [ZIP]

    /// The figures of `network` against `zips`. A ZIP's region is its station's; where no station serves it,
    /// the region of the nearest fulfillment center (as spec/promise.md ranks plans).
    /// - Complexity: O(z · f + lanes) for z ZIPs and f fulfillment centers.
    public init(network: Network, zips: ZipTable) {
        var nodeCounts: [NodeKind: Int] = [:]
        for node in network.nodes { nodeCounts[node.kind, default: 0] += 1 }
        self.nodeCounts = nodeCounts
        self.laneCount = network.lanes.count
        self.zipCount = zips.count

        var regionIndex: [RegionID: Int] = [:]
        for (i, r) in network.regions.enumerated() { regionIndex[r.id] = i }
        var stationOfRow = [Int](repeating: -1, count: zips.count)
        var unknown: [ZIP] = []
        for (n, node) in network.nodes.enumerated() where node.kind == .deliveryStation {
            for zip in node.zips {
                if let row = zips.index(of: zip) { stationOfRow[row] = n } else { unknown.append(zip) }
            }
        }
        self.unknownZips = unknown

        // Same-day stations: an order at 08:00 station-local reaches a wave that day.
        var zones: [String: ZoneTable] = [:]
        func zone(_ id: String) -> ZoneTable? {
            if let z = zones[id] { return z }
            let z = ZoneTable(identifier: id)
            zones[id] = z
            return z
        }
        let nodeIndex = Dictionary(network.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let referenceDay = LocalDate(year: 2026, month: 10, dayOfMonth: 14).day  // a Wednesday, no holiday
        var sameDayStation = Set<Int>()
        for lane in network.lanes {
            guard let f = nodeIndex[lane.from], let s = nodeIndex[lane.to] else { continue }
            let from = network.nodes[f]
            let station = network.nodes[s]
            guard let fz = zone(from.timezone), let sz = zone(station.timezone) else { continue }
            let order = sz.instant(day: referenceDay, minuteOfDay: 8 * 60)
            let ready = order + from.processingMinutes
            // First departure at or after `ready`, on the origin's clock.
            let readyLocal = fz.localMinutes(of: ready)
            let readyDay = CivilCalendar.floorDiv(readyLocal, 1440)
            let readyMinute = readyLocal - readyDay * 1440
            guard let departure = lane.departures.first(where: { $0.minuteOfDay >= readyMinute }) else { continue }
            let arrival = fz.instant(day: readyDay, minuteOfDay: departure.minuteOfDay) + lane.transitMinutes
            let sorted = arrival + (station.sortMinutes ?? 0)
            let sortedLocal = sz.localMinutes(of: sorted)
            guard CivilCalendar.floorDiv(sortedLocal, 1440) == referenceDay else { continue }
            let minute = sortedLocal - referenceDay * 1440
            if station.waves.contains(where: { $0.departs.minuteOfDay >= minute }) { sameDayStation.insert(s) }
        }

        let fcs = network.nodes.filter { $0.kind == .fulfillmentCenter }
        var figures = network.regions.map {
            RegionFigures(id: $0.id, name: $0.name, nodes: [:], states: [], zipCount: 0, population: 0)
        }
        for node in network.nodes {
            if let r = regionIndex[node.region] { figures[r].nodes[node.kind, default: 0] += 1 }
        }
        var statePopulation: [[String: Double]] = Array(repeating: [:], count: figures.count)
        var total = 0.0
        var stationZips = 0
        var stationPopulation = 0.0
        var sameDay = 0.0
        for row in 0..<zips.count {
            let people = zips.population(at: row)
            total += people
            var region: RegionID?
            if stationOfRow[row] >= 0 {
                let s = stationOfRow[row]
                region = network.nodes[s].region
                stationZips += 1
                stationPopulation += people
                if sameDayStation.contains(s) { sameDay += people }
            } else {
                let c = zips.coordinate(at: row)
                var best = Double.infinity
                for fc in fcs {
                    let d = Geo.distanceKm(fc.coordinate, c)
                    if d < best {
                        best = d
                        region = fc.region
                    }
                }
            }
            if let region, let r = regionIndex[region] {
                figures[r].zipCount += 1
                figures[r].population += people
                statePopulation[r][zips.state(at: row), default: 0] += people
            }
        }
        for r in figures.indices {
            figures[r].states = statePopulation[r].sorted { a, b in
                a.value != b.value ? a.value > b.value : a.key < b.key
            }.map(\.key)
        }
        self.regions = figures
        self.population = total
        self.stationZipCount = stationZips
        self.stationPopulation = stationPopulation
        self.sameDayPopulation = sameDay
    }
}
