// Places units one by one into a single container at "extreme points" (Crainic, Perboli and Tadei 2008):
// the corners that placed units create, projected back towards the walls. Each unit goes to the lowest,
// then nearest, extreme point where one of its allowed orientations fits without overlap and with support.

/// A unit's extents along x, y and z as placed, in millimetres (or a point, for corners).
public struct Extent3: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var z: Int

    public init(x: Int, y: Int, z: Int) {
        self.x = x
        self.y = y
        self.z = z
    }
}

/// One unit to place: its order line, allowed orientations (flattest first), weight and flags.
struct PackUnit: Sendable {
    /// Index of the unit's line in the order.
    var line: Int
    /// The distinct extents the unit may take (only turns about the vertical axis when upright), flattest
    /// first, longest along x first.
    var orientations: [Extent3]
    /// The same, flattest first, longest along y first.
    var orientationsAlongY: [Extent3]
    var weightG: Int
    var volumeMm3: Int
    var fragile: Bool
    /// The longest of the unit's three dimensions.
    var longestMm: Int
    /// The largest face area of the unit (its footprint when lying flattest), in mm².
    var largestFaceMm2: Int
    /// The unit's height when it lies on its largest face (its own height when upright).
    var heightMm: Int

    init(line: Int, item: Item) {
        self.line = line
        let l = item.lengthMm
        let w = item.widthMm
        let h = item.heightMm
        var candidates: [Extent3]
        if item.fixedOrientation {
            candidates = [Extent3(x: l, y: w, z: h)]
        } else if item.upright {
            candidates = [Extent3(x: l, y: w, z: h), Extent3(x: w, y: l, z: h)]
        } else {
            candidates = [
                Extent3(x: l, y: w, z: h), Extent3(x: w, y: l, z: h), Extent3(x: l, y: h, z: w),
                Extent3(x: h, y: l, z: w), Extent3(x: w, y: h, z: l), Extent3(x: h, y: w, z: l),
            ]
        }
        var distinct: [Extent3] = []
        for c in candidates where !distinct.contains(c) { distinct.append(c) }
        // Flattest first, longer along x first: the order in which orientations are preferred on ties.
        distinct.sort { ($0.z, -$0.x) < ($1.z, -$1.x) }
        self.orientations = distinct
        self.orientationsAlongY = distinct.sorted { ($0.z, $0.x) < ($1.z, $1.x) }
        self.weightG = item.weightG
        self.volumeMm3 = l * w * h
        self.fragile = item.fragile
        self.longestMm = max(l, w, h)
        let keepsHeight = item.upright || item.fixedOrientation
        self.largestFaceMm2 = keepsHeight ? l * w : max(l * w, l * h, w * h)
        self.heightMm = keepsHeight ? h : min(l, w, h)
    }

    /// Whether some allowed orientation fits inside `container` and its weight within the load limit.
    func fits(_ container: Container) -> Bool {
        weightG <= container.maxLoadG && fitsDimensions(container)
    }

    /// Whether some allowed orientation fits inside `container`'s inner dimensions.
    func fitsDimensions(_ container: Container) -> Bool {
        orientations.contains {
            $0.x <= container.lengthMm && $0.y <= container.widthMm && $0.z <= container.heightMm
        }
    }
}

/// One unit as placed by the packer.
struct PlacedUnit: Sendable, Hashable {
    /// Index of the unit in the caller's unit array.
    var unit: Int
    var x: Int
    var y: Int
    var z: Int
    var extent: Extent3
}

/// Fills one container with units at extreme points. Value type: copy it to try alternatives.
struct ExtremePointPacker {
    let lengthMm: Int
    let widthMm: Int
    let heightMm: Int
    let maxLoadG: Int
    private(set) var loadG = 0
    private(set) var placed: [PlacedUnit] = []
    // Placed boxes as flat arrays (x, y, z, x2, y2, z2) for fast overlap tests.
    private var x1: [Int] = []
    private var y1: [Int] = []
    private var z1: [Int] = []
    private var x2: [Int] = []
    private var y2: [Int] = []
    private var z2: [Int] = []
    private var fragile: [Bool] = []
    /// Candidate corners, sorted by (z, y, x).
    private var points: [Extent3] = [Extent3(x: 0, y: 0, z: 0)]

    init(_ container: Container) {
        self.lengthMm = container.lengthMm
        self.widthMm = container.widthMm
        self.heightMm = container.heightMm
        self.maxLoadG = container.maxLoadG
    }

    /// Places `unit` (recorded as `tag`) at the first extreme point where it fits. Returns false when it
    /// fits nowhere or would exceed the load limit; the packer is then unchanged.
    mutating func place(_ unit: PackUnit, tag: Int, alongY: Bool = false) -> Bool {
        guard loadG + unit.weightG <= maxLoadG else { return false }
        let orientations = alongY ? unit.orientationsAlongY : unit.orientations
        for p in points {
            // Orientations are sorted by preference: the first that fits here wins.
            for o in orientations {
                if p.x + o.x > lengthMm || p.y + o.y > widthMm || p.z + o.z > heightMm { continue }
                if isFree(p, o) && isSupported(p, o) && (!unit.fragile || nothingRestsOn(p, o)) {
                    commit(unit, tag: tag, at: p, extent: o)
                    return true
                }
            }
        }
        return false
    }

    /// The candidate corners, lowest first (z, then y, then x).
    var candidatePoints: [Extent3] { points }

