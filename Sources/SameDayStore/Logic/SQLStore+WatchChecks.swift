// `sameday check` for prices and watches: every order's total is its lines' sum, and every watch has at most one
// order — its own, of its SKU and quantity, no line above its target — exactly when it is bought.

import SameDayCore

extension SQLStore {
    /// The violations of orders' totals and of watches against their orders, then `next`.
    static func watchViolations<R>(then next: @escaping @Sendable ([Violation]) throws -> Script<R>) -> Script<R> {
        var batch = Batch(.totals, orderTotals)
        batch.add(.watches, watchesAgainstOrders)
        batch.add(.shared, sharedOrders)
        batch.add(.orphans, orphanAutoBuys)
        return .batch(batch) { results in
            var found: [Violation] = []
            func add(_ kind: Violation.Kind, _ message: String) {
                found.append(Violation(kind: kind, node: "*", sku: "*", message: message))
            }
            for row in results[.totals] {
                add(
                    .orderTotal,
                    "order \(try row.text("id")): total \(try row.int("total_cents")) cents, its lines sum to "
                        + "\(try row.int("lines_cents"))")
            }
            for row in results[.watches] { add(.watchOrder, try watchProblem(row)) }
            for row in results[.shared] {
                add(.watchOrder, "order \(try row.text("order_id")) belongs to \(try row.int("n")) watches")
            }
            for row in results[.orphans] {
                add(
                    .watchOrder,
                    "order \(try row.text("order_id")) was placed by an auto-buy (\(try row.text("idem_key"))) "
                        + "that no bought watch records")
            }
            return try next(found)
        }
    }

    /// Orders whose total is not their lines' sum.
    private static var orderTotals: SQL {
        SQL(
            """
            SELECT o.id AS id, o.total_cents AS total_cents, COALESCE(t.cents, 0) AS lines_cents
            FROM orders o LEFT JOIN (
                SELECT s.order_id AS order_id, CAST(SUM(l.qty * l.price_cents) AS BIGINT) AS cents
                FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id GROUP BY s.order_id
            ) t ON t.order_id = o.id
            WHERE o.total_cents <> COALESCE(t.cents, 0) ORDER BY o.id
            """)
    }

    /// Watches whose status and order disagree: `id, status, order_id, customer, order_customer, qty, units,
    /// above` (units of the watch's SKU in the order; its lines above the target).
    private static var watchesAgainstOrders: SQL {
        SQL(
            """
            SELECT * FROM (
                SELECT w.id AS id, w.status AS status, w.order_id AS order_id, w.customer AS customer,
                    o.customer AS order_customer, w.qty AS qty,
                    (SELECT CAST(COALESCE(SUM(l.qty), 0) AS BIGINT) FROM shipment_lines l
                        JOIN shipments s ON s.id = l.shipment_id WHERE s.order_id = w.order_id AND l.sku = w.sku) AS units,
                    (SELECT CAST(COUNT(*) AS BIGINT) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
                        WHERE s.order_id = w.order_id AND (l.sku <> w.sku OR l.price_cents > w.target_cents)) AS above
                FROM watches w LEFT JOIN orders o ON o.id = w.order_id
                WHERE w.status = 'bought' OR w.order_id IS NOT NULL
            ) x
            WHERE order_id IS NULL OR status <> 'bought' OR order_customer IS NULL OR order_customer <> customer
                OR units <> qty OR above > 0
            ORDER BY id
            """)
    }

    /// Orders claimed by more than one watch.
    private static var sharedOrders: SQL {
        SQL(
            """
            SELECT order_id, CAST(COUNT(*) AS BIGINT) AS n FROM watches WHERE order_id IS NOT NULL
            GROUP BY order_id HAVING COUNT(*) > 1 ORDER BY order_id
            """)
    }

    /// Auto-buy orders (by their idempotency key, while its record lives) that their watch does not record.
    private static var orphanAutoBuys: SQL {
        SQL(
            """
            SELECT i.order_id AS order_id, i.idem_key AS idem_key FROM idempotency i
            WHERE i.idem_key LIKE 'auto-buy \u{2192} %' AND i.order_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM watches w WHERE w.order_id = i.order_id AND w.customer = i.customer)
            ORDER BY i.order_id
            """)
    }

    private static func watchProblem(_ row: SQLRow) throws -> String {
        let id = try row.text("id")
        guard let order = try row.optionalText("order_id") else { return "watch \(id) is bought but has no order" }
        let status = try row.text("status")
        if status != "bought" { return "watch \(id) is \(status) but has order \(order)" }
        guard let owner = try row.optionalText("order_customer") else {
            return "watch \(id) is bought with order \(order), which does not exist"
        }
        if owner != (try row.text("customer")) { return "watch \(id): its order \(order) is customer \(owner)'s" }
        if try row.int("above") > 0 {
            return "watch \(id): order \(order) has \(try row.int("above")) lines of another SKU or above the target"
        }
        return "watch \(id): order \(order) has \(try row.int("units")) units, the watch \(try row.int("qty"))"
    }
}

extension Step {
    fileprivate static let totals = Step("order totals")
    fileprivate static let watches = Step("watches against orders")
    fileprivate static let shared = Step("orders of several watches")
    fileprivate static let orphans = Step("auto-buys without their watch")
}
