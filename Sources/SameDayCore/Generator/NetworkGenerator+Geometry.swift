// The planar geometry the network generator clusters with: a projection to kilometres, weighted k-means,
// recursive bisection and apportionment. NetworkClustering only; every distance written to the network is haversine.

/// A point in kilometres on an equirectangular projection centred on the contiguous US (39.5° N).
struct PlanePoint: Sendable, Hashable {
    var x: Double
    var y: Double

    static let kmPerDegree = Geo.earthRadiusKm * Double.pi / 180
    static let xScale = kmPerDegree * 0.771_625  // cos(39.5°)

    init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    init(_ c: Coordinate) {
        self.x = c.lon * Self.xScale
        self.y = c.lat * Self.kmPerDegree
    }

    func squaredDistance(to p: PlanePoint) -> Double {
        let dx = x - p.x
        let dy = y - p.y
        return dx * dx + dy * dy
    }
}

enum NetworkClustering {
    /// Weighted k-means (k-means++ seeding with the weights, then Lloyd iterations) of `points`.
    /// Returns the centres and each point's centre. Deterministic for a given generator state.
    static func kMeans(
        _ points: [PlanePoint], weights: [Double], k: Int, iterations: Int = 30, rng: inout SeededGenerator
    ) -> (centers: [PlanePoint], assignment: [Int]) {
        precondition(points.count == weights.count)
        guard k > 0, !points.isEmpty else { return ([], Array(repeating: 0, count: points.count)) }
        let k = min(k, points.count)
        var centers: [PlanePoint] = []
        centers.reserveCapacity(k)
        centers.append(points[pick(weights, &rng)])
        var nearest = points.map { $0.squaredDistance(to: centers[0]) }
        while centers.count < k {
            var scores = [Double](repeating: 0, count: points.count)
            for i in points.indices { scores[i] = nearest[i] * weights[i] }
            let chosen = pick(scores, &rng)
            centers.append(points[chosen])
            let c = points[chosen]
            for i in points.indices { nearest[i] = min(nearest[i], points[i].squaredDistance(to: c)) }
        }
        var assignment = [Int](repeating: 0, count: points.count)
        for _ in 0..<iterations {
            var changed = false
            for i in points.indices {
                var best = 0
                var bestD = Double.infinity
                for (j, c) in centers.enumerated() {
                    let d = points[i].squaredDistance(to: c)
                    if d < bestD {
                        bestD = d
                        best = j
                    }
                }
                if assignment[i] != best {
                    assignment[i] = best
                    changed = true
                }
            }
            var sx = [Double](repeating: 0, count: k)
            var sy = [Double](repeating: 0, count: k)
            var sw = [Double](repeating: 0, count: k)
            for i in points.indices {
                let a = assignment[i]
                sx[a] += points[i].x * weights[i]
                sy[a] += points[i].y * weights[i]
                sw[a] += weights[i]
            }
            for j in 0..<k where sw[j] > 0 { centers[j] = PlanePoint(x: sx[j] / sw[j], y: sy[j] / sw[j]) }
            if !changed { break }
        }
        return (centers, assignment)
    }

    /// An index drawn with probability proportional to `weights` (the first one when all are zero).
    static func pick(_ weights: [Double], _ rng: inout SeededGenerator) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        var target = rng.unit() * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }

    /// Splits `items` into `parts` groups of nearly equal total weight by recursive bisection: each cut is
    /// perpendicular to the longer side of the group's bounding box, at the weighted quantile that gives each
    /// side weight in proportion to the parts it will hold (within 8% of the group's weight, trading a little balance
    /// for a cut through few people: see the comment inside). Groups are axis-aligned boxes, so each is contiguous.
    static let bandKm = 20.0

    static func bisect(_ items: [Int], points: [PlanePoint], weights: [Double], parts: Int) -> [[Int]] {
        guard parts > 1, items.count > 1 else { return [items] }
        let left = parts / 2
        let xs = items.map { points[$0].x }
        let ys = items.map { points[$0].y }
        let alongX = (xs.max()! - xs.min()!) >= (ys.max()! - ys.min()!)
        let sorted = items.sorted { a, b in
            let ka = alongX ? points[a].x : points[a].y
            let kb = alongX ? points[b].x : points[b].y
            return ka != kb ? ka < kb : a < b
        }
        let keys = sorted.map { alongX ? points[$0].x : points[$0].y }
        let total = sorted.reduce(0) { $0 + weights[$1] }
        let target = total * Double(left) / Double(parts)
        // Candidate cuts: those leaving the left side within `slack` of its share. Among them, the one with the
        // least (people within ±`bandKm` of the cut + 2 × imbalance), so borders run through sparse country
        // rather than through a metro, at a small cost in balance.
        let slack = total * 0.08
        var prefix = [Double](repeating: 0, count: sorted.count + 1)
        for (i, item) in sorted.enumerated() { prefix[i + 1] = prefix[i] + weights[item] }
        var lo = 0
        var hi = 0
        var cut = -1
        var bestBand = Double.infinity
        var bestMiss = Double.infinity
        for i in 1..<sorted.count where abs(prefix[i] - target) <= slack && keys[i] > keys[i - 1] {
            let line = (keys[i] + keys[i - 1]) / 2
            while lo < sorted.count && keys[lo] < line - bandKm { lo += 1 }
            while hi < sorted.count && keys[hi] <= line + bandKm { hi += 1 }
            let band = prefix[hi] - prefix[lo]
            let miss = abs(prefix[i] - target)
            let score = band + 2 * miss
            if score < bestBand || (score == bestBand && miss < bestMiss) {
                bestBand = score
                bestMiss = miss
                cut = i
            }
        }
        if cut < 0 {
            // No candidate (a tiny or lumpy group): the plain weighted quantile.
            cut = 1
            while cut < sorted.count - 1 && prefix[cut] + weights[sorted[cut]] / 2 <= target { cut += 1 }
        }
        return bisect(Array(sorted[..<cut]), points: points, weights: weights, parts: left)
            + bisect(Array(sorted[cut...]), points: points, weights: weights, parts: parts - left)
    }

    /// Splits `seats` among parties in proportion to `shares` (largest remainder, ties to the lower index).
    static func apportion(_ seats: Int, _ shares: [Double]) -> [Int] {
        let total = shares.reduce(0, +)
        guard total > 0 else { return shares.map { _ in 0 } }
        let quotas = shares.map { $0 / total * Double(seats) }
        var result = quotas.map { Int($0.rounded(.down)) }
        let order = quotas.indices.sorted { a, b in
            let ra = quotas[a] - quotas[a].rounded(.down)
            let rb = quotas[b] - quotas[b].rounded(.down)
            return ra != rb ? ra > rb : a < b
        }
        for i in order.prefix(max(0, seats - result.reduce(0, +))) { result[i] += 1 }
        return result
    }
}
