// Cancelling orders and reading them back.

import Foundation
import SameDayCore

extension SQLStore {
    func cancelOrder(_ id: OrderID, customer: CustomerID?, at: Instant, actor: String) async throws -> CancelledOrder {
        let dialect = self.dialect
        let find = Self.scoped(
            "SELECT id, status FROM orders WHERE id = ?", id: id, customer: customer, suffix: dialect.forNoKeyUpdate)
        return try await backend.write(
            .query(find) { rows in
                guard let row = rows.first else { throw StoreError.notFound("no order \(id)") }
                if try row.text("status") == "cancelled" {
                    return Self.loadOrder(id, customer: customer) {
                        .done(CancelledOrder(order: $0, alreadyCancelled: true))
                    }
                }
                var batch = Batch(
                    .shipments,
                    SQL(
                        "SELECT id, node, status, modifiable_until, kpi_hour FROM shipments WHERE order_id = ? "
                            + "ORDER BY position"
                            + dialect.forNoKeyUpdate, [.text(id.rawValue)]))
                batch.add(
                    .lines,
                    SQL(
                        """
                        SELECT s.node AS node, l.sku AS sku, l.qty AS qty
                        FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id WHERE s.order_id = ?
                        """, [.text(id.rawValue)]))
                return .batch(batch) { results in
                    try Self.refuseWhenPicking(results[.shipments], at: at)
                    let cancelled =
                        Self.shipmentStatusEvents(
                            try results[.shipments].map { try $0.text("id") }, .cancelled, at: at)
                        + (try Self.kpiCancelWrites(results[.shipments]))
                    return try Self.release(id, lines: results[.lines], at: at, actor: actor, events: cancelled) {
                        Self.loadOrder(id, customer: customer) {
                            .done(CancelledOrder(order: $0, alreadyCancelled: false))
                        }
                    }
                }
            })
    }

    /// The aggregates' moves of a cancelled order (shipments placed → cancelled, one cancelled order), written
    /// after the stock rows the release locks.
    private static func kpiCancelWrites(_ shipments: [SQLRow]) throws -> [SQL] {
        var kpi = KPIDeltas()
        for (i, shipment) in shipments.enumerated() {
            guard let hour = try shipment.optionalInt("kpi_hour") else { continue }
            let node = try shipment.text("node")
            kpi.move(hour: hour, node: node, from: .placed, to: .cancelled)
            if i == 0 { kpi.add(KPIKey(hour: hour, node: node, slot: 0), .cancelledOrders, 1) }
        }
        return kpi.statements()
    }

    /// Throws `tooLate` when a shipment is picking (or past it), or `at` is not before its `modifiableUntil`.
    private static func refuseWhenPicking(_ shipments: [SQLRow], at: Instant) throws {
        for shipment in shipments {
            let until = try shipment.instant("modifiable_until")
            if try shipment.text("status") != ShipmentStatus.placed.rawValue || at >= until {
                throw StoreError.tooLate(
                    "shipment \(try shipment.text("id")) from node \(try shipment.text("node")) is being picked "
                        + "since \(until): the order can no longer be cancelled")
            }
        }
    }

