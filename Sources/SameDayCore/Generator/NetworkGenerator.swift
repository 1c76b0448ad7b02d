// Derives a realistic US network from the ZIP table and a seed (issue 2, item 4; rules in docs/network.md).

/// Builds a network from a ``ZipTable``: regions, fulfillment centers, same-day sites, now-sites, delivery
/// stations, lanes and the carrier. Pure and deterministic: the same table, seed and options give the same
/// network (and so the same bytes from ``Network/jsonBytes()``).
public struct NetworkGenerator: Sendable {
    /// The planner's knobs. The defaults build the bundled `Data/networks/us.json`.
    public struct Options: Sendable, Hashable {
        /// The network file's `name`.
        public var name = "us"
        /// Regions over the contiguous US, balanced by population.
        public var regionCount = 10
        /// Fulfillment centers, apportioned to regions by population.
        public var fulfillmentCenterCount = 100
        /// Same-day sites, in the largest metros.
        public var sameDaySiteCount = 60
        /// Now-sites, in the densest neighbourhoods.
        public var nowSiteCount = 40
        /// Most same-day sites in one metro.
        public var sameDaySitesPerMetroMax = 4
        /// Most now-sites in one metro.
        public var nowSitesPerMetroMax = 3
        /// ZIPs within this great-circle distance of a shipping node get a delivery station.
        public var stationReachKm = 100.0
        /// People per station in the station count (plus one station per `zipsPerStation` ZIPs, for area).
        public var peoplePerStation = 500_000.0
        /// See `peoplePerStation`.
        public var zipsPerStation = 250.0
        /// Same-day sites run lanes to the stations of their metro: those within this distance.
        public var sameDayLaneKm = 60.0
        /// Road distance = this factor × great-circle distance.
        public var roadFactor = 1.2
        /// Average truck speed on the road distance.
        public var truckKmPerHour = 70.0
        /// Loading and unloading, added to every lane's drive.
        public var loadingMinutes = 30
        /// Dates on which every node is closed (Christmas Day).
        public var closedDates = [LocalDate(year: 2026, month: 12, dayOfMonth: 25)]
        /// Extra dates on which delivery stations are closed (no deliveries on New Year's Day).
        public var stationClosedDates = [LocalDate(year: 2027, month: 1, dayOfMonth: 1)]

        /// The defaults: the bundled network's options.
        public init() {}
    }

    /// The knobs this generator uses.
    public var options: Options

    /// A generator with `options` (by default those of the bundled network).
    public init(options: Options = Options()) { self.options = options }

    /// States and territories outside the contiguous US: served by the carrier, attached for reporting to the
    /// region of their nearest fulfillment center (AK to the Northwest's, HI and the Pacific islands to
    /// California's, PR/VI to the Southeast's).
    public static let offshoreStates: Set<String> = [
        "AK", "HI", "PR", "VI", "GU", "MP", "AS", "PW", "MH", "FM", "AA", "AE", "AP",
    ]

    static let fulfillmentDepartures = [
        LocalTime(hour: 5, minute: 0), LocalTime(hour: 11, minute: 0),
        LocalTime(hour: 15, minute: 0), LocalTime(hour: 21, minute: 0),
    ]
    static let sameDayDepartures = [
        LocalTime(hour: 6, minute: 0), LocalTime(hour: 9, minute: 0),
        LocalTime(hour: 12, minute: 0), LocalTime(hour: 14, minute: 30),
    ]
    static let nowSiteDepartures = [
        LocalTime(hour: 8, minute: 0), LocalTime(hour: 12, minute: 0),
        LocalTime(hour: 15, minute: 0),
    ]
    /// Every station's morning and evening waves.
    static let waves = [
        Wave(departs: LocalTime(hour: 9, minute: 30), deliversBy: LocalTime(hour: 14, minute: 0)),
        Wave(departs: LocalTime(hour: 16, minute: 30), deliversBy: LocalTime(hour: 21, minute: 0)),
    ]

    /// The network for `zips` and `seed`.
    public func generate(zips: ZipTable, seed: UInt64) -> Network {
        var plan = NetworkPlan(zips: zips, options: options, seed: seed)
        return plan.build()
    }
}

