// Packing a group into fewer containers than the greedy search found: k copies of the largest container
// filled one after the other by empty maximal spaces (MaximalSpacePacker), under a few space and orientation
// rules, then with the lines left out offered first until all fit ("squeaky wheel" optimisation, Joslin and
// Clements 1999). Where those fail, a bounded number of perturbed fillings (MaximalSpacePacker+Perturbed.swift)
// drawn from a generator seeded by the units. Deterministic: the same units always give the same attempts.

extension Packer {
    /// Tries to pack `members` into `k` containers. Returns the containers (each shrunk to the smallest type
    /// that takes its contents), or nil when no attempt within `attempts` fits every unit.
    func packInto(
        _ k: Int, _ members: [Int], units: [PackUnit], types: [Container], orders: [UnitOrdering], attempts: Int
    ) -> [Bin]? {
        guard k >= 1, !members.isEmpty else { return nil }
        var volume = 0
        var weight = 0
        for u in members {
            volume += units[u].volumeMm3
            weight += units[u].weightG
        }
        // The largest type (by volume, then the cheapest) that takes every unit on its own.
        guard
            let big = types.filter({ t in members.allSatisfy { units[$0].fits(t) } })
                .max(by: { ($0.volumeMm3, -$0.costCents) < ($1.volumeMm3, -$1.costCents) }),
            // Above 90% of the containers' volume no attempt succeeded on the realistic sample orders
            // (docs/performance.md): skip the search there, it only costs time.
            10 * volume <= 9 * k * big.volumeMm3, weight <= k * big.maxLoadG
        else { return nil }

        // Space-driven: fill the containers one after the other, each space taking the largest unit that fits;
        // fragile units that would waste more room above them than they fill wait for the last container.
        let variants: [(MaximalSpacePacker.Rule, alongY: Bool, tallest: Bool)] = [
            (.bottomFirst, false, false), (.bottomFirst, true, false), (.backFirst, false, false),
            (.backFirst, true, false), (.bottomFirst, false, true), (.backFirst, false, true),
        ]
        // Blocks of identical units first (MaximalSpacePacker+Blocks.swift): orders of a few lines of many units.
        for (rule, alongY) in [(MaximalSpacePacker.Rule.bottomFirst, false), (.backFirst, true)] {
            var kinds = Self.kinds(members, units: units)
            var bins: [Bin] = []
            for _ in 0..<k where !kinds.isEmpty {
                var packer = MaximalSpacePacker(big)
                _ = packer.fillBlocks(&kinds, units: units, rule: rule, alongY: alongY)
                bins.append(Bin(container: big, placed: packer.placed))
            }
            if kinds.isEmpty { return shrink(bins, units: units, types: types, orders: orders) }
        }
        for (rule, alongY, tallest) in variants {
            var kinds = Self.kinds(members, units: units)
            var bins: [Bin] = []
            for b in 0..<k where !kinds.isEmpty {
                var packer = MaximalSpacePacker(big)
                _ = packer.fill(
                    &kinds, units: units, rule: rule, alongY: alongY, wasteAllowed: b == k - 1, tallestFirst: tallest)
                bins.append(Bin(container: big, placed: packer.placed))
            }
            if kinds.isEmpty { return shrink(bins, units: units, types: types, orders: orders) }
        }

        // Squeaky wheel: the lines left out go first (before the largest) in the next attempt.
        let byVolume = Self.kinds(members, units: units)
        var priority: [Int] = []  // lines
        for attempt in 0..<attempts {
            let first = Set(priority)
            var kinds = priority.compactMap { line in byVolume.first { units[$0[0]].line == line } }
            kinds += byVolume.filter { !first.contains(units[$0[0]].line) }
            var bins: [Bin] = []
            for b in 0..<k where !kinds.isEmpty {
                let urgent = kinds.prefix { first.contains(units[$0[0]].line) }.count
                var packer = MaximalSpacePacker(big)
                _ = packer.fill(
                    &kinds, units: units, rule: .bottomFirst, alongY: attempt % 2 == 1, wasteAllowed: b == k - 1,
                    tallestFirst: attempt % 4 >= 2, urgent: urgent)
                bins.append(Bin(container: big, placed: packer.placed))
            }
            if kinds.isEmpty { return shrink(bins, units: units, types: types, orders: orders) }
            let left = kinds.map { units[$0[0]].line }
            priority = left + priority.filter { !left.contains($0) }
        }
        return nil
    }

    /// Each container repacked into the smallest smaller type that takes its contents, where one does.
    func shrink(_ bins: [Bin], units: [PackUnit], types: [Container], orders: [UnitOrdering]) -> [Bin] {
        var result = bins
        for i in result.indices {
            let contents = result[i].placed.map(\.unit)
            if let smaller = smallestTakingAll(
                contents, units: units, types: types.filter { $0.volumeMm3 < result[i].container.volumeMm3 },
                orders: orders)
            {
                result[i] = smaller
            }
        }
        return result
    }