    /// Releases the order's reservations (stock rows updated in the one lock order, as their own step: a row
    /// holding less than the order is an inconsistency, and nothing is written), then writes the ledger and
    /// marks the order and its shipments cancelled.
    private static func release<R>(
        _ id: OrderID, lines: [SQLRow], at: Instant, actor: String, events: [SQL],
        then next: @escaping @Sendable () throws -> Script<R>
    ) throws -> Script<R> {
        var units: [StockKey: Int] = [:]
        for line in lines {
            units[StockKey(node: try line.text("node"), sku: try line.text("sku")), default: 0] += try line.int("qty")
        }
        let held = units
        let keys = StockLockOrder.sorted(Array(held.keys), by: { $0 })
        var releases = Batch()
        releases.add(
            .releases,
            keys.map { key in
                SQL(
                    "UPDATE stock SET reserved = reserved - ? WHERE node = ? AND sku = ? AND reserved >= ? RETURNING reserved",
                    [.int(held[key] ?? 0), .text(key.node), .text(key.sku), .int(held[key] ?? 0)])
            })
        var writes = keys.map { key in
            ledgerRow(
                node: NodeID(key.node), sku: SKU(key.sku), kind: .release, onHand: 0, reserved: -(held[key] ?? 0),
                actor: actor, reason: "order \(id.rawValue) cancelled", at: at, order: id)
        }
        writes.append(SQL("UPDATE shipments SET status = 'cancelled' WHERE order_id = ?", [.text(id.rawValue)]))
        writes.append(
            SQL(
                "UPDATE orders SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
                [.int(at.minutes), .text(id.rawValue)]))
        writes += events
        let cancelling = writes
        return .batch(releases) { results in
            for (key, rows) in zip(keys, results.each(.releases)) where rows.isEmpty {
                throw StoreError.database(
                    "order \(id) holds \(held[key] ?? 0) units at \(key.node)/\(key.sku) but the stock row reserves "
                        + "fewer: run sameday check")
            }
            return .execute(cancelling, then: next)
        }
    }

    func order(_ id: OrderID, customer: CustomerID?) async throws -> Order {
        try await backend.read(Self.loadOrder(id, customer: customer) { .done($0) })
    }

    func order(ofShipment shipment: ShipmentID, customer: CustomerID?) async throws -> Order {
        let owner = SQL("SELECT order_id FROM shipments WHERE id = ?", [.text(shipment.rawValue)])
        return try await backend.read(
            .query(owner) { rows in
                guard let row = rows.first else { throw StoreError.notFound("no shipment \(shipment)") }
                return Self.loadOrder(OrderID(try row.text("order_id")), customer: customer) { .done($0) }
            })
    }

    func ordersWithUpcomingShipments(customer: CustomerID, at: Instant) async throws -> [Order] {
        let ids = SQL(
            """
            SELECT o.id AS id FROM orders o
            WHERE o.customer = ? AND EXISTS (
                SELECT 1 FROM shipments s WHERE s.order_id = o.id AND s.status = 'placed' AND s.modifiable_until > ?)
            ORDER BY o.seq LIMIT ?
            """, [.text(customer.rawValue), .int(at.minutes), .int(Limits.maxUpcomingOrders)])
        return try await backend.read(
            .query(ids) { rows in
                Self.loadOrders(try rows.map { OrderID(try $0.text("id")) }) { .done($0) }
            })
    }

    func orders(customer: CustomerID, limit: Int, after: OrderID?) async throws -> OrderPage {
        guard (1...Limits.maxPageSize).contains(limit) else {
            throw StoreError.invalidInput("limit \(limit) is out of range: use 1 to \(Limits.maxPageSize)")
        }
        var cursor = Batch()
        if let after {
            cursor.add(
                .cursor,
                SQL(
                    "SELECT seq FROM orders WHERE id = ? AND customer = ?",
                    [.text(after.rawValue), .text(customer.rawValue)]))
        }
        return try await backend.read(
            .batch(cursor) { results in
                var page = SQL("SELECT id FROM orders WHERE customer = ?", [.text(customer.rawValue)])
                if let after {
                    guard let row = results[.cursor].first else {
                        throw StoreError.notFound("no order \(after) to page after")
                    }
                    page.text += " AND seq < ?"
                    page.values.append(.int(try row.int("seq")))
                }
                page.text += " ORDER BY seq DESC LIMIT ?"
                page.values.append(.int(limit + 1))
                return .query(page) { rows in
                    let ids = try rows.prefix(limit).map { OrderID(try $0.text("id")) }
                    let next = rows.count > limit ? ids.last : nil
                    return Self.loadOrders(ids) { orders in .done(OrderPage(orders: orders, next: next)) }
                }
            })
    }

    /// Reads one order (scoped to `customer` when given), or throws `notFound`.
    static func loadOrder<R>(
        _ id: OrderID, customer: CustomerID?, then next: @escaping @Sendable (Order) throws -> Script<R>
    ) -> Script<R> {
        .query(scoped("SELECT id FROM orders WHERE id = ?", id: id, customer: customer, suffix: "")) { rows in
            guard !rows.isEmpty else { throw StoreError.notFound("no order \(id)") }
            return loadOrders([id]) { orders in
                guard let order = orders.first else { throw StoreError.notFound("no order \(id)") }
                return try next(order)
            }
        }
    }

