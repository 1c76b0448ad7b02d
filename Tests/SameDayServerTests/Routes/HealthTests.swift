import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import Testing

@Suite struct HealthTests {
    @Test func healthAnswersOKWithoutAKey() async throws {
        try await Harness.withApp { client, _, _ in
            let response = try await client.send(.get, "/health", key: nil)
            #expect(response.status == .ok)
            #expect(try parse(response.body) == .object([("status", .string("ok"))]))
        }
    }

    @Test func metricsArePrometheusText() async throws {
        try await Harness.withApp { client, keys, _ in
            try await client.send(.get, "/health", key: nil)
            try await client.send(
                .post, "/v1/promise", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#)
            try await client.send(.get, "/v1/orders/nope", key: keys.customer)
            let response = try await client.send(.get, "/metrics", key: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(response.body.contains("# TYPE sameday_orders_placed_total counter"))
            #expect(
                response.body.contains(
                    "sameday_http_request_duration_seconds_bucket{route=\"/health\",method=\"GET\",le=\"+Inf\"} 1"))
            #expect(response.body.contains("sameday_promises_total{outcome="))
            #expect(response.body.contains("sameday_problems_total{code=\"not-found\"} 1"))
            // The fixture catalog's item count, and its bytes: more than its ids and names alone.
            #expect(response.body.contains("\nsameday_catalog_skus 3\n"))
            let bytes = response.body.split(separator: "\n").first { $0.hasPrefix("sameday_catalog_bytes ") }
            #expect(bytes.flatMap { Int($0.split(separator: " ")[1]) }.map { $0 > 100 } == true)
        }
    }

    @Test func unknownRouteIsProblemJSON() async throws {
        try await Harness.withApp { client, keys, _ in
            try expectProblem(try await client.send(.get, "/nowhere", key: nil), status: 404, code: "not-found")
            try expectProblem(
                try await client.send(.get, "/v1/nowhere", key: keys.operator), status: 404, code: "not-found")
        }
    }
}
