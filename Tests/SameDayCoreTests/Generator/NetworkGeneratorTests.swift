// The network generator: deterministic, and the bundled Data/networks/us.json, Data/demo/catalog.csv and
// Data/demo/inventory.csv are exactly what `sameday network build --seed 1` writes and keep the rules of
// docs/network.md.

import Foundation
import SameDayCore
import Testing

@Suite struct NetworkGeneratorTests {
    @Test func sameSeedGivesTheSameBytesAndAnotherSeedDiffers() throws {
        let zips = try ShippedData.quarterZips.get()
        let generator = NetworkGenerator()
        let first = generator.generate(zips: zips, seed: 7).jsonBytes()
        let second = generator.generate(zips: zips, seed: 7).jsonBytes()
        let other = generator.generate(zips: zips, seed: 8).jsonBytes()
        #expect(first == second)
        #expect(first != other)
        let products = DemoCatalog.products(count: 500, seed: 7)
        #expect(DemoCatalog.csv(products) == DemoCatalog.csv(DemoCatalog.products(count: 500, seed: 7)))
        #expect(DemoCatalog.csv(products) != DemoCatalog.csv(DemoCatalog.products(count: 500, seed: 8)))
    }

    @Test func aSmallTableGivesALoadableNetworkWithStock() throws {
        let zips = try ShippedData.quarterZips.get()
        let network = NetworkGenerator().generate(zips: zips, seed: 3)
        let loaded = try Network.load(json: network.jsonBytes(), file: "quarter.json")
        #expect(loaded == network)
        let products = DemoCatalog.products(count: 400, seed: 3)
        let catalog = try Catalog.load(csv: DemoCatalog.csv(products), file: "catalog.csv")
        #expect(Array(catalog.items) == products.map(\.item))
        let stock = DemoCatalog.inventory(products: products, network: network, seed: 3)
        let inventory = try Inventory.load(
            csv: DemoCatalog.inventoryCSV(stock), file: "inventory.csv", network: loaded, catalog: catalog)
        #expect(inventory.entries == stock)
    }

    @Test func theBundledFilesAreWhatSeedOneBuilds() throws {
        let zips = try ShippedData.zips.get()
        let network = NetworkGenerator().generate(zips: zips, seed: 1)
        #expect(network.jsonBytes() == (try ShippedData.bytes("Data/networks/us.json")))
        let products = DemoCatalog.products(count: 3000, seed: 1)
        #expect(DemoCatalog.csv(products) == (try ShippedData.bytes("Data/demo/catalog.csv")))
        let stock = DemoCatalog.inventory(products: products, network: network, seed: 1)
        #expect(DemoCatalog.inventoryCSV(stock) == (try ShippedData.bytes("Data/demo/inventory.csv")))
    }

    @Test func seededGeneratorIsSplitMix64() {
        // Reference values of SplitMix64 for seed 0 (Vigna's splitmix64.c).
        var rng = SeededGenerator(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        var dice = SeededGenerator(seed: 42)
        for _ in 0..<1000 { #expect((3...8).contains(dice.int(in: 3...8))) }
    }
}
