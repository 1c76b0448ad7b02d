// Packing a group into fewer containers than the greedy search found: k copies of the largest container
// filled one after the other by empty maximal spaces (MaximalSpacePacker), under a few space and orientation
// rules, then with the lines left out offered first until all fit ("squeaky wheel" optimisation, Joslin and
// Clements 1999). Deterministic: the same units always give the same attempts.

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
            let u = units[a[0]], v = units[b[0]]
            return (v.volumeMm3, v.longestMm, u.line) < (u.volumeMm3, u.longestMm, v.line)
        }
    }
}
