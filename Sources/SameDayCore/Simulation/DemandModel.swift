// Who orders what, where and when: a seeded model of demand over the ZIP table and the catalog.
//
// Destinations by ZIP population, instants over the destination's local day by an hourly curve, SKUs by a
// Zipf-like popularity over a seeded permutation of the catalog, lines and quantities from small distributions.
// The simulator draws a whole day from it; a server's live traffic draws one order at a time for "now".

import Foundation

/// One order drawn from the demand model.
public struct DemandOrder: Sendable, Hashable {
    /// The destination's row in the ZIP table.
    public var zipIndex: Int
    /// When it is placed.
    public var at: Instant
    /// Catalog indexes of its SKUs (distinct) and their quantities, in line order.
    public var skus: [Int]
    public var quantities: [Int]
}

/// A seeded demand model over an engine's ZIP table and catalog. Immutable and shareable across threads.
///
/// Memory: 8 bytes per ZIP (the population CDF) and 16 per SKU (the popularity CDF and the permutation).
public struct DemandModel: Sendable {
    public let parameters: DemandParameters
    let engine: PromiseEngine
    /// Cumulative population over the ZIP table, in row order.
    let zipCDF: [Double]
    /// Cumulative weight of local hours 0…23.
    let hourCDF: [Double]
    let lineCountCDF: [Double]
    let quantityCDF: [Double]
    /// Cumulative popularity by rank, and the catalog index of each rank.
    let popularityCDF: [Double]
    let skuOfRank: [Int]
    /// Per ZIP time zone (`ZipTable.timeZoneIndex`): its clock, its ZIP rows and their cumulative population.
    let zoneClocks: [ZoneTable]
    let zoneRows: [[Int]]
    let zoneCDF: [[Double]]

    /// A model of demand over `engine`'s ZIPs and catalog; `seed` fixes which SKUs are popular. With `stock`, a
    /// SKU's popularity rank follows how deep it is stocked (a retailer stocks what sells), blurred by seeded noise;
    /// without, the ranks are a seeded permutation of the catalog.
    public init(engine: PromiseEngine, parameters: DemandParameters, seed: UInt64, stock: StockIndex? = nil) {
        self.engine = engine
        self.parameters = parameters
        let zips = engine.zips
        zipCDF = Self.cumulative((0..<zips.count).map { zips.population(at: $0) })
        hourCDF = Self.cumulative(parameters.hourlyWeights)
        lineCountCDF = Self.cumulative(parameters.lineCountWeights)
        quantityCDF = Self.cumulative(parameters.quantityWeights)
        let skuCount = engine.catalog.count
        popularityCDF = Self.cumulative((0..<skuCount).map { 1 / pow(Double($0 + 1), parameters.popularityExponent) })
        skuOfRank = Self.ranks(skuCount: skuCount, stock: stock, seed: seed)
        var rows = [[Int]](repeating: [], count: zips.timeZoneIdentifiers.count)
        for row in 0..<zips.count { rows[zips.timeZoneIndex(at: row)].append(row) }
        zoneRows = rows
        zoneCDF = rows.map { Self.cumulative($0.map { zips.population(at: $0) }) }
        zoneClocks = rows.map {
            $0.isEmpty ? ZoneTable(identifier: "UTC", fixedOffsetMinutes: 0) : engine.destinationZone(zipIndex: $0[0])
        }
    }

    /// Standard deviation of the seeded noise on log stock depth that orders SKUs by popularity (a factor of
    /// about 1.65 either way): deep stock makes a SKU likely popular, not certainly.
    public static let popularityNoise = 0.5

    /// Catalog indexes by popularity rank: by log(d + 1) + noise, descending (ties: catalog order), where d is
    /// the SKU's mean units per stocking node (how deep each location stocks it, whatever how many locations do:
    /// cold SKUs sit at every cold-capable center for the cold chain, not for their sales); without stock, a
    /// seeded Fisher–Yates permutation.
    static func ranks(skuCount: Int, stock: StockIndex?, seed: UInt64) -> [Int] {
        var rng = SeededGenerator(seed: seed).stream("popularity")
        guard let stock else {
            var permutation = Array(0..<skuCount)
            if skuCount > 1 {
                for i in stride(from: skuCount - 1, to: 0, by: -1) { permutation.swapAt(i, rng.int(in: 0...i)) }
            }
            return permutation
        }
        let keys = (0..<skuCount).map { sku -> Double in
            var units = 0
            for slot in stock.row(sku) { units += stock.available(at: slot) }
            let depth = Double(units) / Double(max(stock.row(sku).count, 1))
            // Box–Muller: a standard normal from two uniform draws.
            let u = 1 - rng.unit()
            let v = rng.unit()
            let z = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
            return log(depth + 1) + popularityNoise * z
        }
        return (0..<skuCount).sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
    }