    /// `members` grouped by order line (identical units), largest unit volume first.
    static func kinds(_ members: [Int], units: [PackUnit]) -> [[Int]] {
        var byLine: [Int: [Int]] = [:]
        for u in members { byLine[units[u].line, default: []].append(u) }
        return byLine.values.map { $0.sorted(by: >) }.sorted { a, b in
            let u = units[a[0]]
            let v = units[b[0]]
            return (v.volumeMm3, v.longestMm, u.line) < (u.volumeMm3, u.longestMm, v.line)
        }
    }
}

extension Packer {
    /// Above this share of the k containers' volume no perturbed attempt succeeded on the 200 sample orders of
    /// 100 units (the best reached 87.4%, with up to 10,000 attempts an order; docs/performance.md): the
    /// search is not made there, it only costs time.
    static let perturbedMaxFill = 0.875

    /// The result of a perturbed search: the containers when every unit fitted, and how many attempts it took.
    struct PerturbedResult {
        var bins: [Bin]?
        var attempts: Int
        /// The smallest volume left out by any attempt, in mm³ (0 when it succeeded).
        var leftVolumeMm3: Int
        /// The tuning of the attempt that succeeded.
        var tuning: FillTuning?
    }

    /// Tries to pack `members` into `k` containers of the largest type by up to `attempts` perturbed fillings
    /// (MaximalSpacePacker+Perturbed.swift), drawn from `rng`: half of them mutate the best attempt so far
    /// (the lines it left out weigh more), the others are fresh draws.
    ///
    /// Only tried when the units' volume is at most `maxFill` of the k containers.
    func packIntoPerturbed(
        _ k: Int, _ members: [Int], units: [PackUnit], types: [Container], orders: [UnitOrdering], attempts: Int,
        maxFill: Double = 1, rng: inout SeededGenerator
    ) -> PerturbedResult {
        var volume = 0
        var weight = 0
        var lines = 0
        for u in members {
            volume += units[u].volumeMm3
            weight += units[u].weightG
            lines = max(lines, units[u].line + 1)
        }
        guard k >= 1, !members.isEmpty,
            let big = types.filter({ t in members.allSatisfy { units[$0].fits(t) } })
                .max(by: { ($0.volumeMm3, -$0.costCents) < ($1.volumeMm3, -$1.costCents) }),
            Double(volume) <= maxFill * Double(k * big.volumeMm3), weight <= k * big.maxLoadG
        else { return PerturbedResult(bins: nil, attempts: 0, leftVolumeMm3: volume) }

        let byVolume = Self.kinds(members, units: units)
        var best: (tuning: FillTuning, left: [Int], volume: Int)?
        for attempt in 0..<attempts {
            let tuning: FillTuning
            if let b = best, rng.unit() < 0.5 {
                tuning = b.tuning.mutated(boosting: b.left, using: &rng)
            } else {
                tuning = FillTuning.random(lines: lines, using: &rng)
            }
            var kinds = byVolume
            let placed = MaximalSpacePacker.fillPerturbed(k, big, kinds: &kinds, units: units, tuning: tuning)
            if kinds.isEmpty {
                let bins = placed.filter { !$0.isEmpty }.map { Bin(container: big, placed: $0) }
                return PerturbedResult(
                    bins: shrink(bins, units: units, types: types, orders: orders), attempts: attempt + 1,
                    leftVolumeMm3: 0, tuning: tuning)
            }
            let leftVolume = kinds.reduce(0) { $0 + $1.count * units[$1[0]].volumeMm3 }
            if best == nil || leftVolume < best!.volume {
                best = (tuning, kinds.map { units[$0[0]].line }, leftVolume)
            }
        }
        return PerturbedResult(bins: nil, attempts: attempts, leftVolumeMm3: best?.volume ?? volume)
    }

    /// A seed drawn from the units themselves (FNV-1a over each unit's line, dimensions, weight and flags), so
    /// the same order always gets the same attempts.
    static func seed(_ members: [Int], units: [PackUnit]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ v: Int) {
            hash = (hash ^ UInt64(truncatingIfNeeded: v)) &* 0x0000_0100_0000_01B3
        }
        for u in members {
            let unit = units[u]
            mix(unit.line)
            mix(unit.orientations[0].x)
            mix(unit.orientations[0].y)
            mix(unit.orientations[0].z)
            mix(unit.weightG)
            mix(unit.fragile ? 1 : 0)
            mix(unit.orientations.count)
        }
        return hash
    }
}
