// The cartonization algorithm: splits an order into groups that may share a container, packs each group
// into the fewest, then smallest, then cheapest containers of the catalog, and attaches a lower bound.

/// Packs orders into containers of a catalog (spec/pack.md).
///
/// Objective, in order: fewest containers, then least total container volume, then lowest cost.
/// Deterministic: the same catalog and items always give the same packing.
///
/// Rules beyond the spec's, documented in docs/packing.md:
/// - Ambient units go in boxes and mailers; an ambient unit that fits none of those travels in an insulated
///   container (a group of its own). Chilled and frozen units go only in insulated containers, each
///   temperature apart.
/// - `hazmat` units travel alone, each in the smallest container that takes it.
public struct Packer: Sendable {
    /// The container catalog.
    public let catalog: [Container]
    /// How many unit orderings to try for an order of `n` units (more for small orders).
    public var orderingsForUnitCount: @Sendable (Int) -> Int = { n in
        n <= 40 ? 4 : n <= 150 ? 2 : 1
    }
    /// How many perturbed attempts (seeded by the order's units) to make at one container fewer when the
    /// plain maximal-space attempts fail (docs/packing.md); 0 turns them off. More attempts drop more orders
    /// by a container and cost about 1 ms each on a 100-unit order.
    public var perturbedAttempts = 128
    /// Whether small groups above their bound get the search over partitions (Packer+SmallGroups.swift); tests turn
    /// it off to see what it adds.
    var searchesSmallGroups = true

    public init(catalog: [Container]) {
        self.catalog = catalog
    }

    /// Packs `items`.
    /// - Throws: `PackingError.itemFitsNoContainer` naming the first line whose units no container can take.
    /// - Complexity: about O(k · n² · p) for n units, k orderings tried and p extreme points per container.
    public func pack(_ items: [Item]) throws(PackingError) -> Packing {
        var groups: [Group] = []
        var ambient = Group(types: catalog.filter { $0.kind != .insulated })
        var ambientInsulated = Group(types: catalog.filter { $0.kind == .insulated })
        var chilled = Group(types: catalog.filter { $0.kind == .insulated })
        var frozen = Group(types: catalog.filter { $0.kind == .insulated })
        var ownUnits: [PackedContainer] = []
        var hazmat: [(unit: PackUnit, types: [Container])] = []

        for (line, item) in items.enumerated() {
            if item.ownContainer {
                for _ in 0..<item.qty {
                    ownUnits.append(
                        PackedContainer(
                            container: nil, weightG: item.weightG,
                            placements: [
                                Placement(
                                    sku: item.sku, x: 0, y: 0, z: 0, lengthMm: item.lengthMm,
                                    widthMm: item.widthMm, heightMm: item.heightMm)
                            ]))
                }
                continue
            }
            let unit = PackUnit(line: line, item: item)
            let allowed: [Container]
            switch item.temperature {
            case .ambient:
                allowed = ambient.types.contains(where: unit.fits) ? ambient.types : ambientInsulated.types
            case .chilled, .frozen:
                allowed = chilled.types
            }
            guard allowed.contains(where: unit.fits) else { throw unfit(item) }
            if item.hazmat {
                for _ in 0..<item.qty { hazmat.append((unit, allowed)) }
                continue
            }
            let units = Array(repeating: unit, count: item.qty)
            switch item.temperature {
            case .ambient:
                if allowed == ambient.types { ambient.units += units } else { ambientInsulated.units += units }
            case .chilled: chilled.units += units
            case .frozen: frozen.units += units
            }
        }
        groups = [ambient, ambientInsulated, chilled, frozen].filter { !$0.units.isEmpty }

        var containers: [PackedContainer] = []
        for group in groups {
            for bin in packGroup(group, items: items) {
                containers.append(output(bin, units: group.units, items: items))
            }
        }
        for (unit, types) in hazmat {
            let group = Group(types: types, units: [unit])
            for bin in packGroup(group, items: items) {
                containers.append(output(bin, units: group.units, items: items))
            }
        }
        containers += ownUnits
        // The true proven bound, never clamped to the packing: a bound above a valid packing is a bug that the
        // verifier and the tests must see.
        return Packing(containers: containers, lowerBound: LowerBounds.order(items, catalog: catalog))
    }

