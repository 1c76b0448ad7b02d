// Checks a packing against spec/pack.md on its own: it shares no geometry with the packer, so a packer bug
// cannot hide behind the same bug here. Every packer test and the property tests run it.

/// One way a packing breaks the rules.
public struct PackingViolation: Sendable, Hashable, CustomStringConvertible {
    /// Index of the container concerned, or nil for the packing as a whole.
    public var container: Int?
    public var message: String

    public init(container: Int?, message: String) {
        self.container = container
        self.message = message
    }

    public var description: String { container.map { "containers[\($0)]: \(message)" } ?? message }
}

/// An independent check of a packing for its order and catalog.
public struct PackingVerifier: Sendable {
    public let catalog: [Container]
    public let items: [Item]

    public init(catalog: [Container], items: [Item]) {
        self.catalog = catalog
        self.items = items
    }

    /// Every violation of spec/pack.md in `packing`; empty when the packing is valid.
    /// - Complexity: O(n²) in the units of the largest container.
    public func violations(of packing: Packing) -> [PackingViolation] {
        var found: [PackingViolation] = []
        func fail(_ index: Int?, _ message: String) {
            found.append(PackingViolation(container: index, message: message))
        }

        var lineOf: [String: Item] = [:]
        for item in items {
            if lineOf[item.sku.rawValue] != nil { fail(nil, "order repeats SKU \(item.sku)") }
            lineOf[item.sku.rawValue] = item
        }
        var catalogByID: [String: Container] = [:]
        for c in catalog { catalogByID[c.id.rawValue] = c }
        var placedCount: [String: Int] = [:]

        for (index, packed) in packing.containers.enumerated() {
            let units = packed.placements
            if units.isEmpty { fail(index, "is empty") }
            var unitWeight = 0
            var temperatures = Set<String>()
            var anyHazmat = false
            for (k, p) in units.enumerated() {
                placedCount[p.sku.rawValue, default: 0] += 1
                guard let item = lineOf[p.sku.rawValue] else {
                    fail(index, "placement \(k): SKU \(p.sku) is not in the order")
                    continue
                }
                unitWeight += item.weightG
                temperatures.insert(item.temperature.rawValue)
                if item.hazmat { anyHazmat = true }
                let own = [item.lengthMm, item.widthMm, item.heightMm].sorted()
                let shown = [p.lengthMm, p.widthMm, p.heightMm].sorted()
                if own != shown {
                    fail(
                        index,
                        "placement \(k) (\(p.sku)): extents \(p.lengthMm)×\(p.widthMm)×\(p.heightMm) are not its dimensions"
                    )
                }
                if item.fixedOrientation
                    && (p.lengthMm, p.widthMm, p.heightMm) != (item.lengthMm, item.widthMm, item.heightMm)
                {
                    fail(index, "placement \(k) (\(p.sku)): a unit of fixed orientation is turned")
                }
                if item.upright && p.heightMm != item.heightMm {
                    fail(index, "placement \(k) (\(p.sku)): upright unit is not standing on its base")
                }
                if item.ownContainer != (packed.container == nil) {
                    fail(
                        index,
                        item.ownContainer
                            ? "placement \(k) (\(p.sku)): an own-container unit is inside a container"
                            : "placement \(k) (\(p.sku)): unit is in no container")
                }
            }
            guard let container = packed.container else {
                if units.count != 1 { fail(index, "an own-container entry holds \(units.count) units, not 1") }
                if packed.weightG != unitWeight {
                    fail(index, "weightG is \(packed.weightG), the unit weighs \(unitWeight)")
                }
                continue
            }
            guard let listed = catalogByID[container.id.rawValue], listed == container else {
                fail(index, "box \(container.id) is not in the catalog")
                continue
            }
            if packed.weightG != container.emptyWeightG + unitWeight {
                fail(index, "weightG is \(packed.weightG), expected \(container.emptyWeightG + unitWeight)")
            }
            if unitWeight > container.maxLoadG {
                fail(index, "units weigh \(unitWeight) g, more than maxLoadG \(container.maxLoadG)")
            }
            if anyHazmat && units.count > 1 { fail(index, "a hazmat unit shares its container") }
            let cold = temperatures.contains("chilled") || temperatures.contains("frozen")
            if cold && container.kind != .insulated {
                fail(index, "chilled or frozen units in a \(container.kind.rawValue), not an insulated container")
            }
            if cold && temperatures.count > 1 {
                fail(index, "mixes temperatures \(temperatures.sorted().joined(separator: ", "))")
            }
            checkGeometry(units, in: container, index: index, fail: fail)
        }
        for item in items {
            let n = placedCount[item.sku.rawValue] ?? 0
            if n != item.qty { fail(nil, "SKU \(item.sku): \(n) units placed, the order has \(item.qty)") }
        }
        if packing.lowerBound > packing.containers.count {
            fail(nil, "lowerBound \(packing.lowerBound) exceeds the \(packing.containers.count) containers used")
        }
        if packing.lowerBound < 0 { fail(nil, "lowerBound is negative") }
        return found
    }

    /// Inside, no overlap, support, nothing on fragile units.
    private func checkGeometry(
        _ units: [Placement], in container: Container, index: Int, fail: (Int?, String) -> Void
    ) {
        for (k, p) in units.enumerated() {
            if p.x < 0 || p.y < 0 || p.z < 0 || p.x + p.lengthMm > container.lengthMm
                || p.y + p.widthMm > container.widthMm || p.z + p.heightMm > container.heightMm
            {
                fail(index, "placement \(k) (\(p.sku)) at (\(p.x), \(p.y), \(p.z)) sticks out of \(container.id)")
            }
        }
        // Pairwise: overlap, resting on.
        var supported = units.map { $0.z == 0 }
        for a in 0..<units.count {
            let p = units[a]
            for b in (a + 1)..<max(a + 1, units.count) {
                let q = units[b]
                let xOverlap = min(p.x + p.lengthMm, q.x + q.lengthMm) - max(p.x, q.x)
                let yOverlap = min(p.y + p.widthMm, q.y + q.widthMm) - max(p.y, q.y)
                let zOverlap = min(p.z + p.heightMm, q.z + q.heightMm) - max(p.z, q.z)
                if xOverlap > 0 && yOverlap > 0 && zOverlap > 0 {
                    fail(index, "placements \(a) (\(p.sku)) and \(b) (\(q.sku)) overlap")
                }
                guard xOverlap > 0 && yOverlap > 0 else { continue }
                for (lower, upper) in [(a, b), (b, a)] where units[lower].z + units[lower].heightMm == units[upper].z {
                    supported[upper] = true
                    if lineFor(units[lower].sku)?.fragile == true {
                        fail(
                            index,
                            "placement \(upper) (\(units[upper].sku)) rests on fragile placement \(lower) (\(units[lower].sku))"
                        )
                    }
                }
            }
        }
        for (k, ok) in supported.enumerated() where !ok {
            fail(index, "placement \(k) (\(units[k].sku)) at z = \(units[k].z) floats: nothing is directly below it")
        }
    }

    private func lineFor(_ sku: SKU) -> Item? { items.first { $0.sku == sku } }
}