/// The working state of one generation.
struct NetworkPlan {
    let zips: ZipTable
    let options: NetworkGenerator.Options
    let root: SeededGenerator

    /// Rows of the contiguous US (lower 48 and DC).
    var mainland: [Int] = []
    var points: [PlanePoint] = []  // by row
    var population: [Double] = []  // by row
    /// Region index of each row (-1 offshore until assigned to its nearest fulfillment center's).
    var regionOfRow: [Int] = []
    var regions: [Region] = []
    var nodes: [Node] = []

    init(zips: ZipTable, options: NetworkGenerator.Options, seed: UInt64) {
        self.zips = zips
        self.options = options
        self.root = SeededGenerator(seed: seed)
    }

    func coordinate(_ row: Int) -> Coordinate { zips.coordinate(at: row) }
    func timezone(_ row: Int) -> String { zips.timeZoneIdentifiers[zips.timeZoneIndex(at: row)] }

    mutating func build() -> Network {
        points = (0..<zips.count).map { PlanePoint(zips.coordinate(at: $0)) }
        population = (0..<zips.count).map { zips.population(at: $0) }
        mainland = (0..<zips.count).filter { !NetworkGenerator.offshoreStates.contains(zips.state(at: $0)) }
        regionOfRow = Array(repeating: -1, count: zips.count)
        guard !mainland.isEmpty else {
            return Network(name: options.name, regions: [], nodes: [], lanes: [], carrier: carrier(maxDistanceKm: 0))
        }

        let regionRows = makeRegions()
        let fcs = makeFulfillmentCenters(regionRows)
        let metros = findMetros()
        let sameDay = makeSameDaySites(metros)
        let now = makeNowSites(metros)
        let shipping = fcs + sameDay + now
        let stations = makeStations(shipping: shipping)
        var lanes = makeLanes(fcs: fcs, sameDay: sameDay, now: now, stations: stations)
        // A station receives the cold chain when some lane into it starts at a chilled-capable node.
        var coldStations = Set<Int>()
        for lane in lanes where nodes[lane.from].temperatures.contains(.chilled) { coldStations.insert(lane.to) }
        for s in coldStations { nodes[s].temperatures = TemperatureSet([.ambient, .chilled, .frozen]) }
        lanes.sort { ($0.from, $0.to) < ($1.from, $1.to) }

        // Offshore ZIPs report to their nearest fulfillment center's region; measure the carrier's reach.
        var farthest = 0.0
        for row in 0..<zips.count {
            var best = Double.infinity
            var bestRegion = 0
            for f in fcs {
                let d = Geo.distanceKm(nodes[f].coordinate, coordinate(row))
                if d < best {
                    best = d
                    bestRegion = regionIndex(nodes[f].region)
                }
            }
            if regionOfRow[row] < 0 { regionOfRow[row] = bestRegion }
            farthest = max(farthest, best)
        }

        // File order: kind, then id.
        let kindOrder: [NodeKind] = [.fulfillmentCenter, .sameDaySite, .nowSite, .deliveryStation]
        let order = nodes.indices.sorted { a, b in
            let ka = kindOrder.firstIndex(of: nodes[a].kind)!
            let kb = kindOrder.firstIndex(of: nodes[b].kind)!
            return ka != kb ? ka < kb : nodes[a].id < nodes[b].id
        }
        let networkLanes = lanes.map { lane in
            Lane(
                from: nodes[lane.from].id, to: nodes[lane.to].id, departures: lane.departures,
                transitMinutes: lane.transitMinutes)
        }.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        return Network(
            name: options.name, regions: regions, nodes: order.map { nodes[$0] }, lanes: networkLanes,
            carrier: carrier(maxDistanceKm: farthest))
    }

    func regionIndex(_ id: RegionID) -> Int { regions.firstIndex { $0.id == id } ?? 0 }

