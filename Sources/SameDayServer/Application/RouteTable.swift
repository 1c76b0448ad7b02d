// Which methods each registered path answers, so a known path asked with another method gets 405 and `Allow`.
//
// Hummingbird's router answers both "no such path" and "no such method here" with 404; the API contract (and the
// OpenAPI document) distinguish them. The table is filled once from `Router.routes` after every route is
// registered, and read only on the 404 path.

import Hummingbird
import Synchronization

/// The registered routes as path patterns, for 405 answers.
final class RouteTable: Sendable {
    private struct Route {
        /// Path segments; nil is a parameter (`:id`) or wildcard segment that matches any one segment.
        var segments: [Substring?]
        var method: String
    }

    private let routes = Mutex<[Route]>([])

    /// Replaces the table with `descriptions` (`Router.routes`).
    func load(_ descriptions: [Router<AppRequestContext>.RouteDescription]) {
        let loaded = descriptions.map { description in
            Route(
                segments: "\(description.path)".split(separator: "/").map { segment in
                    segment.hasPrefix(":") || segment.hasPrefix("{") || segment.contains("*") ? nil : segment
                },
                method: description.method.rawValue)
        }
        routes.withLock { $0 = loaded }
    }

    /// The methods registered for `path`, sorted; empty when no route has this path.
    func methods(forPath path: String) -> [String] {
        let segments = path.split(separator: "/")
        let found = routes.withLock { routes in
            routes.filter { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { pattern, segment in pattern.map { $0 == segment } ?? true }
            }.map(\.method)
        }
        return Array(Set(found)).sorted()
    }
}
