// The clock: shipments move along their schedule (placed → picking → shipped → delivered).
//
// Shipping takes the units out of on hand and reserved. A shipment whose stock row disagrees with it (fewer
// units reserved or on hand than it carries: only raw SQL or a bug can do that) stays where it is and is
// reported; every other shipment moves, so one bad row never stops the clock for the whole network.

import SameDayCore

extension SQLStore {
    func advance(to now: Instant) async throws -> AdvanceReport {
        let dialect = self.dialect
        var batch = Batch(
            .picking,
            SQL(
                """
                UPDATE shipments SET status = 'picking' WHERE status = 'placed' AND modifiable_until <= ?
                RETURNING id, node, kpi_hour
                """,
                [.int(now.minutes)]))
        // Taking the due shipments' rows first (row locks on PostgreSQL) makes two processes advancing at once
        // ship each shipment once: the second waits, then finds their status changed.
        batch.add(
            .due,
            SQL(
                """
                SELECT id, order_id, node, status, kpi_hour, deliver_by FROM shipments
                WHERE status IN ('placed', 'picking') AND departs_at <= ?
                ORDER BY id
                """ + dialect.forNoKeyUpdate, [.int(now.minutes)]))
        return try await backend.write(
            .batch(batch) { results in
                let picked = try results[.picking].map { try $0.text("id") }
                let due = try results[.due].map(DueShipment.init(row:))
                // The figures' aggregates, written last (after the stock rows shipping locks).
                var picking = KPIDeltas()
                for row in results[.picking] {
                    if let hour = try row.optionalInt("kpi_hour") {
                        picking.move(hour: hour, node: try row.text("node"), from: .placed, to: .picking)
                    }
                }
                let pickingKPI = picking
                // Each move's events in the order of the moves: picking, shipped, delivered.
                return .execute(Self.shipmentStatusEvents(picked, .picking, at: now)) {
                    Self.ship(due, at: now, dialect: dialect) { shipped, stuck in
                        var shipping = pickingKPI
                        let held = Set(stuck.map(\.shipment.rawValue))
                        for shipment in due where !held.contains(shipment.id) {
                            guard let hour = shipment.kpiHour else { continue }
                            shipping.move(hour: hour, node: shipment.node, from: shipment.status, to: .shipped)
                        }
                        let shippedKPI = shipping
                        let delivering = SQL(
                            """
                            UPDATE shipments SET status = 'delivered' WHERE status = 'shipped' AND deliver_by <= ?
                            RETURNING id, node, kpi_hour, deliver_by, shipped_at
                            """,
                            [.int(now.minutes)])
                        return .query(delivering) { delivered in
                            var kpi = shippedKPI
                            for row in delivered {
                                guard let hour = try row.optionalInt("kpi_hour") else { continue }
                                let late = (try row.optionalInt("shipped_at") ?? 0) > (try row.int("deliver_by"))
                                kpi.deliver(hour: hour, node: try row.text("node"), late: late)
                            }
                            let events = Self.shipmentStatusEvents(
                                try delivered.map { try $0.text("id") }, .delivered, at: now)
                            return .execute(events + kpi.statements()) {
                                .done(
                                    AdvanceReport(
                                        picking: picked.count, shipped: shipped, delivered: delivered.count,
                                        stuck: stuck))
                            }
                        }
                    }
                }
            })
    }

    /// Reads the due shipments' lines, locks their stock rows (in the one lock order), ships every shipment
    /// the rows cover, and continues with the number shipped and the ones that could not be.
    private static func ship<R>(
        _ due: [DueShipment], at now: Instant, dialect: Dialect,
        then next: @escaping @Sendable (Int, [StuckShipment]) throws -> Script<R>
    ) -> Script<R> {
        var lines = Batch()
        lines.add(
            .lines,
            stride(from: 0, to: due.count, by: 500).map { start in
                let chunk = due[start..<min(start + 500, due.count)]
                return SQL(
                    """
                    SELECT shipment_id, sku, qty FROM shipment_lines
                    WHERE shipment_id IN (\(SQL.placeholders(chunk.count))) ORDER BY shipment_id, line
                    """, chunk.map { .text($0.id) })
            })
        return .batch(lines) { results in
            var loaded = due
            let index = Dictionary(uniqueKeysWithValues: due.enumerated().map { ($1.id, $0) })
            for row in results[.lines] {
                guard let i = index[try row.text("shipment_id")] else { continue }
                loaded[i].units[try row.text("sku"), default: 0] += try row.int("qty")
            }
            let shipments = loaded
            var locks = Batch()
            locks.add(.stock, StockLockOrder.lock(shipments.flatMap(\.keys), dialect))
            return .batch(locks) { results in
                var stock = ShippableStock(try results[.stock].map(StockLevel.init(row:)))
                var stuck: [StuckShipment] = []
                var leaving: [DueShipment] = []
                for shipment in shipments {
                    if let reason = stock.take(shipment) {
                        stuck.append(
                            StuckShipment(
                                shipment: ShipmentID(shipment.id), node: NodeID(shipment.node), reason: reason))
                    } else {
                        leaving.append(shipment)
                    }
                }
                let (shipped, held) = (leaving.count, stuck)
                return .execute(shippingWrites(leaving, at: now)) { try next(shipped, held) }
            }
        }
    }