    /// The error for an item no allowed container takes, with the most telling reason.
    func unfit(_ item: Item) -> PackingError {
        let unit = PackUnit(line: 0, item: item)
        let kinds =
            item.temperature == .ambient ? catalog : catalog.filter { $0.accepts(item.temperature) }
        if catalog.isEmpty { return .noContainers }
        if kinds.isEmpty {
            return .itemFitsNoContainer(sku: item.sku, reason: .noContainerForTemperature(item.temperature))
        }
        let large = kinds.filter(unit.fitsDimensions)
        if large.isEmpty {
            return .itemFitsNoContainer(
                sku: item.sku,
                reason: .tooLarge(
                    lengthMm: item.lengthMm, widthMm: item.widthMm, heightMm: item.heightMm, upright: item.upright))
        }
        return .itemFitsNoContainer(
            sku: item.sku, reason: .tooHeavy(weightG: item.weightG, maxLoadG: large.map(\.maxLoadG).max() ?? 0))
    }

    private func output(_ bin: Bin, units: [PackUnit], items: [Item]) -> PackedContainer {
        var weight = bin.container.emptyWeightG
        var placements: [Placement] = []
        placements.reserveCapacity(bin.placed.count)
        for p in bin.placed {
            let unit = units[p.unit]
            weight += unit.weightG
            placements.append(
                Placement(
                    sku: items[unit.line].sku, x: p.x, y: p.y, z: p.z, lengthMm: p.extent.x, widthMm: p.extent.y,
                    heightMm: p.extent.z))
        }
        return PackedContainer(container: bin.container, weightG: weight, placements: placements)
    }
}

/// Units that may share containers, and the container types they may use.
struct Group {
    var types: [Container]
    var units: [PackUnit] = []
}

/// One filled container while packing.
struct Bin {
    var container: Container
    /// Placements; `unit` indexes the group's unit array.
    var placed: [PlacedUnit]
}

extension Packer {
    /// Packs one group: for each unit ordering, fill containers one at a time (the remainder goes into the
    /// smallest container that takes it whole), then repack each container into the smallest type that takes
    /// its contents and try to merge pairs; keep the best result over all orderings.
    func packGroup(_ group: Group, items: [Item]) -> [Bin] {
        let units = group.units
        // Ascending by volume, then cost, then id: the first type that works is the best by the objective.
        let types = group.types.sorted {
            ($0.volumeMm3, $0.costCents, $0.id.rawValue) < ($1.volumeMm3, $1.costCents, $1.id.rawValue)
        }
        var fixed: [Bin] = []
        var pending = Array(units.indices)
        if units.count > 150 {
            (fixed, pending) = packHomogeneous(units, types: types)
        }
        let orderingCount = max(1, min(UnitOrdering.allCases.count, orderingsForUnitCount(pending.count)))
        let orderings = Array(UnitOrdering.allCases.prefix(orderingCount))
        // One container for everything is the best count there is: test it once, for all orderings.
        if let one = smallestTakingAll(pending, units: units, types: types, orders: orderings) {
            return fixed + [one]
        }
        let sorted = orderings.map { $0.sorted(pending, units) }

        var best: [Bin]?
        for order in sorted {
            let bins = packRemaining(order, units: units, types: types, allOrders: orderings)
            if let b = best, !Self.isBetter(bins, than: b) { continue }
            best = bins
        }
        // Fewer containers: pack everything into one container less with empty maximal spaces, while volume and
        // weight allow it; where the plain attempts fail, perturbed ones seeded by the units themselves.
        if var current = best, current.count > 1 {
            // No search for fewer containers than the proven bound of the group (in the types it may use).
            let bound = fixed.isEmpty ? Self.bound(of: group, items: items) : 1
            while current.count > max(1, bound) {
                if let fewer = packInto(
                    current.count - 1, pending, units: units, types: types, orders: orderings, attempts: 4)
                {
                    current = fewer
                    continue
                }
                if let fewer = packIntoByDealing(
                    current.count - 1, pending, units: units, types: types, orders: orderings)
                {
                    current = fewer
                    continue
                }
                // A small group: the search over partitions covers every count down to the bound
                // (Packer+SmallGroups.swift); perturbed attempts only when it ran out of nodes.
                if fixed.isEmpty && units.count <= Self.smallGroupUnitLimit {
                    guard searchesSmallGroups else { break }
                    let search = packSmallGroup(units, types: types, current: current)
                    if let fewer = search.bins { current = fewer }
                    if search.bins != nil || !search.exhausted { break }
                }
                guard perturbedAttempts > 0 else { break }
                var rng = SeededGenerator(seed: Self.seed(pending, units: units))
                guard
                    let fewer = packIntoPerturbed(
                        current.count - 1, pending, units: units, types: types, orders: orderings,
                        attempts: perturbedAttempts, maxFill: Self.perturbedMaxFill, rng: &rng
                    ).bins
                else { break }
                current = fewer
            }
            best = current
        }
        return fixed + (best ?? [])
    }

