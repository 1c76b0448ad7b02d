// The plan search on its own: the exact cover search beats the greedy start, and groups wider than one 64-bit
// mask are still covered (greedily) with every line assigned.

import Testing

@testable import SameDayCore

@Suite struct PlanSearchTests {
    private func candidate(_ rank: Int32, inRegion: Bool = true, km: Double = 10) -> PlanCandidate {
        PlanCandidate(inRegion: inRegion, distanceKm: km, rank: rank)
    }

    @Test func exactSearchFindsTheCoverGreedyMisses() {
        // X serves lines 0-3, Y lines 0, 1, 4, Z lines 2, 3, 5. Greedy takes X first and needs three nodes;
        // Y and Z cover everything with two.
        let x = 0
        let y = 1
        let z = 2
        let search = PlanSearch(
            candidates: [candidate(0), candidate(1), candidate(2)],
            allowed: [[x, y], [x, y], [x, z], [x, z], [y], [z]])
        let choice = search.solve()
        #expect(Set(choice) == [y, z])
        #expect(choice == [y, y, z, z, y, z])
    }

    @Test func groupsWiderThanOneMaskAreCoveredGreedily() {
        // 70 lines, one connected group. C serves every line but out of region; A the even lines, B the odd ones.
        let a = 0
        let b = 1
        let c = 2
        let allowed = (0..<70).map { $0 % 2 == 0 ? [a, c] : [b, c] }
        let search = PlanSearch(
            candidates: [candidate(0), candidate(1), candidate(2, inRegion: false)], allowed: allowed)
        #expect(search.solve() == Array(repeating: c, count: 70))
        // Without C serving every line: A takes the even lines, B the odd ones; node 2 serves only lines 68 and
        // 69, so the greedy cover never needs it.
        var split = (0..<70).map { $0 % 2 == 0 ? [a] : [b] }
        split[69] = [b, 2]
        split[68] = [a, 2]
        let two = PlanSearch(candidates: [candidate(0), candidate(1), candidate(2)], allowed: split).solve()
        #expect(two.count == 70)
        #expect(Set(two) == [a, b])
        #expect(two.enumerated().allSatisfy { split[$0.offset].contains($0.element) })
    }

    @Test func oneNodeServingEveryLineIsChosenByRegionThenDistanceThenID() {
        // Three nodes serve both lines: the in-region ones beat the nearer out-of-region one, and between the two
        // in-region ones at the same distance the lower id wins. Node 3 serves one line only.
        let candidates = [
            candidate(5, inRegion: false, km: 1), candidate(4, km: 30), candidate(2, km: 30), candidate(0, km: 0),
        ]
        let choice = PlanSearch(candidates: candidates, allowed: [[0, 1, 2, 3], [0, 1, 2]]).solve()
        #expect(choice == [2, 2])
        // 64 and 65 lines: the full mask of one word and of a second, partly used word.
        for count in [64, 65] {
            var allowed = (0..<count).map { _ in [0, 1] }
            allowed[count - 1] = [1]
            #expect(
                PlanSearch(candidates: [candidate(0), candidate(1)], allowed: allowed).solve()
                    == Array(repeating: 1, count: count))
        }
    }

    @Test func matchesBruteForceOnRandomSmallOrders() {
        // Every assignment of lines to allowed nodes, ranked by the spec's key: shipments, lines out of region,
        // distance sum over the nodes used, then node ids in line order.
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<2_000 {
            let nodeCount = Int.random(in: 1...5, using: &rng)
            let candidates = (0..<nodeCount).map { i in
                candidate(
                    Int32(i), inRegion: Bool.random(using: &rng), km: Double(Int.random(in: 0...3, using: &rng)))
            }
            let lineCount = Int.random(in: 1...5, using: &rng)
            let allowed = (0..<lineCount).map { _ in
                let nodes = (0..<nodeCount).filter { _ in Bool.random(using: &rng) }
                return nodes.isEmpty ? [Int.random(in: 0..<nodeCount, using: &rng)] : nodes
            }
            var best: (key: (Int, Int, Double, [Int32]), choice: [Int])?
            func visit(_ line: Int, _ choice: [Int]) {
                guard line < lineCount else {
                    let used = Set(choice)
                    let key = (
                        used.count, choice.filter { !candidates[$0].inRegion }.count,
                        used.sorted().reduce(0.0) { $0 + candidates[$1].distanceKm }, choice.map { candidates[$0].rank }
                    )
                    if let b = best {
                        let better =
                            key.0 != b.key.0
                            ? key.0 < b.key.0
                            : key.1 != b.key.1
                                ? key.1 < b.key.1
                                : key.2 != b.key.2 ? key.2 < b.key.2 : key.3.lexicographicallyPrecedes(b.key.3)
                        if !better { return }
                    }
                    best = (key, choice)
                    return
                }
                for c in allowed[line] { visit(line + 1, choice + [c]) }
            }
            visit(0, [])
            #expect(PlanSearch(candidates: candidates, allowed: allowed).solve() == best!.choice, "\(allowed)")
        }
    }
}
