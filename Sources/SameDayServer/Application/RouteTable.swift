// Which methods each documented path answers, so a known path asked with another method gets 405 and `Allow`.
//
// Hummingbird's router answers both "no such path" and "no such method here" with 404; the API contract (and the
// OpenAPI document) distinguish them. The table is built from the same endpoints the router and the document are
// built from, and read only on the 404 path. Like the router, a literal segment wins over a parameter: on
// `/v1/inventory/receipts` only the methods of that path count, not those of `/v1/inventory/{sku}`.

import HTTPTypes

/// The documented paths as patterns, for 405 answers.
struct RouteTable: Sendable {
    private struct Route: Sendable {
        /// Path segments; nil is a parameter (`{id}`) that matches any one segment.
        var segments: [Substring?]
        var method: String
    }

    private let routes: [Route]

    init(_ endpoints: [Endpoint]) {
        routes = endpoints.map { endpoint in
            Route(
                segments: endpoint.path.split(separator: "/").map { $0.hasPrefix("{") ? nil : $0 },
                method: endpoint.method.rawValue)
        }
    }

    /// The methods of the most specific documented path matching `path`, sorted; empty when none matches.
    func methods(forPath path: String) -> [String] {
        let segments = path.split(separator: "/")
        let matching = routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { pattern, segment in pattern.map { $0 == segment } ?? true
                }
        }
        // Most specific: literal segments first, compared left to right (a literal beats a parameter).
        func specificity(_ route: Route) -> [Int] { route.segments.map { $0 == nil ? 0 : 1 } }
        guard let best = matching.map(specificity).max(by: { $0.lexicographicallyPrecedes($1) }) else { return [] }
        return Array(Set(matching.filter { specificity($0) == best }.map(\.method))).sorted()
    }
}
