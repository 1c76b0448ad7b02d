// Fills one container by "empty maximal spaces" (Lai and Chan 1997): the free room of the container is kept
// as the list of the largest empty cuboids, so every hole the placed units leave can be found again. The
// filling is space-driven: the lowest space (then the nearest the back wall, then the left) takes the largest
// unit that fits it, resting on the floor or on a unit whose top is the space's floor.

/// Fills one container with the units of an order, largest first into the lowest empty space.
/// Value type: copy it to try alternatives.
struct MaximalSpacePacker {
    /// An empty cuboid of the container: [x1, x2) × [y1, y2) × [z1, z2).
    struct Space: Equatable {
        var x1: Int
        var y1: Int
        var z1: Int
        var x2: Int
        var y2: Int
        var z2: Int

        func contains(_ o: Space) -> Bool {
            x1 <= o.x1 && y1 <= o.y1 && z1 <= o.z1 && o.x2 <= x2 && o.y2 <= y2 && o.z2 <= z2
        }
    }

    let lengthMm: Int
    let widthMm: Int
    let heightMm: Int
    let maxLoadG: Int
    private(set) var loadG = 0
    private(set) var placed: [PlacedUnit] = []
    private var boxes: [Space] = []
    private var fragile: [Bool] = []
    /// The empty maximal spaces (internal for the perturbed filler, MaximalSpacePacker+Perturbed.swift).
    var spaces: [Space]

    init(_ container: Container) {
        lengthMm = container.lengthMm
        widthMm = container.widthMm
        heightMm = container.heightMm
        maxLoadG = container.maxLoadG
        spaces = [Space(x1: 0, y1: 0, z1: 0, x2: lengthMm, y2: widthMm, z2: heightMm)]
    }

    /// How the next space is chosen.
    enum Rule: CaseIterable {
        /// Lowest floor, then nearest the back (y), then the left (x): builds up from the floor.
        case bottomFirst
        /// Nearest the back, then the lowest, then the left: builds walls from the back.
        case backFirst
        /// Nearest the left wall, then the lowest, then the back: builds walls across the length.
        case leftFirst
    }

    /// Space-driven filling. `kinds` lists, largest first, the units of each shape still to place (the last
    /// of each list goes first); placed units are removed from it. Returns the volume placed.
    ///
    /// A space takes the unit of the best score that fits it: its volume, less, for a fragile unit, the room
    /// between its top and the space's ceiling (nothing may rest on it, so that room is lost). With
    /// `wasteAllowed` false a fragile unit that would lose more room than it fills is left for later.
    mutating func fill(
        _ kinds: inout [[Int]], units: [PackUnit], rule: Rule = .bottomFirst, alongY: Bool = false,
        wasteAllowed: Bool = true, tallestFirst: Bool = false, urgent: Int = 0
    ) -> Int {
        var volume = 0
        var minSide = Self.smallestSide(kinds, units)
        while let s = nextSpace(rule) {
            let space = spaces[s]
            var best: (kind: Int, at: Extent3, extent: Extent3, score: Int)?
            for k in kinds.indices {
                guard let u = kinds[k].last else { continue }
                let unit = units[u]
                // Past the urgent ones, kinds are sorted by volume: none can beat the best found.
                if let b = best, k >= urgent && unit.volumeMm3 <= b.score || k == urgent { break }
                if loadG + unit.weightG > maxLoadG { continue }
                let preferred = alongY ? unit.orientationsAlongY : unit.orientations
                for o in tallestFirst ? preferred.reversed() : preferred
                where o.x <= space.x2 - space.x1 && o.y <= space.y2 - space.y1 && o.z <= space.z2 - space.z1 {
                    guard let at = anchor(in: space, for: o, fragile: unit.fragile) else { continue }
                    var score = unit.volumeMm3
                    if unit.fragile {
                        score -= o.x * o.y * (space.z2 - at.z - o.z)
                        if !wasteAllowed && score < 0 { continue }
                    }
                    if best == nil || score > best!.score { best = (k, at, o, score) }
                    if !unit.fragile { break }
                }
            }
            guard let b = best else {
                spaces.remove(at: s)
                continue
            }
            let u = kinds[b.kind].removeLast()
            commit(units[u], tag: u, at: b.at, extent: b.extent)
            volume += units[u].volumeMm3
            if kinds[b.kind].isEmpty { minSide = Self.smallestSide(kinds, units) }
            prune(minSide)
        }
        kinds.removeAll { $0.isEmpty }
        return volume
    }

    /// The smallest extent any unit left can take along any axis (spaces narrower than it are useless).
    static func smallestSide(_ kinds: [[Int]], _ units: [PackUnit]) -> Int {
        var side = Int.max
        for k in kinds {
            guard let u = k.last else { continue }
            for o in units[u].orientations { side = min(side, o.x, o.y, o.z) }
        }
        return side
    }

    func nextSpace(_ rule: Rule) -> Int? {
        guard !spaces.isEmpty else { return nil }
        var best = 0
        for i in spaces.indices.dropFirst() {
            let a = spaces[i]
            let b = spaces[best]
            switch rule {
            case .bottomFirst:
                if (a.z1, a.y1, a.x1) < (b.z1, b.y1, b.x1) { best = i }
            case .backFirst:
                if (a.y1, a.z1, a.x1) < (b.y1, b.z1, b.x1) { best = i }
            case .leftFirst:
                if (a.x1, a.z1, a.y1) < (b.x1, b.z1, b.y1) { best = i }
            }
        }
        return best
    }

