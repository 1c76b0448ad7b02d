// Webhooks: endpoints, and the durable state of delivering the events feed to them.
//
// Each endpoint has a cursor over the events feed. `enqueueWebhookDeliveries` moves it forward, writing one
// `pending` delivery per event the endpoint receives, in the same transaction as the cursor (so none is skipped or
// written twice). `claimWebhookDeliveries` hands out, per endpoint and customer, only the earliest pending delivery
// (so one customer's events go out in order) whose retry time has come, leased for a while so another process does
// not send it too; `recordWebhookDeliveries` marks it delivered, or schedules the retry with exponential backoff,
// or after the retry window gives it up. Times are Unix milliseconds passed in by the server.

import SameDayCore

extension SQLStore {
    static var webhookColumns: String { "id, url, types, created_at" }

    func createWebhook(url: String, secret: String, types: [EventType], at: Instant) async throws -> Webhook {
        let id = WebhookID("wh_" + Self.randomHex(bytes: 8))
        let webhook = Webhook(id: id, url: url, types: types, createdAt: at)
        var batch = Batch(.count, SQL("SELECT COUNT(*) AS n FROM webhooks WHERE deleted_at IS NULL"))
        batch.add(.clock, SQL("SELECT seq FROM commit_clock WHERE one = 1"))
        return try await backend.write(
            .batch(batch) { results in
                let count = try results[.count].first?.int("n") ?? 0
                guard count < Limits.maxWebhooks else {
                    throw StoreError.limitReached(
                        "\(count) webhooks are registered, the most there may be; delete one first")
                }
                // Only events after the registration go to it: its cursor starts at the feed's end.
                let seq = try results[.clock].first?.int("seq") ?? 0
                let insert = SQL(
                    """
                    INSERT INTO webhooks (id, url, secret, types, created_at, cursor_seq, cursor_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(id.rawValue), .text(url), .text(secret),
                        .text(types.map(\.rawValue).joined(separator: ",")),
                        .int(at.minutes), .int(seq), .int(Int.max),
                    ])
                return .execute([insert]) { .done(webhook) }
            })
    }

    func webhooks() async throws -> [Webhook] {
        try await backend.read(
            .query(
                SQL("SELECT \(Self.webhookColumns) FROM webhooks WHERE deleted_at IS NULL ORDER BY created_at, id")
            ) { rows in .done(try rows.map(Webhook.init(row:))) })
    }

    func deleteWebhook(_ id: WebhookID, at: Instant) async throws -> Webhook {
        let find = SQL(
            "SELECT \(Self.webhookColumns) FROM webhooks WHERE id = ? AND deleted_at IS NULL" + dialect.forNoKeyUpdate,
            [.text(id.rawValue)])
        return try await backend.write(
            .query(find) { rows in
                guard let row = rows.first else { throw StoreError.notFound("no webhook \(id)") }
                let webhook = try Webhook(row: row)
                return .execute([
                    SQL("DELETE FROM webhook_deliveries WHERE webhook_id = ?", [.text(id.rawValue)]),
                    SQL("UPDATE webhooks SET deleted_at = ? WHERE id = ?", [.int(at.minutes), .text(id.rawValue)]),
                ]) { .done(webhook) }
            })
    }

    func webhookDeliveries(_ id: WebhookID, limit: Int) async throws -> [WebhookDelivery] {
        guard (1...Limits.maxPageSize).contains(limit) else {
            throw StoreError.invalidInput("limit \(limit) is out of range: use 1 to \(Limits.maxPageSize)")
        }
        var batch = Batch(
            .known, SQL("SELECT id FROM webhooks WHERE id = ? AND deleted_at IS NULL", [.text(id.rawValue)]))
        batch.add(
            .deliveries,
            SQL(
                """
                SELECT webhook_id, event_id, seq, customer, state, attempts, first_attempt_ms, last_attempt_ms,
                    next_attempt_ms, last_status, last_error, delivered_ms
                FROM webhook_deliveries WHERE webhook_id = ? ORDER BY seq DESC, event_id DESC LIMIT ?
                """, [.text(id.rawValue), .int(limit)]))
        return try await backend.read(
            .batch(batch) { results in
                guard !results[.known].isEmpty else { throw StoreError.notFound("no webhook \(id)") }
                return .done(try results[.deliveries].map(WebhookDelivery.init(row:)))
            })
    }

    func enqueueWebhookDeliveries(nowMillis: Int, limit: Int) async throws -> Int {
        let ids = try await backend.read(
            .query(SQL("SELECT id FROM webhooks WHERE deleted_at IS NULL ORDER BY id")) { rows in
                .done(try rows.map { WebhookID(try $0.text("id")) })
            })
        var written = 0
        for id in ids { written += try await enqueue(id, nowMillis: nowMillis, limit: limit) }
        return written
    }

    /// Moves endpoint `id`'s cursor over up to `limit` events, writing a pending delivery for each it receives.
    private func enqueue(_ id: WebhookID, nowMillis: Int, limit: Int) async throws -> Int {
        let find = SQL(
            "SELECT types, cursor_seq, cursor_id FROM webhooks WHERE id = ? AND deleted_at IS NULL"
                + dialect.forNoKeyUpdate, [.text(id.rawValue)])
        return try await backend.write(
            .query(find) { rows in
                guard let row = rows.first else { return .done(0) }
                let types = Set(try row.text("types").split(separator: ",").map(String.init))
                let cursor = FeedPosition(seq: try row.int("cursor_seq"), id: try row.int("cursor_id"))
                return .query(Self.eventsAfter(cursor, customer: nil, limit: limit)) { rows in
                    let events = try rows.map(Event.init(row:))
                    guard let last = events.last else { return .done(0) }
                    let chosen = events.filter { types.isEmpty || types.contains($0.type.rawValue) }
                    var writes = SQL.insertMany(
                        "webhook_deliveries",
                        columns: ["webhook_id", "event_id", "seq", "customer", "state", "next_attempt_ms"],
                        rows: chosen.map {
                            [
                                .text(id.rawValue), .int($0.id), .int($0.position.seq),
                                .text($0.customer?.rawValue ?? ""), .text(DeliveryState.pending.rawValue),
                                .int(nowMillis),
                            ]
                        })
                    writes.append(
                        SQL(
                            "UPDATE webhooks SET cursor_seq = ?, cursor_id = ? WHERE id = ?",
                            [.int(last.position.seq), .int(last.position.id), .text(id.rawValue)]))
                    return .execute(writes) { .done(chosen.count) }
                }
            })
    }

    func claimWebhookDeliveries(nowMillis: Int, leaseMillis: Int, limit: Int) async throws -> [ClaimedDelivery] {
        let heads = SQL(
            """
            SELECT d.webhook_id AS webhook_id, d.event_id AS event_id, d.attempts AS attempts,
                d.first_attempt_ms AS first_attempt_ms, w.url AS url, w.secret AS secret
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.deleted_at IS NULL
            WHERE d.state = 'pending' AND d.next_attempt_ms <= ? AND d.lease_until_ms <= ?
                AND NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id AND e.customer = d.customer
                        AND e.state = 'pending' AND (e.seq, e.event_id) < (d.seq, d.event_id))
            ORDER BY d.seq, d.event_id LIMIT ?
            """, [.int(nowMillis), .int(nowMillis), .int(limit)])
        return try await backend.write(
            .query(heads) { rows in
                guard !rows.isEmpty else { return .done([]) }
                let found = try rows.map(Head.init(row:))
                var batch = Batch()
                batch.add(
                    .leases,
                    found.map { head in
                        SQL(
                            """
                            UPDATE webhook_deliveries SET lease_until_ms = ?
                            WHERE webhook_id = ? AND event_id = ? AND state = 'pending' AND lease_until_ms <= ?
                            RETURNING event_id
                            """,
                            [.int(nowMillis + leaseMillis), .text(head.webhook), .int(head.event), .int(nowMillis)])
                    })
                batch.add(
                    .events,
                    SQL(
                        "SELECT \(Self.eventColumns) FROM events WHERE id IN (\(SQL.placeholders(found.count)))",
                        found.map { .int($0.event) }))
                return .batch(batch) { results in
                    var events: [Int: Event] = [:]
                    for row in results[.events] {
                        let event = try Event(row: row)
                        events[event.id] = event
                    }
                    var claimed: [ClaimedDelivery] = []
                    for (head, leased) in zip(found, results.each(.leases)) where !leased.isEmpty {
                        guard let event = events[head.event] else { continue }
                        claimed.append(head.claimed(event))
                    }
                    return .done(claimed)
                }
            })
    }

    func recordWebhookDeliveries(
        _ attempts: [(claimed: ClaimedDelivery, result: DeliveryResult)], nowMillis: Int, retry: WebhookRetry
    ) async throws {
        guard !attempts.isEmpty else { return }
        let writes = attempts.map { Self.recording($0.claimed, $0.result, nowMillis: nowMillis, retry: retry) }
        try await backend.write(.execute(writes) { .done(()) })
    }

    /// The UPDATE that records one attempt: delivered, retried later, or given up after the retry window.
    private static func recording(
        _ claimed: ClaimedDelivery, _ result: DeliveryResult, nowMillis: Int, retry: WebhookRetry
    ) -> SQL {
        let attempts = claimed.attempts + 1
        let first = claimed.firstAttemptMillis ?? nowMillis
        let state: DeliveryState =
            result.acknowledged ? .delivered : (nowMillis - first >= retry.windowMillis ? .failed : .pending)
        let next = nowMillis + (result.acknowledged ? 0 : retry.delayMillis(afterAttempts: attempts))
        return SQL(
            """
            UPDATE webhook_deliveries SET state = ?, attempts = ?, first_attempt_ms = ?, last_attempt_ms = ?,
                next_attempt_ms = ?, lease_until_ms = 0, last_status = ?, last_error = ?, delivered_ms = ?
            WHERE webhook_id = ? AND event_id = ? AND state = 'pending'
            """,
            [
                .text(state.rawValue), .int(attempts), .int(first), .int(nowMillis), .int(next),
                result.status.map { .int($0) } ?? .null,
                result.error.map { .text(truncated($0, maxBytes: Limits.maxTextBytes)) } ?? .null,
                result.acknowledged ? .int(nowMillis) : .null, .text(claimed.webhook.rawValue), .int(claimed.event.id),
            ])
    }

    func purgeWebhookDeliveries(before millis: Int) async throws -> Int {
        try await backend.write(
            .query(
                SQL(
                    "DELETE FROM webhook_deliveries WHERE state <> 'pending' AND last_attempt_ms < ? RETURNING event_id",
                    [.int(millis)])
            ) { rows in .done(rows.count) })
    }
}

/// A delivery at the head of its customer's queue.
private struct Head {
    var webhook: String
    var event: Int
    var attempts: Int
    var firstAttemptMillis: Int?
    var url: String
    var secret: String

    init(row: SQLRow) throws {
        webhook = try row.text("webhook_id")
        event = try row.int("event_id")
        attempts = try row.int("attempts")
        firstAttemptMillis = try row.optionalInt("first_attempt_ms")
        url = try row.text("url")
        secret = try row.text("secret")
    }

    func claimed(_ event: Event) -> ClaimedDelivery {
        ClaimedDelivery(
            webhook: WebhookID(webhook), url: url, secret: secret, event: event, attempts: attempts,
            firstAttemptMillis: firstAttemptMillis)
    }
}

extension Webhook {
    /// Columns `id, url, types, created_at` (`types` comma-separated, '' for all; unknown ones are ignored).
    init(row: SQLRow) throws {
        self.init(
            id: WebhookID(try row.text("id")), url: try row.text("url"),
            types: try row.text("types").split(separator: ",").compactMap { EventType(rawValue: String($0)) },
            createdAt: try row.instant("created_at"))
    }
}

extension WebhookDelivery {
    init(row: SQLRow) throws {
        self.init(
            webhook: WebhookID(try row.text("webhook_id")), eventID: try row.int("event_id"),
            position: FeedPosition(seq: try row.int("seq"), id: try row.int("event_id")),
            group: try row.text("customer"), state: try row.enum(DeliveryState.self, "state"),
            attempts: try row.int("attempts"), firstAttemptMillis: try row.optionalInt("first_attempt_ms"),
            lastAttemptMillis: try row.optionalInt("last_attempt_ms"),
            nextAttemptMillis: try row.int("next_attempt_ms"),
            lastStatus: try row.optionalInt("last_status"), lastError: try row.optionalText("last_error"),
            deliveredMillis: try row.optionalInt("delivered_ms"))
    }
}

extension Step {
    fileprivate static let count = Step("count")
    fileprivate static let clock = Step("clock")
    fileprivate static let known = Step("known")
    fileprivate static let deliveries = Step("deliveries")
    fileprivate static let leases = Step("leases")
    fileprivate static let events = Step("events")
}