    /// Marks `leaving` shipped, takes their units out of on hand and reserved (one UPDATE per stock row, in
    /// lock order; the rows are locked and were checked), and writes one `shipment` ledger row per SKU.
    private static func shippingWrites(_ leaving: [DueShipment], at now: Instant) -> [SQL] {
        var total: [StockKey: Int] = [:]
        var writes: [SQL] = []
        for start in stride(from: 0, to: leaving.count, by: 500) {
            let chunk = leaving[start..<min(start + 500, leaving.count)]
            writes.append(
                SQL(
                    "UPDATE shipments SET status = 'shipped', shipped_at = ? "
                        + "WHERE id IN (\(SQL.placeholders(chunk.count)))",
                    [.int(now.minutes)] + chunk.map { .text($0.id) }))
        }
        writes += shipmentStatusEvents(leaving.map(\.id), .shipped, at: now)
        for shipment in leaving {
            for (sku, qty) in shipment.units.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                total[StockKey(node: shipment.node, sku: sku), default: 0] += qty
                writes.append(
                    ledgerRow(
                        node: NodeID(shipment.node), sku: SKU(sku), kind: .shipment, onHand: -qty, reserved: -qty,
                        actor: "clock", reason: "shipment \(shipment.id) departed", at: now,
                        order: OrderID(shipment.order)))
            }
        }
        for key in StockLockOrder.sorted(Array(total.keys), by: { $0 }) {
            let qty = total[key] ?? 0
            writes.append(
                SQL(
                    "UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ? WHERE node = ? AND sku = ?",
                    [.int(qty), .int(qty), .text(key.node), .text(key.sku)]))
        }
        return writes
    }
}

extension SQLStore {
    /// One `shipment-status` event per shipment of `ids` (with its order and customer), 500 per statement.
    static func shipmentStatusEvents(_ ids: [String], _ status: ShipmentStatus, at: Instant) -> [SQL] {
        stride(from: 0, to: ids.count, by: 500).map { start in
            let chunk = ids[start..<min(start + 500, ids.count)]
            return SQL.feedInsert(
                Schema.events,
                """
                INSERT INTO events (type, customer, at_minute, order_id, shipment_id, status)
                SELECT ?, o.customer, ?, s.order_id, s.id, ? FROM shipments s JOIN orders o ON o.id = s.order_id
                WHERE s.id IN (\(SQL.placeholders(chunk.count))) ORDER BY s.id
                """,
                [.text(EventType.shipmentStatus.rawValue), .int(at.minutes), .text(status.rawValue)]
                    + chunk.map { .text($0) })
        }
    }
}

/// A shipment due to leave its node, with its units per SKU.
private struct DueShipment: Sendable {
    var id: String
    var order: String
    var node: String
    /// Its status before it leaves (placed or picking).
    var status: ShipmentStatus
    /// The hour its order counts in (nil before the aggregates' backfill).
    var kpiHour: Int?
    var units: [String: Int] = [:]

    /// Columns `id, order_id, node, status, kpi_hour`.
    init(row: SQLRow) throws {
        id = try row.text("id")
        order = try row.text("order_id")
        node = try row.text("node")
        status = ShipmentStatus(rawValue: try row.text("status")) ?? .placed
        kpiHour = try row.optionalInt("kpi_hour")
    }

    var keys: [StockKey] { units.keys.map { StockKey(node: node, sku: $0) } }
}

/// The locked stock rows of the due shipments, as shipping them one by one leaves them.
private struct ShippableStock {
    var levels: [StockKey: StockLevel]

    init(_ levels: [StockLevel]) {
        self.levels = Dictionary(levels.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Takes `shipment`'s units out of its rows and returns nil, or returns why it cannot leave (and takes
    /// nothing): a row missing, or holding fewer units reserved or on hand than the shipment carries.
    mutating func take(_ shipment: DueShipment) -> String? {
        for (sku, qty) in shipment.units.sorted(by: { $0.key < $1.key }) {
            let key = StockKey(node: shipment.node, sku: sku)
            guard let level = levels[key] else {
                return "\(shipment.node)/\(sku): \(qty) units to ship but no stock row (run sameday check)"
            }
            guard level.reserved >= qty, level.onHand >= qty else {
                return "\(shipment.node)/\(sku): \(qty) units to ship but \(level.reserved) reserved and "
                    + "\(level.onHand) on hand (run sameday check)"
            }
        }
        for (sku, qty) in shipment.units {
            let key = StockKey(node: shipment.node, sku: sku)
            levels[key]?.onHand -= qty
            levels[key]?.reserved -= qty
        }
        return nil
    }
}

extension Step {
    fileprivate static let picking = Step("picking")
    fileprivate static let due = Step("due")
    fileprivate static let lines = Step("lines")
    fileprivate static let stock = Step("stock")
}
