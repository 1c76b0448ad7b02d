// `sameday check`: DESIGN.md's stock invariants, checked with a few aggregate queries over one snapshot.

import SameDayCore

extension SQLStore {
    func checkInvariants() async throws -> [Violation] {
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
                return .done(violations)
            })
    }
}