    /// The spec's carrier with distance bands that reach every ZIP of the table from its nearest center.
    func carrier(maxDistanceKm: Double) -> Carrier {
        var bands = [(300.0, 1), (800, 2), (1600, 3), (3000, 4), (6000, 5), (10000, 6)].map {
            TransitBand(maxKm: $0.0, days: $0.1)
        }
        var km = 10000.0
        var days = 6
        while km < maxDistanceKm {
            km += 2000
            days += 1
            bands.append(TransitBand(maxKm: km, days: days))
        }
        return Carrier(
            pickup: LocalTime(hour: 18, minute: 0), deliversBy: LocalTime(hour: 20, minute: 0),
            transitDays: bands)
    }

    // MARK: Regions

    /// Ten population-balanced boxes by recursive bisection, west to east, named after their main states
    /// (those with at least 15% of the region's people, at most three; a state of which the region holds less
    /// than 80% of the people is qualified by the compass direction of its part: `ca-north`, "Northern California").
    mutating func makeRegions() -> [[Int]] {
        var groups = NetworkClustering.bisect(mainland, points: points, weights: population, parts: options.regionCount)
        // West to east by population-weighted centre.
        func centreX(_ g: [Int]) -> Double {
            let w = g.reduce(0) { $0 + population[$1] }
            return g.reduce(0) { $0 + points[$1].x * population[$1] } / max(w, 1)
        }
        groups.sort { centreX($0) < centreX($1) }
        // Each state's population and centre, to qualify the states a region shares with others.
        var stateTotal: [String: Double] = [:]
        var stateLat: [String: Double] = [:]
        var stateLon: [String: Double] = [:]
        for row in mainland {
            let state = zips.state(at: row)
            stateTotal[state, default: 0] += population[row]
            stateLat[state, default: 0] += coordinate(row).lat * population[row]
            stateLon[state, default: 0] += coordinate(row).lon * population[row]
        }
        var usedIDs = Set<String>()
        for (r, group) in groups.enumerated() {
            var people: [String: Double] = [:]
            var lat: [String: Double] = [:]
            var lon: [String: Double] = [:]
            for row in group {
                let state = zips.state(at: row)
                people[state, default: 0] += population[row]
                lat[state, default: 0] += coordinate(row).lat * population[row]
                lon[state, default: 0] += coordinate(row).lon * population[row]
            }
            let total = people.values.reduce(0, +)
            let ranked = people.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
            let named = ranked.enumerated().filter { $0.offset == 0 || $0.element.value >= 0.15 * total }.prefix(3)
            var idParts: [String] = []
            var nameParts: [String] = []
            for (_, (state, p)) in named {
                let full = Self.stateNames[state] ?? state
                guard let all = stateTotal[state], all > 0, p < 0.8 * all else {
                    idParts.append(state.lowercased())
                    nameParts.append(full)
                    continue
                }
                // The part of a shared state: compass direction of this part's centre from the state's.
                let dLat = (lat[state]! / p - stateLat[state]! / all) * 111
                let dLon = (lon[state]! / p - stateLon[state]! / all) * 85
                let (word, adjective): (String, String) =
                    abs(dLat) >= abs(dLon)
                    ? (dLat >= 0 ? ("north", "Northern") : ("south", "Southern"))
                    : (dLon >= 0 ? ("east", "Eastern") : ("west", "Western"))
                idParts.append(state.lowercased() + "-" + word)
                nameParts.append(adjective + " " + full)
            }
            var id = idParts.joined(separator: "-")
            if usedIDs.contains(id) { id += "-\(r + 1)" }
            usedIDs.insert(id)
            let name =
                nameParts.count > 1
                ? nameParts.dropLast().joined(separator: ", ") + " and " + nameParts.last! : nameParts[0]
            regions.append(Region(id: RegionID(id), name: name))
            for row in group { regionOfRow[row] = r }
        }
        return groups
    }

    static let stateNames: [String: String] = [
        "AL": "Alabama", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
        "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
        "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky",
        "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
        "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska",
        "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
        "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
        "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
        "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
        "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "AK": "Alaska", "HI": "Hawaii",
    ]

    // MARK: Nodes

    /// The nearest row to `point` among `rows` not in `taken` (ties to the lower row).
    func snap(_ point: PlanePoint, among rows: [Int], avoiding taken: Set<Int> = []) -> Int {
        var best = rows[0]
        var bestD = Double.infinity
        for row in rows where !taken.contains(row) {
            let d = points[row].squaredDistance(to: point)
            if d < bestD || (d == bestD && row < best) {
                bestD = d
                best = row
            }
        }
        return best
    }

