// Portable SQL: statements written once with `?` placeholders, run by either backend.
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

    init(_ text: String, _ values: [SQLValue] = []) {
        self.text = text
        self.values = values
    }

    /// `?, ?, ?` for an `IN (…)` list of `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

/// A result row, read by column position.
struct SQLRow: Sendable {
    var values: [SQLValue]

    init(_ values: [SQLValue]) { self.values = values }

    func int(_ i: Int) throws -> Int {
        guard i < values.count, case .int(let v) = values[i] else { throw SQLDecodingError(column: i, row: values) }
        return v
    }

    func text(_ i: Int) throws -> String {
        guard i < values.count, case .text(let v) = values[i] else { throw SQLDecodingError(column: i, row: values) }
        return v
    }

    func optionalText(_ i: Int) throws -> String? {
        guard i < values.count else { throw SQLDecodingError(column: i, row: values) }
        switch values[i] {
        case .null: return nil
        case .text(let v): return v
        case .int, .textArray, .intArray: throw SQLDecodingError(column: i, row: values)
        }
    }
}

/// A row had another shape than the statement promises: a bug or a schema from elsewhere.
struct SQLDecodingError: Error, CustomStringConvertible {
    var column: Int
    var row: [SQLValue]
    var description: String { "unexpected value in column \(column) of row \(row)" }
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