    /// Where in `space` a unit of extent `o` can go: its corner on the floor, or on a unit whose top is the
    /// space's floor (with some of the unit's base on it), nothing fragile below, and nothing resting on it
    /// if it is fragile. Nearest the back-left first.
    func anchor(in space: Space, for o: Extent3, fragile unitFragile: Bool) -> Extent3? {
        if space.z1 == 0 {
            // A unit placed earlier higher up may overhang this spot (filling towards the back or the left
            // builds upwards before the floor is full): a fragile unit must not end up under it.
            let p = Extent3(x: space.x1, y: space.y1, z: 0)
            return !unitFragile || nothingRestsOn(p, o) ? p : nil
        }
        var best: Extent3?
        for i in boxes.indices where boxes[i].z2 == space.z1 && !fragile[i] {
            let b = boxes[i]
            guard b.x1 < space.x2, space.x1 < b.x2, b.y1 < space.y2, space.y1 < b.y2 else { continue }
            let p = Extent3(x: max(space.x1, b.x1), y: max(space.y1, b.y1), z: space.z1)
            guard p.x + o.x <= space.x2, p.y + o.y <= space.y2 else { continue }
            if let q = best, (q.y, q.x) <= (p.y, p.x) { continue }
            if isSupported(p, o) && (!unitFragile || nothingRestsOn(p, o)) { best = p }
        }
        return best
    }

    /// With some of its base on units whose tops are at its bottom, none of them fragile.
    func isSupported(_ p: Extent3, _ o: Extent3) -> Bool {
        let ax2 = p.x + o.x
        let ay2 = p.y + o.y
        var supported = false
        for i in boxes.indices {
            let b = boxes[i]
            if b.z2 == p.z && p.x < b.x2 && b.x1 < ax2 && p.y < b.y2 && b.y1 < ay2 {
                if fragile[i] { return false }
                supported = true
            }
        }
        return supported
    }

    private func nothingRestsOn(_ p: Extent3, _ o: Extent3) -> Bool {
        let top = p.z + o.z
        let ax2 = p.x + o.x
        let ay2 = p.y + o.y
        for b in boxes where b.z1 == top && p.x < b.x2 && b.x1 < ax2 && p.y < b.y2 && b.y1 < ay2 { return false }
        return true
    }

    mutating func commit(_ unit: PackUnit, tag: Int, at p: Extent3, extent o: Extent3) {
        let box = Space(x1: p.x, y1: p.y, z1: p.z, x2: p.x + o.x, y2: p.y + o.y, z2: p.z + o.z)
        placed.append(PlacedUnit(unit: tag, x: p.x, y: p.y, z: p.z, extent: o))
        boxes.append(box)
        fragile.append(unit.fragile)
        loadG += unit.weightG
        // Every space the box cuts is replaced by the (up to six) parts of it on each side of the box.
        var kept: [Space] = []
        var cut: [Space] = []
        kept.reserveCapacity(spaces.count)
        for s in spaces {
            guard s.x1 < box.x2, box.x1 < s.x2, s.y1 < box.y2, box.y1 < s.y2, s.z1 < box.z2, box.z1 < s.z2 else {
                kept.append(s)
                continue
            }
            if box.x1 > s.x1 { cut.append(Space(x1: s.x1, y1: s.y1, z1: s.z1, x2: box.x1, y2: s.y2, z2: s.z2)) }
            if box.x2 < s.x2 { cut.append(Space(x1: box.x2, y1: s.y1, z1: s.z1, x2: s.x2, y2: s.y2, z2: s.z2)) }
            if box.y1 > s.y1 { cut.append(Space(x1: s.x1, y1: s.y1, z1: s.z1, x2: s.x2, y2: box.y1, z2: s.z2)) }
            if box.y2 < s.y2 { cut.append(Space(x1: s.x1, y1: box.y2, z1: s.z1, x2: s.x2, y2: s.y2, z2: s.z2)) }
            if box.z1 > s.z1 { cut.append(Space(x1: s.x1, y1: s.y1, z1: s.z1, x2: s.x2, y2: s.y2, z2: box.z1)) }
            if box.z2 < s.z2 { cut.append(Space(x1: s.x1, y1: s.y1, z1: box.z2, x2: s.x2, y2: s.y2, z2: s.z2)) }
        }
        // Keep only maximal spaces: drop a new one inside another (old or new).
        var fresh: [Space] = []
        for (i, c) in cut.enumerated() {
            if kept.contains(where: { $0.contains(c) }) { continue }
            var inside = false
            for (j, d) in cut.enumerated() where j != i && d.contains(c) && (d != c || j < i) {
                inside = true
                break
            }
            if !inside { fresh.append(c) }
        }
        spaces = kept + fresh
    }

    /// Drops spaces too thin for any unit left.
    mutating func prune(_ side: Int) {
        spaces.removeAll { $0.x2 - $0.x1 < side || $0.y2 - $0.y1 < side || $0.z2 - $0.z1 < side }
    }
}
