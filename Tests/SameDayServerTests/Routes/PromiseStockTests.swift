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
                now: { ServerFixtures.morning }, advanceInterval: nil, stockRefreshInterval: .seconds(3600))
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
}
