// Choosing the plan: given each line's allowed nodes (those that deliver by the promise's deliverBy), find the
// assignment that is the lexicographic minimum of (shipments, lines out of region, distance sum, node ids in line
// order) — criteria 2 to 5 of spec/promise.md; criterion 1 is fixed by the caller's choice of allowed nodes.
//
// A plan is determined by its set S of nodes: each line then takes, among its allowed nodes in S, an in-region one
// if it can, and the smallest id among those. A minimum-size S uses all its nodes, so we search covers S by
// depth-first branching on the first uncovered line, pruning by size. Lines that share no allowed node with each
// other are independent: every criterion adds up (or, for ids, compares position by position), so each group of
// connected lines is solved on its own.

/// One candidate node of a plan search.
struct PlanCandidate {
    var inRegion: Bool
    var distanceKm: Double
    /// The node id's position in string order.
    var rank: Int32
}

struct PlanSearch {
    /// Search steps allowed per group of connected lines before keeping the best plan found so far.
    /// Orders of up to 8 lines get a budget no realistic network reaches (the search is exact); beyond that the
    /// answer is the best of a greedy start and what the budget explores.
    static let exactBudget = 5_000_000
    static let largeOrderBudget = 20_000

    let candidates: [PlanCandidate]
    /// Per line: indexes into `candidates`.
    let allowed: [[Int]]

