// Small groups (most real orders have a few units): the fewest containers, proven where the proof is cheap.
//
// For a group of at most `Packer.smallGroupUnitLimit` units whose greedy packing uses more containers than the
// proven bound, every partition of the units into fewer containers is searched: a subset of units is one container
// when a complete-as-budget-allows search (`ContainerSearch`) places it in some type. The bound side is a
// relaxation over the same subsets (`SmallGroupBound`): a subset can only be one container if some type holds its
// volume and weight and every PAIR of its units fits that type together — an exact test for two boxes (two boxes
// that do not overlap are apart along some axis). The least number of such subsets covering the group is a proven
// lower bound; when the search reaches it, the count is optimal.

extension Packer {
    /// Groups of at most this many units get the search over partitions (and the pairwise bound).
    static let smallGroupUnitLimit = 8
    /// The most search nodes one small group may spend on single-container searches (bounds the worst case at a
    /// few milliseconds; typical small groups never start the search).
    static let smallGroupNodeBudget = 10_000

    /// A packing of a small group in fewer containers than `current`, the least total volume (then cost) among
    /// those with the fewest containers found (nil when the search finds none), and whether the search ran out of
    /// nodes (when it did not, no partition into fewer containers passes the search).
    /// - Complexity: O(3^n) subset steps for n ≤ 8 units, plus the budgeted single-container searches.
    func packSmallGroup(_ units: [PackUnit], types: [Container], current: [Bin]) -> (bins: [Bin]?, exhausted: Bool) {
        let n = units.count
        guard n >= 2, n <= Self.smallGroupUnitLimit, current.count >= 2 else { return (nil, false) }
        var relaxation = SmallGroupBound(units: units, types: types)
        let bound = relaxation.minimumContainers()
        guard bound < current.count else { return (nil, false) }
        var search = SubsetFits(units: units, types: types, relaxation: relaxation, budget: Self.smallGroupNodeBudget)
        for k in bound..<current.count {
            if let blocks = search.bestPartition(into: k) {
                return (blocks, false)
            }
            if search.budget <= 0 { return (nil, true) }
        }
        return (nil, false)
    }
}

/// The relaxation of a small group: which subsets of units may be one container (necessary conditions only).
struct SmallGroupBound {
    let units: [PackUnit]
    let types: [Container]
    /// `pairs[t * n * n + a * n + b]`: 1 when units a and b fit type t together, 0 when not, -1 not yet known.
    private var pairs: [Int8]
    private var volume: [Int]
    private var weight: [Int]
    /// Type indexes, largest volume first: the test "some type" usually succeeds on the first.
    private let largestFirst: [Int]

    init(units: [PackUnit], types: [Container]) {
        self.units = units
        self.types = types
        let n = units.count
        let full = 1 << n
        volume = Array(repeating: 0, count: full)
        weight = Array(repeating: 0, count: full)
        for mask in 1..<full {
            let low = mask.trailingZeroBitCount
            volume[mask] = volume[mask & (mask - 1)] + units[low].volumeMm3
            weight[mask] = weight[mask & (mask - 1)] + units[low].weightG
        }
        pairs = Array(repeating: -1, count: types.count * n * n)
        largestFirst = types.indices.sorted { types[$0].volumeMm3 > types[$1].volumeMm3 }
    }

    /// Whether two units fit container `t` together. Exact: two boxes with disjoint interiors are apart along some
    /// axis, so they fit together exactly when, in some allowed orientations, their extents along one axis add up to
    /// at most the container's and each fits along the other two. Side by side both stand on the floor; one on the
    /// other (with their corners together) rests on it with positive area, the non-fragile one below.
    static func pairFits(_ a: PackUnit, _ b: PackUnit, _ t: Container) -> Bool {
        guard a.weightG + b.weightG <= t.maxLoadG else { return false }
        for p in a.orientations where p.x <= t.lengthMm && p.y <= t.widthMm && p.z <= t.heightMm {
            for q in b.orientations where q.x <= t.lengthMm && q.y <= t.widthMm && q.z <= t.heightMm {
                if p.x + q.x <= t.lengthMm || p.y + q.y <= t.widthMm { return true }
                if p.z + q.z <= t.heightMm && !(a.fragile && b.fragile) { return true }
            }
        }
        return false
    }

    private mutating func pair(_ a: Int, _ b: Int, _ t: Int) -> Bool {
        let n = units.count
        let k = t * n * n + a * n + b
        if pairs[k] < 0 {
            let ok = a == b ? units[a].fits(types[t]) : Self.pairFits(units[a], units[b], types[t])
            pairs[k] = ok ? 1 : 0
            pairs[t * n * n + b * n + a] = pairs[k]
        }
        return pairs[k] == 1
    }

    /// Whether the units of `mask` may be one container of type `t`: volume, weight, each unit and every pair.
    mutating func mayFit(_ mask: Int, type t: Int) -> Bool {
        let c = types[t]
        guard volume[mask] <= c.volumeMm3, weight[mask] <= c.maxLoadG else { return false }
        var rest = mask
        while rest != 0 {
            let a = rest.trailingZeroBitCount
            rest &= rest - 1
            var others = mask & ~((1 << a) - 1)
            while others != 0 {
                let b = others.trailingZeroBitCount
                others &= others - 1
                if !pair(a, b, t) { return false }
            }
        }
        return true
    }

    /// Whether some type may hold the units of `mask`.
    mutating func mayFitAny(_ mask: Int) -> Bool {
        for t in largestFirst where mayFit(mask, type: t) { return true }
        return false
    }

