// Proven lower bounds on the number of containers an order needs, whichever containers are chosen.
//
// Every bound here relaxes the real problem, so it can only undercount:
// - the continuous and Martello–Toth L2 bounds of 1-D bin packing, on unit volumes (capacity: the largest
//   container volume) and on unit weights (capacity: the largest load);
// - the L2 bound of Martello, Pisinger and Vigo (2000) for 3-D bin packing with one container size, made
//   sound for rotations by using, for each unit, its smallest extent along an axis over its allowed
//   orientations (a unit that is "large" in every orientation is large in the one it is packed in). With a
//   catalog of sizes it is computed for a container as large as the largest along each axis: every real
//   container fits inside it, so a packing into real containers is one into those.
// Groups that may not share a container (each temperature, each hazmat unit, each own-container unit)
// add up.

/// Lower bounds for cartonization.
public enum LowerBounds {
    /// ⌈Σ sizes / capacity⌉: the continuous bound of 1-D bin packing.
    public static func continuous(_ sizes: [Int], capacity: Int) -> Int {
        let total = sizes.reduce(0, +)
        guard total > 0 else { return 0 }
        guard capacity > 0 else { return sizes.filter { $0 > 0 }.count }
        return (total + capacity - 1) / capacity
    }

    /// The L2 bound of Martello and Toth for 1-D bin packing: for every α ≤ C/2, the items larger than C − α
    /// and those in (C/2, C − α] each need their own bin, and the items in [α, C/2] fill what the latter
    /// leave. Sizes larger than the capacity count as one bin each.
    /// - Complexity: O(d²) for d distinct sizes.
    public static func martelloTothL2(_ sizes: [Int], capacity: Int) -> Int {
        weightedMartelloTothL2(sizes.map { ($0, 1) }, capacity: capacity)
    }

    static func weightedMartelloTothL2(_ sizes: [(size: Int, count: Int)], capacity c: Int) -> Int {
        let positive = sizes.filter { $0.size > 0 && $0.count > 0 }
        guard !positive.isEmpty else { return 0 }
        guard c > 0 else { return positive.reduce(0) { $0 + $1.count } }
        var alphas = Set([0])
        for s in positive where 2 * s.size <= c { alphas.insert(s.size) }
        var best = 0
        for alpha in alphas {
            var n1 = 0
            var n2 = 0
            var sum2 = 0
            var sum3 = 0
            for s in positive {
                if s.size > c - alpha {
                    n1 += s.count
                } else if 2 * s.size > c {
                    n2 += s.count
                    sum2 += s.size * s.count
                } else if s.size >= alpha {
                    sum3 += s.size * s.count
                }
            }
            let spill = sum3 - (n2 * c - sum2)
            let bound = n1 + n2 + (spill > 0 ? (spill + c - 1) / c : 0)
            best = max(best, bound)
        }
        return best
    }

    /// The L2 bound of Martello, Pisinger and Vigo for packing `items` into containers of one size
    /// `lengthMm × widthMm × heightMm`, with each unit in any of its allowed orientations.
    public static func martelloPisingerVigoL2(_ items: [Item], lengthMm: Int, widthMm: Int, heightMm: Int) -> Int {
        let shapes = items.filter { $0.qty > 0 }.map(Shape.init)
        return mpvL2(shapes, lx: lengthMm, ly: widthMm, lz: heightMm)
    }

    /// A proven lower bound on the number of containers (own-container units included) for `items` with
    /// `catalog`, whichever containers a packing chooses.
    public static func order(_ items: [Item], catalog: [Container]) -> Int {
        var bound = 0
        var byTemperature: [Temperature: [Item]] = [:]
        for item in items where item.qty > 0 {
            if item.ownContainer || item.hazmat {
                bound += item.qty
            } else {
                byTemperature[item.temperature, default: []].append(item)
            }
        }
        for (temperature, group) in byTemperature {
            let types = catalog.filter { $0.accepts(temperature) }
            guard !types.isEmpty else { continue }
            bound += groupBound(group, types: types)
        }
        return bound
    }

    /// The best of the volume, weight and MPV bounds for units that may share containers of `types`, and for groups of
    /// a few units the pairwise bound.
    static func groupBound(_ group: [Item], types: [Container]) -> Int {
        let maxVolume = types.map(\.volumeMm3).max() ?? 0
        let maxLoad = types.map(\.maxLoadG).max() ?? 0
        let byVolume = weightedMartelloTothL2(group.map { ($0.volumeMm3, $0.qty) }, capacity: maxVolume)
        let byWeight = weightedMartelloTothL2(group.map { ($0.weightG, $0.qty) }, capacity: maxLoad)
        let lx = types.map(\.lengthMm).max() ?? 0
        let ly = types.map(\.widthMm).max() ?? 0
        let lz = types.map(\.heightMm).max() ?? 0
        let byShape = mpvL2(group.map(Shape.init), lx: lx, ly: ly, lz: lz)
        let bound = max(byVolume, byWeight, byShape)
        let unitCount = group.reduce(0) { $0 + $1.qty }
        guard unitCount <= Packer.smallGroupUnitLimit, bound < unitCount else { return bound }
        return max(bound, pairwiseBound(group, types: types))
    }

