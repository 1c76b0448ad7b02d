// `sameday check`: DESIGN.md's stock invariants, and that packed shipments' containers hold their lines' units,
// checked with a few aggregate queries over one snapshot.

import SameDayCore

extension SQLStore {
    func checkInvariants() async throws -> [Violation] {
        let dialect = self.dialect
        let open = """
            SELECT s.node AS node, l.sku AS sku, CAST(SUM(l.qty) AS BIGINT) AS qty
            FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id
            WHERE s.status IN ('placed', 'picking') GROUP BY s.node, l.sku
            """
        let moves = """
            SELECT node, sku, CAST(SUM(on_hand_delta) AS BIGINT) AS on_hand,
                CAST(SUM(reserved_delta) AS BIGINT) AS reserved
            FROM ledger GROUP BY node, sku
            """
        var batch = Batch()
        // 0 ≤ reserved ≤ on hand (the schema's CHECK says so too; this catches a schema without it).
        batch.add(
            .outOfRange,
            SQL(
                "SELECT node, sku, on_hand, reserved FROM stock WHERE reserved < 0 OR reserved > on_hand"
                    + StockLockOrder.orderBy(dialect)))
        // reserved = the open order lines at the node.
        batch.add(
            .notOpenLines,
            SQL(
                """
                SELECT st.node AS node, st.sku AS sku, st.reserved AS reserved, COALESCE(o.qty, 0) AS open_qty
                FROM stock st LEFT JOIN (\(open)) o ON o.node = st.node AND o.sku = st.sku
                WHERE st.reserved <> COALESCE(o.qty, 0)
                """ + StockLockOrder.orderBy(dialect, table: "st.")))
        batch.add(
            .openWithoutRow,
            SQL(
                """
                SELECT o.node AS node, o.sku AS sku, o.qty AS open_qty FROM (\(open)) o
                WHERE NOT EXISTS (SELECT 1 FROM stock st WHERE st.node = o.node AND st.sku = o.sku)
                """ + StockLockOrder.orderBy(dialect, table: "o.")))
        // on hand and reserved = the ledger's movements.
        batch.add(
            .ledgerMismatch,
            SQL(
                """
                SELECT st.node AS node, st.sku AS sku, st.on_hand AS on_hand, st.reserved AS reserved,
                    COALESCE(m.on_hand, 0) AS ledger_on_hand, COALESCE(m.reserved, 0) AS ledger_reserved
                FROM stock st LEFT JOIN (\(moves)) m ON m.node = st.node AND m.sku = st.sku
                WHERE st.on_hand <> COALESCE(m.on_hand, 0) OR st.reserved <> COALESCE(m.reserved, 0)
                """ + StockLockOrder.orderBy(dialect, table: "st.")))
        batch.add(
            .ledgerWithoutRow,
            SQL(
                """
                SELECT m.node AS node, m.sku AS sku, m.on_hand AS ledger_on_hand, m.reserved AS ledger_reserved
                FROM (\(moves)) m
                WHERE NOT EXISTS (SELECT 1 FROM stock st WHERE st.node = m.node AND st.sku = m.sku)
                """ + StockLockOrder.orderBy(dialect, table: "m.")))
        batch.add(.containersBySKU, Self.containersNotLinesBySKU(dialect))
        batch.add(.containersInAll, Self.containersNotLinesInAll())
        return try await backend.read(
            .batch(batch) { results in
                let stock = try Self.violations(results)
                return Self.watchViolations { .done(stock + $0) }
            })
    }

    /// The violations the checking batch found, in the order of its steps.
    private static func violations(_ results: BatchResults) throws -> [Violation] {
        var violations: [Violation] = []
        func add(_ kind: Violation.Kind, _ row: SQLRow, _ message: String) throws {
            violations.append(
                Violation(
                    kind: kind, node: NodeID(try row.text("node")), sku: SKU(try row.text("sku")), message: message))
        }
        for row in results[.outOfRange] {
            let level = try StockLevel(row: row)
            try add(.reservedOutOfRange, row, "reserved \(level.reserved) is not within 0…on hand \(level.onHand)")
        }
        for row in results[.notOpenLines] {
            try add(
                .reservedNotOpenLines, row,
                "reserved \(try row.int("reserved")) but open order lines hold \(try row.int("open_qty"))")
        }
        for row in results[.openWithoutRow] {
            try add(
                .reservedNotOpenLines, row, "open order lines hold \(try row.int("open_qty")) but there is no stock row"
            )
        }
        for row in results[.ledgerMismatch] {
            try add(
                .ledgerMismatch, row,
                "on hand \(try row.int("on_hand")), reserved \(try row.int("reserved")); the ledger sums to on hand "
                    + "\(try row.int("ledger_on_hand")), reserved \(try row.int("ledger_reserved"))")
        }
        for row in results[.ledgerWithoutRow] {
            try add(
                .ledgerMismatch, row,
                "the ledger sums to on hand \(try row.int("ledger_on_hand")), reserved "
                    + "\(try row.int("ledger_reserved")) but there is no stock row")
        }
        func units(_ n: Int) -> String { n == 1 ? "1 unit" : "\(n) units" }
        var flagged = Set<String>()
        for row in results[.containersBySKU] {
            let shipment = try row.text("shipment_id")
            flagged.insert(shipment)
            try add(
                .containersNotLines, row,
                "shipment \(shipment): its containers hold \(units(try row.int("placed"))), its lines "
                    + "\(try row.int("line_units"))")
        }
        // A shipment already reported SKU by SKU is not reported again in all.
        for row in results[.containersInAll] {
            let shipment = try row.text("shipment_id")
            guard !flagged.contains(shipment) else { continue }
            violations.append(
                Violation(
                    kind: .containersNotLines, node: NodeID(try row.text("node")), sku: "*",
                    message: "shipment \(shipment): its containers hold \(units(try row.int("units"))) in all, "
                        + "its lines \(try row.int("line_units"))"))
        }
        return violations
    }

