import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayStore
import Testing

@testable import SameDayServer

@Suite struct PromiseStockTests {
    /// With the cached index loaded, a promise right after orders and receipts sees them.
    @Test func promisesSeeThisProcesssWritesAtOnce() async throws {
        let world = try Harness.world()
        try await Harness.withStore { store, keys in
            let dependencies = AppDependencies(world: world, store: store)
            let configuration = AppConfiguration(
                now: { ServerFixtures.morning }, advanceInterval: nil, stockFeedInterval: .seconds(3600))
            let app = buildApplication(configuration, dependencies: dependencies)
            try await app.test(.router) { client in
                try await dependencies.stock.loadAll()
                let promise = #"{"zip":"98109","lines":[{"sku":"LAST","qty":1}]}"#
                #expect(
                    try parse(try await client.send(.post, "/v1/promise", key: keys.customer, json: promise).body)[
                        "available"] == .bool(true))
                let order = try await client.send(
                    .post, "/v1/orders", key: keys.customer,
                    json: #"{"zip":"98109","lines":[{"sku":"LAST","qty":10}]}"#,
                    headers: [HTTPField.Name("Idempotency-Key")!: "all"])
                #expect(order.status == .created, "\(order.body)")
                let after = try parse(
                    try await client.send(.post, "/v1/promise", key: keys.customer, json: promise).body)
                #expect(after["available"] == .bool(false))
                let receipt = try await client.send(
                    .post, "/v1/inventory/receipts", key: keys.operator,
                    json: #"{"node":"SEA1","sku":"LAST","qty":1,"reason":"found one"}"#)
                #expect(receipt.status == .created)
                #expect(
                    try parse(try await client.send(.post, "/v1/promise", key: keys.customer, json: promise).body)[
                        "available"] == .bool(true))
            }
        }
    }

    /// Another process's commits reach the index through the change feed, and only the SKUs they moved are read
    /// again: the index is loaded whole once.
    @Test func anotherProcesssCommitsArriveThroughTheChangeFeed() async throws {
        let world = try Harness.world()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sameday-feed-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("feed.sqlite").path
        let at = ServerFixtures.morning
        try await StoreLocation.withStore(path) { mine in
            #expect(try await mine.importIfNew(try Harness.importData(), at: at))
            try await StoreLocation.withStore(path) { other in
                let stock = PromiseStock(store: mine, engine: world.engine)
                #expect(try await stock.catchUp() == 0, "nothing to follow before the first load")
                try await stock.loadAll()
                let sku = try #require(world.engine.catalog.index(of: "LAST"))
                let node = try #require(world.engine.nodeIndex(of: "SEA1"))
                let before = try #require(stock.index).available(sku: sku, node: node)
                let start = try #require(stock.position)

                _ = try await other.receive(node: "SEA1", sku: "LAST", qty: 3, actor: "t", reason: "r", at: at)
                #expect(try #require(stock.index).available(sku: sku, node: node) == before, "not yet read")
                #expect(try await stock.catchUp() == 1, "one SKU moved: one SKU read again")
                #expect(try #require(stock.index).available(sku: sku, node: node) == before + 3)
                #expect(try #require(stock.position) > start)

                let order = try await other.placeOrder(
                    customer: "c1", zip: "98109", lines: [OrderLine(sku: "LAST", qty: 2)], idempotencyKey: "feed",
                    at: at, engine: world.engine, packer: world.packer)
                #expect(try await stock.catchUp() == 1)
                #expect(try #require(stock.index).available(sku: sku, node: node) == before + 1)
                _ = try await other.cancelOrder(order.order.id, customer: nil, at: at, actor: "t")
                #expect(try await stock.catchUp() == 1)
                #expect(try #require(stock.index).available(sku: sku, node: node) == before + 3)
                #expect(try await stock.catchUp() == 0, "caught up: nothing read again")

                // A pair the index did not hold yet (a receipt at a node with no row for the SKU) is added.
                let second = try #require(world.engine.nodeIndex(of: "NYC1"))
                let entries = try #require(stock.index).entryCount
                _ = try await other.receive(node: "NYC1", sku: "LAST", qty: 5, actor: "t", reason: "r", at: at)
                try await stock.catchUp()
                #expect(try #require(stock.index).available(sku: sku, node: second) == 5)
                #expect(try #require(stock.index).entryCount == entries + 1)
                let reloaded = PromiseStock(store: mine, engine: world.engine)
                try await reloaded.loadAll()
                #expect(
                    Self.rows(try #require(reloaded.index)) == Self.rows(try #require(stock.index)),
                    "following the feed ends where a full load does")
            }
        }
    }

    static func rows(_ index: StockIndex) -> [[Int]] {
        (0..<index.skuCount).map { s in index.row(s).flatMap { [index.node(at: $0), index.available(at: $0)] } }
    }
}
