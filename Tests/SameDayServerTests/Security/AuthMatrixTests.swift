import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import Testing

@Suite struct AuthMatrixTests {
    struct Route: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var body: String?
        /// Roles that get past authorization: "o" operator, "s" seller, "c" customer.
        var roles: String
        var description: String { "\(method) \(path)" }
    }

    static let routes: [Route] = [
        Route(
            method: .post, path: "/v1/promise", body: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#, roles: "osc"),
        Route(
            method: .post, path: "/v1/orders", body: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"customer":"c1"}"#,
            roles: "oc"),
        Route(method: .get, path: "/v1/orders?customer=c1", roles: "oc"),
        Route(method: .get, path: "/v1/orders/o_x", roles: "oc"),
        Route(method: .post, path: "/v1/orders/o_x/cancel", roles: "oc"),
        Route(method: .get, path: "/v1/inventory/A1", roles: "os"),
        Route(
            method: .post, path: "/v1/inventory/receipts", body: #"{"node":"SEA1","sku":"A1","qty":1,"reason":"r"}"#,
            roles: "os"),
        Route(
            method: .post, path: "/v1/inventory/adjustments",
            body: #"{"node":"SEA1","sku":"A1","delta":1,"reason":"r"}"#, roles: "os"),
        Route(method: .get, path: "/v1/network", roles: "o"),
        Route(method: .get, path: "/v1/nodes", roles: "o"),
        Route(method: .get, path: "/v1/nodes/SEA1", roles: "o"),
        Route(method: .get, path: "/v1/nodes/SEA1/stock", roles: "o"),
        Route(method: .get, path: "/v1/catalog/A1", roles: "osc"),
    ]

    @Test(arguments: routes)
    func rolesAreEnforced(route: Route) async throws {
        try await Harness.withApp { client, keys, _ in
            let headers: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "auth-matrix"]
            try expectProblem(
                try await client.send(route.method, route.path, key: nil, json: route.body, headers: headers),
                status: 401, code: "unauthorized")
            try expectProblem(
                try await client.send(
                    route.method, route.path, key: "sd_not_a_real_key", json: route.body, headers: headers),
                status: 401, code: "unauthorized")
            try expectProblem(
                try await client.send(
                    route.method, route.path, key: nil, json: route.body,
                    headers: [.authorization: "Basic dXNlcjpwYXNz", HTTPField.Name("Idempotency-Key")!: "x"]),
                status: 401, code: "unauthorized")
            for (letter, key) in [("o", keys.operator), ("s", keys.seller), ("c", keys.customer)] {
                let response = try await client.send(
                    route.method, route.path, key: key, json: route.body, headers: headers)
                if route.roles.contains(letter) {
                    #expect(![401, 403].contains(Int(response.status.code)), "\(letter) \(route): \(response.body)")
                    #expect(Int(response.status.code) < 500, "\(letter) \(route): \(response.body)")
                } else {
                    try expectProblem(response, status: 403, code: "forbidden")
                }
            }
        }
    }

    @Test func openRoutesNeedNoKey() async throws {
        try await Harness.withApp { client, _, _ in
            for path in ["/health", "/metrics", "/openapi.json"] {
                let response = try await client.send(.get, path, key: nil)
                #expect(response.status == .ok, "\(path)")
            }
        }
    }
}
