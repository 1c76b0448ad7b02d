// One container fewer by dealing the units out first: when weight as much as space decides how many containers an
// order needs, filling containers one after the other by volume loads the first with the heavy units and leaves the
// rest no room under the load limit. Here the units are first dealt to k containers (unit by unit, balancing volume
// and weight; or whole lines by volume where they fit), then each container is packed on its own; units a container
// cannot take move to the container with the most room, for a few rounds.

extension Packer {
    /// Rounds of moving the units a container could not take.
    static let dealingRounds = 6

    /// Tries to pack `members` into `k` containers of the largest type that takes every unit by dealing them out
    /// first. Returns the containers (each shrunk to the smallest type that takes its contents) or nil.
    /// - Complexity: O(rounds · k · o · m · p) for m units per container, o orderings and p extreme points.
    func packIntoByDealing(
        _ k: Int, _ members: [Int], units: [PackUnit], types: [Container], orders: [UnitOrdering]
    ) -> [Bin]? {
        // Up to 3 containers: dealing costs a full packing per container per round, and on the sample sets it
        // saved containers only on orders of 2–4 (docs/packing.md).
        guard (2...3).contains(k), members.count > k else { return nil }
        var volume = 0
        var weight = 0
        for u in members {
            volume += units[u].volumeMm3
            weight += units[u].weightG
        }
        guard
            let big = types.filter({ t in members.allSatisfy { units[$0].fits(t) } })
                .max(by: { ($0.volumeMm3, -$0.costCents) < ($1.volumeMm3, -$1.costCents) }),
            10 * volume <= 9 * k * big.volumeMm3, weight <= k * big.maxLoadG,
            // Filling one container after the other fails for weight when the load limits are nearly as tight as
            // the room; for orders under half the loads dealing found nothing the other attempts missed on the
            // sample sets, and it costs a quarter of the packing time there (docs/packing.md).
            2 * weight >= k * big.maxLoadG
        else { return nil }
        let kinds = Self.kinds(members, units: units)
        // By volume and weight together first, then whole lines by volume.
        for how in [Dealing.unitsByBoth, .linesByVolume] {
            let hands = Self.deal(kinds, into: k, units: units, container: big, how: how)
            if let bins = packHands(hands, units: units, container: big, orders: orders) {
                return shrink(bins, units: units, types: types, orders: orders)
            }
        }
        return nil
    }

    /// Packs each hand into one `container`; what a container cannot take moves to the hand with the most room, for
    /// a few rounds. Returns the non-empty containers, or nil.
    func packHands(_ dealt: [[Int]], units: [PackUnit], container big: Container, orders: [UnitOrdering]) -> [Bin]? {
        var hands = dealt
        let k = hands.count
        var bins: [Bin?] = Array(repeating: nil, count: k)  // packed containers; nil while their hand changes
        for _ in 0..<Self.dealingRounds {
            var left: [(unit: Int, from: Int)] = []
            for i in 0..<k where bins[i] == nil {
                let (placed, out) = fitOne(hands[i], units: units, container: big, orders: orders)
                if out.isEmpty {
                    bins[i] = Bin(container: big, placed: placed)
                } else {
                    left += out.map { ($0, i) }
                    let gone = Set(out)
                    hands[i].removeAll { gone.contains($0) }
                }
            }
            if left.isEmpty { return bins.compactMap { $0 }.filter { !$0.placed.isEmpty } }
            // Each unit left goes to the open container (not yet packed, or packed with room) with the most room.
            for (u, from) in left.sorted(by: { units[$0.unit].volumeMm3 > units[$1.unit].volumeMm3 }) {
                guard
                    let target = Self.roomiest(
                        hands, except: from, for: units[u], units: units, container: big)
                else { return nil }
                hands[target].append(u)
                bins[target] = nil
            }
        }
        return nil
    }

    /// How units are dealt out.
    enum Dealing: CaseIterable {
        /// Whole lines to the container with the least volume when it takes the line within its share of the volume
        /// and its load limit, else unit by unit to the container with the least volume whose load limit takes it:
        /// volume is what makes a container hard to pack, weight only has to fit.
        case linesByVolume
        /// Unit by unit to the container where the larger of volume and weight, each against its average per
        /// container, stays lowest: for orders as heavy as they are large.
        case unitsByBoth
    }

