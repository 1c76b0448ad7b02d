// Feeds in commit order: tables whose rows carry the sequence number of the transaction that wrote them, given
// out in the order transactions commit, so a reader that remembers the last number it saw misses nothing.
//
// Row ids (a sequence, a serial) are handed out when a row is inserted, not when its transaction commits: on
// PostgreSQL a transaction that inserted id 10 can commit after one that inserted id 11, and a reader that has
// read id 11 and moved its cursor past it would never see 10. So feed rows are inserted with `seq` NULL, and at
// the end of their transaction the next number is taken from the one-row table `commit_clock` and the rows are
// stamped with it. The clock's row stays locked until COMMIT, so the next transaction that stamps waits for this
// one to be durable: numbers become visible in increasing order, every reader sees a gap-free prefix, and
// `WHERE seq > last ORDER BY seq, id` is a complete, ordered cursor.
//
// On PostgreSQL the stamp is a deferred constraint trigger on each feed table (`feed_stamp()`, migration
// v7-feed-stamp-at-commit): it runs inside COMMIT itself, so the clock is held only while the commit record is
// written and flushed, with no round trip to the client in between. (Stamping with statements sent after the
// script held it for two more round trips, and cost a quarter of the orders/s over 3,000 SKUs at 16 clients:
// docs/performance.md, "Orders".) Transactions that write feed rows still commit one after another; those that
// write none are untouched. SQLite has one writer at a time and needs no lock: its backend runs `stamp` as the
// script's last statements (group commit's jobs stamp one after another, in the order they ran).

/// A table whose rows are stamped with their transaction's commit sequence number (`seq`).
///
/// Its DDL includes `FeedTable.columns(dialect)` and `FeedTable.indexes(table, dialect)`; rows are inserted with
/// `SQL.feedInsert`, never with a `seq`.
struct FeedTable: Hashable, Sendable {
    let name: String

    init(_ name: String) { self.name = name }

    /// The bookkeeping columns every feed table has: `seq` (NULL until its transaction stamps it), and on
    /// PostgreSQL the writing transaction's id, by which the stamp finds this transaction's rows.
    static func columns(_ dialect: Dialect) -> String {
        switch dialect {
        case .sqlite: "seq INTEGER"
        case .postgres: "seq BIGINT, xid xid8 NOT NULL DEFAULT pg_current_xact_id()"
        }
    }

    /// On PostgreSQL, the deferred trigger that stamps the table's rows at COMMIT (`feed_stamp()`, created by
    /// migration v7-feed-stamp-at-commit, must exist); nothing on SQLite, whose backend stamps with `stamp`.
    static func stampTrigger(_ table: String, _ dialect: Dialect) -> [String] {
        switch dialect {
        case .sqlite: []
        case .postgres:
            [
                """
                CREATE CONSTRAINT TRIGGER \(table)_stamp AFTER INSERT ON \(table)
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION feed_stamp()
                """
            ]
        }
    }

    /// The cursor's index on `seq`, and a small partial index for stamping the rows still unstamped.
    static func indexes(_ table: String, _ dialect: Dialect) -> [String] {
        [
            "CREATE INDEX \(table)_by_seq ON \(table) (seq)",
            dialect == .postgres
                ? "CREATE INDEX \(table)_unstamped ON \(table) (xid) WHERE seq IS NULL"
                : "CREATE INDEX \(table)_unstamped ON \(table) (seq) WHERE seq IS NULL",
        ]
    }
}

extension SQL {
    /// An INSERT into `table`: the transaction that runs it stamps its rows with a commit sequence number.
    static func feedInsert(_ table: FeedTable, _ text: String, _ values: [SQLValue] = []) -> SQL {
        var sql = SQL(text, values)
        sql.feed = table
        return sql
    }
}

/// The stamping step backends run after a script that wrote feed rows.
enum CommitFeed {
    static let clock = Step("commit-clock")
    static let stamps = Step("commit-stamps")

    /// The DDL of the clock: one row, the last number handed out.
    static let clockDDL = [
        "CREATE TABLE commit_clock (one INTEGER PRIMARY KEY CHECK (one = 1), seq BIGINT NOT NULL)",
        "INSERT INTO commit_clock (one, seq) VALUES (1, 0)",
    ]

    /// PostgreSQL's stamp, run by each feed table's deferred trigger at COMMIT: the first of a transaction's rows
    /// to fire takes the next number (locking the clock until the commit ends) and stamps all of the transaction's
    /// rows in that table; the others find none left. Each table of a transaction gets its own number.
    static let postgresStampFunction = """
        CREATE FUNCTION feed_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            pending BOOLEAN;
            next_seq BIGINT;
        BEGIN
            EXECUTE format(
                'SELECT EXISTS (SELECT 1 FROM %I.%I WHERE seq IS NULL AND xid = pg_current_xact_id())',
                TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO pending;
            IF pending THEN
                EXECUTE format(
                    'UPDATE %I.commit_clock SET seq = seq + 1 WHERE one = 1 RETURNING seq', TG_TABLE_SCHEMA)
                    INTO next_seq;
                EXECUTE format(
                    'UPDATE %I.%I SET seq = $1 WHERE seq IS NULL AND xid = pg_current_xact_id()',
                    TG_TABLE_SCHEMA, TG_TABLE_NAME) USING next_seq;
            END IF;
            RETURN NULL;
        END $$
        """

    /// SQLite's stamp: takes the next number, stamps `tables`' new rows with it, then finishes with `result`. Run
    /// as the transaction's last statements.
    static func stamp<R: Sendable>(_ tables: Set<FeedTable>, then result: R) -> Script<R> {
        let next = SQL("UPDATE commit_clock SET seq = seq + 1 WHERE one = 1 RETURNING seq")
        return .query(next) { rows in
            guard let seq = try rows.first?.int("seq") else {
                throw StoreError.database("commit_clock has no row: the schema is incomplete")
            }
            let updates = tables.sorted { $0.name < $1.name }.map { table in
                SQL("UPDATE \(table.name) SET seq = ? WHERE seq IS NULL", [.int(seq)])
            }
            return .execute(updates) { .done(result) }
        }
    }
}