    /// The catalog index of the SKU of popularity rank `rank` (0 is the most popular).
    public func sku(ofRank rank: Int) -> Int { skuOfRank[rank] }

    /// An order to a destination drawn by population, at a local time on `date` (the destination's own date)
    /// drawn by the hourly curve, minute uniform within the hour.
    public func order(on date: LocalDate, using rng: inout SeededGenerator) -> DemandOrder {
        let zipIndex = Self.draw(zipCDF, &rng)
        let minute = Self.draw(hourCDF, &rng) * 60 + rng.int(in: 0...59)
        let at = engine.destinationZone(zipIndex: zipIndex).instant(day: date.day, minuteOfDay: minute)
        return lines(zipIndex: zipIndex, at: at, &rng)
    }

    /// An order placed at `instant`: the destination is drawn by population weighted by the hourly curve at each
    /// destination's local hour then (live traffic: most orders come from where it is mid-morning).
    public func order(at instant: Instant, using rng: inout SeededGenerator) -> DemandOrder {
        let weights = zoneRows.indices.map { z -> Double in
            guard let total = zoneCDF[z].last else { return 0 }
            let local = zoneClocks[z].localMinutes(of: instant)
            let hour = (local - CivilCalendar.floorDiv(local, 1440) * 1440) / 60
            return total * parameters.hourlyWeights[hour % parameters.hourlyWeights.count]
        }
        let zone = Self.draw(Self.cumulative(weights), &rng)
        let zipIndex = zoneRows[zone][Self.draw(zoneCDF[zone], &rng)]
        return lines(zipIndex: zipIndex, at: instant, &rng)
    }

    /// The lines of an order: a line count, then distinct SKUs by popularity, each with a quantity.
    private func lines(zipIndex: Int, at: Instant, _ rng: inout SeededGenerator) -> DemandOrder {
        let count = min(Self.draw(lineCountCDF, &rng) + 1, skuOfRank.count)
        var skus: [Int] = []
        var quantities: [Int] = []
        skus.reserveCapacity(count)
        quantities.reserveCapacity(count)
        while skus.count < count {
            let sku = skuOfRank[Self.draw(popularityCDF, &rng)]
            guard !skus.contains(sku) else { continue }
            skus.append(sku)
            quantities.append(Self.draw(quantityCDF, &rng) + 1)
        }
        return DemandOrder(zipIndex: zipIndex, at: at, skus: skus, quantities: quantities)
    }

    /// A whole day of `count` orders to destinations whose local date is `date`, sorted by instant (orders at
    /// the same minute keep the order they were drawn in).
    /// - Complexity: O(n log n) for n orders.
    public func day(_ date: LocalDate, orders count: Int, seed: UInt64) -> [DemandOrder] {
        var rng = SeededGenerator(seed: seed).stream("orders")
        var orders: [DemandOrder] = []
        orders.reserveCapacity(count)
        for _ in 0..<count { orders.append(order(on: date, using: &rng)) }
        // Minutes since the epoch fit in 32 bits until the year 6053; the draw index takes the low 32.
        let keys = orders.indices.map { UInt64(UInt32(truncatingIfNeeded: orders[$0].at.minutes)) << 32 | UInt64($0) }
        return keys.sorted().map { orders[Int($0 & 0xFFFF_FFFF)] }
    }

    /// Running sums of `weights`.
    static func cumulative(_ weights: [Double]) -> [Double] {
        var sum = 0.0
        return weights.map { w in
            sum += max(0, w)
            return sum
        }
    }

    /// The index drawn from running sums `cdf`: the first whose sum exceeds a uniform draw below the total.
    static func draw(_ cdf: [Double], _ rng: inout SeededGenerator) -> Int {
        guard let total = cdf.last, total > 0 else { return 0 }
        let u = rng.unit() * total
        var lo = 0
        var hi = cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cdf[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
