// The events feed: rows written in the transactions they describe (`eventInsert`), read in commit order by the API,
// the watch worker and the webhook deliverer, each remembering where it is (`feed_cursors`).

import SameDayCore

extension SQLStore {
    /// The INSERT of one event, stamped with its transaction's commit sequence number when the transaction ends.
    static func eventInsert(
        _ type: EventType, customer: CustomerID?, at: Instant, sku: SKU? = nil, watch: WatchID? = nil,
        order: OrderID? = nil, shipment: ShipmentID? = nil, status: String? = nil, priceCents: Int? = nil,
        targetCents: Int? = nil, reason: String? = nil
    ) -> SQL {
        func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
        func int(_ value: Int?) -> SQLValue { value.map { .int($0) } ?? .null }
        return SQL.feedInsert(
            Schema.events,
            """
            INSERT INTO events (type, customer, at_minute, sku, watch_id, order_id, shipment_id, status, price_cents,
                target_cents, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(type.rawValue), text(customer?.rawValue), .int(at.minutes), text(sku?.rawValue),
                text(watch?.rawValue), text(order?.rawValue), text(shipment?.rawValue), text(status), int(priceCents),
                int(targetCents), text(reason),
            ])
    }

    /// The columns `Event(row:)` reads.
    static var eventColumns: String {
        """
        id, seq, type, customer, at_minute, recorded_ms, sku, watch_id, order_id, shipment_id, status, price_cents,
        target_cents, reason
        """
    }

    func events(after position: FeedPosition, customer: CustomerID?, limit: Int) async throws -> [Event] {
        guard (1...Limits.maxEventPageSize * 10).contains(limit) else {
            throw StoreError.invalidInput("limit \(limit) is out of range: use 1 to \(Limits.maxEventPageSize * 10)")
        }
        return try await backend.read(
            .query(Self.eventsAfter(position, customer: customer, limit: limit)) { rows in
                .done(try rows.map(Event.init(row:)))
            })
    }

    func eventPage(after: Int?, customer: CustomerID?, limit: Int) async throws -> EventPage {
        guard (1...Limits.maxEventPageSize).contains(limit) else {
            throw StoreError.invalidInput("limit \(limit) is out of range: use 1 to \(Limits.maxEventPageSize)")
        }
        var cursor = Batch()
        if let after {
            var find = SQL("SELECT id, seq FROM events WHERE id = ? AND seq IS NOT NULL", [.int(after)])
            if let customer {
                find.text += " AND customer = ?"
                find.values.append(.text(customer.rawValue))
            }
            cursor.add(.cursor, find)
        }
        return try await backend.read(
            .batch(cursor) { results in
                var position = FeedPosition.start
                if let after {
                    guard let row = results[.cursor].first else {
                        throw StoreError.notFound("no event \(after) to page after")
                    }
                    position = FeedPosition(seq: try row.int("seq"), id: try row.int("id"))
                }
                return .query(Self.eventsAfter(position, customer: customer, limit: limit + 1)) { rows in
                    let events = try rows.prefix(limit).map(Event.init(row:))
                    return .done(EventPage(events: events, next: rows.count > limit ? events.last?.id : nil))
                }
            })
    }

    /// Events after `position` in commit order, of one customer or all.
    static func eventsAfter(_ position: FeedPosition, customer: CustomerID?, limit: Int) -> SQL {
        var sql = SQL(
            "SELECT \(eventColumns) FROM events WHERE (seq, id) > (?, ?)", [.int(position.seq), .int(position.id)])
        if let customer {
            sql.text += " AND customer = ?"
            sql.values.append(.text(customer.rawValue))
        }
        sql.text += " ORDER BY seq, id LIMIT ?"
        sql.values.append(.int(limit))
        return sql
    }

    func feedHead() async throws -> FeedPosition {
        try await backend.read(
            .query(SQL("SELECT seq FROM commit_clock WHERE one = 1")) { rows in
                // The clock's number is the last transaction stamped: everything up to it is committed.
                .done(FeedPosition(seq: try rows.first?.int("seq") ?? 0, id: Int.max))
            })
    }

    func feedCursor(_ name: String) async throws -> FeedPosition? {
        try await backend.read(
            .query(SQL("SELECT seq, id FROM feed_cursors WHERE name = ?", [.text(name)])) { rows in
                .done(try rows.first.map { FeedPosition(seq: try $0.int("seq"), id: try $0.int("id")) })
            })
    }

    func saveFeedCursor(_ name: String, _ position: FeedPosition) async throws {
        // Only forward: two processes reading the same feed both record how far it has been handled.
        let insert = SQL(
            "INSERT INTO feed_cursors (name, seq, id) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
            [.text(name), .int(position.seq), .int(position.id)])
        let update = SQL(
            "UPDATE feed_cursors SET seq = ?, id = ? WHERE name = ? AND (seq, id) < (?, ?)",
            [.int(position.seq), .int(position.id), .text(name), .int(position.seq), .int(position.id)])
        try await backend.write(.execute([insert, update]) { .done(()) })
    }
}

extension Event {
    /// Columns `SQLStore.eventColumns`.
    init(row: SQLRow) throws {
        self.init(
            id: try row.int("id"), position: FeedPosition(seq: try row.int("seq"), id: try row.int("id")),
            type: try row.enum(EventType.self, "type"), customer: try row.optionalText("customer").map(CustomerID.init),
            at: try row.instant("at_minute"), recordedMillis: try row.int("recorded_ms"),
            sku: try row.optionalText("sku").map(SKU.init), watch: try row.optionalText("watch_id").map(WatchID.init),
            order: try row.optionalText("order_id").map(OrderID.init),
            shipment: try row.optionalText("shipment_id").map(ShipmentID.init), status: try row.optionalText("status"),
            priceCents: try row.optionalInt("price_cents"), targetCents: try row.optionalInt("target_cents"),
            reason: try row.optionalText("reason"))
    }
}

extension Step {
    fileprivate static let cursor = Step("cursor")
}
