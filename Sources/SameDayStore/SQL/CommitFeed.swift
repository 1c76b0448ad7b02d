// Feeds in commit order: tables whose rows carry the sequence number of the transaction that wrote them, given
// out in the order transactions commit, so a reader that remembers the last number it saw misses nothing.
//
// Row ids (a sequence, a serial) are handed out when a row is inserted, not when its transaction commits: on
// PostgreSQL a transaction that inserted id 10 can commit after one that inserted id 11, and a reader that has
// read id 11 and moved its cursor past it would never see 10. So feed rows are inserted with `seq` NULL, and the
// last statements of their transaction take the next number from the one-row table `commit_clock` and stamp the
// rows with it. The clock's row stays locked until COMMIT, so the next transaction that stamps waits for this one
// to be durable: numbers become visible in increasing order, every reader sees a gap-free prefix, and
// `WHERE seq > last ORDER BY seq, id` is a complete, ordered cursor. SQLite has one writer at a time and needs no
// lock, but stamps the same way (group commit's jobs stamp one after another, in the order they ran).
//
// The price: transactions that write feed rows commit one after another on PostgreSQL (each waits for the previous
// one's commit to reach the disk), which docs/performance.md measures. Transactions that write no feed row are
// untouched.

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

    /// Takes the next number (locking the clock until COMMIT on PostgreSQL), stamps `tables`' new rows with it,
    /// then finishes with `result`. Run as the transaction's last statements.
    static func stamp<R: Sendable>(_ tables: Set<FeedTable>, dialect: Dialect, then result: R) -> Script<R> {
        let next = SQL("UPDATE commit_clock SET seq = seq + 1 WHERE one = 1 RETURNING seq")
        return .query(next) { rows in
            guard let seq = try rows.first?.int("seq") else {
                throw StoreError.database("commit_clock has no row: the schema is incomplete")
            }
            let owned = dialect == .postgres ? " AND xid = pg_current_xact_id()" : ""
            let updates = tables.sorted { $0.name < $1.name }.map { table in
                SQL("UPDATE \(table.name) SET seq = ? WHERE seq IS NULL\(owned)", [.int(seq)])
            }
            return .execute(updates) { .done(result) }
        }
    }
}
