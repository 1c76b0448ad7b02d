// Prometheus text exposition of the server's counters and latency histograms.
//
// Hand-written rather than swift-prometheus: a few counters and one histogram
// family do not justify the dependency's build time. Updates take one short
// `Mutex` section; `/metrics` renders a copy.

import HTTPTypes
import SameDayCore
import SameDayStore
import Synchronization

/// Counters and histograms served at `/metrics`.
public final class ServerMetrics: Sendable {
    /// Latency bucket upper bounds, seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Histogram {
        var counts: [Int] = Array(repeating: 0, count: ServerMetrics.buckets.count)
        var count = 0
        var sum = 0.0

        mutating func record(_ seconds: Double) {
            if let index = ServerMetrics.buckets.firstIndex(where: { seconds <= $0 }) { counts[index] += 1 }
            count += 1
            sum += seconds
        }
    }

    private struct RouteKey: Hashable {
        var route: String
        var method: String
    }

    private struct State {
        var requests: [RouteKey: [Int: Int]] = [:]  // status -> count
        var latency: [RouteKey: Histogram] = [:]
        var problems: [String: Int] = [:]
        var ordersPlaced = 0
        var ordersCancelled = 0
        var linesAdded = 0
        var unitsPacked = 0
        var containersPacked = 0
        var promises: [String: Int] = [:]  // outcome -> count
        var conflicts: [String: Int] = [:]
    }

    private let state = Mutex(State())
    /// Prices, watches and webhooks (their own lock; rendered after the rest).
    let watches = WatchMetrics()

    public init() {}

    func recordRequest(route: String, method: String, status: Int, seconds: Double) {
        let key = RouteKey(route: route, method: method)
        state.withLock { state in
            state.requests[key, default: [:]][status, default: 0] += 1
            // In place: a copy of the histogram would copy its bucket array on every request.
            state.latency[key, default: Histogram()].record(seconds)
        }
    }

    func recordProblem(_ code: ProblemCode) {
        state.withLock { state in
            state.problems[code.rawValue, default: 0] += 1
            if code.status == .conflict { state.conflicts[code.rawValue, default: 0] += 1 }
        }
    }

    func recordOrderPlaced() { state.withLock { $0.ordersPlaced += 1 } }
    func recordOrderCancelled() { state.withLock { $0.ordersCancelled += 1 } }
    /// An item added to an upcoming delivery (not a replay).
    func recordLineAdded() { state.withLock { $0.linesAdded += 1 } }
    /// The containers of a placed order's shipments: units per container is the ratio of the two counters.
    func recordPacked(_ containers: [ShipmentContainer]) {
        let units = containers.reduce(0) { $0 + $1.units }
        state.withLock {
            $0.unitsPacked += units
            $0.containersPacked += containers.count
        }
    }
    /// `outcome`: the promise speed (`same-day`, …) or `unavailable`.
    func recordPromise(outcome: String) { state.withLock { $0.promises[outcome, default: 0] += 1 } }

    /// The Prometheus text format (version 0.0.4) of every metric.
    public func render() -> String {
        let state = self.state.withLock { $0 }
        var out = ""
        out += "# HELP sameday_orders_placed_total Orders placed (answered 201 the first time).\n"
        out += "# TYPE sameday_orders_placed_total counter\n"
        out += "sameday_orders_placed_total \(state.ordersPlaced)\n"
        out += "# HELP sameday_orders_cancelled_total Orders cancelled.\n"
        out += "# TYPE sameday_orders_cancelled_total counter\n"
        out += "sameday_orders_cancelled_total \(state.ordersCancelled)\n"
        out += "# HELP sameday_delivery_lines_added_total Items added to upcoming deliveries (add to delivery).\n"
        out += "# TYPE sameday_delivery_lines_added_total counter\n"
        out += "sameday_delivery_lines_added_total \(state.linesAdded)\n"
        out += "# HELP sameday_units_packed_total Units packed into the containers of placed orders' shipments.\n"
        out += "# TYPE sameday_units_packed_total counter\n"
        out += "sameday_units_packed_total \(state.unitsPacked)\n"
        out += "# HELP sameday_containers_packed_total Containers (boxes, mailers, insulated; own-container units"
        out += " count one each) of placed orders' shipments; units per container = units / containers.\n"
        out += "# TYPE sameday_containers_packed_total counter\n"
        out += "sameday_containers_packed_total \(state.containersPacked)\n"
        out += "# HELP sameday_promises_total Promises answered, by speed or unavailable.\n"
        out += "# TYPE sameday_promises_total counter\n"
        for (outcome, count) in state.promises.sorted(by: { $0.key < $1.key }) {
            out += "sameday_promises_total{outcome=\"\(outcome)\"} \(count)\n"
        }
        out += "# HELP sameday_conflicts_total Requests answered 409, by problem code.\n"
        out += "# TYPE sameday_conflicts_total counter\n"
        for (code, count) in state.conflicts.sorted(by: { $0.key < $1.key }) {
            out += "sameday_conflicts_total{code=\"\(code)\"} \(count)\n"
        }
        out += "# HELP sameday_problems_total Problem responses, by code.\n"
        out += "# TYPE sameday_problems_total counter\n"
        for (code, count) in state.problems.sorted(by: { $0.key < $1.key }) {
            out += "sameday_problems_total{code=\"\(code)\"} \(count)\n"
        }
        out += "# HELP sameday_http_requests_total HTTP requests, by route, method and status.\n"
        out += "# TYPE sameday_http_requests_total counter\n"
        let keys = state.requests.keys.sorted { ($0.route, $0.method) < ($1.route, $1.method) }
        for key in keys {
            for (status, count) in (state.requests[key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                out +=
                    "sameday_http_requests_total{route=\"\(escape(key.route))\",method=\"\(key.method)\",status=\"\(status)\"} \(count)\n"
            }
        }
        out += "# HELP sameday_http_request_duration_seconds Time to answer a request, by route.\n"
        out += "# TYPE sameday_http_request_duration_seconds histogram\n"
        for key in keys {
            guard let histogram = state.latency[key] else { continue }
            let labels = "route=\"\(escape(key.route))\",method=\"\(key.method)\""
            var cumulative = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                out += "sameday_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "sameday_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(histogram.count)\n"
            out += "sameday_http_request_duration_seconds_sum{\(labels)} \(histogram.sum)\n"
            out += "sameday_http_request_duration_seconds_count{\(labels)} \(histogram.count)\n"
        }
        out += watches.render()
        return out
    }

    private func escape(_ s: String) -> String {
        s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\n", with: "\\n")
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
