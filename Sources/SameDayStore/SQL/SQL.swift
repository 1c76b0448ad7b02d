// Portable SQL: statements written once with `?` placeholders, run by either backend, and their rows read by
// column name.
//
// Both backends run the same statements (SQLite ≥ 3.35 and PostgreSQL both have RETURNING, ON CONFLICT and
// partial CAST rules we rely on); only the schema's DDL and row locking differ, and `Dialect` says how.

/// A value bound to or read from a statement. The schema only has integers and text.
enum SQLValue: Sendable, Equatable {
    case int(Int)
    case text(String)
    case null
    /// A text[] parameter (PostgreSQL only: bulk inserts with `unnest`).
    case textArray([String])
    /// A bigint[] parameter (PostgreSQL only: bulk inserts with `unnest`).
    case intArray([Int])
}

/// One statement and its arguments.
struct SQL: Sendable {
    var text: String
    var values: [SQLValue]
    /// The feed table this statement inserts into, if any: its transaction stamps the rows (`CommitFeed`).
    var feed: FeedTable?

    init(_ text: String, _ values: [SQLValue] = []) {
        self.text = text
        self.values = values
    }

    /// `?, ?, ?` for an `IN (…)` list of `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

/// The column names of one statement's rows, shared by all its rows, and the statement (for errors).
final class SQLColumns: Sendable {
    let names: [String]
    let sql: String

    init(names: [String], sql: String) {
        self.names = names
        self.sql = sql
    }

    /// The position of the column called `name`, if the statement has one.
    /// - Complexity: O(columns); statements here have at most ten.
    func index(of name: String) -> Int? { names.firstIndex(of: name) }
}

/// A result row, read by column name (`row["sku"]`, `try row.text("sku")`), as GRDB's `Row` is.
struct SQLRow: Sendable {
    let columns: SQLColumns
    let values: [SQLValue]

    init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of column `name`; nil when the statement has no such column.
    subscript(_ name: String) -> SQLValue? {
        columns.index(of: name).map { values[$0] }
    }

    /// The integer in column `name`. - Throws: `SQLDecodingError` when absent, NULL or text.
    func int(_ name: String) throws(SQLDecodingError) -> Int {
        guard case .int(let v) = try value(name) else { throw mismatch(name, expected: "an integer") }
        return v
    }

    /// The integer in column `name`, which must lie in `range`. - Throws: `SQLDecodingError` when absent, NULL, text
    /// or outside `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws(SQLDecodingError) -> Int {
        let v = try int(name)
        guard range.contains(v) else { throw mismatch(name, expected: "an integer in \(range)") }
        return v
    }

    /// The text in column `name`. - Throws: `SQLDecodingError` when absent, NULL or an integer.
    func text(_ name: String) throws(SQLDecodingError) -> String {
        guard case .text(let v) = try value(name) else { throw mismatch(name, expected: "text") }
        return v
    }

    /// The text in column `name`, nil for NULL. - Throws: `SQLDecodingError` when absent or an integer.
    func optionalText(_ name: String) throws(SQLDecodingError) -> String? {
        switch try value(name) {
        case .null: return nil
        case .text(let v): return v
        default: throw mismatch(name, expected: "text or NULL")
        }
    }

    /// The integer in column `name`, nil for NULL. - Throws: `SQLDecodingError` when absent or text.
    func optionalInt(_ name: String) throws(SQLDecodingError) -> Int? {
        switch try value(name) {
        case .null: return nil
        case .int(let v): return v
        default: throw mismatch(name, expected: "an integer or NULL")
        }
    }

    private func value(_ name: String) throws(SQLDecodingError) -> SQLValue {
        guard let i = columns.index(of: name) else {
            throw SQLDecodingError(
                column: name, problem: "no such column (the statement has \(columns.names))", sql: columns.sql)
        }
        return values[i]
    }

    private func mismatch(_ name: String, expected: String) -> SQLDecodingError {
        let found = self[name].map { "\($0)" } ?? "nothing"
        return SQLDecodingError(column: name, problem: "expected \(expected), found \(found)", sql: columns.sql)
    }
}

/// A row had another shape than the statement promises: a bug or a schema from elsewhere. Names the column and
/// carries the statement, as GRDB's `RowDecodingError` does.
struct SQLDecodingError: Error, CustomStringConvertible {
    var column: String
    var problem: String
    var sql: String
    var description: String { "column \(column): \(problem), in `\(sql)`" }
}

/// The differences between the two backends that statements must spell.
enum Dialect: Sendable {
    case sqlite, postgres

    /// Appended to a SELECT that reads rows about to be changed. SQLite's write transaction is already
    /// exclusive (BEGIN IMMEDIATE), so it needs nothing.
    var forUpdate: String {
        switch self {
        case .sqlite: ""
        case .postgres: " FOR UPDATE"
        }
    }

    /// Appended to a SELECT that reads rows about to be changed in columns no foreign key refers to (an order's
    /// or a shipment's status). On PostgreSQL such a lock does not block the `FOR KEY SHARE` lock a foreign-key
    /// check takes on the referenced row, so the clock updating a shipment (whose check reads its order) never
    /// deadlocks with a cancellation holding that order.
    var forNoKeyUpdate: String {
        switch self {
        case .sqlite: ""
        case .postgres: " FOR NO KEY UPDATE"
        }
    }

    /// The statement text this backend runs: PostgreSQL numbers its placeholders `$1, $2, …`.
    func render(_ text: String) -> String {
        switch self {
        case .sqlite: return text
        case .postgres:
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count + 64)
            var n = 0
            var inString = false
            for byte in text.utf8 {
                if byte == UInt8(ascii: "'") { inString.toggle() }
                if byte == UInt8(ascii: "?") && !inString {
                    n += 1
                    out.append(UInt8(ascii: "$"))
                    out.append(contentsOf: String(n).utf8)
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