    /// Deals `kinds` (units by line, largest first) out to `k` containers.
    static func deal(
        _ kinds: [[Int]], into k: Int, units: [PackUnit], container: Container, how: Dealing
    ) -> [[Int]] {
        var hands: [[Int]] = Array(repeating: [], count: k)
        var volume = Array(repeating: 0, count: k)
        var weight = Array(repeating: 0, count: k)
        var totalVolume = 0
        var totalWeight = 0
        for kind in kinds {
            totalVolume += kind.count * units[kind[0]].volumeMm3
            totalWeight += kind.count * units[kind[0]].weightG
        }
        let share = (totalVolume + k - 1) / k
        let averageVolume = Double(max(1, totalVolume)) / Double(k)
        let averageWeight = Double(max(1, totalWeight)) / Double(k)
        func add(_ u: Int, to i: Int) {
            hands[i].append(u)
            volume[i] += units[u].volumeMm3
            weight[i] += units[u].weightG
        }
        for kind in kinds {
            let unit = units[kind[0]]
            if how == .linesByVolume {
                let lineVolume = kind.count * unit.volumeMm3
                let lineWeight = kind.count * unit.weightG
                let takers = (0..<k).filter { j in
                    volume[j] + lineVolume <= share + unit.volumeMm3 && weight[j] + lineWeight <= container.maxLoadG
                }
                if let i = takers.min(by: { volume[$0] < volume[$1] }) {
                    for u in kind { add(u, to: i) }
                    continue
                }
            }
            for u in kind {
                var best = -1
                var bestScore = Double.infinity
                for j in 0..<k where weight[j] + unit.weightG <= container.maxLoadG {
                    let score =
                        how == .linesByVolume
                        ? Double(volume[j])
                        : max(
                            Double(volume[j] + unit.volumeMm3) / averageVolume,
                            Double(weight[j] + unit.weightG) / averageWeight)
                    if score < bestScore {
                        best = j
                        bestScore = score
                    }
                }
                add(u, to: best >= 0 ? best : (0..<k).min { weight[$0] < weight[$1] } ?? 0)
            }
        }
        return hands
    }

    /// The container (by index, other than `except`) whose hand has the most room for `unit` within the load
    /// limit, or nil.
    static func roomiest(
        _ hands: [[Int]], except: Int, for unit: PackUnit, units: [PackUnit], container: Container
    ) -> Int? {
        var best: (index: Int, room: Double)?
        for (i, hand) in hands.enumerated() where i != except {
            var v = unit.volumeMm3
            var w = unit.weightG
            for u in hand {
                v += units[u].volumeMm3
                w += units[u].weightG
            }
            guard w <= container.maxLoadG, v <= container.volumeMm3 else { continue }
            let room = 1 - max(Double(v) / Double(container.volumeMm3), Double(w) / Double(max(1, container.maxLoadG)))
            if best == nil || room > best!.room { best = (i, room) }
        }
        return best?.index
    }

    /// Packs `members` into one `container` as well as the extreme-point orderings and one maximal-space filling
    /// can: the placements of the attempt that placed the most volume, and the units it left out.
    func fitOne(
        _ members: [Int], units: [PackUnit], container: Container, orders: [UnitOrdering]
    ) -> (placed: [PlacedUnit], left: [Int]) {
        var best: (placed: [PlacedUnit], volume: Int)?
        var total = 0
        for u in members { total += units[u].volumeMm3 }
        for alongY in [false, true] {
            for order in orders {
                var ep = ExtremePointPacker(container)
                var volume = 0
                for u in order.sorted(members, units) where ep.place(units[u], tag: u, alongY: alongY) {
                    volume += units[u].volumeMm3
                }
                if volume == total { return (ep.placed, []) }
                if best == nil || volume > best!.volume { best = (ep.placed, volume) }
            }
        }
        for blocks in [false, true] {
            var kinds = Self.kinds(members, units: units)
            var packer = MaximalSpacePacker(container)
            let volume =
                blocks
                ? packer.fillBlocks(&kinds, units: units, rule: .bottomFirst)
                : packer.fill(&kinds, units: units, rule: .backFirst)
            if kinds.isEmpty { return (packer.placed, []) }
            if best == nil || volume > best!.volume { best = (packer.placed, volume) }
        }
        let placed = best?.placed ?? []
        let inside = Set(placed.map(\.unit))
        return (placed, members.filter { !inside.contains($0) })
    }
}
