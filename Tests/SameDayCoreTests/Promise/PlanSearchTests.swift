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
        let x = 0, y = 1, z = 2
        let search = PlanSearch(
            candidates: [candidate(0), candidate(1), candidate(2)],
            allowed: [[x, y], [x, y], [x, z], [x, z], [y], [z]])
        let choice = search.solve()
        #expect(Set(choice) == [y, z])
        #expect(choice == [y, y, z, z, y, z])
    }

    @Test func groupsWiderThanOneMaskAreCoveredGreedily() {
        // 70 lines, one connected group. C serves every line but out of region; A the even lines, B the odd ones.
        let a = 0, b = 1, c = 2
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
}
