// 200 concurrent orders for the last 10 units: exactly 10 placed, 190 answered 409, stock consistent.

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import SameDayStore
import Testing

@Suite(.serialized) struct LastUnitsTests {
    static func order(_ i: Int) -> (json: String, headers: HTTPFields) {
        (#"{"zip":"98109","lines":[{"sku":"LAST","qty":1}]}"#, [HTTPField.Name("Idempotency-Key")!: "last-\(i)"])
    }

    static func checkStore(_ store: any Store, placed: Int) async throws {
        let levels = try await store.stock(sku: SKU("LAST"))
        #expect(levels.first?.reserved == placed)
        #expect(levels.first?.available == 10 - placed)
        let violations = try await store.checkInvariants()
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func lastUnitsAreSoldOnceThroughTheRouter() async throws {
        try await Harness.withApp { client, keys, store in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<200 {
                    group.addTask {
                        let (json, headers) = Self.order(i)
                        return Int(
                            try await client.send(.post, "/v1/orders", key: keys.customer, json: json, headers: headers)
                                .status.code)
                    }
                }
                return try await group.reduce(into: [Int: Int]()) { $0[$1, default: 0] += 1 }
            }
            #expect(statuses == [201: 10, 409: 190], "\(statuses)")
            try await Self.checkStore(store, placed: 10)
        }
    }

    @Test func lastUnitsAreSoldOnceOverSockets() async throws {
        try await Harness.withApp(.live) { client, keys, store in
            guard let port = client.port else { throw TestFailure("no port") }
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for connection in 0..<50 {
                    group.addTask {
                        let http = TestClient(
                            host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60)))
                        http.connect()
                        var statuses: [Int] = []
                        do {
                            // One request at a time per connection; 50 connections at once.
                            for j in 0..<4 {
                                let (json, extra) = Self.order(connection * 4 + j)
                                var headers = extra
                                headers[.authorization] = "Bearer \(keys.customer)"
                                headers[.contentType] = "application/json"
                                let response = try await http.execute(
                                    .init(
                                        "/v1/orders", method: .post, authority: "localhost", headers: headers,
                                        body: ByteBuffer(string: json)))
                                statuses.append(Int(response.status.code))
                                expectConforms(
                                    .post, "/v1/orders",
                                    (response.status, response.headers, String(buffer: response.body ?? ByteBuffer())))
                            }
                        } catch {
                            try? await http.shutdown()
                            throw error
                        }
                        try await http.shutdown()
                        return statuses
                    }
                }
                return try await group.reduce(into: [Int: Int]()) { counts, list in
                    for status in list { counts[status, default: 0] += 1 }
                }
            }
            #expect(statuses == [201: 10, 409: 190], "\(statuses)")
            try await Self.checkStore(store, placed: 10)
        }
    }
}
