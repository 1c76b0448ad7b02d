// The classic instances of three-dimensional bin packing of Martello, Pisinger and Vigo (2000), "The
// three-dimensional bin packing problem", Operations Research 48(2): eight classes, one cubic bin size, items of
// fixed orientation, 10 instances each of 50, 100, 150 and 200 items (320 instances). Generated here from the
// paper's definitions with fixed seeds, so SameDay, the benchmark and the comparison with other packers all see
// the same instances (`sameday pack --mpv-export DIR` writes them for the peers).

/// One instance: a cubic bin and the items to pack into as few bins as possible, each in its own orientation.
public struct MPVInstance: Sendable, Equatable {
    /// The class, 1...8.
    public var mpvClass: Int
    /// The number of items.
    public var itemCount: Int
    /// Which of the instances of this class and size, 1...10.
    public var index: Int
    /// The bin's side (W = H = D), in the instance's length unit (written as millimetres).
    public var binSide: Int
    /// The items as (w, h, d): w along x, h along y, d along z.
    public var sizes: [Extent3]

    /// The bin as a container: no load limit worth the name, nothing to weigh.
    public var container: Container {
        Container(
            id: ContainerID("BIN"), lengthMm: binSide, widthMm: binSide, heightMm: binSide, maxLoadG: 1 << 40)
    }

    /// The items as order lines of fixed orientation, identical items merged into one line (SKU `w×h×d`).
    public var items: [Item] {
        var lines: [Item] = []
        var index: [Extent3: Int] = [:]
        for s in sizes {
            if let k = index[s] {
                lines[k].qty += 1
            } else {
                index[s] = lines.count
                lines.append(
                    Item(
                        sku: SKU("\(s.x)x\(s.y)x\(s.z)"), lengthMm: s.x, widthMm: s.y, heightMm: s.z, weightG: 0,
                        fixedOrientation: true))
            }
        }
        return lines
    }
}

/// The generator of the Martello–Pisinger–Vigo instances.
///
/// Classes 1–5 (bin 100): each item is of the class's own type with probability 60% and of each other type with
/// 10% (as the authors' generator does: a draw of 1–10 picks that type when ≤ 5, else the class's type). The types,
/// as the paper defines them (W = H = D = 100):
/// 1. w ∈ [1, W/2], h ∈ [2H/3, H], d ∈ [D/2, D]
/// 2. w ∈ [2W/3, W], h ∈ [1, H/2], d ∈ [D/2, D]
/// 3. w ∈ [W/2, W], h ∈ [2H/3, H], d ∈ [1, D/2]
/// 4. w ∈ [W/2, W], h ∈ [H/2, H], d ∈ [D/2, D]
/// 5. w ∈ [1, W/2], h ∈ [1, H/2], d ∈ [1, D/2]
///
/// Classes 6–8 (Berkey and Wang): bin 10 with sides in [1, 10]; bin 40 with sides in [1, 35]; bin 100 with sides in
/// [1, 100]. Bounds are inclusive and rounded down (2H/3 = 66 for H = 100), as integer division in the authors'
/// generator.
public enum MPVInstances {
    /// The classes of the benchmark.
    public static let classes = 1...8
    /// The numbers of items of the benchmark.
    public static let itemCounts = [50, 100, 150, 200]
    /// Instances per class and number of items.
    public static let instancesPerSize = 10

    /// The seed of one instance: fixed, so the same arguments always give the same items.
    public static func seed(mpvClass: Int, itemCount: Int, index: Int) -> UInt64 {
        0x4D50_5600_0000_0000 | UInt64(truncatingIfNeeded: mpvClass) << 32
            | UInt64(truncatingIfNeeded: itemCount) << 8 | UInt64(truncatingIfNeeded: index)
    }

    /// The bin side of a class.
    public static func binSide(mpvClass: Int) -> Int {
        switch mpvClass {
        case 6: 10
        case 7: 40
        default: 100
        }
    }

    /// Instance `index` (1...10) of `itemCount` items of class `mpvClass` (1...8).
    /// - Precondition: `classes.contains(mpvClass)` and `itemCount ≥ 1`; callers validate input first.
    /// - Complexity: O(itemCount).
    public static func instance(mpvClass: Int, itemCount: Int, index: Int) -> MPVInstance {
        precondition(classes.contains(mpvClass) && itemCount >= 1, "MPV class 1...8 and at least one item")
        var rng = SeededGenerator(seed: seed(mpvClass: mpvClass, itemCount: itemCount, index: index))
        let side = binSide(mpvClass: mpvClass)
        var sizes: [Extent3] = []
        sizes.reserveCapacity(itemCount)
        for _ in 0..<itemCount {
            sizes.append(item(mpvClass: mpvClass, side: side, rng: &rng))
        }
        return MPVInstance(mpvClass: mpvClass, itemCount: itemCount, index: index, binSide: side, sizes: sizes)
    }

    /// All instances of the benchmark, class by class, size by size: 320 with the defaults.
    public static func benchmark(
        classes: ClosedRange<Int> = classes, itemCounts: [Int] = itemCounts, instances: Int = instancesPerSize
    ) -> [MPVInstance] {
        var all: [MPVInstance] = []
        for c in classes where Self.classes.contains(c) {
            for n in itemCounts where n >= 1 {
                for i in 1...max(1, instances) { all.append(instance(mpvClass: c, itemCount: n, index: i)) }
            }
        }
        return all
    }

    static func item(mpvClass: Int, side: Int, rng: inout SeededGenerator) -> Extent3 {
        func draw(_ lo: Int, _ hi: Int) -> Int { rng.int(in: lo...hi) }
        switch mpvClass {
        case 6: return Extent3(x: draw(1, 10), y: draw(1, 10), z: draw(1, 10))
        case 7: return Extent3(x: draw(1, 35), y: draw(1, 35), z: draw(1, 35))
        case 8: return Extent3(x: draw(1, 100), y: draw(1, 100), z: draw(1, 100))
        default: break
        }
        let t = draw(1, 10)
        let type = t <= 5 ? t : mpvClass
        let w = side
        let h = side
        let d = side
        switch type {
        case 1: return Extent3(x: draw(1, w / 2), y: draw(2 * h / 3, h), z: draw(d / 2, d))
        case 2: return Extent3(x: draw(2 * w / 3, w), y: draw(1, h / 2), z: draw(d / 2, d))
        case 3: return Extent3(x: draw(w / 2, w), y: draw(2 * h / 3, h), z: draw(1, d / 2))
        case 4: return Extent3(x: draw(w / 2, w), y: draw(h / 2, h), z: draw(d / 2, d))
        default: return Extent3(x: draw(1, w / 2), y: draw(1, h / 2), z: draw(1, d / 2))
        }
    }
}
