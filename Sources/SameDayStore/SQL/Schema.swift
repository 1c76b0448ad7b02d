// The schema's versioned migrations, one list per backend (the DDL is the only SQL that differs).
//
// Never edit a migration that has shipped: add the next one.

enum Schema {
    /// Migrations in order: an identifier and its statements (run one by one, in one transaction).
    static func migrations(_ dialect: Dialect) -> [(id: String, statements: [String])] {
        [
            ("v1-orders-stock-ledger", v1(dialect)), ("v2-shipment-containers", v2(dialect)),
            ("v3-idempotency-expiry-key-revocation", v3(dialect)), ("v4-commit-feed", CommitFeed.clockDDL),
            ("v6-prices-watches-events", v6(dialect)), ("v7-feed-stamp-at-commit", v7(dialect)),
            ("v8-added-lines", v8(dialect)),
            ("v9-kpi-counts", v9(dialect)),
            ("v10-stock-feed", v10(dialect)),
            // The catalog is read at start in keyset pages of its file order (`SQLStore.setup`).
            ("v11-catalog-by-position", ["CREATE INDEX catalog_by_position ON catalog (position, sku)"]),
        ]
    }

    /// The ledger, which every stock movement writes, is also the stock's change feed: its rows are stamped with
    /// their transaction's commit sequence number (`CommitFeed`), so a process that keeps stock in memory
    /// (`PromiseStock`) reads the (node, SKU) pairs other processes changed, in commit order, without reloading
    /// everything. Rows written before this migration get `seq` 0 (before any position a reader starts from).
    /// The append-only rule now lets a row be stamped once, from NULL, and nothing else.
    static let ledger = FeedTable("ledger")

    private static func v10(_ d: Dialect) -> [String] {
        let guarded = ["id", "node", "sku", "kind", "on_hand_delta", "reserved_delta", "actor", "reason", "at_minute"]
        switch d {
        case .sqlite:
            let changed = guarded.map { "NEW.\($0) IS NOT OLD.\($0)" }.joined(separator: " OR ")
            return [
                "ALTER TABLE ledger ADD COLUMN \(FeedTable.columns(d))",
                "DROP TRIGGER ledger_no_update",
                "UPDATE ledger SET seq = 0",
                """
                CREATE TRIGGER ledger_stamp_only BEFORE UPDATE ON ledger
                WHEN OLD.seq IS NOT NULL OR \(changed) OR NEW.order_id IS NOT OLD.order_id
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END
                """,
                "CREATE INDEX ledger_by_position ON ledger (seq, id)",
                "CREATE INDEX ledger_unstamped ON ledger (seq) WHERE seq IS NULL",
            ]
        case .postgres:
            let same = guarded.map { "NEW.\($0) = OLD.\($0)" }.joined(separator: " AND ")
            return [
                "ALTER TABLE ledger ADD COLUMN seq BIGINT, ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id()",
                "ALTER TABLE ledger DISABLE TRIGGER ledger_append_only",
                "UPDATE ledger SET seq = 0",
                "ALTER TABLE ledger ENABLE TRIGGER ledger_append_only",
                """
                CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND \(same)
                        AND NEW.order_id IS NOT DISTINCT FROM OLD.order_id THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'the ledger is append-only';
                END $$
                """,
                "CREATE INDEX ledger_by_position ON ledger (seq, id)",
                "CREATE INDEX ledger_unstamped ON ledger (xid) WHERE seq IS NULL",
            ] + FeedTable.stampTrigger("ledger", d)
        }
    }

    /// The figures' aggregates (`SQLStore+KPIs.swift`): `kpi_counts` holds additive counts per hour of placing (on
    /// the network clock), shipping node (`''` for an order's counts when it has no shipment) and slot (rows a
    /// PostgreSQL transaction spreads its increments over, so concurrent orders rarely wait for one row);
    /// `kpi_sku_units` the units ordered per network-clock day and SKU. Shipments get the hour they count in
    /// (`kpi_hour`) and the minute they left their node (`shipped_at`). Rows that existed before are counted once,
    /// by `backfillKPICounts` (it needs the network's engine, which SQL does not have), claimed through the
    /// `kpi_backfill` setting this migration writes.
    private static func v9(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        let counts = KPIColumn.allCases.map { "\($0.rawValue) \(int) NOT NULL DEFAULT 0" }.joined(separator: ", ")
        return [
            """
            CREATE TABLE kpi_counts (
                hour \(int) NOT NULL, node TEXT NOT NULL, slot \(int) NOT NULL, \(counts),
                PRIMARY KEY (hour, node, slot))
            """,
            """
            CREATE TABLE kpi_sku_units (
                day \(int) NOT NULL, sku TEXT NOT NULL, units \(int) NOT NULL DEFAULT 0, PRIMARY KEY (day, sku))
            """,
            "ALTER TABLE shipments ADD COLUMN kpi_hour \(int)",
            "ALTER TABLE shipments ADD COLUMN shipped_at \(int)",
            "CREATE INDEX shipments_by_status_deliver_by ON shipments (status, deliver_by)",
            "CREATE INDEX shipments_by_node_status ON shipments (node, status, deliver_by)",
            "INSERT INTO settings (key, value) VALUES ('kpi_backfill', 'due')",
        ]
    }

    /// Add to delivery: each shipment line counts the units added to it after the order was placed (0 for units
    /// as ordered; equal to `qty` for a line added whole).
    private static func v8(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        return ["ALTER TABLE shipment_lines ADD COLUMN added_qty \(int) NOT NULL DEFAULT 0"]
    }