    /// The chosen candidate per line.
    func solve() -> [Int] {
        let lineCount = allowed.count
        var choice = [Int](repeating: -1, count: lineCount)
        // Group lines connected through shared candidates (union-find).
        var parent = Array(0..<lineCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var firstLineOf = [Int](repeating: -1, count: candidates.count)
        for (line, nodes) in allowed.enumerated() {
            for c in nodes {
                let other = firstLineOf[c]
                if other >= 0 {
                    let a = find(line), b = find(other)
                    if a != b { parent[a] = b }
                } else {
                    firstLineOf[c] = line
                }
            }
        }
        // Groups in order of their first line (any order gives the same choice: groups are independent).
        var groupOfRoot = [Int](repeating: -1, count: lineCount)
        var groups: [[Int]] = []
        for line in 0..<lineCount {
            let root = find(line)
            if groupOfRoot[root] < 0 {
                groupOfRoot[root] = groups.count
                groups.append([])
            }
            groups[groupOfRoot[root]].append(line)
        }
        let budget = lineCount <= 8 ? Self.exactBudget : Self.largeOrderBudget
        for lines in groups {
            let picked = solveGroup(lines, budget: budget)
            for (k, line) in lines.enumerated() { choice[line] = picked[k] }
        }
        return choice
    }

    /// A plan's comparison key for one group.
    struct Key {
        var shipments: Int
        var outOfRegion: Int
        var distanceKm: Double
        var ranks: [Int32]

        func isBetter(than other: Key) -> Bool {
            if shipments != other.shipments { return shipments < other.shipments }
            if outOfRegion != other.outOfRegion { return outOfRegion < other.outOfRegion }
            if distanceKm != other.distanceKm { return distanceKm < other.distanceKm }
            return ranks.lexicographicallyPrecedes(other.ranks)
        }
    }

    /// Each line's best candidate within `set`, and the key of that plan.
    func assign(_ lines: [Int], within set: [Int]) -> (choice: [Int], key: Key) {
        var choice: [Int] = []
        choice.reserveCapacity(lines.count)
        var out = 0
        var ranks: [Int32] = []
        ranks.reserveCapacity(lines.count)
        for line in lines {
            var best = -1
            for c in allowed[line] where set.contains(c) {
                if best < 0 {
                    best = c
                    continue
                }
                let a = candidates[c], b = candidates[best]
                if (a.inRegion && !b.inRegion) || (a.inRegion == b.inRegion && a.rank < b.rank) { best = c }
            }
            choice.append(best)
            if !candidates[best].inRegion { out += 1 }
            ranks.append(candidates[best].rank)
        }
        // Sum distances in a fixed order (by rank) so equal sets give bit-identical sums.
        var used: [Int] = []
        used.reserveCapacity(choice.count)
        for c in choice where !used.contains(c) { used.append(c) }
        used.sort { candidates[$0].rank < candidates[$1].rank }
        let distance = used.reduce(0.0) { $0 + candidates[$1].distanceKm }
        return (choice, Key(shipments: used.count, outOfRegion: out, distanceKm: distance, ranks: ranks))
    }

    /// The greedy start: repeatedly the candidate serving the most uncovered lines (then in region, nearest, lowest
    /// id), taken in candidate order. `masks` holds `words` 64-bit words per candidate: the group lines it serves.
    func greedyCover(masks: [UInt64], words: Int, groupCandidates: [Int], lineCount: Int) -> [Int] {
        var greedySet: [Int] = []
        var covered = [UInt64](repeating: 0, count: words)
        var left = lineCount
        while left > 0 {
            var best = -1
            var bestCount = -1
            for c in groupCandidates {
                var count = 0
                for w in 0..<words { count += (masks[c &* words &+ w] & ~covered[w]).nonzeroBitCount }
                guard count > 0 else { continue }
                if count > bestCount || (count == bestCount && isPreferred(c, over: best)) {
                    best = c
                    bestCount = count
                }
            }
            greedySet.append(best)
            left -= bestCount
            for w in 0..<words { covered[w] |= masks[best &* words &+ w] }
        }
        return greedySet
    }

    /// Between two candidates (serving as many lines): in region first, then nearest, then lowest id.
    func isPreferred(_ c: Int, over best: Int) -> Bool {
        let a = candidates[c], b = candidates[best]
        if a.inRegion != b.inRegion { return a.inRegion }
        return (a.distanceKm, a.rank) < (b.distanceKm, b.rank)
    }

    func solveGroup(_ lines: [Int], budget: Int) -> [Int] {
        // Candidates of this group (in candidate order), each with the mask of group lines it serves.
        let words = (lines.count + 63) / 64
        var masks = [UInt64](repeating: 0, count: candidates.count * words)
        for (k, line) in lines.enumerated() {
            for c in allowed[line] { masks[c * words + k / 64] |= 1 << UInt64(k % 64) }
        }
        var groupCandidates: [Int] = []
        groupCandidates.reserveCapacity(candidates.count)
        for c in candidates.indices where (0..<words).contains(where: { masks[c &* words &+ $0] != 0 }) {
            groupCandidates.append(c)
        }
        // A node serving every line makes a plan of one shipment, the fewest there is; between such plans every
        // line takes the same node, so the key compares the nodes themselves: in region, nearest, lowest id.
        func servesAll(_ c: Int) -> Bool {
            for w in 0..<words {
                let bits = w < words - 1 ? 64 : lines.count - 64 * (words - 1)
                if masks[c &* words &+ w] != (bits == 64 ? ~0 : (1 << UInt64(bits)) - 1) { return false }
            }
            return true
        }
        var single = -1
        for c in groupCandidates where servesAll(c) {
            if single < 0 || isPreferred(c, over: single) { single = c }
        }
        if single >= 0 { return [Int](repeating: single, count: lines.count) }
        let greedy = greedyCover(masks: masks, words: words, groupCandidates: groupCandidates, lineCount: lines.count)
        var best = assign(lines, within: greedy)
        // The exact search tracks covered lines in one word: groups of more than 64 lines keep the greedy plan.
        guard words == 1 else { return best.choice }
        let all: UInt64 = lines.count == 64 ? ~0 : (1 << UInt64(lines.count)) - 1
        // Order each line's candidates so good covers are found early: most lines served, in region, nearest.
        let ordered: [[Int]] = lines.map { line in
            allowed[line].sorted {
                let a = candidates[$0], b = candidates[$1]
                let ma = masks[$0].nonzeroBitCount, mb = masks[$1].nonzeroBitCount
                if ma != mb { return ma > mb }
                if a.inRegion != b.inRegion { return a.inRegion }
                return (a.distanceKm, a.rank) < (b.distanceKm, b.rank)
            }
        }
        var steps = 0
        var chosen: [Int] = []
        func search(_ covered: UInt64) {
            steps += 1
            if steps > budget { return }
            if covered == all {
                let candidate = assign(lines, within: chosen)
                if candidate.key.isBetter(than: best.key) { best = candidate }
                return
            }
            if chosen.count + 1 > best.key.shipments { return }
            let k = (~covered).trailingZeroBitCount
            for c in ordered[k] {
                chosen.append(c)
                search(covered | masks[c])
                chosen.removeLast()
                if steps > budget { return }
            }
        }
        search(0)
        return best.choice
    }
}
