import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import Testing

@Suite struct PromiseRouteTests {
    @Test func promiseIsTheCoreObject() async throws {
        try await Harness.withApp { client, keys, _ in
            let response = try await client.send(
                .post, "/v1/promise", key: keys.customer,
                json: #"{"zip":"98109","lines":[{"sku":"B7","qty":1}],"at":"2026-12-23T10:00:00-08:00"}"#)
            #expect(response.status == .ok, "\(response.body)")
            #expect(response.headers[.contentType] == "application/json")
            let promise = try parse(response.body)
            #expect(promise["available"] == .bool(true))
            #expect(promise["speed"] == .string("same-day"))
            #expect(promise["deliverBy"] == .string("2026-12-23T21:00:00-08:00"))
        }
    }

    @Test func atDefaultsToTheServerClock() async throws {
        let clock = TestClock(ISO8601.parse("2026-12-23T10:00:00-08:00")!)
        try await Harness.withApp(clock: clock) { client, keys, _ in
            let body = #"{"zip":"98109","lines":[{"sku":"B7","qty":1}]}"#
            let morning = try parse(try await client.send(.post, "/v1/promise", key: keys.customer, json: body).body)
            #expect(morning["deliverBy"] == .string("2026-12-23T21:00:00-08:00"))
            clock.set(ISO8601.parse("2026-12-23T14:00:00-08:00")!)
            let afternoon = try parse(try await client.send(.post, "/v1/promise", key: keys.customer, json: body).body)
            #expect(afternoon["deliverBy"] != morning["deliverBy"])
        }
    }

    @Test func unavailablePromiseIs200WithReasons() async throws {
        try await Harness.withApp { client, keys, _ in
            let response = try await client.send(
                .post, "/v1/promise", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"B7","qty":10000}]}"#)
            #expect(response.status == .ok)
            let promise = try parse(response.body)
            #expect(promise["available"] == .bool(false))
            #expect(response.body.contains("out-of-stock"))
        }
    }

    @Test(arguments: [
        (#"{"zip":"00000","lines":[{"sku":"A1","qty":1}]}"#, "unknown-zip"),
        (#"{"zip":"98109","lines":[{"sku":"NOPE","qty":1}]}"#, "unknown-sku"),
        (#"{"zip":"98109","lines":[{"sku":"A1","qty":1},{"sku":"A1","qty":2}]}"#, "repeated-sku"),
        (#"{"zip":"98109","lines":[{"sku":"A1","qty":0}]}"#, "invalid-field"),
        (#"{"zip":"98109","lines":[{"sku":"A1","qty":10001}]}"#, "invalid-field"),
        (#"{"zip":"98109","lines":[]}"#, "invalid-field"),
        (#"{"zip":"98109"}"#, "missing-field"),
        (#"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"at":"tomorrow"}"#, "invalid-field"),
        (#"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"extra":1}"#, "unknown-field"),
    ])
    func badPromiseBodiesAreNamed(body: String, code: String) async throws {
        try await Harness.withApp { client, keys, _ in
            try expectProblem(
                try await client.send(.post, "/v1/promise", key: keys.customer, json: body), status: 422, code: code)
        }
    }

    @Test func fieldPathsAreReported() async throws {
        try await Harness.withApp { client, keys, _ in
            let problem = try expectProblem(
                try await client.send(
                    .post, "/v1/promise", key: keys.customer,
                    json:
                        #"{"zip":"98109","lines":[{"sku":"A1","qty":1},{"sku":"B7","qty":1},{"sku":"LAST","qty":"two"}]}"#
                ),
                status: 422, code: "invalid-field")
            guard case .string(let detail) = problem["detail"] else { throw TestFailure("no detail") }
            #expect(detail.contains("lines[2].qty"))
            #expect(detail.contains("must be an integer"))
        }
    }
}