    /// PostgreSQL stamps feed rows inside COMMIT (a deferred trigger per feed table) instead of with statements
    /// the backend sent after the script: the commit clock is held for the commit alone (`CommitFeed`).
    private static func v7(_ d: Dialect) -> [String] {
        switch d {
        case .sqlite: []
        case .postgres: [CommitFeed.postgresStampFunction] + FeedTable.stampTrigger(Schema.events.name, d)
        }
    }

    /// Idempotency records get the minute they were made (`created_at`, the order's instant), so
    /// `purgeIdempotency(before:)` can remove them after their time to live; records made before this migration
    /// take their order's `placed_at`. API keys get `revoked_at` (NULL while the key works).
    private static func v3(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        return [
            "ALTER TABLE idempotency ADD COLUMN created_at \(int) NOT NULL DEFAULT 0",
            """
            UPDATE idempotency SET created_at = COALESCE(
                (SELECT placed_at FROM orders WHERE orders.id = idempotency.order_id), 0)
            """,
            "CREATE INDEX idempotency_by_created_at ON idempotency (created_at)",
            "ALTER TABLE api_keys ADD COLUMN revoked_at \(int)",
        ]
    }

    /// Each shipment's containers as packed (`box` NULL for a unit in its own container), written in the
    /// transaction that places (or changes) the shipment. `placements` is JSON: one
    /// `[sku, x, y, z, lengthMm, widthMm, heightMm]` per unit.
    private static func v2(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE shipment_containers (
                shipment_id TEXT NOT NULL REFERENCES shipments(id), position \(int) NOT NULL, box TEXT,
                units \(int) NOT NULL CHECK (units > 0), weight_g \(int) NOT NULL CHECK (weight_g >= 0),
                placements TEXT NOT NULL, PRIMARY KEY (shipment_id, position))
            """
        ]
    }

    private static func v1(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        let serial =
            d == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        var statements = [
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE nodes (id TEXT PRIMARY KEY, kind TEXT NOT NULL, region TEXT NOT NULL)",
            """
            CREATE TABLE catalog (
                sku TEXT PRIMARY KEY, name TEXT NOT NULL,
                length_mm \(int) NOT NULL, width_mm \(int) NOT NULL, height_mm \(int) NOT NULL,
                weight_g \(int) NOT NULL, price_cents \(int) NOT NULL CHECK (price_cents >= 0),
                temperature TEXT NOT NULL, seller TEXT, position \(int) NOT NULL)
            """,
            """
            CREATE TABLE stock (
                node TEXT NOT NULL REFERENCES nodes(id), sku TEXT NOT NULL REFERENCES catalog(sku),
                on_hand \(int) NOT NULL, reserved \(int) NOT NULL DEFAULT 0,
                PRIMARY KEY (node, sku),
                CONSTRAINT reserved_within_on_hand CHECK (reserved >= 0 AND reserved <= on_hand))
            """,
            "CREATE INDEX stock_by_sku ON stock (sku, node)",
            """
            CREATE TABLE ledger (
                id \(serial),
                node TEXT NOT NULL, sku TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('receipt', 'adjustment', 'reservation', 'release', 'shipment')),
                on_hand_delta \(int) NOT NULL, reserved_delta \(int) NOT NULL,
                actor TEXT NOT NULL, reason TEXT NOT NULL, at_minute \(int) NOT NULL, order_id TEXT)
            """,
            "CREATE INDEX ledger_by_stock ON ledger (node, sku)",
            """
            CREATE TABLE orders (
                seq \(serial),
                id TEXT NOT NULL UNIQUE, customer TEXT NOT NULL, zip TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('placed', 'cancelled')),
                placed_at \(int) NOT NULL, deliver_by \(int) NOT NULL, order_by \(int) NOT NULL, speed TEXT,
                cancelled_at \(int))
            """,
            "CREATE INDEX orders_by_customer ON orders (customer, seq)",
            """
            CREATE TABLE shipments (
                id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders(id), position \(int) NOT NULL,
                node TEXT NOT NULL REFERENCES nodes(id),
                status TEXT NOT NULL CHECK (status IN ('placed', 'picking', 'shipped', 'delivered', 'cancelled')),
                deliver_by \(int) NOT NULL, order_by \(int) NOT NULL, modifiable_until \(int) NOT NULL,
                departs_at \(int) NOT NULL)
            """,
            "CREATE INDEX shipments_by_order ON shipments (order_id, position)",
            "CREATE INDEX shipments_by_status ON shipments (status)",
            """
            CREATE TABLE shipment_lines (
                shipment_id TEXT NOT NULL REFERENCES shipments(id), line \(int) NOT NULL, sku TEXT NOT NULL,
                qty \(int) NOT NULL CHECK (qty > 0), PRIMARY KEY (shipment_id, line))
            """,
            """
            CREATE TABLE idempotency (
                customer TEXT NOT NULL, idem_key TEXT NOT NULL, request_hash TEXT NOT NULL, order_id TEXT,
                response TEXT, PRIMARY KEY (customer, idem_key))
            """,
            """
            CREATE TABLE api_keys (
                hash TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('operator', 'seller', 'customer')),
                customer TEXT, seller TEXT, created_at \(int) NOT NULL)
            """,
        ]
        // The ledger is append-only: the database itself refuses to change or delete a row.
        switch d {
        case .sqlite:
            statements += [
                """
                CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END
                """,
                """
                CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END
                """,
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$
                """,
                """
                CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger
                FOR EACH ROW EXECUTE FUNCTION ledger_append_only()
                """,
            ]
        }
        return statements
    }
}
