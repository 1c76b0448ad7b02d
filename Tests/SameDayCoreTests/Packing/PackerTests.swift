// Exact answers and every flag of spec/pack.md, each packing checked by the independent verifier.

import SameDayCore
import Testing

@Suite struct PackerTests {
    typealias F = PackingFixtures

    @Test func eightTenCentimetreCubesGoInOneTwentyCentimetreCube() throws {
        let catalog = [F.cube("C20", 200), F.cube("C30", 300), F.cube("C19", 199)]
        let packing = try F.packVerified([F.item("K", 100, 100, 100, qty: 8)], catalog: catalog)
        #expect(packing.containers.count == 1)
        #expect(packing.containers.first?.container?.id == "C20")
        #expect(packing.lowerBound == 1)
    }

    @Test func twentySevenUnitCubesFillAThreeByThreeByThreeBox() throws {
        let catalog = [F.cube("C3", 3), F.cube("C4", 4)]
        let packing = try F.packVerified([F.item("U", 1, 1, 1, qty: 27)], catalog: catalog)
        #expect(packing.containers.map { $0.container?.id } == ["C3"])
        #expect(packing.containers.first?.fill == 1)
    }

    @Test func twoItemsThatNeedTwoBoxesByVolumeGetTwoAndTheBoundSaysSo() throws {
        // Each is more than half the box: they cannot share, whatever the orientation.
        let catalog = [F.box("B", 300, 200, 200)]
        let packing = try F.packVerified([F.item("A", 300, 200, 110, qty: 2)], catalog: catalog)
        #expect(packing.containers.count == 2)
        #expect(packing.lowerBound == 2)
    }

    @Test func twoItemsThatNeedTwoBoxesByWeightGetTwoAndTheBoundSaysSo() throws {
        let catalog = [F.box("B", 400, 400, 400, maxLoadG: 10_000)]
        let packing = try F.packVerified([F.item("H", 50, 50, 50, weightG: 6_000, qty: 2)], catalog: catalog)
        #expect(packing.containers.count == 2)
        #expect(packing.lowerBound == 2)
    }