    /// Whether `unit` fits at `p` in orientation `o` now: inside, free, supported, and nothing on it when fragile
    /// (the load limit is the caller's to check).
    func canPlace(_ unit: PackUnit, at p: Extent3, extent o: Extent3) -> Bool {
        p.x + o.x <= lengthMm && p.y + o.y <= widthMm && p.z + o.z <= heightMm && isFree(p, o)
            && isSupported(p, o) && (!unit.fragile || nothingRestsOn(p, o))
    }

    /// Places `unit` at `p` in orientation `o` (the caller has checked `canPlace` and the load).
    mutating func put(_ unit: PackUnit, tag: Int, at p: Extent3, extent o: Extent3) {
        commit(unit, tag: tag, at: p, extent: o)
    }

    /// Drops candidate corner `index` (a search that leaves it empty for good).
    mutating func dropPoint(at index: Int) {
        points.remove(at: index)
    }

    private func isFree(_ p: Extent3, _ o: Extent3) -> Bool {
        let ax2 = p.x + o.x
        let ay2 = p.y + o.y
        let az2 = p.z + o.z
        for i in 0..<x1.count
        where p.x < x2[i] && x1[i] < ax2 && p.y < y2[i] && y1[i] < ay2 && p.z < z2[i] && z1[i] < az2 {
            return false
        }
        return true
    }

    /// On the floor, or with some of its base on units whose tops are at its bottom, none of them fragile.
    private func isSupported(_ p: Extent3, _ o: Extent3) -> Bool {
        if p.z == 0 { return true }
        let ax2 = p.x + o.x
        let ay2 = p.y + o.y
        var supported = false
        for i in 0..<x1.count where z2[i] == p.z && p.x < x2[i] && x1[i] < ax2 && p.y < y2[i] && y1[i] < ay2 {
            if fragile[i] { return false }
            supported = true
        }
        return supported
    }

    /// No placed unit has its bottom on the top of the box `p`/`o`.
    private func nothingRestsOn(_ p: Extent3, _ o: Extent3) -> Bool {
        let top = p.z + o.z
        let ax2 = p.x + o.x
        let ay2 = p.y + o.y
        for i in 0..<x1.count where z1[i] == top && p.x < x2[i] && x1[i] < ax2 && p.y < y2[i] && y1[i] < ay2 {
            return false
        }
        return true
    }

    private mutating func commit(_ unit: PackUnit, tag: Int, at p: Extent3, extent o: Extent3) {
        placed.append(PlacedUnit(unit: tag, x: p.x, y: p.y, z: p.z, extent: o))
        loadG += unit.weightG
        x1.append(p.x)
        y1.append(p.y)
        z1.append(p.z)
        x2.append(p.x + o.x)
        y2.append(p.y + o.y)
        z2.append(p.z + o.z)
        fragile.append(unit.fragile)
        // Drop points the new box covers.
        points.removeAll { q in
            q.x >= p.x && q.x < p.x + o.x && q.y >= p.y && q.y < p.y + o.y && q.z >= p.z && q.z < p.z + o.z
        }
        let cx = Extent3(x: p.x + o.x, y: p.y, z: p.z)
        let cy = Extent3(x: p.x, y: p.y + o.y, z: p.z)
        let cz = Extent3(x: p.x, y: p.y, z: p.z + o.z)
        for q in [
            cx, cy, cz,
            Extent3(x: cx.x, y: projectY(cx), z: cx.z), Extent3(x: cx.x, y: cx.y, z: projectZ(cx)),
            Extent3(x: projectX(cy), y: cy.y, z: cy.z), Extent3(x: cy.x, y: cy.y, z: projectZ(cy)),
            Extent3(x: projectX(cz), y: cz.y, z: cz.z), Extent3(x: cz.x, y: projectY(cz), z: cz.z),
        ] {
            insertPoint(q)
        }
    }

    private mutating func insertPoint(_ q: Extent3) {
        guard q.x < lengthMm, q.y < widthMm, q.z < heightMm else { return }
        for i in 0..<x1.count
        where q.x >= x1[i] && q.x < x2[i] && q.y >= y1[i] && q.y < y2[i] && q.z >= z1[i] && q.z < z2[i] {
            return
        }
        // Binary search for the insertion index in (z, y, x) order.
        var lo = 0
        var hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let m = points[mid]
            if (m.z, m.y, m.x) < (q.z, q.y, q.x) { lo = mid + 1 } else { hi = mid }
        }
        if lo < points.count, points[lo] == q { return }
        points.insert(q, at: lo)
    }

    /// Moves `q` towards x = 0 until it meets a placed box's face or the wall.
    private func projectX(_ q: Extent3) -> Int {
        var best = 0
        for i in 0..<x1.count
        where x2[i] <= q.x && x2[i] > best && q.y >= y1[i] && q.y < y2[i] && q.z >= z1[i] && q.z < z2[i] {
            best = x2[i]
        }
        return best
    }

    private func projectY(_ q: Extent3) -> Int {
        var best = 0
        for i in 0..<x1.count
        where y2[i] <= q.y && y2[i] > best && q.x >= x1[i] && q.x < x2[i] && q.z >= z1[i] && q.z < z2[i] {
            best = y2[i]
        }
        return best
    }

    private func projectZ(_ q: Extent3) -> Int {
        var best = 0
        for i in 0..<x1.count
        where z2[i] <= q.z && z2[i] > best && q.x >= x1[i] && q.x < x2[i] && q.y >= y1[i] && q.y < y2[i] {
            best = z2[i]
        }
        return best
    }
}
