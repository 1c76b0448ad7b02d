// The demo catalog made to scale and streamed (`sameday catalog generate`): the same seed gives the same bytes,
// the rows load with the spec's readers, and the stock is spread as docs/catalog.md says.

import Foundation
import SameDayCore
import Testing

@Suite struct CatalogStreamTests {
    static let network: Result<Network, any Error> = Result {
        try Network.load(json: ShippedData.bytes("Data/networks/us.json"), file: "us.json")
    }

    /// The two files `sameday catalog generate` writes, as bytes.
    static func files(count: Int, seed: UInt64, network: Network) -> (catalog: [UInt8], inventory: [UInt8]) {
        var catalog = Array(DemoCatalog.csvHeader.utf8)
        var inventory = Array(DemoCatalog.inventoryCSVHeader.utf8)
        var stock = DemoCatalog.StockStream(network: network, seed: seed)
        for product in DemoCatalog.ProductStream(count: count, seed: seed) {
            DemoCatalog.appendCSVLine(product.item, to: &catalog)
            stock.stock(product) { node, available in
                DemoCatalog.appendInventoryLine(node: node, sku: product.item.sku, available: available, to: &inventory)
            }
        }
        return (catalog, inventory)
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws {
        let network = try Self.network.get()
        let first = Self.files(count: 4000, seed: 11, network: network)
        let again = Self.files(count: 4000, seed: 11, network: network)
        let other = Self.files(count: 4000, seed: 12, network: network)
        #expect(first.catalog == again.catalog)
        #expect(first.inventory == again.inventory)
        #expect(first.catalog != other.catalog)
        #expect(first.inventory != other.inventory)
        // A longer stream starts with the shorter one's products.
        let longer = Self.files(count: 4500, seed: 11, network: network)
        let firstCatalog = String(decoding: first.catalog, as: UTF8.self)
        let longerCatalog = String(decoding: longer.catalog, as: UTF8.self)
        #expect(longerCatalog.hasPrefix(firstCatalog))
    }

    @Test func aLargeCatalogIsRealisticAndLoads() throws {
        let network = try Self.network.get()
        let count = 30_000
        let files = Self.files(count: count, seed: 4, network: network)
        let catalog = try Catalog.load(csv: files.catalog, file: "catalog.csv")
        // The spec's reader checks every row: known nodes and SKUs, temperatures the node handles, no repeats.
        let inventory = try Inventory.load(
            csv: files.inventory, file: "inventory.csv", network: network, catalog: catalog)
        #expect(catalog.items.count == count)
        #expect(Set(catalog.items.map(\.sku)).count == count)

        // Sizes, weights, temperatures and sellers of a retailer's mix.
        let items = catalog.items
        #expect(items.allSatisfy { $0.lengthMm > 0 && $0.widthMm > 0 && $0.heightMm > 0 && $0.weightG > 0 })
        #expect(items.allSatisfy { $0.priceCents >= 99 })
        let cold = items.filter { $0.temperature != .ambient }.count
        #expect((0.05...0.30).contains(Double(cold) / Double(count)))
        #expect(items.contains { $0.temperature == .frozen })
        let thirdParty = items.filter { $0.seller != "sameday" }.count
        #expect((0.05...0.30).contains(Double(thirdParty) / Double(count)))
        #expect(items.contains { $0.lengthMm >= 1000 }, "oversize items")

        // About three stock rows per SKU over the long tail; most at fulfillment centers.
        var kind: [NodeID: NodeKind] = [:]
        for node in network.nodes { kind[node.id] = node.kind }
        var rowsByKind: [NodeKind: Int] = [:]
        var nowSKUs = Set<SKU>()
        var tailRows = 0
        let tail = Set(items.filter { $0.name.contains("(variety ") }.map(\.sku))
        for entry in inventory.entries {
            rowsByKind[kind[entry.node]!, default: 0] += 1
            if kind[entry.node] == .nowSite { nowSKUs.insert(entry.sku) }
            if tail.contains(entry.sku) { tailRows += 1 }
        }
        let perTailSKU = Double(tailRows) / Double(tail.count)
        #expect((2.6...3.3).contains(perTailSKU), "\(perTailSKU) stock rows per long-tail SKU")
        let fc = rowsByKind[.fulfillmentCenter] ?? 0
        let sameDay = rowsByKind[.sameDaySite] ?? 0
        let now = rowsByKind[.nowSite] ?? 0
        // Now-sites hold a fixed assortment (tens of thousands of rows at any size), so at this size they may
        // outnumber the same-day sites' rows; over ten million SKUs same-day sites hold some 5 million.
        #expect(fc > sameDay + now && sameDay > 0 && now > 0, "\(rowsByKind)")
        #expect((1000...5000).contains(nowSKUs.count), "\(nowSKUs.count) SKUs at now-sites")
        #expect(!nowSKUs.contains { tail.contains($0) }, "now-sites carry everyday items, not the long tail")
        // Every SKU is in stock somewhere.
        let inStock = Set(inventory.entries.filter { $0.available > 0 }.map(\.sku))
        #expect(inStock.count == count)
    }

    @Test func skuNumbersWidenForCatalogsOfAMillionAndMore() {
        var small = DemoCatalog.ProductStream(count: 10, seed: 1)
        #expect(small.next()?.item.sku.rawValue.count == 8)  // "HH-00001"
        var large = DemoCatalog.ProductStream(count: 12_000_000, seed: 1)
        #expect(large.next()?.item.sku.rawValue.count == 11)  // "HH-00000001"
        #expect(Array(DemoCatalog.ProductStream(count: 7, seed: 1)).count == 7)
    }
}