    /// For a few units: the least number of subsets covering them in which every subset may be one container of
    /// some type — its volume and weight within the type's and every pair of its units fitting the type together,
    /// an exact test for two units (Packer+SmallGroups.swift).
    static func pairwiseBound(_ group: [Item], types: [Container]) -> Int {
        var units: [PackUnit] = []
        for (line, item) in group.enumerated() {
            for _ in 0..<item.qty { units.append(PackUnit(line: line, item: item)) }
        }
        var relaxation = SmallGroupBound(units: units, types: types)
        return relaxation.minimumContainers()
    }

    /// A line's smallest extent along each axis over its allowed orientations, its unit volume and count.
    struct Shape {
        var minX: Int
        var minY: Int
        var minZ: Int
        var volume: Int
        var count: Int

        init(_ item: Item) {
            let smallest = min(item.lengthMm, item.widthMm, item.heightMm)
            if item.fixedOrientation {
                minX = item.lengthMm
                minY = item.widthMm
                minZ = item.heightMm
            } else if item.upright {
                minX = min(item.lengthMm, item.widthMm)
                minY = minX
                minZ = item.heightMm
            } else {
                minX = smallest
                minY = smallest
                minZ = smallest
            }
            volume = item.volumeMm3
            count = item.qty
        }

        init(minX: Int, minY: Int, minZ: Int, volume: Int, count: Int) {
            self.minX = minX
            self.minY = minY
            self.minZ = minZ
            self.volume = volume
            self.count = count
        }
    }

    /// max over the three choices of depth axis of MPV's L2.
    static func mpvL2(_ shapes: [Shape], lx: Int, ly: Int, lz: Int) -> Int {
        guard lx > 0, ly > 0, lz > 0, !shapes.isEmpty else { return 0 }
        // Depth z (plane x–y), depth y (plane x–z), depth x (plane y–z).
        let alongZ = mpvL2Plane(shapes.map { ($0.minX, $0.minY, $0.minZ, $0.volume, $0.count) }, w: lx, h: ly, d: lz)
        let alongY = mpvL2Plane(shapes.map { ($0.minX, $0.minZ, $0.minY, $0.volume, $0.count) }, w: lx, h: lz, d: ly)
        let alongX = mpvL2Plane(shapes.map { ($0.minY, $0.minZ, $0.minX, $0.volume, $0.count) }, w: ly, h: lz, d: lx)
        return max(alongZ, alongY, alongX)
    }

    /// MPV's L2 for one plane `w × h` and depth `d`, on (width, height, depth) minima.
    static func mpvL2Plane(_ shapes: [(w: Int, h: Int, d: Int, volume: Int, count: Int)], w: Int, h: Int, d: Int) -> Int
    {
        // L1: units larger than half the plane both ways are stacked along the depth.
        let stacked = shapes.filter { 2 * $0.w > w && 2 * $0.h > h }
        // With no unit over half the plane both ways no p, q gives a slab: what is left is a volume bound,
        // never better than the one on the largest real container.
        let binVolume = w * h * d
        guard !stacked.isEmpty else {
            let total = shapes.reduce(0) { $0 + $1.volume * $1.count }
            return (total + binVolume - 1) / binVolume
        }
        let l1 = weightedMartelloTothL2(stacked.map { ($0.d, $0.count) }, capacity: d)
        // Breakpoints of p and q where the sets below change; the maximum is attained at one of them.
        func candidates(_ extent: KeyPath<(w: Int, h: Int, d: Int, volume: Int, count: Int), Int>, _ side: Int) -> [Int]
        {
            var set = Set([1])
            for s in shapes {
                let a = s[keyPath: extent]
                if a >= 1 && 2 * a <= side { set.insert(a) }
                let b = side - a + 1
                if b >= 1 && 2 * b <= side { set.insert(b) }
            }
            var sorted = set.sorted()
            // Thin the candidates out on very varied orders: fewer candidates only weaken the bound.
            while sorted.count > 24 { sorted = sorted.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
            return sorted
        }
        var best = l1
        for p in candidates(\.w, w) {
            for q in candidates(\.h, h) {
                var slabDepth = 0
                var otherVolume = 0
                for s in shapes {
                    if s.w > w - p && s.h > h - q {
                        slabDepth += s.d * s.count
                    } else if s.w >= p && s.h >= q {
                        otherVolume += s.volume * s.count
                    }
                }
                let needed = otherVolume + w * h * slabDepth
                best = max(best, (needed + binVolume - 1) / binVolume)
            }
        }
        return best
    }
}
