// A replay says it is one (`Idempotent-Replayed: true`) and is not counted as a placed order; a second cancel is
// not counted twice; the sweep service removes idempotency records after their time to live, freeing the key.

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SameDayCore
import SameDayStore
import Testing

@testable import SameDayServer

@Suite struct IdempotencyExpiryTests {
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    static func place(_ client: any TestClientProtocol, _ key: String, _ api: String, qty: Int = 1) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: String)
    {
        try await client.send(
            .post, "/v1/orders", key: api, json: #"{"zip":"98109","lines":[{"sku":"B7","qty":\#(qty)}]}"#,
            headers: [HTTPField.Name("Idempotency-Key")!: key])
    }

    static func metric(_ client: any TestClientProtocol, _ name: String) async throws -> String? {
        let text = try await client.send(.get, "/metrics", key: nil).body
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.map {
            String($0.dropFirst(name.count + 1))
        }
    }

    @Test func onlyAReplayCarriesTheHeaderAndNeitherItNorASecondCancelIsCounted() async throws {
        try await Harness.withApp { client, keys, _ in
            let first = try await Self.place(client, "k1", keys.customer)
            #expect(first.status == .created, "\(first.body)")
            #expect(first.headers[Self.replayed] == nil)
            let again = try await Self.place(client, "k1", keys.customer)
            #expect(again.status == .created)
            #expect(again.headers[Self.replayed] == "true")
            #expect(again.body == first.body)
            #expect(try await Self.metric(client, "sameday_orders_placed_total") == "1")
            guard case .string(let id) = try parse(first.body)["id"] else { throw TestFailure("no id") }
            for _ in 0..<2 {
                #expect(try await client.send(.post, "/v1/orders/\(id)/cancel", key: keys.customer).status == .ok)
            }
            #expect(try await Self.metric(client, "sameday_orders_cancelled_total") == "1")
        }
    }

    @Test func theSweepFreesAKeyAfterItsTimeToLive() async throws {
        let clock = TestClock()
        try await Harness.withApp(clock: clock) { client, keys, store in
            let configuration = AppConfiguration(now: { clock.now }, idempotencyTTL: .seconds(24 * 3600))
            let sweep = IdempotencySweepService(
                configuration, store: store, interval: .seconds(600), logger: Logger(label: "test"))
            let first = try await Self.place(client, "k1", keys.customer)
            clock.advance(minutes: 24 * 60)
            // Exactly 24 h later the record is still within its time to live.
            #expect(await sweep.sweep() == 0)
            #expect(try await Self.place(client, "k1", keys.customer).headers[Self.replayed] == "true")
            clock.advance(minutes: 1)
            #expect(await sweep.sweep() == 1)
            let renewed = try await Self.place(client, "k1", keys.customer, qty: 2)
            #expect(renewed.status == .created, "\(renewed.body)")
            #expect(renewed.headers[Self.replayed] == nil)
            #expect(try parse(renewed.body)["id"] != (try parse(first.body)["id"]))
        }
    }
}
