// The one order in which every statement locks stock rows: by node, then SKU, comparing their UTF-8 bytes.
//
// Two transactions that lock the same rows in the same order never deadlock. Orders lock their SKUs' rows with
// one SELECT … FOR UPDATE, cancellations and the clock with UPDATEs one row at a time: if the database sorted
// the first (by its collation) and Swift the others (by its own rules), a database whose default collation is
// not byte order (`en_US.UTF-8` puts "a" before "Z"; bytes put "Z" first) would make them lock in opposite
// orders and deadlock. So the database is told to sort by bytes (`COLLATE "C"` on PostgreSQL; SQLite's default
// BINARY collation is bytes already) and Swift compares bytes too. Every statement that locks stock rows takes
// its order from here.

/// A stock row's key, as the lock order compares it.
struct StockKey: Hashable, Sendable {
    var node: String
    var sku: String

    init(node: String, sku: String) {
        self.node = node
        self.sku = sku
    }
}

/// The lock order of stock rows, in SQL and in Swift.
enum StockLockOrder {
    /// The `ORDER BY` clause that sorts stock rows in lock order; `table` qualifies the columns (`st.`).
    static func orderBy(_ dialect: Dialect, table: String = "") -> String {
        switch dialect {
        case .sqlite: " ORDER BY \(table)node, \(table)sku"
        case .postgres: " ORDER BY \(table)node COLLATE \"C\", \(table)sku COLLATE \"C\""
        }
    }

    /// Whether `a` is locked before `b`: node bytes first, then SKU bytes (PostgreSQL's "C", SQLite's BINARY).
    static func precedes(_ a: StockKey, _ b: StockKey) -> Bool {
        if a.node != b.node { return a.node.utf8.lexicographicallyPrecedes(b.node.utf8) }
        return a.sku.utf8.lexicographicallyPrecedes(b.sku.utf8)
    }

    /// `items` in lock order of their keys.
    /// - Complexity: O(n log n).
    static func sorted<T>(_ items: [T], by key: (T) -> StockKey) -> [T] {
        items.sorted { precedes(key($0), key($1)) }
    }

    /// Statements that lock the stock rows of `keys` (those that exist) in lock order and return them
    /// (`node, sku, on_hand, reserved`), 500 keys per statement; the keys are sorted first, so the statements
    /// together lock in lock order too.
    static func lock(_ keys: [StockKey], _ dialect: Dialect) -> [SQL] {
        let ordered = sorted(Array(Set(keys)), by: { $0 })
        return stride(from: 0, to: ordered.count, by: 500).map { start in
            let chunk = ordered[start..<min(start + 500, ordered.count)]
            return SQL(
                "SELECT node, sku, on_hand, reserved FROM stock WHERE (node, sku) IN (VALUES "
                    + Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", ") + ")"
                    + orderBy(dialect) + dialect.forUpdate,
                chunk.flatMap { [SQLValue.text($0.node), .text($0.sku)] })
        }
    }
}
