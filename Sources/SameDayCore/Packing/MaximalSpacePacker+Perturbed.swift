// Perturbed filling by empty maximal spaces: the same space-driven filler as MaximalSpacePacker.fill, with the
// choices that decide how dense a container gets drawn from a seeded generator — which space goes next, how
// much each order line weighs against the others, which orientations a line prefers, whether a unit that fills
// a space's whole length, width or height scores more, and whether fragile units wait for room under the lid.
// Packer+FewerContainers.swift runs a bounded number of such attempts, each new one a mutation of the best so
// far or a fresh draw.

/// The choices of one perturbed attempt at packing units into k containers.
struct FillTuning: Sendable {
    var rule: MaximalSpacePacker.Rule
    /// Per order line: the factor on a unit's volume in its score (1 everywhere is the plain filler).
    var weight: [Double]
    /// Per order line: preferred orientations, 0 flattest along x, 1 flattest along y, 2 tallest along x,
    /// 3 tallest along y.
    var orientation: [UInt8]
    /// Outside the last container, a fragile unit that would lose more room above it than it fills waits.
    var fragileWaits: Bool
    /// The score's bonus per axis along which the unit fills the space exactly (0: none).
    var snug: Double

    /// A fresh draw for an order of `lines` lines.
    static func random(lines: Int, using rng: inout SeededGenerator) -> FillTuning {
        let rules: [MaximalSpacePacker.Rule] = [.bottomFirst, .backFirst, .leftFirst]
        let sigma = [0.0, 0.15, 0.3, 0.6][rng.int(in: 0...3)]
        let uniformOrientation = rng.unit() < 0.6
        let common = UInt8(rng.int(in: 0...3))
        var weight: [Double] = []
        var orientation: [UInt8] = []
        weight.reserveCapacity(lines)
        orientation.reserveCapacity(lines)
        for _ in 0..<lines {
            weight.append(1 + sigma * (2 * rng.unit() - 1))
            orientation.append(uniformOrientation ? common : UInt8(rng.int(in: 0...3)))
        }
        // Walls from the back or the left and a bonus for exact fits won most often on the sample orders
        // (docs/packing.md); filling from the floor up stays for variety.
        return FillTuning(
            rule: rules[[0, 1, 1, 1, 2, 2, 2][rng.int(in: 0...6)]], weight: weight, orientation: orientation,
            fragileWaits: rng.unit() < 0.5, snug: [0, 0.3, 0.6, 1.0][rng.int(in: 0...3)])
    }

    /// A neighbour of `self`: the lines `left` out weigh more, every weight moves a little, and now and then
    /// one global choice or a line's orientation is drawn again.
    func mutated(boosting left: [Int], using rng: inout SeededGenerator) -> FillTuning {
        var t = self
        for i in t.weight.indices { t.weight[i] *= 0.95 + 0.1 * rng.unit() }
        for line in left { t.weight[line] *= 1.1 + 0.6 * rng.unit() }
        if rng.unit() < 0.3 { t.orientation[rng.int(in: 0...(t.orientation.count - 1))] = UInt8(rng.int(in: 0...3)) }
        switch rng.int(in: 0...8) {
        case 0: t.fragileWaits.toggle()
        case 1: t.rule = [.bottomFirst, .backFirst, .leftFirst][rng.int(in: 0...2)]
        case 2: t.snug = [0, 0.3, 0.6, 1.0][rng.int(in: 0...3)]
        default: break
        }
        return t
    }
}

extension MaximalSpacePacker {
    /// Places the best-scoring unit of `kinds` into space `s`, or drops the space when none fits. Returns the
    /// unit placed.
    mutating func placeBest(
        inSpace s: Int, kinds: inout [[Int]], units: [PackUnit], tuning: FillTuning, wasteAllowed: Bool
    ) -> Int? {
        let space = spaces[s]
        let sx = space.x2 - space.x1, sy = space.y2 - space.y1, sz = space.z2 - space.z1
        let snugMax = 1 + 3 * tuning.snug
        var best: (kind: Int, at: Extent3, extent: Extent3, score: Double)?
        for k in kinds.indices {
            guard let u = kinds[k].last else { continue }
            let unit = units[u]
            if loadG + unit.weightG > maxLoadG { continue }
            let base = Double(unit.volumeMm3) * tuning.weight[unit.line]
            if let b = best, base * snugMax <= b.score { continue }
            let choice = tuning.orientation[unit.line]
            let list = choice & 1 == 0 ? unit.orientations : unit.orientationsAlongY
            for i in list.indices {
                let o = choice >= 2 ? list[list.count - 1 - i] : list[i]
                guard o.x <= sx, o.y <= sy, o.z <= sz,
                    let at = anchor(in: space, for: o, fragile: unit.fragile)
                else { continue }
                var score = base
                if tuning.snug > 0 {
                    var exact = 0
                    if o.x == sx { exact += 1 }
                    if o.y == sy { exact += 1 }
                    if at.z + o.z == space.z2 { exact += 1 }
                    score *= 1 + tuning.snug * Double(exact)
                }
                if unit.fragile {
                    let waste = o.x * o.y * (space.z2 - at.z - o.z)
                    if !wasteAllowed && waste > unit.volumeMm3 { continue }
                    score -= Double(waste) * tuning.weight[unit.line]
                }
                if best == nil || score > best!.score { best = (k, at, o, score) }
                if !unit.fragile && tuning.snug == 0 { break }
            }
        }
        guard let b = best else {
            spaces.remove(at: s)
            return nil
        }
        let u = kinds[b.kind].removeLast()
        commit(units[u], tag: u, at: b.at, extent: b.extent)
        return u
    }

    /// Fills up to `count` containers of type `container`, one after the other, with `kinds` (units grouped by
    /// line; placed units are removed) as `tuning` says. Returns the containers' placements.
    static func fillPerturbed(
        _ count: Int, _ container: Container, kinds: inout [[Int]], units: [PackUnit], tuning: FillTuning
    ) -> [[PlacedUnit]] {
        var placements: [[PlacedUnit]] = []
        var minSide = smallestSide(kinds, units)
        for b in 0..<count where !kinds.isEmpty {
            var packer = MaximalSpacePacker(container)
            while !kinds.isEmpty, let s = packer.nextSpace(tuning.rule) {
                guard
                    packer.placeBest(
                        inSpace: s, kinds: &kinds, units: units, tuning: tuning,
                        wasteAllowed: !tuning.fragileWaits || b == count - 1) != nil
                else { continue }
                if kinds.contains(where: \.isEmpty) {
                    kinds.removeAll { $0.isEmpty }
                    minSide = smallestSide(kinds, units)
                }
                packer.prune(minSide)
            }
            placements.append(packer.placed)
        }
        return placements
    }
}
