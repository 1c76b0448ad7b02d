// Delivers the events feed to the registered webhook endpoints: at least once, in event order per customer,
// retried with exponential backoff for 24 hours, every step recorded in the database so a restart (or another
// server process) carries on where this one stopped.
//
// Each round: new events become pending deliveries (the endpoint's cursor moves in the same transaction), then the
// due deliveries at the head of their customer's queue are leased, POSTed concurrently — signed — and their
// outcome recorded. A delivery in flight when the process dies is leased for a while, then tried again: the
// receiver may see it twice (at least once), never out of order for one customer.

import Crypto
import Foundation
import Logging
import SameDayCore
import SameDayStore
import ServiceLifecycle

/// The webhook deliverer, a `Service` of the server.
struct WebhookDeliverer: Service {
    let store: any Store
    let metrics: ServerMetrics
    let client: WebhookClient
    let settings: WebhookSettings
    let logger: Logger

    func run() async throws {
        var nextPurge = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var sent = 0
            do {
                _ = try await store.enqueueWebhookDeliveries(nowMillis: settings.nowMillis(), limit: settings.batchSize)
                sent = try await deliverDue()
                if settings.nowMillis() >= nextPurge {
                    _ = try await store.purgeWebhookDeliveries(before: settings.nowMillis() - settings.keepMillis)
                    nextPurge = settings.nowMillis() + 3_600_000
                }
            } catch {
                logger.warning("webhook deliveries: \(error); retrying")
            }
            if sent > 0 { continue }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: settings.pollInterval) }
            } catch {
                return
            }
        }
    }

    /// Leases the due deliveries, sends them concurrently, records the outcomes; returns how many were sent.
    func deliverDue() async throws -> Int {
        let claimed = try await store.claimWebhookDeliveries(
            nowMillis: settings.nowMillis(), leaseMillis: settings.leaseMillis, limit: settings.concurrency)
        guard !claimed.isEmpty else { return 0 }
        let attempts = await withTaskGroup(of: (ClaimedDelivery, DeliveryResult).self) { group in
            for delivery in claimed { group.addTask { (delivery, await send(delivery)) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let now = settings.nowMillis()
        try await store.recordWebhookDeliveries(
            attempts.map { (claimed: $0.0, result: $0.1) }, nowMillis: now, retry: settings.retry)
        for (delivery, result) in attempts {
            let first = delivery.firstAttemptMillis ?? now
            let outcome =
                result.acknowledged ? "delivered" : (now - first >= settings.retry.windowMillis ? "failed" : "retried")
            metrics.watches.recordDelivery(outcome)
        }
        return claimed.count
    }

    /// One signed POST of the event's JSON.
    func send(_ delivery: ClaimedDelivery) async -> DeliveryResult {
        let body = EventBody(event: delivery.event).jsonBytes
        let timestamp = String(settings.nowMillis() / 1000)
        let headers = [
            ("SameDay-Event-Id", String(delivery.event.id)), ("SameDay-Timestamp", timestamp),
            ("SameDay-Signature", "v1=" + Self.signature(secret: delivery.secret, timestamp: timestamp, body: body)),
        ]
        guard let url = WebhookURL(delivery.url) else {
            return DeliveryResult(webhook: delivery.webhook, eventID: delivery.event.id, status: nil, error: "bad URL")
        }
        let answer = await client.post(url, headers: headers, body: body, timeout: settings.timeout)
        return DeliveryResult(
            webhook: delivery.webhook, eventID: delivery.event.id, status: answer.status, error: answer.error)
    }

    /// Lowercase hex HMAC-SHA256 of `"<timestamp>.<body>"` keyed by the secret.
    static func signature(secret: String, timestamp: String, body: [UInt8]) -> String {
        var message = Array(timestamp.utf8)
        message.append(UInt8(ascii: "."))
        message += body
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
    }
}

/// How the deliverer paces itself and retries.
public struct WebhookSettings: Sendable {
    /// The longest wait between two rounds when nothing was due.
    public var pollInterval: Duration = .milliseconds(250)
    /// A receiver that has not answered within this is retried.
    public var timeout: Duration = .seconds(10)
    /// Deliveries sent at once (at most one per endpoint and customer).
    public var concurrency = 32
    /// Events turned into deliveries per endpoint and round.
    public var batchSize = 500
    /// How long a delivery in flight is leased (another process leaves it alone meanwhile).
    public var leaseMillis = 30_000
    /// Backoff and retry window.
    public var retry = WebhookRetry()
    /// Delivered and failed deliveries are kept this long for `GET /v1/webhooks/{id}/deliveries`.
    public var keepMillis = 7 * 86_400_000
    /// The wall clock in Unix milliseconds.
    public var nowMillis: @Sendable () -> Int = AppConfiguration.systemMillis

    public init() {}
}

extension ResponseBody {
    /// The JSON bytes of this value.
    var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.bytes
    }
}
