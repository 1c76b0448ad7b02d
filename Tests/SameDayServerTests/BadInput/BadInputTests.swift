// The bad-input suite: every write route against malformed transport and bodies, plus a seeded fuzz pass.

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import Testing

@Suite struct BadInputTests {
    static let writeRoutes = [
        "/v1/promise", "/v1/orders", "/v1/inventory/receipts", "/v1/inventory/adjustments", "/v1/watches",
        "/v1/webhooks",
    ]

    static let validBodies: [String: String] = [
        "/v1/promise": #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,
        "/v1/orders": #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,
        "/v1/inventory/receipts": #"{"node":"SEA1","sku":"A1","qty":1,"reason":"r"}"#,
        "/v1/inventory/adjustments": #"{"node":"SEA1","sku":"A1","delta":1,"reason":"r"}"#,
        "/v1/watches": #"{"sku":"A1","targetPriceCents":999,"qty":1,"zip":"98109","autoBuy":true}"#,
        "/v1/webhooks": #"{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef"}"#,
    ]

    /// A key allowed on each route, so the body is what is judged.
    static func key(for route: String, _ keys: TestKeys) -> String {
        route.hasPrefix("/v1/inventory") || route == "/v1/webhooks" ? keys.operator : keys.customer
    }

    static let idempotency: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "bad-input"]

    @Test(arguments: writeRoutes)
    func transportProblems(route: String) async throws {
        try await Harness.withApp { client, keys, _ in
            let key = Self.key(for: route, keys)
            var headers = Self.idempotency
            headers[.contentType] = "text/plain"
            try expectProblem(
                try await client.send(.post, route, key: key, json: Self.validBodies[route], headers: headers),
                status: 415,
                code: "unsupported-media-type")
            try expectProblem(
                try await client.send(.post, route, key: key, headers: Self.idempotency), status: 415,
                code: "unsupported-media-type")
            try expectProblem(
                try await client.send(.post, route, key: key, json: "", headers: Self.idempotency), status: 400,
                code: "malformed-json")
            try expectProblem(
                try await client.send(.post, route, key: key, json: "{", headers: Self.idempotency), status: 400,
                code: "malformed-json")
            try expectProblem(
                try await client.send(.post, route, key: key, json: #"{"a":1,"a":2}"#, headers: Self.idempotency),
                status: 400, code: "malformed-json")
            try expectProblem(
                try await client.send(
                    .post, route, key: key, json: String(repeating: "[", count: 100_000), headers: Self.idempotency),
                status: 400, code: "malformed-json")
            let huge = "{\"pad\":\"" + String(repeating: "x", count: (1 << 20) + 10) + "\"}"
            try expectProblem(
                try await client.send(.post, route, key: key, json: huge, headers: Self.idempotency), status: 413,
                code: "body-too-large")
            for body in ["[]", "null", "42", "\"text\"", "true"] {
                try expectProblem(
                    try await client.send(.post, route, key: key, json: body, headers: Self.idempotency), status: 422,
                    code: "invalid-field")
            }
            try expectProblem(
                try await client.send(.post, route, key: key, json: "{}", headers: Self.idempotency), status: 422,
                code: "missing-field")
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        try await Harness.withApp { client, keys, _ in
            let promise = try await client.send(.delete, "/v1/promise", key: keys.customer)
            try expectProblem(promise, status: 405, code: "method-not-allowed")
            #expect(promise.headers[.allow] == "POST")
            let cancel = try await client.send(.get, "/v1/orders/o-123/cancel", key: keys.customer)
            try expectProblem(cancel, status: 405, code: "method-not-allowed")
            #expect(cancel.headers[.allow] == "POST")
            let orders = try await client.send(.put, "/v1/orders", key: keys.customer)
            try expectProblem(orders, status: 405, code: "method-not-allowed")
            #expect(orders.headers[.allow] == "GET, POST")
            let health = try await client.send(.post, "/health", key: nil)
            try expectProblem(health, status: 405, code: "method-not-allowed")
            #expect(health.headers[.allow] == "GET")
            // Unknown paths stay 404, with or without a parameter-shaped segment.
            try expectProblem(
                try await client.send(.get, "/v1/nothing", key: keys.customer), status: 404, code: "not-found")
            try expectProblem(
                try await client.send(.get, "/v1/orders/o-1/cancel/more", key: keys.customer), status: 404,
                code: "not-found")
            // Without a key, a /v1 route still answers 401 first.
            try expectProblem(
                try await client.send(.delete, "/v1/promise", key: nil), status: 401, code: "unauthorized")
        }
    }

    @Test func absurdLinesAreCapped() async throws {
        try await Harness.withApp { client, keys, _ in
            let lines = (0..<101).map { #"{"sku":"S\#($0)","qty":1}"# }.joined(separator: ",")
            let problem = try expectProblem(
                try await client.send(
                    .post, "/v1/promise", key: keys.customer, json: #"{"zip":"98109","lines":[\#(lines)]}"#),
                status: 422, code: "invalid-field")
            #expect("\(problem)".contains("at most 100"))
            try expectProblem(
                try await client.send(
                    .post, "/v1/promise", key: keys.customer,
                    json: #"{"zip":"98109","lines":[{"sku":"A1","qty":99999999999999999999999}]}"#),
                status: 422, code: "invalid-field")
            try expectProblem(
                try await client.send(
                    .post, "/v1/promise", key: keys.customer,
                    json: #"{"zip":"98109","lines":[{"sku":"\#(String(repeating: "A", count: 65))","qty":1}]}"#),
                status: 422, code: "invalid-field")
            try expectProblem(
                try await client.send(
                    .post, "/v1/promise", key: keys.customer, json: #"{"zip":"9810","lines":[{"sku":"A1","qty":1}]}"#),
                status: 422, code: "invalid-field")
            try expectProblem(
                try await client.send(
                    .post, "/v1/promise", key: keys.customer, json: #"{"zip":98109,"lines":[{"sku":"A1","qty":1}]}"#),
                status: 422, code: "invalid-field")
        }
    }

    /// A path segment that breaks its parameter's rule names no resource: 404, with the rule in the detail.
    @Test func badPathParameters() async throws {
        try await Harness.withApp { client, keys, _ in
            let long = String(repeating: "x", count: 300)
            try expectProblem(try await client.send(.get, "/v1/orders/\(long)", key: keys.customer), status: 404)
            let bytes = try expectProblem(
                try await client.send(.get, "/v1/inventory/%00%ff", key: keys.operator), status: 404, code: "not-found")
            #expect(bytes["detail"]?.stringValue?.contains("path segment 'sku'") == true, "\(bytes)")
            try expectProblem(try await client.send(.get, "/v1/nodes/\(long)", key: keys.operator), status: 404)
            try expectProblem(try await client.send(.get, "/v1/catalog/a%20b", key: keys.customer), status: 404)
        }
    }

    /// Random bytes and random JSON in every field of every write route: always a 4xx problem or a success.
    @Test(arguments: [UInt64(1), 2, 3])
    func seededFuzzNeverAnswers500(seed: UInt64) async throws {
        try await Harness.withApp { client, keys, _ in
            var random = SeededGenerator(seed: seed)
            for iteration in 0..<150 {
                let route = Self.writeRoutes[iteration % Self.writeRoutes.count]
                let body: String
                switch iteration % 3 {
                case 0: body = random.bytes(count: Int.random(in: 0...200, using: &random))
                case 1: body = random.jsonValue(depth: 0)
                default: body = random.mutate(Self.validBodies[route]!)
                }
                let headers: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "fuzz-\(seed)-\(iteration)"]
                let response = try await client.send(
                    .post, route, key: Self.key(for: route, keys), json: body, headers: headers)
                let status = Int(response.status.code)
                #expect(
                    status < 500,
                    "seed \(seed) iteration \(iteration) \(route) body \(body.debugDescription): \(response.body)")
                if status >= 400 {
                    #expect(
                        response.headers[.contentType] == "application/problem+json",
                        "seed \(seed) iteration \(iteration)")
                    _ = try parse(response.body)
                }
            }
        }
    }
}

/// Random bodies for the fuzz pass, from the shared seeded generator so a failing case can be replayed.
extension SeededGenerator {
    mutating func bytes(count: Int) -> String {
        String(decoding: (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }, as: UTF8.self)
    }

    mutating func scalar() -> String {
        switch Int.random(in: 0..<10, using: &self) {
        case 0: return "null"
        case 1: return Bool.random(using: &self) ? "true" : "false"
        case 2: return String(Int.random(in: Int.min...Int.max, using: &self))
        case 3: return String(Int.random(in: -3...12, using: &self))
        case 4: return "\(Double.random(in: -1e6...1e6, using: &self))"
        case 5: return "1e999"
        case 6: return "\"\(String(repeating: "é", count: Int.random(in: 0...300, using: &self)))\""
        case 7: return ["\"98109\"", "\"A1\"", "\"SEA1\"", "\"\"", "\"\\u0000\""][Int.random(in: 0..<5, using: &self)]
        case 8: return "\"2026-12-23T10:00:00-08:00\""
        default: return "\"\(Int.random(in: 0...99999, using: &self))\""
        }
    }

    mutating func jsonValue(depth: Int) -> String {
        let keys = ["zip", "lines", "sku", "qty", "at", "node", "delta", "reason", "customer", "x"]
        switch depth > 3 ? 0 : Int.random(in: 0..<4, using: &self) {
        case 1:
            let n = Int.random(in: 0...4, using: &self)
            return "[" + (0..<n).map { _ in jsonValue(depth: depth + 1) }.joined(separator: ",") + "]"
        case 2, 3:
            let chosen = keys.shuffled(using: &self).prefix(Int.random(in: 0...5, using: &self))
            return "{" + chosen.map { "\"\($0)\":\(jsonValue(depth: depth + 1))" }.joined(separator: ",") + "}"
        default:
            return scalar()
        }
    }

    /// Replaces one field's value of a valid body with a random value, or truncates it.
    mutating func mutate(_ valid: String) -> String {
        if Int.random(in: 0..<6, using: &self) == 0 {
            return String(valid.prefix(Int.random(in: 0..<valid.count, using: &self)))
        }
        var text = valid
        let fields = ["\"zip\":", "\"qty\":", "\"sku\":", "\"node\":", "\"delta\":", "\"reason\":", "\"lines\":"]
        guard let field = fields.shuffled(using: &self).first(where: { text.contains($0) }),
            let range = text.range(of: field)
        else { return valid }
        var end = range.upperBound
        var depth = 0
        var inString = false
        while end < text.endIndex {
            let c = text[end]
            if c == "\"" { inString.toggle() }
            if !inString {
                if c == "[" || c == "{" { depth += 1 }
                if c == "]" || c == "}" {
                    if depth == 0 { break }
                    depth -= 1
                }
                if c == "," && depth == 0 { break }
            }
            end = text.index(after: end)
        }
        text.replaceSubrange(range.upperBound..<end, with: jsonValue(depth: 1))
        return text
    }
}