    /// Reads orders with their shipments, lines and containers, in the order of `ids`.
    static func loadOrders<R>(_ ids: [OrderID], then next: @escaping @Sendable ([Order]) throws -> Script<R>)
        -> Script<R>
    {
        guard !ids.isEmpty else { return .execute([]) { try next([]) } }
        return .batch(orderReads(ids)) { results in
            var lines: [String: [OrderLine]] = [:]
            var prices: [String: [Int]] = [:]
            var added: [String: [Int]] = [:]
            for row in results[.lines] {
                let shipment = try row.text("shipment_id")
                lines[shipment, default: []].append(try OrderLine(row: row))
                prices[shipment, default: []].append(try row.int("price_cents"))
                added[shipment, default: []].append(try row.int("added_qty"))
            }
            var containers: [String: [ShipmentContainer]] = [:]
            let decoder = JSONDecoder()
            for row in results[.containers] {
                containers[try row.text("shipment_id"), default: []].append(
                    try ShipmentContainer(row: row, decoder: decoder))
            }
            var shipments: [String: [Shipment]] = [:]
            for row in results[.shipments] {
                let id = try row.text("id")
                shipments[try row.text("order_id"), default: []].append(
                    try Shipment(
                        row: row, lines: lines[id] ?? [], containers: containers[id] ?? [],
                        linePriceCents: prices[id] ?? [], lineAddedQty: added[id] ?? []))
            }
            var byID: [String: Order] = [:]
            for row in results[.orders] {
                let id = try row.text("id")
                byID[id] = try Order(row: row, shipments: shipments[id] ?? [])
            }
            return try next(ids.compactMap { byID[$0.rawValue] })
        }
    }

    /// The four reads behind `loadOrders`: orders, shipments, lines and containers of `ids`.
    private static func orderReads(_ ids: [OrderID]) -> Batch {
        let list = SQL.placeholders(ids.count)
        let values = ids.map { SQLValue.text($0.rawValue) }
        var batch = Batch(
            .orders,
            SQL(
                """
                SELECT id, customer, zip, status, placed_at, deliver_by, order_by, speed, total_cents FROM orders
                WHERE id IN (\(list))
                """, values))
        batch.add(
            .shipments,
            SQL(
                """
                SELECT id, order_id, node, status, deliver_by, order_by, modifiable_until, departs_at FROM shipments
                WHERE order_id IN (\(list)) ORDER BY order_id, position
                """, values))
        batch.add(
            .lines,
            SQL(
                """
                SELECT l.shipment_id AS shipment_id, l.sku AS sku, l.qty AS qty, l.price_cents AS price_cents,
                    l.added_qty AS added_qty
                FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
                WHERE s.order_id IN (\(list)) ORDER BY l.shipment_id, l.line
                """, values))
        batch.add(
            .containers,
            SQL(
                """
                SELECT c.shipment_id AS shipment_id, c.box AS box, c.units AS units, c.weight_g AS weight_g,
                    c.placements AS placements
                FROM shipment_containers c JOIN shipments s ON s.id = c.shipment_id WHERE s.order_id IN (\(list))
                ORDER BY c.shipment_id, c.position
                """, values))
        return batch
    }

    static func scoped(_ text: String, id: OrderID, customer: CustomerID?, suffix: String) -> SQL {
        var sql = SQL(text, [.text(id.rawValue)])
        if let customer {
            sql.text += " AND customer = ?"
            sql.values.append(.text(customer.rawValue))
        }
        sql.text += suffix
        return sql
    }
}

extension Step {
    fileprivate static let shipments = Step("shipments")
    fileprivate static let lines = Step("lines")
    fileprivate static let releases = Step("releases")
    fileprivate static let cursor = Step("cursor")
    fileprivate static let orders = Step("orders")
    fileprivate static let containers = Step("containers")
}