    /// The least number of subsets that may each be one container and together hold every unit: a proven lower
    /// bound on the containers of any packing of the group (n when some unit fits no type).
    /// - Complexity: O(types · n²) when the whole group may be one container, else O(3^n + 2^n · types · n²).
    mutating func minimumContainers() -> Int {
        let n = units.count
        guard n > 0 else { return 0 }
        let full = (1 << n) - 1
        if mayFitAny(full) { return 1 }
        var may = Array(repeating: false, count: full + 1)
        for mask in 1...full { may[mask] = mayFitAny(mask) }
        var best = Array(repeating: Int.max, count: full + 1)
        best[0] = 0
        for mask in 1...full {
            let low = mask & -mask
            var sub = mask
            while sub != 0 {
                if sub & low != 0, may[sub], best[mask ^ sub] != Int.max {
                    best[mask] = min(best[mask], best[mask ^ sub] + 1)
                }
                sub = (sub - 1) & mask
            }
        }
        return best[full] == Int.max ? n : best[full]
    }
}

/// Which subsets of a small group one container really takes (searched), and the best partition into k of them.
struct SubsetFits {
    let units: [PackUnit]
    let types: [Container]
    var relaxation: SmallGroupBound
    /// Search nodes left.
    var budget: Int
    /// By subset: the bin of the smallest type the search fitted it into, or nil (`.some(nil)`: searched, none).
    private var memo: [Int: Bin?] = [:]

    init(units: [PackUnit], types: [Container], relaxation: SmallGroupBound, budget: Int) {
        self.units = units
        self.types = types
        self.relaxation = relaxation
        self.budget = budget
    }

    /// The smallest type (types are sorted by volume, then cost) into which the search fits `mask`.
    mutating func fit(_ mask: Int) -> Bin? {
        if let known = memo[mask] { return known }
        var members: [Int] = []
        var rest = mask
        while rest != 0 {
            members.append(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
        var found: Bin?
        for t in types.indices where relaxation.mayFit(mask, type: t) {
            if let placed = ContainerSearch.place(members, units: units, in: types[t], budget: &budget) {
                found = Bin(container: types[t], placed: placed)
                break
            }
            if budget <= 0 { break }
        }
        memo[mask] = found
        return found
    }

    /// The partition of the group into exactly `k` containers with the least volume (then cost) that the search
    /// finds, or nil.
    mutating func bestPartition(into k: Int) -> [Bin]? {
        let full = (1 << units.count) - 1
        var best: [Bin]?
        var chosen: [Bin] = []
        func descend(_ left: Int, _ blocksLeft: Int) {
            if left == 0 {
                if let b = best, !Packer.isBetter(chosen, than: b) { return }
                best = chosen
                return
            }
            guard blocksLeft > 0, budget > 0 else { return }
            let low = left & -left
            var sub = left
            while sub != 0 {
                defer { sub = (sub - 1) & left }
                guard sub & low != 0, relaxation.mayFitAny(sub) else { continue }
                // The rest must still be coverable by the blocks left (a cheap volume test).
                guard let bin = fit(sub) else { continue }
                chosen.append(bin)
                descend(left ^ sub, blocksLeft - 1)
                chosen.removeLast()
            }
        }
        descend(full, k)
        return best
    }
}

/// A depth-first search that places a few units in one container: the lowest free corner is filled by some unit
/// in some orientation, or left empty for good; identical units are tried once per corner. Complete over the
/// packings built corner by corner from the bottom, within the node budget.
enum ContainerSearch {
    /// Placements of every unit of `members` (indexes into `units`) in `container`, or nil when the search (within
    /// `budget` nodes, which it spends) finds none.
    static func place(
        _ members: [Int], units: [PackUnit], in container: Container, budget: inout Int
    ) -> [PlacedUnit]? {
        var weight = 0
        for u in members { weight += units[u].weightG }
        guard weight <= container.maxLoadG, members.allSatisfy({ units[$0].fitsDimensions(container) }) else {
            return nil
        }
        // Units of one line are interchangeable: one stack per line, largest first.
        var stacks: [[Int]] = []
        for u in members.sorted(by: { units[$0].volumeMm3 > units[$1].volumeMm3 }) {
            if let k = stacks.firstIndex(where: { units[$0[0]].line == units[u].line }) {
                stacks[k].append(u)
            } else {
                stacks.append([u])
            }
        }
        // A quick greedy try first: most fits need no search.
        var quick = ExtremePointPacker(container)
        if members.sorted(by: { units[$0].volumeMm3 > units[$1].volumeMm3 }).allSatisfy({
            quick.place(units[$0], tag: $0)
        }) {
            return quick.placed
        }
        return descend(ExtremePointPacker(container), &stacks, units: units, budget: &budget)
    }

    private static func descend(
        _ packer: ExtremePointPacker, _ stacks: inout [[Int]], units: [PackUnit], budget: inout Int
    ) -> [PlacedUnit]? {
        if stacks.allSatisfy(\.isEmpty) { return packer.placed }
        budget -= 1
        guard budget > 0, let p = packer.candidatePoints.first else { return nil }
        for k in stacks.indices {
            guard let u = stacks[k].last else { continue }
            for o in units[u].orientations where packer.canPlace(units[u], at: p, extent: o) {
                var next = packer
                next.put(units[u], tag: u, at: p, extent: o)
                stacks[k].removeLast()
                let found = descend(next, &stacks, units: units, budget: &budget)
                stacks[k].append(u)
                if let found { return found }
                if budget <= 0 { return nil }
            }
        }
        var skipped = packer
        skipped.dropPoint(at: 0)
        return descend(skipped, &stacks, units: units, budget: &budget)
    }
}
