// The Martello–Pisinger–Vigo instances: the same seed gives the same items, every item lies in its class's ranges,
// and SameDay's packings of them are valid (orientation kept) and never below the bound.

import Testing

@testable import SameDayCore

@Suite struct MPVInstancesTests {
    @Test func theSameArgumentsGiveTheSameItemsAndOtherIndexesOtherItems() {
        let a = MPVInstances.instance(mpvClass: 3, itemCount: 50, index: 4)
        let b = MPVInstances.instance(mpvClass: 3, itemCount: 50, index: 4)
        #expect(a == b)
        #expect(a.sizes.count == 50)
        #expect(MPVInstances.instance(mpvClass: 3, itemCount: 50, index: 5).sizes != a.sizes)
        #expect(MPVInstances.instance(mpvClass: 2, itemCount: 50, index: 4).sizes != a.sizes)
    }

    @Test func theBenchmarkHasThreeHundredTwentyInstances() {
        let all = MPVInstances.benchmark()
        #expect(all.count == 320)
        #expect(Set(all.map { "\($0.mpvClass)-\($0.itemCount)-\($0.index)" }).count == 320)
        #expect(all.allSatisfy { $0.sizes.count == $0.itemCount })
    }

    /// The ranges of the paper's five item types for a bin of side 100.
    static func ofType(_ t: Int, _ e: Extent3) -> Bool {
        switch t {
        case 1: (1...50).contains(e.x) && (66...100).contains(e.y) && (50...100).contains(e.z)
        case 2: (66...100).contains(e.x) && (1...50).contains(e.y) && (50...100).contains(e.z)
        case 3: (50...100).contains(e.x) && (66...100).contains(e.y) && (1...50).contains(e.z)
        case 4: (50...100).contains(e.x) && (50...100).contains(e.y) && (50...100).contains(e.z)
        default: (1...50).contains(e.x) && (1...50).contains(e.y) && (1...50).contains(e.z)
        }
    }

    @Test(arguments: 1...5)
    func classesOneToFiveDrawTheirOwnTypeSixTimesInTen(mpvClass: Int) {
        let sizes = (1...10).flatMap { MPVInstances.instance(mpvClass: mpvClass, itemCount: 200, index: $0).sizes }
        #expect(sizes.allSatisfy { e in (1...5).contains { Self.ofType($0, e) } })
        let own = sizes.filter { Self.ofType(mpvClass, $0) }.count
        // 60% of 2,000 by construction (other types overlap the ranges a little): well inside 55–70%.
        #expect(own >= 1_100 && own <= 1_400, "class \(mpvClass): \(own) of 2000")
    }

    @Test(arguments: [(6, 10, 10), (7, 40, 35), (8, 100, 100)])
    func berkeyAndWangClassesStayInTheirRanges(mpvClass: Int, side: Int, largest: Int) {
        let m = MPVInstances.instance(mpvClass: mpvClass, itemCount: 200, index: 1)
        #expect(m.binSide == side)
        #expect(m.sizes.allSatisfy { max($0.x, $0.y, $0.z) <= largest && min($0.x, $0.y, $0.z) >= 1 })
        #expect(m.sizes.contains { max($0.x, $0.y, $0.z) == largest })
    }

    @Test(arguments: 1...8)
    func packingsOfEachClassAreValidAndKeepOrientation(mpvClass: Int) throws {
        let m = MPVInstances.instance(mpvClass: mpvClass, itemCount: 50, index: 1)
        let items = m.items
        #expect(items.allSatisfy { $0.fixedOrientation })
        #expect(items.reduce(0) { $0 + $1.qty } == 50)
        let packing = try Packer(catalog: [m.container]).pack(items)
        let violations = PackingVerifier(catalog: [m.container], items: items).violations(of: packing)
        #expect(violations.isEmpty, "\(violations.prefix(3).map(\.description))")
        #expect(packing.containers.count >= packing.lowerBound)
        let binVolume = m.binSide * m.binSide * m.binSide
        #expect(packing.lowerBound >= LowerBounds.continuous(m.sizes.map { $0.x * $0.y * $0.z }, capacity: binVolume))
    }

    @Test func aTurnedUnitOfFixedOrientationIsAViolation() {
        let bin = Container(id: "BIN", lengthMm: 100, widthMm: 100, heightMm: 100, maxLoadG: 1_000)
        let item = Item(sku: "P", lengthMm: 80, widthMm: 20, heightMm: 10, weightG: 0, fixedOrientation: true)
        let turned = Packing(
            containers: [
                PackedContainer(
                    container: bin, weightG: 0,
                    placements: [Placement(sku: "P", x: 0, y: 0, z: 0, lengthMm: 20, widthMm: 80, heightMm: 10)])
            ], lowerBound: 1)
        let v = PackingVerifier(catalog: [bin], items: [item]).violations(of: turned)
        #expect(v.contains { $0.message.contains("fixed orientation") })
    }
}
