// Migration v6: prices with their history, prices on order lines, price watches, the events feed, the cursors
// that read it, and webhooks with their deliveries.
//
// Never edit it once shipped: add the next migration.

extension Schema {
    /// The events feed: every change a customer or an integration may care about, written in the transaction that
    /// makes the change and stamped with its commit sequence number (`CommitFeed`). It is also the durable record of
    /// the work a change creates: the watch worker and the webhook deliverer read it in commit order and remember
    /// where they are in `feed_cursors`.
    static let events = FeedTable("events")

    static func v6(_ d: Dialect) -> [String] {
        v6Prices(d) + v6Watches(d) + v6Events(d) + v6Webhooks(d)
    }

    /// Price history (append-only, each SKU's import price as its first point), and unit prices on order lines
    /// with a total per order. Orders placed before this migration get their SKUs' catalog price of the moment,
    /// and a `settings` row (`order_prices_backfilled`) says how many lines were filled that way.
    private static func v6Prices(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        let serial =
            d == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        return [
            """
            CREATE TABLE price_history (
                id \(serial), sku TEXT NOT NULL REFERENCES catalog(sku),
                price_cents \(int) NOT NULL CHECK (price_cents >= 0), at_minute \(int) NOT NULL, actor TEXT NOT NULL)
            """,
            "CREATE INDEX price_history_by_sku ON price_history (sku, at_minute, id)",
            """
            INSERT INTO price_history (sku, price_cents, at_minute, actor)
            SELECT sku, price_cents, COALESCE((SELECT CAST(value AS \(int)) FROM settings WHERE key = 'imported_at'), 0),
                'import'
            FROM catalog ORDER BY position
            """,
            "ALTER TABLE shipment_lines ADD COLUMN price_cents \(int) NOT NULL DEFAULT 0",
            """
            INSERT INTO settings (key, value)
            SELECT 'order_prices_backfilled', CAST(COUNT(*) AS TEXT)
                || ' order lines placed before prices were recorded (migration v6) carry their SKU''s catalog price '
                || 'of the migration, not the price they were bought at'
            FROM shipment_lines HAVING COUNT(*) > 0
            """,
            """
            UPDATE shipment_lines SET price_cents = COALESCE(
                (SELECT price_cents FROM catalog WHERE catalog.sku = shipment_lines.sku), 0)
            """,
            "ALTER TABLE orders ADD COLUMN total_cents \(int) NOT NULL DEFAULT 0",
            """
            UPDATE orders SET total_cents = COALESCE((
                SELECT SUM(l.qty * l.price_cents) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
                WHERE s.order_id = orders.id), 0)
            """,
        ] + appendOnly("price_history", d)
    }

    /// Watches: numbered in creation order (`w_` and the number is the id, so (createdAt, id) is creation order),
    /// the active ones indexed per SKU by target price.
    private static func v6Watches(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        let numbering =
            d == .sqlite
            ? [
                "CREATE TABLE watch_numbers (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL)",
                "INSERT INTO watch_numbers (one, n) VALUES (1, 0)",
            ]
            : ["CREATE SEQUENCE watch_numbers"]
        return numbering + [
            """
            CREATE TABLE watches (
                id TEXT PRIMARY KEY, number \(int) NOT NULL UNIQUE, customer TEXT NOT NULL,
                sku TEXT NOT NULL REFERENCES catalog(sku), target_cents \(int) NOT NULL CHECK (target_cents > 0),
                qty \(int) NOT NULL CHECK (qty > 0), zip TEXT NOT NULL, auto_buy \(int) NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active', 'bought', 'notified', 'cancelled', 'expired')),
                created_at \(int) NOT NULL, expires_at \(int), ended_at \(int), order_id TEXT,
                attempt_at \(int), attempt_reason TEXT, attempts \(int) NOT NULL DEFAULT 0,
                idem_key TEXT NOT NULL, request_hash TEXT NOT NULL, UNIQUE (customer, idem_key))
            """,
            "CREATE INDEX watches_by_customer ON watches (customer, number)",
            "CREATE INDEX watches_by_status ON watches (status)",
            "CREATE INDEX watches_active_by_sku ON watches (sku, target_cents) WHERE status = 'active'",
            "CREATE INDEX watches_active_by_customer ON watches (customer) WHERE status = 'active'",
            "CREATE INDEX watches_active_by_number ON watches (number) WHERE status = 'active'",
            "CREATE INDEX watches_expiring ON watches (expires_at) WHERE status = 'active' AND expires_at IS NOT NULL",
        ]
    }

