// `Packer.packShipping`: a shipment always packs; what fits nothing ships in its own container.

import SameDayCore
import Testing

@Suite struct ShipmentPackingTests {
    let box = Container(id: "S1", lengthMm: 300, widthMm: 200, heightMm: 200, maxLoadG: 10_000, emptyWeightG: 150)
    let book = Item(sku: "BOOK", lengthMm: 200, widthMm: 150, heightMm: 30, weightG: 400, qty: 4)
    let sofa = Item(sku: "SOFA", lengthMm: 2000, widthMm: 900, heightMm: 800, weightG: 40_000, qty: 2)

    @Test func anItemTooLargeForEveryBoxShipsInItsOwnContainer() {
        let (packing, items) = Packer(catalog: [box]).packShipping([book, sofa])
        #expect(packing.unitCount == 6)
        #expect(packing.containers.filter { $0.container == nil }.count == 2)
        #expect(packing.containers.filter { $0.container?.id == "S1" }.reduce(0) { $0 + $1.placements.count } == 4)
        #expect(items.map(\.ownContainer) == [false, true])
        #expect(PackingVerifier(catalog: [box], items: items).violations(of: packing).isEmpty)
    }

    @Test func anEmptyCatalogShipsEveryUnitAsItIs() {
        let (packing, items) = Packer(catalog: []).packShipping([book])
        #expect(packing.containers.count == 4)
        #expect(packing.containers.allSatisfy { $0.container == nil && $0.placements.count == 1 })
        #expect(PackingVerifier(catalog: [], items: items).violations(of: packing).isEmpty)
    }

    @Test func whatFitsPacksAsPackDoes() throws {
        let packer = Packer(catalog: [box])
        let expected = try packer.pack([book])
        #expect(packer.packShipping([book]).packing == expected)
    }
}