    /// The proven lower bound of a group's units in the group's container types (LowerBounds.groupBound).
    static func bound(of group: Group, items: [Item]) -> Int {
        var qty: [Int: Int] = [:]
        for u in group.units { qty[u.line, default: 0] += 1 }
        let lines = qty.keys.sorted().map { line in
            var item = items[line]
            item.qty = qty[line] ?? 0
            return item
        }
        return LowerBounds.groupBound(lines, types: group.types)
    }

    static func isBetter(_ a: [Bin], than b: [Bin]) -> Bool {
        let va = a.reduce(0) { $0 + $1.container.volumeMm3 }
        let vb = b.reduce(0) { $0 + $1.container.volumeMm3 }
        let ca = a.reduce(0) { $0 + $1.container.costCents }
        let cb = b.reduce(0) { $0 + $1.container.costCents }
        return (a.count, va, ca) < (b.count, vb, cb)
    }

    private func packRemaining(
        _ order: [Int], units: [PackUnit], types: [Container], allOrders: [UnitOrdering]
    ) -> [Bin] {
        var remaining = order
        var bins: [Bin] = []
        while !remaining.isEmpty {
            // (The caller has already found that not everything fits one container.)
            if !bins.isEmpty, let bin = smallestTakingAll(remaining, units: units, types: types, orders: allOrders) {
                bins.append(bin)
                break
            }
            // Fill one container: try the largest types (and, if none takes anything, all) and keep
            // the one that packs the most volume.
            var bestBin: Bin?
            var bestVolume = 0
            var candidates = Array(types.suffix(3).reversed())
            var tried = Set<ContainerID>()
            while true {
                for t in candidates where !tried.contains(t.id) {
                    tried.insert(t.id)
                    var ep = ExtremePointPacker(t)
                    var volume = 0
                    for u in remaining where ep.place(units[u], tag: u) { volume += units[u].volumeMm3 }
                    if volume > bestVolume {
                        bestVolume = volume
                        bestBin = Bin(container: t, placed: ep.placed)
                    }
                }
                if bestBin != nil || tried.count == types.count { break }
                candidates = types.reversed()
            }
            guard let bin = bestBin else { break }  // unreachable: every unit fits some type alone
            let taken = Set(bin.placed.map(\.unit))
            remaining.removeAll { taken.contains($0) }
            bins.append(bin)
        }
        // Repack each container into the smallest type that takes its contents.
        for i in bins.indices {
            let contents = bins[i].placed.map(\.unit)
            if let smaller = smallestTakingAll(
                contents, units: units, types: types.filter { $0.volumeMm3 < bins[i].container.volumeMm3 },
                orders: allOrders)
            {
                bins[i] = smaller
            }
        }
        // Merge pairs of containers when their contents fit one.
        if bins.count > 1 && bins.count <= 8 {
            var merged = true
            while merged {
                merged = false
                search: for i in bins.indices {
                    for j in bins.indices where j > i {
                        let contents = bins[i].placed.map(\.unit) + bins[j].placed.map(\.unit)
                        if let one = smallestTakingAll(contents, units: units, types: types, orders: allOrders) {
                            bins[i] = one
                            bins.remove(at: j)
                            merged = true
                            break search
                        }
                    }
                }
            }
        }
        return bins
    }

