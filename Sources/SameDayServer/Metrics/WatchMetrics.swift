// The metrics of prices, watches and webhooks: watches by status, buys, failed attempts, trigger lag, the
// worker's index, webhook deliveries. Part of `/metrics` (`ServerMetrics.render` appends them).

import SameDayStore
import Synchronization

/// Counters and gauges of the watch worker and the webhook deliverer.
public final class WatchMetrics: Sendable {
    /// Trigger lag buckets, seconds: from the triggering change's commit to the buy's.
    static let lagBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    private struct State {
        var byStatus: [WatchStatus: Int] = [:]
        var created = 0
        var bought = 0
        var notified = 0
        var failedAttempts = 0
        var aboveTarget = 0
        var workerErrors = 0
        var events = 0
        var priceChanges = 0
        var indexWatches = 0
        var indexBytes = 0
        var lagCounts = Array(repeating: 0, count: WatchMetrics.lagBuckets.count)
        var lagCount = 0
        var lagSum = 0.0
        var deliveries: [String: Int] = [:]

        mutating func recordLag(_ seconds: Double) {
            if let index = WatchMetrics.lagBuckets.firstIndex(where: { seconds <= $0 }) { lagCounts[index] += 1 }
            lagCount += 1
            lagSum += seconds
        }
    }

    private let state = Mutex(State())

    public init() {}

    func recordPriceChange() { state.withLock { $0.priceChanges += 1 } }
    func recordWatchCreated() { state.withLock { $0.created += 1 } }
    func recordWorkerError() { state.withLock { $0.workerErrors += 1 } }
    func recordEvents(_ count: Int) { state.withLock { $0.events += count } }
    func setIndex(active: Int, bytes: Int) { state.withLock { ($0.indexWatches, $0.indexBytes) = (active, bytes) } }
    func setCounts(_ counts: [WatchStatus: Int]) { state.withLock { $0.byStatus = counts } }
    /// `outcome`: delivered, retried or failed.
    func recordDelivery(_ outcome: String) { state.withLock { $0.deliveries[outcome, default: 0] += 1 } }

    /// One served watch; a buy or a notification also records its trigger lag.
    func record(_ outcome: WatchOutcome, lagSeconds: Double) {
        state.withLock { state in
            switch outcome {
            case .bought:
                state.bought += 1
                state.recordLag(lagSeconds)
            case .notified:
                state.notified += 1
                state.recordLag(lagSeconds)
            case .failed: state.failedAttempts += 1
            case .priceAboveTarget: state.aboveTarget += 1
            case .notActive, .error: break
            }
        }
    }

    /// The Prometheus text of these metrics.
    func render() -> String {
        let s = state.withLock { $0 }
        var out = ""
        out += "# HELP sameday_watches Watches by status (read from the database every 15 s).\n"
        out += "# TYPE sameday_watches gauge\n"
        for status in WatchStatus.allCases {
            out += "sameday_watches{status=\"\(status.rawValue)\"} \(s.byStatus[status] ?? 0)\n"
        }
        out += counter("sameday_watches_created_total", "Watches created through this server.", s.created)
        out += counter("sameday_watch_buys_total", "Auto-buys placed by this server's watch worker.", s.bought)
        out += counter("sameday_watch_notifications_total", "Notify-only watches triggered.", s.notified)
        out += counter(
            "sameday_watch_attempts_failed_total",
            "Auto-buys that could not be placed (out of stock, not deliverable).",
            s.failedAttempts)
        out += counter(
            "sameday_watch_above_target_total", "Triggered watches left alone: the price was above target again.",
            s.aboveTarget)
        out += counter(
            "sameday_watch_worker_errors_total", "Worker batches that failed and were read again.", s.workerErrors)
        out += counter("sameday_watch_worker_events_total", "Events the watch worker read.", s.events)
        out += counter("sameday_price_changes_total", "Price changes made through this server.", s.priceChanges)
        out += "# HELP sameday_watch_index_watches Active watches in the worker's index.\n"
        out += "# TYPE sameday_watch_index_watches gauge\nsameday_watch_index_watches \(s.indexWatches)\n"
        out += "# HELP sameday_watch_index_bytes Heap bytes the worker's index holds.\n"
        out += "# TYPE sameday_watch_index_bytes gauge\nsameday_watch_index_bytes \(s.indexBytes)\n"
        out += lagHistogram(s)
        out += "# HELP sameday_webhook_deliveries_total Webhook delivery attempts, by outcome.\n"
        out += "# TYPE sameday_webhook_deliveries_total counter\n"
        for outcome in ["delivered", "retried", "failed"] {
            out += "sameday_webhook_deliveries_total{outcome=\"\(outcome)\"} \(s.deliveries[outcome] ?? 0)\n"
        }
        return out
    }

    private func counter(_ name: String, _ help: String, _ value: Int) -> String {
        "# HELP \(name) \(help)\n# TYPE \(name) counter\n\(name) \(value)\n"
    }

    private func lagHistogram(_ s: State) -> String {
        let name = "sameday_watch_trigger_lag_seconds"
        var out = "# HELP \(name) From the commit of the change that triggered a watch to the commit of its buy.\n"
        out += "# TYPE \(name) histogram\n"
        var cumulative = 0
        for (index, bound) in Self.lagBuckets.enumerated() {
            cumulative += s.lagCounts[index]
            out += "\(name)_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        out += "\(name)_bucket{le=\"+Inf\"} \(s.lagCount)\n\(name)_sum \(s.lagSum)\n\(name)_count \(s.lagCount)\n"
        return out
    }
}

extension ServerMetrics {
    func recordPriceChange() { watches.recordPriceChange() }
    func recordWatchCreated() { watches.recordWatchCreated() }
    func recordWatchWorkerError() { watches.recordWorkerError() }
    func recordWatchEvents(_ count: Int) { watches.recordEvents(count) }
    func setWatchIndex(active: Int, bytes: Int) { watches.setIndex(active: active, bytes: bytes) }
    func setWatchCounts(_ counts: [WatchStatus: Int]) { watches.setCounts(counts) }
    func recordWatchOutcome(_ outcome: WatchOutcome, lagSeconds: Double) {
        watches.record(outcome, lagSeconds: lagSeconds)
    }
}