    /// Units per SKU in the containers of each packed shipment (from each unit's placement) against its lines',
    /// where they differ: `node, sku, shipment_id, placed, line_units`. Shipments with a count-only container
    /// (packed line by line, no placements) are left to `containersNotLinesInAll`.
    static func containersNotLinesBySKU(_ dialect: Dialect) -> SQL {
        // The placements column is a JSON array of `[sku, x, y, z, l, w, h]`, one per unit.
        let placed: String
        let unplaced: String
        switch dialect {
        case .sqlite:
            placed = """
                SELECT c.shipment_id AS shipment_id, json_extract(p.value, '$[0]') AS sku, COUNT(*) AS qty
                FROM shipment_containers c, json_each(c.placements) p
                GROUP BY c.shipment_id, json_extract(p.value, '$[0]')
                """
            unplaced = "json_array_length(placements) = 0"
        case .postgres:
            placed = """
                SELECT c.shipment_id AS shipment_id, p.value ->> 0 AS sku, COUNT(*) AS qty
                FROM shipment_containers c CROSS JOIN LATERAL jsonb_array_elements(CAST(c.placements AS jsonb)) AS p(value)
                GROUP BY c.shipment_id, p.value ->> 0
                """
            unplaced = "jsonb_array_length(CAST(placements AS jsonb)) = 0"
        }
        return SQL(
            """
            SELECT s.node AS node, x.sku AS sku, x.shipment_id AS shipment_id, CAST(SUM(x.placed) AS BIGINT) AS placed,
                CAST(SUM(x.lines) AS BIGINT) AS line_units
            FROM (
                SELECT shipment_id, sku, qty AS placed, 0 AS lines FROM (\(placed)) p
                UNION ALL
                SELECT l.shipment_id, l.sku, 0, l.qty FROM shipment_lines l
                WHERE l.shipment_id IN (SELECT shipment_id FROM shipment_containers)
            ) x JOIN shipments s ON s.id = x.shipment_id
            WHERE x.shipment_id NOT IN (SELECT shipment_id FROM shipment_containers WHERE \(unplaced))
            GROUP BY s.node, x.sku, x.shipment_id HAVING SUM(x.placed) <> SUM(x.lines)
            ORDER BY node, sku, shipment_id
            """)
    }

    /// The units recorded in each packed shipment's containers (their `units` column) against its lines', where
    /// they differ: `node, shipment_id, units, line_units`.
    static func containersNotLinesInAll() -> SQL {
        SQL(
            """
            SELECT s.node AS node, c.shipment_id AS shipment_id, c.units AS units, COALESCE(l.qty, 0) AS line_units
            FROM (
                SELECT shipment_id, CAST(SUM(units) AS BIGINT) AS units FROM shipment_containers GROUP BY shipment_id
            ) c JOIN shipments s ON s.id = c.shipment_id
            LEFT JOIN (
                SELECT shipment_id, CAST(SUM(qty) AS BIGINT) AS qty FROM shipment_lines GROUP BY shipment_id
            ) l ON l.shipment_id = c.shipment_id
            WHERE c.units <> COALESCE(l.qty, 0) ORDER BY node, shipment_id
            """)
    }
}

extension Step {
    fileprivate static let outOfRange = Step("reserved out of range")
    fileprivate static let notOpenLines = Step("reserved not open lines")
    fileprivate static let openWithoutRow = Step("open lines without a stock row")
    fileprivate static let ledgerMismatch = Step("ledger mismatch")
    fileprivate static let ledgerWithoutRow = Step("ledger without a stock row")
    fileprivate static let containersBySKU = Step("containers not lines by SKU")
    fileprivate static let containersInAll = Step("containers not lines in all")
}