    /// The smallest type (by volume, then cost) into which all of `members` fit, trying each ordering.
    func smallestTakingAll(_ members: [Int], units: [PackUnit], types: [Container], orders: [UnitOrdering]) -> Bin? {
        var volume = 0
        var weight = 0
        for u in members {
            volume += units[u].volumeMm3
            weight += units[u].weightG
        }
        var sortedOrders: [[Int]] = []
        for t in types where t.volumeMm3 >= volume && t.maxLoadG >= weight {
            guard members.allSatisfy({ units[$0].fitsDimensions(t) }) else { continue }
            if sortedOrders.isEmpty { sortedOrders = orders.map { $0.sorted(members, units) } }
            for alongY in [false, true] {
                for order in sortedOrders {
                    var ep = ExtremePointPacker(t)
                    if order.allSatisfy({ ep.place(units[$0], tag: $0, alongY: alongY) }) {
                        return Bin(container: t, placed: ep.placed)
                    }
                }
            }
        }
        return nil
    }

    /// For large groups: full containers of one SKU stacked as a grid, so 10,000 units pack in linear time.
    /// Returns those containers and the units left for the general packer.
    func packHomogeneous(_ units: [PackUnit], types: [Container]) -> ([Bin], [Int]) {
        var byLine: [Int: [Int]] = [:]
        var lineOrder: [Int] = []
        for (i, u) in units.enumerated() {
            if byLine[u.line] == nil { lineOrder.append(u.line) }
            byLine[u.line, default: []].append(i)
        }
        var bins: [Bin] = []
        var rest: [Int] = []
        for line in lineOrder {
            guard let members = byLine[line], let first = members.first else { continue }
            let unit = units[first]
            // Best capacity over types and orientations; then the smallest type reaching it.
            var bestCapacity = 0
            var choice: (Container, Extent3, Int, Int, Int)?
            for t in types {
                for o in unit.orientations where o.x <= t.lengthMm && o.y <= t.widthMm && o.z <= t.heightMm {
                    let nx = t.lengthMm / o.x
                    let ny = t.widthMm / o.y
                    let nz = unit.fragile ? 1 : t.heightMm / o.z
                    var capacity = nx * ny * nz
                    if unit.weightG > 0 { capacity = min(capacity, t.maxLoadG / unit.weightG) }
                    if capacity > bestCapacity {
                        bestCapacity = capacity
                        choice = (t, o, nx, ny, nz)
                    }
                }
            }
            guard let (t, o, nx, ny, _) = choice, bestCapacity >= 2, members.count >= 2 * bestCapacity else {
                rest += members
                continue
            }
            let fullCount = members.count / bestCapacity - 1  // leave at least one container's worth to mix
            var index = 0
            for _ in 0..<fullCount {
                var placed: [PlacedUnit] = []
                placed.reserveCapacity(bestCapacity)
                for k in 0..<bestCapacity {
                    let ix = k % nx
                    let iy = (k / nx) % ny
                    let iz = k / (nx * ny)
                    placed.append(PlacedUnit(unit: members[index], x: ix * o.x, y: iy * o.y, z: iz * o.z, extent: o))
                    index += 1
                }
                bins.append(Bin(container: t, placed: placed))
            }
            rest += members[index...]
        }
        return (bins, rest)
    }
}

/// Orders in which units are offered to the extreme-point packer.
enum UnitOrdering: CaseIterable {
    case volume, longestEdge, largestFace, height

    func sorted(_ members: [Int], _ units: [PackUnit]) -> [Int] {
        members.sorted { a, b in
            let u = units[a]
            let v = units[b]
            switch self {
            case .volume:
                return (v.volumeMm3, v.longestMm, u.line, a) < (u.volumeMm3, u.longestMm, v.line, b)
            case .longestEdge:
                return (v.longestMm, v.volumeMm3, u.line, a) < (u.longestMm, u.volumeMm3, v.line, b)
            case .largestFace:
                return (v.largestFaceMm2, v.volumeMm3, u.line, a) < (u.largestFaceMm2, u.volumeMm3, v.line, b)
            case .height:
                return (v.heightMm, v.largestFaceMm2, u.line, a) < (u.heightMm, u.largestFaceMm2, v.line, b)
            }
        }
    }
}