    /// The events feed and the readers' cursors. `recorded_ms` is the database's own clock when the row was
    /// written, in Unix milliseconds: used only to measure how long the worker took (trigger lag), never to decide.
    private static func v6Events(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        let serial =
            d == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        let now =
            d == .sqlite
            ? "(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER))"
            : "(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))"
        return [
            """
            CREATE TABLE events (
                id \(serial), type TEXT NOT NULL, customer TEXT, at_minute \(int) NOT NULL,
                recorded_ms \(int) NOT NULL DEFAULT \(now),
                sku TEXT, watch_id TEXT, order_id TEXT, shipment_id TEXT, status TEXT, price_cents \(int),
                target_cents \(int), reason TEXT, \(FeedTable.columns(d)))
            """,
            "CREATE INDEX events_by_position ON events (seq, id)",
            "CREATE INDEX events_by_customer ON events (customer, seq, id)",
            "CREATE TABLE feed_cursors (name TEXT PRIMARY KEY, seq \(int) NOT NULL, id \(int) NOT NULL)",
        ] + FeedTable.indexes("events", d) + appendOnlyEvents(d)
    }

    /// Webhook endpoints (each with its cursor over the events feed) and one delivery row per event and endpoint.
    /// `customer` groups deliveries for ordering ('' for events of no customer); times are Unix milliseconds
    /// passed in by the server.
    private static func v6Webhooks(_ d: Dialect) -> [String] {
        let int = d == .sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE webhooks (
                id TEXT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL, types TEXT NOT NULL,
                created_at \(int) NOT NULL, deleted_at \(int), cursor_seq \(int) NOT NULL, cursor_id \(int) NOT NULL)
            """,
            """
            CREATE TABLE webhook_deliveries (
                webhook_id TEXT NOT NULL REFERENCES webhooks(id), event_id \(int) NOT NULL, seq \(int) NOT NULL,
                customer TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
                attempts \(int) NOT NULL DEFAULT 0, first_attempt_ms \(int), last_attempt_ms \(int),
                next_attempt_ms \(int) NOT NULL, lease_until_ms \(int) NOT NULL DEFAULT 0, last_status \(int),
                last_error TEXT, delivered_ms \(int), PRIMARY KEY (webhook_id, event_id))
            """,
            """
            CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, customer, seq, event_id)
            WHERE state = 'pending'
            """,
            "CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (webhook_id, seq, event_id)",
        ]
    }

    /// Triggers that make the database refuse to change or delete rows of `table`.
    private static func appendOnly(_ table: String, _ d: Dialect) -> [String] {
        switch d {
        case .sqlite:
            return [
                """
                CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                """,
                """
                CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                """,
            ]
        case .postgres:
            return [
                """
                CREATE FUNCTION \(table)_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '\(table) is append-only'; END $$
                """,
                """
                CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION \(table)_append_only()
                """,
            ]
        }
    }

    /// Events may be stamped (their `seq` set once, from NULL, by `CommitFeed`) and never otherwise changed or
    /// deleted.
    private static func appendOnlyEvents(_ d: Dialect) -> [String] {
        switch d {
        case .sqlite:
            return [
                """
                CREATE TRIGGER events_stamp_only BEFORE UPDATE ON events
                WHEN OLD.seq IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.type IS NOT OLD.type
                    OR NEW.customer IS NOT OLD.customer OR NEW.at_minute IS NOT OLD.at_minute
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
                """,
                """
                CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
                """,
            ]
        case .postgres:
            return [
                """
                CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.id = OLD.id AND NEW.type = OLD.type
                        AND NEW.customer IS NOT DISTINCT FROM OLD.customer AND NEW.at_minute = OLD.at_minute THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'events are append-only';
                END $$
                """,
                """
                CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
                FOR EACH ROW EXECUTE FUNCTION events_append_only()
                """,
            ]
        }
    }
}
