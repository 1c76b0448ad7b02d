// Serving a triggered watch: one transaction per watch that buys (or notifies) exactly once, never above target.
//
// The transaction locks the watch row first and acts only if it is still active and not expired: a second
// attempt (another server process, a replay after a crash, a duplicate trigger) finds it bought and does nothing.
// It then re-reads the SKU's price under a share lock (a price change waits for it, or it for the change): above
// the target, nothing is bought. An auto-buy places its order through the one order path (`orderScript`) with the
// target as the price cap, under an idempotency key HTTP clients cannot send (it is not ASCII), and marks the watch
// bought with its order and a `watch-bought` event in the same transaction. If the order cannot be placed (out of
// stock, not deliverable) the watch stays active with `lastAttempt` and a `watch-attempt-failed` event.
//
// The worker hands a batch of triggered watches to `serveWatches` in (createdAt, id) order; each is its own
// transaction, run in that order (SQLite: consecutive jobs of group commit, sharing fsyncs; PostgreSQL: one
// after another), so an earlier watcher gets scarce stock first.

import SameDayCore

extension SQLStore {
    func serveWatches(_ ids: [WatchID], at: Instant, engine: PromiseEngine, packer: Packer?) async -> [WatchOutcome] {
        let dialect = self.dialect
        let scripts = ids.map { Self.serveScript($0, at: at, engine: engine, packer: packer, dialect: dialect) }
        return await backend.writeEach(scripts).map { result in
            switch result {
            case .success(let outcome): outcome
            case .failure(let error): .error(error.description)
            }
        }
    }

    /// The idempotency key of watch `id`'s order: scoped to its customer like any key, and never sent by an HTTP
    /// client (those are printable ASCII), so a customer's own keys cannot collide with it.
    static func autoBuyKey(_ id: WatchID) -> String { "auto-buy \u{2192} \(id.rawValue)" }

    static func serveScript(
        _ id: WatchID, at: Instant, engine: PromiseEngine, packer: Packer?, dialect: Dialect
    ) -> Script<WatchOutcome> {
        .query(scopedWatch(id, customer: nil, suffix: dialect.forNoKeyUpdate)) { rows in
            guard let row = rows.first else { return .done(.notActive(nil)) }
            let watch = try Watch(row: row)
            guard watch.storedStatus == .active else { return .done(.notActive(watch.storedStatus)) }
            guard watch.status(at: at) == .active else { return expire(watch, at: at) }
            guard watch.autoBuy else { return notify(watch, at: at, dialect: dialect) }
            let request = OrderRequest(
                customer: watch.customer, zip: watch.zip, lines: [OrderLine(sku: watch.sku, qty: watch.qty)],
                idempotencyKey: autoBuyKey(id), at: at)
            return orderScript(
                request, engine: engine, packer: packer, dialect: dialect, priceCap: watch.targetPriceCents,
                placed: { placed in bought(watch, order: placed.order, at: at) },
                refused: { refusal in failed(watch, refusal, at: at) })
        }
    }

    /// The sweep had not recorded the expiry yet: record it now.
    private static func expire(_ watch: Watch, at: Instant) -> Script<WatchOutcome> {
        .execute([
            SQL(
                "UPDATE watches SET status = 'expired', ended_at = ? WHERE id = ?",
                [.int(at.minutes), .text(watch.id.rawValue)]),
            eventInsert(.watchExpired, customer: watch.customer, at: at, sku: watch.sku, watch: watch.id),
        ]) { .done(.notActive(.expired)) }
    }

    /// A notify-only watch: notified with a `watch-triggered` event, if the price is still at or below target.
    private static func notify(_ watch: Watch, at: Instant, dialect: Dialect) -> Script<WatchOutcome> {
        let price = SQL(
            "SELECT price_cents FROM catalog WHERE sku = ?" + (dialect == .postgres ? " FOR SHARE" : ""),
            [.text(watch.sku.rawValue)])
        return .query(price) { rows in
            let cents = try rows.first?.int("price_cents") ?? Int.max
            guard cents <= watch.targetPriceCents else { return .done(.priceAboveTarget(cents)) }
            return .execute([
                SQL(
                    "UPDATE watches SET status = 'notified', ended_at = ? WHERE id = ?",
                    [.int(at.minutes), .text(watch.id.rawValue)]),
                eventInsert(
                    .watchTriggered, customer: watch.customer, at: at, sku: watch.sku, watch: watch.id,
                    priceCents: cents, targetCents: watch.targetPriceCents),
            ]) { .done(.notified) }
        }
    }

    /// The order is placed: the watch is bought, with its order and a `watch-bought` event.
    private static func bought(_ watch: Watch, order: Order, at: Instant) -> Script<WatchOutcome> {
        let paid = order.shipments.first.flatMap { $0.priceCents(ofLine: 0) }
        return .execute([
            SQL(
                "UPDATE watches SET status = 'bought', order_id = ?, ended_at = ? WHERE id = ?",
                [.text(order.id.rawValue), .int(at.minutes), .text(watch.id.rawValue)]),
            eventInsert(
                .watchBought, customer: watch.customer, at: at, sku: watch.sku, watch: watch.id, order: order.id,
                priceCents: paid, targetCents: watch.targetPriceCents),
        ]) { .done(.bought(order.id)) }
    }

    /// Nothing was placed: above target, nothing is recorded; otherwise the attempt and its reason are.
    private static func failed(_ watch: Watch, _ refusal: OrderPathRefusal, at: Instant) -> Script<WatchOutcome> {
        let error: StoreError
        switch refusal {
        case .priceAboveCap(_, let cents): return .done(.priceAboveTarget(cents))
        case .store(let refused): error = refused
        }
        let reason = truncated("\(error.problemCode.rawValue): \(error.description)", maxBytes: Limits.maxTextBytes)
        return .execute([
            SQL(
                "UPDATE watches SET attempt_at = ?, attempt_reason = ?, attempts = attempts + 1 WHERE id = ?",
                [.int(at.minutes), .text(reason), .text(watch.id.rawValue)]),
            eventInsert(
                .watchAttemptFailed, customer: watch.customer, at: at, sku: watch.sku, watch: watch.id,
                targetCents: watch.targetPriceCents, reason: reason),
        ]) { .done(.failed(reason)) }
    }

    /// `text` cut to at most `maxBytes` UTF-8 bytes, at a character boundary, with "…" when cut.
    static func truncated(_ text: String, maxBytes: Int) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var out = ""
        for character in text {
            if out.utf8.count + character.utf8.count + 3 > maxBytes { break }
            out.append(character)
        }
        return out + "\u{2026}"
    }
}
