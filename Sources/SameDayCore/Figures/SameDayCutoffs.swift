// Until when can each city still order for today? For every city of the ZIP table, the latest local time on a
// date at which a one-unit order of one SKU is still delivered that same date, over a given stock.

/// The same-day cutoff of every city (state + city of the ZIP table) on one date, for one SKU.
public struct SameDayCutoffs: Sendable {
    /// One city: where it is, how many people, and its cutoff.
    public struct City: Sendable, Hashable {
        public var state: String
        public var city: String
        /// Population-weighted centre of its ZIPs, degrees.
        public var lat: Double
        public var lon: Double
        /// People (the ZIP table's demand weights) in its ZIPs.
        public var people: Double
        /// The latest local minute of the day (0…1439, on the city's clock) at which ordering still gets delivery
        /// that day, the latest over its ZIPs; nil when no minute of the date does.
        public var cutoffMinute: Int?
    }

    /// What the figures report.
    public struct Summary: Sendable, Hashable {
        public var date: LocalDate
        public var sku: SKU?
        /// Cities with a same-day cutoff.
        public var cities: Int
        /// Cities whose cutoff is 12:00 or later.
        public var citiesOrderingUntilNoon: Int
        /// All cities of the ZIP table.
        public var citiesInTable: Int

        public init(date: LocalDate, sku: SKU?, cities: Int, citiesOrderingUntilNoon: Int, citiesInTable: Int) {
            self.date = date
            self.sku = sku
            self.cities = cities
            self.citiesOrderingUntilNoon = citiesOrderingUntilNoon
            self.citiesInTable = citiesInTable
        }

        /// `{"cities": …, "citiesOrderingUntilNoon": …, "citiesInTable": …, "sku": …, "date": …}`.
        public func writeJSON(to out: inout [UInt8]) {
            JSONText.raw(#"{"cities":"#, to: &out)
            JSONText.write(cities, to: &out)
            JSONText.raw(#","citiesOrderingUntilNoon":"#, to: &out)
            JSONText.write(citiesOrderingUntilNoon, to: &out)
            JSONText.raw(#","citiesInTable":"#, to: &out)
            JSONText.write(citiesInTable, to: &out)
            JSONText.raw(#","sku":"#, to: &out)
            if let sku { JSONText.write(sku.rawValue, to: &out) } else { JSONText.raw("null", to: &out) }
            JSONText.raw(#","date":"#, to: &out)
            JSONText.write(date.description, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    public var date: LocalDate
    public var sku: SKU?
    /// Every city of the ZIP table, by state then name.
    public var cities: [City]

    /// The local hour 12:00, in minutes.
    public static let noon = 720

    public var summary: Summary {
        let with = cities.filter { $0.cutoffMinute != nil }
        return Summary(
            date: date, sku: sku, cities: with.count,
            citiesOrderingUntilNoon: with.filter { ($0.cutoffMinute ?? 0) >= Self.noon }.count,
            citiesInTable: cities.count)
    }

    /// The cutoffs of every city on `date` (each city's own local date) for a one-unit order of `sku` (a catalog
    /// index; nil gives every city no cutoff) over `stock`.
    ///
    /// Exact, not sampled: ordering later never delivers earlier through a station or the carrier, so from any
    /// start the minutes that deliver the same date run up to the promise's `orderBy`, and from there the next
    /// promise continues the run; a now-site adds a run from its opening, so runs start at midnight and at every
    /// now-site's opening.
    /// - Complexity: O(Z · r) single-line promises for Z ZIPs and r runs (1 to 3).
    public static func compute(engine: PromiseEngine, stock: StockIndex, date: LocalDate, sku: Int?) -> SameDayCutoffs {
        let zips = engine.zips
        var cityIndex: [String: Int] = [:]
        var cities: [City] = []
        var weighted: [(lat: Double, lon: Double)] = []
        let opens = nowSiteOpenings(engine, date: date)
        for z in 0..<zips.count {
            let state = zips.state(at: z)
            let name = zips.city(at: z)
            let key = state + "\u{0}" + name
            let c: Int
            if let known = cityIndex[key] {
                c = known
            } else {
                c = cities.count
                cityIndex[key] = c
                cities.append(City(state: state, city: name, lat: 0, lon: 0, people: 0, cutoffMinute: nil))
                weighted.append((0, 0))
            }
            let people = zips.population(at: z)
            let at = zips.coordinate(at: z)
            cities[c].people += people
            weighted[c].lat += at.lat * people
            weighted[c].lon += at.lon * people
            if let sku, let minute = cutoff(engine, stock: stock, zip: z, date: date, sku: sku, opens: opens) {
                cities[c].cutoffMinute = max(cities[c].cutoffMinute ?? minute, minute)
            }
        }
        for c in cities.indices where cities[c].people > 0 {
            cities[c].lat = weighted[c].lat / cities[c].people
            cities[c].lon = weighted[c].lon / cities[c].people
        }
        cities.sort { ($0.state, $0.city) < ($1.state, $1.city) }
        return SameDayCutoffs(date: date, sku: sku.map { engine.catalog.sku(at: $0) }, cities: cities)
    }

    /// The now-sites' opening instants on `date` (their own clocks), with their index, for the runs that start there.
    static func nowSiteOpenings(_ engine: PromiseEngine, date: LocalDate) -> [(node: Int, at: Int)] {
        (0..<engine.nodeCount).filter { engine.kind[$0] == .nowSite }.flatMap { n -> [(node: Int, at: Int)] in
            let clock = engine.zones[Int(engine.zone[n])]
            // Its opening on the dates around `date`: the destination's date may differ from the site's.
            return (-1...1).map { (n, clock.instant(day: date.day + $0, minuteOfDay: engine.openMinute[n]).minutes) }
        }
    }

    /// The latest local minute of `date` on ZIP `z`'s clock at which a one-unit order of `sku` is delivered the
    /// same date, or nil.
    static func cutoff(
        _ engine: PromiseEngine, stock: StockIndex, zip z: Int, date: LocalDate, sku: Int, opens: [(node: Int, at: Int)]
    ) -> Int? {
        let clock = engine.destinationZone(zipIndex: z)
        let start = clock.instant(day: date.day, minuteOfDay: 0).minutes
        let end = clock.instant(day: date.day + 1, minuteOfDay: 0).minutes
        var starts = [start]
        let d = engine.destination(zipIndex: z)
        for (n, at) in opens where at > start && at < end {
            // Only sites whose radius can reach the ZIP start a run of their own.
            if engine.pathsUseDistance(node: n, d), engine.distanceKm(node: n, d) <= engine.radiusKm[n] {
                starts.append(at)
            }
        }
        var latest: Int?
        for first in starts {
            var t = first
            while t < end {
                let p = engine.linePromise(zipIndex: z, at: Instant(minutes: t), sku: sku, qty: 1, stock: stock)
                guard p.available, clock.localDay(of: p.deliverBy) == date.day else { break }
                let last = min(p.orderBy.minutes, end - 1)
                latest = max(latest ?? last, last)
                t = p.orderBy.minutes + 1
            }
        }
        return latest.map { clock.localMinutes(of: Instant(minutes: $0)) - date.day * 1440 }
    }
}
