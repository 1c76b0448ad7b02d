// The verifier catches each kind of invalid packing (so a passing packer test means something).

import SameDayCore
import Testing

@Suite struct PackingVerifierTests {
    let box = Container(id: "B", lengthMm: 100, widthMm: 100, heightMm: 100, maxLoadG: 1000, emptyWeightG: 10)
    let insulated = Container(id: "I", kind: .insulated, lengthMm: 100, widthMm: 100, heightMm: 100, maxLoadG: 1000)

    func p(_ sku: SKU, _ x: Int, _ y: Int, _ z: Int, _ l: Int = 50, _ w: Int = 50, _ h: Int = 50) -> Placement {
        Placement(sku: sku, x: x, y: y, z: z, lengthMm: l, widthMm: w, heightMm: h)
    }

    func check(_ items: [Item], _ containers: [PackedContainer], bound: Int = 1) -> [String] {
        PackingVerifier(catalog: [box, insulated], items: items)
            .violations(of: Packing(containers: containers, lowerBound: bound)).map(\.message)
    }

    let cube = Item(sku: "C", lengthMm: 50, widthMm: 50, heightMm: 50, weightG: 100, qty: 2)

    @Test func aValidPackingHasNoViolations() {
        #expect(check([cube], [PackedContainer(container: box, weightG: 210, placements: [p("C", 0, 0, 0), p("C", 0, 0, 50)])]).isEmpty)
    }

    @Test func overlapIsCaught() {
        let v = check([cube], [PackedContainer(container: box, weightG: 210, placements: [p("C", 0, 0, 0), p("C", 49, 0, 0)])])
        #expect(v.contains { $0.contains("overlap") })
    }

    @Test func aFloatingUnitIsCaught() {
        let v = check([cube], [PackedContainer(container: box, weightG: 210, placements: [p("C", 0, 0, 0), p("C", 50, 50, 50)])])
        #expect(v.contains { $0.contains("floats") })
    }

    @Test func touchingOnlyAtAnEdgeIsNoSupport() {
        let v = check([cube], [PackedContainer(container: box, weightG: 210, placements: [p("C", 0, 0, 0), p("C", 50, 0, 50)])])
        #expect(v.contains { $0.contains("floats") })
    }

    @Test func aUnitOutsideTheContainerIsCaught() {
        let v = check([cube], [PackedContainer(container: box, weightG: 210, placements: [p("C", 0, 0, 0), p("C", 51, 0, 0)])])
        #expect(v.contains { $0.contains("sticks out") })
    }

    @Test func wrongExtentsWrongCountAndWrongWeightAreCaught() {
        let v = check([cube], [PackedContainer(container: box, weightG: 999, placements: [p("C", 0, 0, 0, 50, 50, 40)])])
        #expect(v.contains { $0.contains("are not its dimensions") })
        #expect(v.contains { $0.contains("1 units placed, the order has 2") })
        #expect(v.contains { $0.contains("weightG is 999") })
    }

    @Test func overloadIsCaught() {
        var heavy = cube
        heavy.weightG = 600
        let v = check([heavy], [PackedContainer(container: box, weightG: 1210, placements: [p("C", 0, 0, 0), p("C", 50, 0, 0)])])
        #expect(v.contains { $0.contains("more than maxLoadG") })
    }

    @Test func restingOnAFragileUnitIsCaught() {
        var glass = cube
        glass.fragile = true
        let v = check([glass], [PackedContainer(container: box, weightG: 210, placements: [p("C", 0, 0, 0), p("C", 0, 0, 50)])])
        #expect(v.contains { $0.contains("rests on fragile") })
    }

    @Test func aLyingUprightUnitIsCaught() {
        let bottle = Item(sku: "U", lengthMm: 50, widthMm: 50, heightMm: 90, weightG: 1, upright: true)
        let v = check([bottle], [PackedContainer(container: box, weightG: 11, placements: [p("U", 0, 0, 0, 90, 50, 50)])])
        #expect(v.contains { $0.contains("upright") })
    }

    @Test func hazmatSharingAndColdInABoxAndMixedTemperaturesAreCaught() {
        let haz = Item(sku: "H", lengthMm: 50, widthMm: 50, heightMm: 50, weightG: 0, hazmat: true)
        let other = Item(sku: "O", lengthMm: 50, widthMm: 50, heightMm: 50, weightG: 0)
        var v = check([haz, other], [PackedContainer(container: box, weightG: 10, placements: [p("H", 0, 0, 0), p("O", 50, 0, 0)])])
        #expect(v.contains { $0.contains("hazmat") })
        let milk = Item(sku: "M", lengthMm: 50, widthMm: 50, heightMm: 50, weightG: 0, temperature: .chilled)
        v = check([milk], [PackedContainer(container: box, weightG: 10, placements: [p("M", 0, 0, 0)])])
        #expect(v.contains { $0.contains("not an insulated") })
        v = check([milk, other], [PackedContainer(container: insulated, weightG: 0, placements: [p("M", 0, 0, 0), p("O", 50, 0, 0)])])
        #expect(v.contains { $0.contains("mixes temperatures") })
    }

    @Test func ownContainerRulesAndUnknownBoxesAndTooHighABoundAreCaught() {
        let own = Item(sku: "W", lengthMm: 500, widthMm: 500, heightMm: 500, weightG: 7, ownContainer: true)
        var v = check([own], [PackedContainer(container: box, weightG: 17, placements: [p("W", 0, 0, 0, 500, 500, 500)])])
        #expect(v.contains { $0.contains("own-container unit is inside") })
        v = check([own], [PackedContainer(container: nil, weightG: 7, placements: [p("W", 0, 0, 0, 500, 500, 500)])], bound: 2)
        #expect(v.contains { $0.contains("lowerBound 2 exceeds") })
        let stranger = Container(id: "X", lengthMm: 100, widthMm: 100, heightMm: 100, maxLoadG: 1000)
        v = check([cube], [PackedContainer(container: stranger, weightG: 200, placements: [p("C", 0, 0, 0), p("C", 50, 0, 0)])])
        #expect(v.contains { $0.contains("not in the catalog") })
    }
}
