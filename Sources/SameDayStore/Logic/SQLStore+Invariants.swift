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
        return try await backend.read(
            .queries([
                // 0 ≤ reserved ≤ on hand (the schema's CHECK says so too; this catches a schema without it).
                SQL(
                    "SELECT node, sku, on_hand, reserved FROM stock WHERE reserved < 0 OR reserved > on_hand ORDER BY node, sku"
                ),
                // reserved = the open order lines at the node.
                SQL(
                    """
                    SELECT st.node, st.sku, st.reserved, COALESCE(o.qty, 0) FROM stock st
                    LEFT JOIN (\(open)) o ON o.node = st.node AND o.sku = st.sku
                    WHERE st.reserved <> COALESCE(o.qty, 0) ORDER BY st.node, st.sku
                    """),
                SQL(
                    """
                    SELECT o.node, o.sku, o.qty FROM (\(open)) o
                    WHERE NOT EXISTS (SELECT 1 FROM stock st WHERE st.node = o.node AND st.sku = o.sku)
                    ORDER BY o.node, o.sku
                    """),
                // on hand and reserved = the ledger's movements.
                SQL(
                    """
                    SELECT st.node, st.sku, st.on_hand, st.reserved, COALESCE(m.on_hand, 0), COALESCE(m.reserved, 0)
                    FROM stock st LEFT JOIN (\(moves)) m ON m.node = st.node AND m.sku = st.sku
                    WHERE st.on_hand <> COALESCE(m.on_hand, 0) OR st.reserved <> COALESCE(m.reserved, 0)
                    ORDER BY st.node, st.sku
                    """),
                SQL(
                    """
                    SELECT m.node, m.sku, m.on_hand, m.reserved FROM (\(moves)) m
                    WHERE NOT EXISTS (SELECT 1 FROM stock st WHERE st.node = m.node AND st.sku = m.sku)
                    ORDER BY m.node, m.sku
                    """),
                Self.containersNotLinesBySKU(dialect),
                Self.containersNotLinesInAll(),
            ]) { results in
                var violations: [Violation] = []
                func add(_ kind: Violation.Kind, _ row: SQLRow, _ message: String) throws {
                    violations.append(
                        Violation(
                            kind: kind, node: NodeID(try row.text(0)), sku: SKU(try row.text(1)), message: message))
                }
                for row in results[0] {
                    try add(
                        .reservedOutOfRange, row, "reserved \(try row.int(3)) is not within 0…on hand \(try row.int(2))"
                    )
                }
                for row in results[1] {
                    try add(
                        .reservedNotOpenLines, row,
                        "reserved \(try row.int(2)) but open order lines hold \(try row.int(3))")
                }
                for row in results[2] {
                    try add(
                        .reservedNotOpenLines, row, "open order lines hold \(try row.int(2)) but there is no stock row")
                }
                for row in results[3] {
                    try add(
                        .ledgerMismatch, row,
                        "on hand \(try row.int(2)), reserved \(try row.int(3)); the ledger sums to on hand "
                            + "\(try row.int(4)), reserved \(try row.int(5))")
                }
                for row in results[4] {
                    try add(
                        .ledgerMismatch, row,
                        "the ledger sums to on hand \(try row.int(2)), reserved \(try row.int(3)) but there is no stock row"
                    )
                }
                func units(_ n: Int) -> String { n == 1 ? "1 unit" : "\(n) units" }
                var flagged = Set<String>()
                for row in results[5] {
                    let shipment = try row.text(2)
                    flagged.insert(shipment)
                    try add(
                        .containersNotLines, row,
                        "shipment \(shipment): its containers hold \(units(try row.int(3))), its lines \(try row.int(4))"
                    )
                }
                // A shipment already reported SKU by SKU is not reported again in all.
                for row in results[6] {
                    guard !flagged.contains(try row.text(1)) else { continue }
                    violations.append(
                        Violation(
                            kind: .containersNotLines, node: NodeID(try row.text(0)), sku: "*",
                            message:
                                "shipment \(try row.text(1)): its containers hold \(units(try row.int(2))) in all, "
                                + "its lines \(try row.int(3))"))
                }
                return .done(violations)
            })
    }

    /// Units per SKU in the containers of each packed shipment (from each unit's placement) against its lines',
    /// where they differ: node, SKU, shipment, container units, line units. Shipments with a count-only container
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
            SELECT s.node, x.sku, x.shipment_id, CAST(SUM(x.placed) AS BIGINT), CAST(SUM(x.lines) AS BIGINT) FROM (
                SELECT shipment_id, sku, qty AS placed, 0 AS lines FROM (\(placed)) p
                UNION ALL
                SELECT l.shipment_id, l.sku, 0, l.qty FROM shipment_lines l
                WHERE l.shipment_id IN (SELECT shipment_id FROM shipment_containers)
            ) x JOIN shipments s ON s.id = x.shipment_id
            WHERE x.shipment_id NOT IN (SELECT shipment_id FROM shipment_containers WHERE \(unplaced))
            GROUP BY s.node, x.sku, x.shipment_id HAVING SUM(x.placed) <> SUM(x.lines)
            ORDER BY s.node, x.sku, x.shipment_id
            """)
    }

    /// The units recorded in each packed shipment's containers (their `units` column) against its lines', where
    /// they differ: node, shipment, container units, line units.
    static func containersNotLinesInAll() -> SQL {
        SQL(
            """
            SELECT s.node, c.shipment_id, c.units, COALESCE(l.qty, 0) FROM (
                SELECT shipment_id, CAST(SUM(units) AS BIGINT) AS units FROM shipment_containers GROUP BY shipment_id
            ) c JOIN shipments s ON s.id = c.shipment_id
            LEFT JOIN (
                SELECT shipment_id, CAST(SUM(qty) AS BIGINT) AS qty FROM shipment_lines GROUP BY shipment_id
            ) l ON l.shipment_id = c.shipment_id
            WHERE c.units <> COALESCE(l.qty, 0) ORDER BY s.node, c.shipment_id
            """)
    }
}
