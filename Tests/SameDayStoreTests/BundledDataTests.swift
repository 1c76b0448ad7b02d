// The bundled US network and demo data import into either backend, stay consistent, and take orders.

import Foundation
import SameDayCore
import SameDayTestSupport
import Testing

@testable import SameDayStore

@Suite(.serialized) struct BundledDataTests {
    @Test(arguments: Backend.all) func theBundledNetworkImportsConsistentlyAndTakesOrders(_ backend: Backend)
        async throws
    {
        let data = try ImportData.load(
            networkJSON: try Fixtures.dataFile("networks/us.json"), networkFile: "us.json",
            catalogCSV: try Fixtures.dataFile("demo/catalog.csv"), catalogFile: "catalog.csv",
            inventoryCSV: try Fixtures.dataFile("demo/inventory.csv"), inventoryFile: "inventory.csv")
        let engine = try PromiseEngine(network: data.network, zips: Fixtures.zipTable, catalog: data.catalog)
        let (location, cleanup) = StoreFixtures.newLocation(backend)
        defer { cleanup() }
        try await StoreLocation.withStore(location) { store in
            do {
                #expect(try await store.importIfNew(data, at: StoreFixtures.morning))
                let setup = try #require(try await store.setup())
                #expect(setup.catalog.items.count == data.catalog.items.count)
                let stock = try await store.stockSnapshot(skus: nil)
                #expect(stock.count == data.inventory.entries.count)
                #expect(stock.map(\.available).reduce(0, +) == data.inventory.entries.map(\.available).reduce(0, +))
                // An order for the SKU with the most stock, to a Seattle ZIP.
                var totals: [SKU: Int] = [:]
                for entry in data.inventory.entries { totals[entry.sku, default: 0] += entry.available }
                let sku = try #require(totals.max { $0.value < $1.value }?.key)
                let order = try await store.placeOrder(
                    customer: "c1", zip: "98109", lines: [OrderLine(sku: sku, qty: 1)], idempotencyKey: "k1",
                    at: StoreFixtures.morning, engine: engine
                ).order
                #expect(order.shipments.count == 1)
                #expect(try await store.checkInvariants() == [])
            } catch {
                try? await StoreFixtures.dropSchema(store)
                throw error
            }
            try await StoreFixtures.dropSchema(store)
        }
    }
}