    @Test func anItemTooLargeForEveryContainerIsAnErrorNamingIt() {
        #expect(
            throws: PackingError.itemFitsNoContainer(
                sku: "SOFA", reason: .tooLarge(lengthMm: 2000, widthMm: 900, heightMm: 800, upright: false))
        ) {
            try Packer(catalog: F.store).pack([F.item("BOOK", 200, 130, 30), F.item("SOFA", 2000, 900, 800)])
        }
        let error = PackingError.itemFitsNoContainer(
            sku: "SOFA", reason: .tooLarge(lengthMm: 2000, widthMm: 900, heightMm: 800, upright: false))
        #expect(error.description.contains("SOFA"))
    }

    @Test func anItemTooHeavyForEveryContainerThatHoldsItIsAnErrorSayingSo() {
        #expect(throws: PackingError.itemFitsNoContainer(sku: "ANVIL", reason: .tooHeavy(weightG: 40_000, maxLoadG: 30_000))) {
            try Packer(catalog: F.store).pack([F.item("ANVIL", 300, 200, 200, weightG: 40_000)])
        }
    }

    @Test func aChilledItemWithNoInsulatedContainerIsAnError() {
        var milk = F.item("MILK", 100, 100, 200)
        milk.temperature = .chilled
        #expect(throws: PackingError.itemFitsNoContainer(sku: "MILK", reason: .noContainerForTemperature(.chilled))) {
            try Packer(catalog: [F.box("B", 400, 400, 400)]).pack([milk])
        }
    }

    @Test func anEmptyOrderNeedsNoContainers() throws {
        let packing = try F.packVerified([], catalog: F.store)
        #expect(packing.containers.isEmpty)
        #expect(packing.lowerBound == 0)
        #expect(PackingFormat.json(packing) == #"{"containers":[],"lowerBound":0}"#)
    }

    @Test func anItemExactlyTheBoxSizeFitsAndOneMillimetreMoreDoesNot() throws {
        let catalog = [F.box("B", 300, 200, 100)]
        let exact = try F.packVerified([F.item("E", 100, 300, 200)], catalog: catalog)
        #expect(exact.containers.count == 1)
        let minus = try F.packVerified([F.item("E", 299, 199, 99)], catalog: catalog)
        #expect(minus.containers.count == 1)
        #expect(throws: PackingError.self) { try Packer(catalog: catalog).pack([F.item("E", 301, 200, 100)]) }
        #expect(throws: PackingError.self) { try Packer(catalog: catalog).pack([F.item("E", 300, 200, 101)]) }
    }

    @Test func twoHalvesFillTheBoxExactlyButOneMillimetreMoreNeedsTwoBoxes() throws {
        let catalog = [F.box("B", 300, 200, 100)]
        let exact = try F.packVerified([F.item("H", 150, 200, 100, qty: 2)], catalog: catalog)
        #expect(exact.containers.count == 1)
        let over = try F.packVerified([F.item("H", 151, 200, 100, qty: 2)], catalog: catalog)
        #expect(over.containers.count == 2)
        #expect(over.lowerBound == 2)
    }

    @Test func zeroWeightItemsPackAndWeighNothing() throws {
        let packing = try F.packVerified([F.item("GIFTCARD", 85, 54, 1, weightG: 0, qty: 3)], catalog: F.store)
        #expect(packing.containers.count == 1)
        #expect(packing.containers[0].weightG == packing.containers[0].container?.emptyWeightG)
    }

    @Test func tenThousandUnitsPackValidlyNearTheBound() throws {
        let packing = try F.packVerified([F.item("SOAP", 90, 60, 30, weightG: 120, qty: 10_000)], catalog: F.store)
        #expect(packing.unitCount == 10_000)
        // The weight bound: 1.2 t in boxes of at most 30 kg.
        #expect(packing.lowerBound >= 40)
        #expect(Double(packing.containers.count) <= Double(packing.lowerBound) * 1.25)
    }

    @Test func theSmallestBoxThatHoldsTheOrderIsChosen() throws {
        let packing = try F.packVerified([F.item("MUG", 120, 120, 110, qty: 2)], catalog: F.store)
        // Two mugs side by side need 240 × 120 × 110: B3 (300×200×200) is the smallest box that takes them.
        #expect(packing.containers.map { $0.container?.id } == ["B3"])
    }

    @Test func flatItemsGoInAMailer() throws {
        let packing = try F.packVerified([F.item("TSHIRT", 300, 220, 20)], catalog: F.store)
        #expect(packing.containers.first?.container?.kind == .mailer)
    }

    @Test func uprightItemsStayOnTheirBase() throws {
        var bottle = F.item("WINE", 80, 80, 300, weightG: 1300, qty: 3)
        bottle.upright = true
        let packing = try F.packVerified([bottle], catalog: F.store)
        for p in packing.containers.flatMap(\.placements) { #expect(p.heightMm == 300) }
        // Lying down it would fit a 350 mm mailer; upright it needs a box at least 300 mm tall.
        #expect(packing.containers.allSatisfy { ($0.container?.heightMm ?? 0) >= 300 })
    }

    @Test func anUprightItemTallerThanEveryBoxIsAnErrorEvenIfItWouldFitLyingDown() {
        var pole = F.item("POLE", 50, 50, 500)
        pole.upright = true
        #expect(
            throws: PackingError.itemFitsNoContainer(
                sku: "POLE", reason: .tooLarge(lengthMm: 50, widthMm: 50, heightMm: 500, upright: true))
        ) { try Packer(catalog: F.store).pack([pole]) }
    }

    @Test func nothingRestsOnAFragileItem() throws {
        var glass = F.item("GLASS", 200, 150, 50, qty: 2)
        glass.fragile = true
        // One box 200×150×100: two glasses would stack, but fragile forbids it.
        let packing = try F.packVerified([glass], catalog: [F.box("B", 200, 150, 100), F.box("W", 400, 150, 50)])
        #expect(packing.containers.map { $0.container?.id } == ["W"])
        let stacked = try F.packVerified([F.item("PLATE", 200, 150, 50, qty: 2)], catalog: [F.box("B", 200, 150, 100), F.box("W", 400, 150, 50)])
        #expect(stacked.containers.map { $0.container?.id } == ["B"])
    }

    @Test func ownContainerUnitsShipAloneWithNoBox() throws {
        var bike = F.item("BIKE", 1500, 800, 300, weightG: 12_000, qty: 2)
        bike.ownContainer = true
        let packing = try F.packVerified([bike, F.item("BELL", 60, 60, 40)], catalog: F.store)
        let own = packing.containers.filter { $0.container == nil }
        #expect(own.count == 2)
        #expect(own.allSatisfy { $0.placements.count == 1 && $0.weightG == 12_000 })
        #expect(packing.lowerBound == 3)
        #expect(PackingFormat.json(packing).contains(#"{"box":null,"weightG":12000"#))
    }

    @Test func hazmatUnitsTravelAlone() throws {
        var battery = F.item("LIION", 100, 60, 40, qty: 2)
        battery.hazmat = true
        let packing = try F.packVerified([battery, F.item("BOOK", 200, 130, 30)], catalog: F.store)
        #expect(packing.containers.count == 3)
        #expect(packing.lowerBound == 3)
    }

    @Test func chilledAndFrozenGoInSeparateInsulatedContainersAndAmbientInABox() throws {
        var milk = F.item("MILK", 100, 100, 200)
        milk.temperature = .chilled
        var peas = F.item("PEAS", 150, 100, 50)
        peas.temperature = .frozen
        let packing = try F.packVerified([milk, peas, F.item("BOOK", 200, 130, 30)], catalog: F.store)
        #expect(packing.containers.count == 3)
        #expect(packing.lowerBound == 3)
        for c in packing.containers {
            let skus = Set(c.placements.map(\.sku))
            if skus.contains("MILK") || skus.contains("PEAS") {
                #expect(c.container?.kind == .insulated)
                #expect(skus.count == 1)
            } else {
                #expect(c.container?.kind != .insulated)
            }
        }
    }

    @Test func anAmbientItemTooLargeForEveryBoxMayUseAnInsulatedContainer() throws {
        let catalog = [F.box("B", 200, 200, 200), F.box("I", 400, 400, 400, kind: .insulated)]
        let packing = try F.packVerified([F.item("BIG", 300, 300, 300), F.item("SMALL", 50, 50, 50)], catalog: catalog)
        #expect(packing.containers.map { $0.container?.id }.sorted { ($0?.rawValue ?? "") < ($1?.rawValue ?? "") } == ["B", "I"])
    }

    @Test func manyLooseBooksUseTheFewestBoxes() throws {
        let books = F.item("BOOK", 240, 160, 35, weightG: 800, qty: 30)
        let packing = try F.packVerified([books], catalog: F.store)
        // 24 kg of books: the weight bound says 1 box of 30 kg could hold them by weight.
        #expect(packing.containers.count == 1)
    }

    @Test func packingIsDeterministic() throws {
        let order = SampleOrders.orders(count: 1, units: 25, seed: 7)[0]
        let a = try Packer(catalog: F.store).pack(order)
        let b = try Packer(catalog: F.store).pack(order)
        #expect(a == b)
    }

    @Test(arguments: [1, 5, 20, 100])
    func realisticOrdersPackValidlyAndNeverBelowTheBound(units: Int) throws {
        for (k, order) in SampleOrders.orders(count: 20, units: units, seed: 42).enumerated() {
            let packing = try F.packVerified(order, catalog: F.store)
            #expect(packing.unitCount == units, "order \(k)")
            #expect(packing.containers.count >= packing.lowerBound)
            #expect(LowerBounds.order(order, catalog: F.store) == packing.lowerBound)
        }
    }
}