    mutating func addNode(kind: NodeKind, row: Int, prefix: String, configure: (inout Node) -> Void) -> Int {
        let c = coordinate(row)
        var node = Node(
            id: NodeID(prefix), kind: kind, region: regions[max(0, regionOfRow[row])].id, lat: c.lat, lon: c.lon,
            timezone: timezone(row), closedDates: options.closedDates)
        configure(&node)
        nodes.append(node)
        return nodes.count - 1
    }

    /// Numbers nodes per state in the order given: `FC-WA-01`, `FC-WA-02`, …
    mutating func name(_ indexes: [Int], rows: [Int], prefix: String, digits: Int) {
        var counts: [String: Int] = [:]
        for (i, row) in zip(indexes, rows) {
            let state = zips.state(at: row)
            let n = (counts[state] ?? 0) + 1
            counts[state] = n
            let number = String(n)
            let padded = String(repeating: "0", count: max(0, digits - number.count)) + number
            nodes[i].id = NodeID("\(prefix)-\(state)-\(padded)")
        }
    }

    /// About 100 fulfillment centers, apportioned to regions by population and placed by weighted k-means;
    /// in each region the busier half (by population of their catchment) also handle chilled and frozen.
    mutating func makeFulfillmentCenters(_ regionRows: [[Int]]) -> [Int] {
        var rng = root.stream("fulfillment-centers")
        let shares = regionRows.map { $0.reduce(0) { $0 + population[$1] } }
        let counts = NetworkClustering.apportion(options.fulfillmentCenterCount, shares)
        var created: [(index: Int, row: Int, weight: Double)] = []
        for (r, rows) in regionRows.enumerated() where counts[r] > 0 && !rows.isEmpty {
            let (centers, assignment) = NetworkClustering.kMeans(
                rows.map { points[$0] }, weights: rows.map { population[$0] }, k: counts[r], rng: &rng)
            var catchment = [Double](repeating: 0, count: centers.count)
            for (i, a) in assignment.enumerated() { catchment[a] += population[rows[i]] }
            let busiest = centers.indices.sorted {
                catchment[$0] != catchment[$1] ? catchment[$0] > catchment[$1] : $0 < $1
            }
            let cold = Set(busiest.prefix((centers.count + 1) / 2))
            var taken = Set<Int>()
            for (j, center) in centers.enumerated() {
                let row = snap(center, among: rows, avoiding: taken)
                taken.insert(row)
                let processing = 120 + 15 * rng.int(in: 0...8)
                let index = addNode(kind: .fulfillmentCenter, row: row, prefix: "FC") { node in
                    node.processingMinutes = processing
                    node.temperatures =
                        cold.contains(j) ? TemperatureSet([.ambient, .chilled, .frozen]) : TemperatureSet([.ambient])
                }
                created.append((index, row, catchment[j]))
            }
        }
        created.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.row < $1.row }
        name(created.map(\.index), rows: created.map(\.row), prefix: "FC", digits: 2)
        return created.map(\.index).sorted()
    }

    /// A metro: a centre of population and the mainland rows within `metroRadiusKm` of it.
    struct Metro {
        var rows: [Int]
        var mass: Double
        var name: String
    }

    static let metroRadiusKm = 40.0

    /// Metros, largest first: greedy on 0.1° cells by the population within 40 km, at least 80 km apart.
    func findMetros(limit: Int = 80) -> [Metro] {
        struct Cell {
            var population = 0.0
            var x = 0.0
            var y = 0.0
            var rows: [Int] = []
        }
        func key(_ lat: Int, _ lon: Int) -> Int { (lat + 1000) * 10_000 + (lon + 2000) }
        var cells: [Int: Cell] = [:]
        var cellCoords: [Int: (Int, Int)] = [:]
        for row in mainland {
            let c = coordinate(row)
            let la = Int((c.lat * 10).rounded(.down))
            let lo = Int((c.lon * 10).rounded(.down))
            let k = key(la, lo)
            cells[k, default: Cell()].population += population[row]
            cells[k]!.x += points[row].x * population[row]
            cells[k]!.y += points[row].y * population[row]
            cells[k]!.rows.append(row)
            cellCoords[k] = (la, lo)
        }
        let keys = cells.keys.sorted()
        var centre: [Int: PlanePoint] = [:]
        for k in keys {
            let cell = cells[k]!
            centre[k] =
                cell.population > 0
                ? PlanePoint(x: cell.x / cell.population, y: cell.y / cell.population)
                : points[cell.rows[0]]
        }
        let r2 = Self.metroRadiusKm * Self.metroRadiusKm
        var mass: [Int: Double] = [:]
        for k in keys {
            let (la, lo) = cellCoords[k]!
            var m = 0.0
            for dla in -4...4 {
                for dlo in -7...7 {
                    let n = key(la + dla, lo + dlo)
                    if let cell = cells[n], centre[n]!.squaredDistance(to: centre[k]!) <= r2 { m += cell.population }
                }
            }
            mass[k] = m
        }
        let ranked = keys.sorted { mass[$0]! != mass[$1]! ? mass[$0]! > mass[$1]! : $0 < $1 }
        var chosen: [PlanePoint] = []
        var metros: [Metro] = []
        let apart = 4 * r2  // 80 km
        for k in ranked where metros.count < limit {
            let c = centre[k]!
            if chosen.contains(where: { $0.squaredDistance(to: c) < apart }) { continue }
            chosen.append(c)
            let rows = mainland.filter { points[$0].squaredDistance(to: c) <= r2 }
            var cityPopulation: [String: Double] = [:]
            for row in rows {
                cityPopulation[zips.city(at: row) + ", " + zips.state(at: row), default: 0] += population[row]
            }
            let name = cityPopulation.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? ""
            metros.append(Metro(rows: rows, mass: mass[k]!, name: name))
        }
        return metros
    }

    /// Same-day sites in the largest metros: seats by D'Hondt on metro population (at most 4 per metro),
    /// placed in each metro by weighted k-means.
    mutating func makeSameDaySites(_ metros: [Metro]) -> [Int] {
        var rng = root.stream("same-day-sites")
        var seats = [Int](repeating: 0, count: metros.count)
        for _ in 0..<options.sameDaySiteCount {
            var best = -1
            var bestQuotient = -1.0
            for (m, metro) in metros.enumerated() where seats[m] < options.sameDaySitesPerMetroMax {
                let q = metro.mass / Double(seats[m] + 1)
                if q > bestQuotient {
                    bestQuotient = q
                    best = m
                }
            }
            if best < 0 { break }
            seats[best] += 1
        }
        var created: [(index: Int, row: Int)] = []
        for (m, metro) in metros.enumerated() where seats[m] > 0 {
            let (centers, _) = NetworkClustering.kMeans(
                metro.rows.map { points[$0] }, weights: metro.rows.map { population[$0] }, k: seats[m], rng: &rng)
            var taken = Set<Int>()
            for center in centers {
                let row = snap(center, among: metro.rows, avoiding: taken)
                taken.insert(row)
                let processing = 60 + 15 * rng.int(in: 0...2)
                let index = addNode(kind: .sameDaySite, row: row, prefix: "SD") { node in
                    node.processingMinutes = processing
                    node.temperatures = TemperatureSet([.ambient, .chilled, .frozen])
                }
                created.append((index, row))
            }
        }
        name(created.map(\.index), rows: created.map(\.row), prefix: "SD", digits: 2)
        return created.map(\.index)
    }

    /// Now-sites in the densest neighbourhoods: ZIPs ranked by the population within 6 km, at least 12 km
    /// apart, at most 3 per metro; 30-minute delivery within 5–10 km, 07:00–23:00.
    mutating func makeNowSites(_ metros: [Metro]) -> [Int] {
        var rng = root.stream("now-sites")
        var candidates: [(row: Int, metro: Int, density: Double)] = []
        let near = 6.0 * 6.0
        for (m, metro) in metros.enumerated() {
            for row in metro.rows {
                var density = 0.0
                for other in metro.rows where points[other].squaredDistance(to: points[row]) <= near {
                    density += population[other]
                }
                candidates.append((row, m, density))
            }
        }
        candidates.sort { $0.density != $1.density ? $0.density > $1.density : $0.row < $1.row }
        var perMetro = [Int](repeating: 0, count: metros.count)
        var chosenRows: [Int] = []
        var seen = Set<Int>()
        let apart = 12.0 * 12.0
        for candidate in candidates where chosenRows.count < options.nowSiteCount {
            if seen.contains(candidate.row) || perMetro[candidate.metro] >= options.nowSitesPerMetroMax { continue }
            if chosenRows.contains(where: { points[$0].squaredDistance(to: points[candidate.row]) < apart }) {
                continue
            }
            seen.insert(candidate.row)
            perMetro[candidate.metro] += 1
            chosenRows.append(candidate.row)
        }
        var created: [Int] = []
        for row in chosenRows {
            let processing = 5 * rng.int(in: 0...2)
            let radius = 5 + rng.int(in: 0...10) / 2
            let index = addNode(kind: .nowSite, row: row, prefix: "NOW") { node in
                node.processingMinutes = processing
                node.temperatures = TemperatureSet([.ambient, .chilled, .frozen])
                node.radiusKm = Double(radius)
                node.promiseMinutes = 30
                node.openHours = OpenHours(open: LocalTime(hour: 7, minute: 0), close: LocalTime(hour: 23, minute: 0))
            }
            created.append(index)
        }
        name(created, rows: chosenRows, prefix: "NOW", digits: 2)
        return created
    }

    /// Stations for every ZIP within reach of a shipping node: per region, weighted k-means (weights √population,
    /// so sparse areas get stations too) with one station per 500,000 people plus one per 250 ZIPs; then each
    /// covered ZIP goes to its nearest station (by great-circle distance), in whatever region that is.
    mutating func makeStations(shipping: [Int]) -> [Int] {
        var rng = root.stream("stations")
        let reach = options.stationReachKm
        var covered: [[Int]] = Array(repeating: [], count: regions.count)
        var coveredRows: [Int] = []
        let reachPlane = reach * 1.3  // generous plane prefilter; the test is haversine
        for row in mainland {
            var isCovered = false
            for s in shipping {
                let p = PlanePoint(nodes[s].coordinate)
                if p.squaredDistance(to: points[row]) > reachPlane * reachPlane { continue }
                if Geo.distanceKm(nodes[s].coordinate, coordinate(row)) <= reach {
                    isCovered = true
                    break
                }
            }
            if isCovered {
                covered[regionOfRow[row]].append(row)
                coveredRows.append(row)
            }
        }
        var stationIndexes: [Int] = []
        var stationRows: [Int] = []
        for rows in covered where !rows.isEmpty {
            let people = rows.reduce(0) { $0 + population[$1] }
            let k = max(
                1, Int((people / options.peoplePerStation + Double(rows.count) / options.zipsPerStation).rounded()))
            let (centers, _) = NetworkClustering.kMeans(
                rows.map { points[$0] }, weights: rows.map { population[$0].squareRoot() }, k: k, rng: &rng)
            var taken = Set<Int>()
            for center in centers {
                let row = snap(center, among: rows, avoiding: taken)
                taken.insert(row)
                let sort = 30 + 15 * rng.int(in: 0...2)
                let closed = (options.closedDates + options.stationClosedDates).sorted()
                let index = addNode(kind: .deliveryStation, row: row, prefix: "DS") { node in
                    node.sortMinutes = sort
                    node.closedDates = closed
                    node.waves = NetworkGenerator.waves
                }
                stationIndexes.append(index)
                stationRows.append(row)
            }
        }
        // Each covered ZIP to its nearest station.
        var served: [[Int]] = Array(repeating: [], count: stationIndexes.count)
        let stationPoints = stationIndexes.map { PlanePoint(nodes[$0].coordinate) }
        for row in coveredRows {
            // Plane distances shortlist; haversine decides.
            var bestPlane = Double.infinity
            for p in stationPoints { bestPlane = min(bestPlane, p.squaredDistance(to: points[row])) }
            let limit = (bestPlane.squareRoot() * 1.15 + 5) * (bestPlane.squareRoot() * 1.15 + 5)
            var best = -1
            var bestD = Double.infinity
            for (j, p) in stationPoints.enumerated() where p.squaredDistance(to: points[row]) <= limit {
                let d = Geo.distanceKm(nodes[stationIndexes[j]].coordinate, coordinate(row))
                if d < bestD {
                    bestD = d
                    best = j
                }
            }
            if best >= 0 { served[best].append(row) }
        }
        var kept: [Int] = []
        var keptRows: [Int] = []
        for (j, index) in stationIndexes.enumerated() where !served[j].isEmpty {
            nodes[index].zips = served[j].sorted().map { zips.zip(at: $0) }
            kept.append(index)
            keptRows.append(stationRows[j])
        }
        // Stations nobody is served by are dropped: remove them from `nodes` (they are the last ones added).
        let dropped = Set(stationIndexes).subtracting(kept)
        if !dropped.isEmpty {
            var remap = [Int](repeating: -1, count: nodes.count)
            var newNodes: [Node] = []
            for (i, node) in nodes.enumerated() where !dropped.contains(i) {
                remap[i] = newNodes.count
                newNodes.append(node)
            }
            nodes = newNodes
            kept = kept.map { remap[$0] }
        }
        // Number stations per state, busiest first.
        let order = kept.indices.sorted { a, b in
            let za = nodes[kept[a]].zips.count
            let zb = nodes[kept[b]].zips.count
            return za != zb ? za > zb : keptRows[a] < keptRows[b]
        }
        name(order.map { kept[$0] }, rows: order.map { keptRows[$0] }, prefix: "DS", digits: 3)
        return kept
    }

    struct PlannedLane {
        var from: Int
        var to: Int
        var departures: [LocalTime]
        var transitMinutes: Int
    }

    func transitMinutes(_ a: Int, _ b: Int) -> Int {
        let road = Geo.distanceKm(nodes[a].coordinate, nodes[b].coordinate) * options.roadFactor
        return Int((road / options.truckKmPerHour * 60).rounded(.up)) + options.loadingMinutes
    }

    /// Lanes: each fulfillment center to every station of its region, whatever the distance (a region is
    /// self-sufficient), and every station also from its two nearest centers, whatever their region; each
    /// same-day site to the stations within 60 km; each now-site to its nearest station.
    func makeLanes(fcs: [Int], sameDay: [Int], now: [Int], stations: [Int]) -> [PlannedLane] {
        let fcTimes = NetworkGenerator.fulfillmentDepartures
        var lanes: [PlannedLane] = []
        for s in stations {
            let station = nodes[s]
            var fromHere: [Int] = []
            for f in fcs where nodes[f].region == station.region { fromHere.append(f) }
            let nearest = fcs.sorted { a, b in
                let da = Geo.distanceKm(nodes[a].coordinate, station.coordinate)
                let db = Geo.distanceKm(nodes[b].coordinate, station.coordinate)
                return da != db ? da < db : a < b
            }
            for f in nearest.prefix(2) where !fromHere.contains(f) { fromHere.append(f) }
            for f in fromHere.sorted() {
                lanes.append(PlannedLane(from: f, to: s, departures: fcTimes, transitMinutes: transitMinutes(f, s)))
            }
            for d in sameDay where Geo.distanceKm(nodes[d].coordinate, station.coordinate) <= options.sameDayLaneKm {
                lanes.append(
                    PlannedLane(
                        from: d, to: s, departures: NetworkGenerator.sameDayDepartures,
                        transitMinutes: transitMinutes(d, s)))
            }
        }
        for n in now {
            let nearest = stations.min { a, b in
                let da = Geo.distanceKm(nodes[a].coordinate, nodes[n].coordinate)
                let db = Geo.distanceKm(nodes[b].coordinate, nodes[n].coordinate)
                return da != db ? da < db : a < b
            }
            if let s = nearest {
                lanes.append(
                    PlannedLane(
                        from: n, to: s, departures: NetworkGenerator.nowSiteDepartures,
                        transitMinutes: transitMinutes(n, s)))
            }
        }
        return lanes
    }
}
