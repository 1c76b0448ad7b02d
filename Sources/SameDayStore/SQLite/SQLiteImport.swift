// Creating a new SQLite database from a network, catalog and inventory of any size (ten million SKUs and thirty
// million stock rows): the files are read in chunks and validated row by row with Core's readers (the same
// file:line:column errors as a whole-file load), rows go in through prepared statements in one transaction on a
// temporary file without a journal, the secondary indexes are built after the load, and the file takes its name
// only when complete. The result is the database `importIfNew` would write: catalog, import price points, stock,
// and a `receipt` ledger row for every non-zero initial count.

import Foundation
import GRDB
import GRDBSQLite
import SameDayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds a new SQLite database from data files, streaming.
public enum SQLiteImport {
    /// How far an import has come.
    public struct Progress: Sendable {
        /// What is being done: `catalog`, `inventory` or `indexes`.
        public var phase: String
        /// Bytes of the two files read so far, and their total size.
        public var bytesRead: Int
        public var totalBytes: Int
        /// Rows written so far (catalog, price history, stock and ledger rows).
        public var rows: Int
    }

    /// Creates the database at `path` from `network` and the catalog and inventory files, unless a file is
    /// already there. Nothing appears at `path` until the import is complete: a bad row, a full disk or a crash
    /// leaves at most the temporary `path.importing-<pid>`, which this function removes when it fails.
    /// - Returns: false when another process created `path` first (its database is used as it is).
    /// - Throws: `LoadError` (one issue: the first bad row's first problem, as file:line:column) for bad input;
    ///   `StoreError.database` when SQLite or the file system fails.
    public static func createDatabase(
        at path: String, network: Network, networkJSON: String, catalogFile: String, inventoryFile: String,
        at instant: Instant, progress: (Progress) -> Void = { _ in }
    ) throws -> Bool {
        let temporary = "\(path).importing-\(getpid())"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            try SQLiteFile.createPrivately(temporary)
            try load(
                into: temporary, network: network, networkJSON: networkJSON, catalogFile: catalogFile,
                inventoryFile: inventoryFile, at: instant, progress: progress)
            // link(2) fails when `path` exists: a database another process finished first is never replaced.
            let linked = link(temporary, path) == 0
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            guard linked || code == EEXIST else {
                throw StoreError.database("cannot create \(path): \(String(cString: strerror(code)))")
            }
            return linked
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private static func load(
        into path: String, network: Network, networkJSON: String, catalogFile: String, inventoryFile: String,
        at instant: Instant, progress: (Progress) -> Void
    ) throws {
        var configuration = Configuration()
        // Every reference is checked by the readers (nodes, SKUs) and the stock key by its primary key.
        configuration.foreignKeysEnabled = false
        let queue = try translating { try DatabaseQueue(path: path, configuration: configuration) }
        defer { try? queue.close() }
        try translating { try SQLiteBackend.migrator().migrate(queue) }
        let totalBytes = fileSize(catalogFile) + fileSize(inventoryFile)
        var state = Progress(phase: "catalog", bytesRead: 0, totalBytes: totalBytes, rows: 0)
        try translating {
            try queue.writeWithoutTransaction { db in
                for pragma in [
                    "journal_mode = OFF", "synchronous = OFF", "cache_size = -262144", "temp_store = MEMORY",
                ] {
                    try db.execute(sql: "PRAGMA \(pragma)")
                }
                let indexes = try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                        AND tbl_name IN ('catalog', 'price_history', 'stock', 'ledger') ORDER BY name
                        """)
                let definitions = try String.fetchAll(
                    db,
                    sql: """
                        SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                        AND tbl_name IN ('catalog', 'price_history', 'stock', 'ledger') ORDER BY name
                        """)
                try db.execute(sql: "BEGIN")
                do {
                    for name in indexes { try db.execute(sql: "DROP INDEX \"\(name)\"") }
                    try writeNetwork(db, network: network, json: networkJSON, at: instant)
                    var writer = try RowWriter(db, at: instant)
                    let temperatures = try readCatalog(
                        catalogFile, writer: &writer, state: &state, progress: progress)
                    state.phase = "inventory"
                    try readInventory(
                        inventoryFile, network: network, temperatures: temperatures, writer: &writer, state: &state,
                        progress: progress)
                    state.phase = "indexes"
                    progress(state)
                    for sql in definitions { try db.execute(sql: sql) }
                    try db.execute(sql: "COMMIT")
                } catch {
                    // The file is deleted; GRDB refuses to end an access with a transaction open.
                    try? db.execute(sql: "ROLLBACK")
                    throw error
                }
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
        }
    }

    private static func writeNetwork(_ db: Database, network: Network, json: String, at instant: Instant) throws {
        let settings = [
            ("network_json", json), ("network_name", network.name), ("imported_at", String(instant.minutes)),
        ]
        for (key, value) in settings {
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
        }
        for node in network.nodes {
            try db.execute(
                sql: "INSERT INTO nodes (id, kind, region) VALUES (?, ?, ?)",
                arguments: [node.id.rawValue, node.kind.rawValue, node.region.rawValue])
        }
    }

    /// Reads and writes the catalog; returns each SKU's line (× 4) plus its temperature's index, for the
    /// inventory's checks. About 40 bytes a SKU.
    private static func readCatalog(
        _ file: String, writer: inout RowWriter, state: inout Progress, progress: (Progress) -> Void
    ) throws -> [SKU: Int] {
        var seen: [SKU: Int] = [:]
        var reader: CatalogRowReader?
        var position = 0
        try forEachRecord(file, state: &state) { record, state in
            guard let rows = reader else {
                let header = try CSVTable.header(record, file: file, required: Catalog.columns)
                reader = CatalogRowReader(header: header, file: file)
                return
            }
            var issues: [LoadIssue] = []
            guard
                let item = rows.item(record, definedOn: { seen[$0].map { $0 >> 2 } }, issues: &issues)
            else { throw LoadError(Array(issues.prefix(1))) }
            seen[item.sku] = record.line << 2 | (Temperature.allCases.firstIndex(of: item.temperature) ?? 0)
            try writer.catalog(item, position: position)
            position += 1
            state.rows += 2
            if position & 0xFFF == 0 { progress(state) }
        } onEmpty: {
            _ = try CSVTable.header(nil, file: file, required: Catalog.columns)
        }
        return seen
    }

    private static func readInventory(
        _ file: String, network: Network, temperatures: [SKU: Int], writer: inout RowWriter, state: inout Progress,
        progress: (Progress) -> Void
    ) throws {
        var reader: InventoryRowReader?
        var count = 0
        let allTemperatures = Temperature.allCases
        try forEachRecord(file, state: &state) { record, state in
            guard let rows = reader else {
                let header = try CSVTable.header(record, file: file, required: Inventory.columns)
                reader = InventoryRowReader(header: header, file: file, network: network)
                return
            }
            var issues: [LoadIssue] = []
            guard
                let entry = rows.entry(
                    record, temperature: { temperatures[$0].map { allTemperatures[$0 & 3] } }, issues: &issues)
            else { throw LoadError(Array(issues.prefix(1))) }
            guard try writer.stock(entry) else {
                throw LoadError([rows.duplicate(record, entry, previousLine: nil)])
            }
            count += 1
            state.rows += entry.available != 0 ? 2 : 1
            if count & 0xFFF == 0 { progress(state) }
        } onEmpty: {
            _ = try CSVTable.header(nil, file: file, required: Inventory.columns)
        }
    }

    /// Calls `body` with every record of the CSV file at `path`, read in chunks of 4 MiB.
    private static func forEachRecord(
        _ path: String, state: inout Progress, _ body: (CSVRecord, inout Progress) throws -> Void,
        onEmpty: () throws -> Void
    ) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LoadError([LoadIssue(file: path, location: "", message: "cannot read the file (does it exist?)")])
        }
        defer { try? handle.close() }
        var stream = CSVStream(file: path)
        var any = false
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 4 << 20) ?? Data()
            } catch {
                throw LoadError([LoadIssue(file: path, location: "", message: "cannot read: \(error)")])
            }
            let records = chunk.isEmpty ? try stream.finish() : try stream.feed(chunk)
            state.bytesRead += chunk.count
            for record in records {
                any = true
                try body(record, &state)
            }
            if chunk.isEmpty { break }
        }
        if !any { try onEmpty() }
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// GRDB's errors as the store's (`StoreError`); `LoadError` and `StoreError` pass through.
    private static func translating<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as LoadError {
            throw error
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteBackend.storeError(error) ?? StoreError.database(BackendErrors.firstLine(error))
        }
    }
}

/// The import's prepared statements, bound through SQLite's C interface (GRDB's arguments would allocate per
/// value, and there are some 200 million values in a catalog of ten million SKUs).
private struct RowWriter {
    let db: Database
    let catalog: Statement
    let price: Statement
    let stock: Statement
    let ledger: Statement
    let at: Int64

    init(_ db: Database, at instant: Instant) throws {
        self.db = db
        at = Int64(instant.minutes)
        catalog = try db.makeStatement(
            sql: """
                INSERT INTO catalog (sku, name, length_mm, width_mm, height_mm, weight_g, price_cents, temperature,
                seller, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        price = try db.makeStatement(
            sql: "INSERT INTO price_history (sku, price_cents, at_minute, actor) VALUES (?, ?, ?, 'import')")
        stock = try db.makeStatement(sql: "INSERT INTO stock (node, sku, on_hand, reserved) VALUES (?, ?, ?, 0)")
        ledger = try db.makeStatement(
            sql: """
                INSERT INTO ledger (node, sku, kind, on_hand_delta, reserved_delta, actor, reason, at_minute, seq)
                VALUES (?, ?, 'receipt', ?, 0, 'import', 'initial inventory', ?, 0)
                """)
    }

    mutating func catalog(_ item: CatalogItem, position: Int) throws {
        let s = catalog.sqliteStatement
        bind(s, 1, item.sku.rawValue)
        bind(s, 2, item.name)
        for (i, value) in [item.lengthMm, item.widthMm, item.heightMm, item.weightG, item.priceCents].enumerated() {
            sqlite3_bind_int64(s, Int32(3 + i), Int64(value))
        }
        bind(s, 8, item.temperature.rawValue)
        if let seller = item.seller { bind(s, 9, seller) } else { sqlite3_bind_null(s, 9) }
        sqlite3_bind_int64(s, 10, Int64(position))
        try step(s)
        let p = price.sqliteStatement
        bind(p, 1, item.sku.rawValue)
        sqlite3_bind_int64(p, 2, Int64(item.priceCents))
        sqlite3_bind_int64(p, 3, at)
        try step(p)
    }

    /// Writes the stock row and its receipt; false when the (node, SKU) pair already has a row.
    mutating func stock(_ entry: StockEntry) throws -> Bool {
        let s = stock.sqliteStatement
        bind(s, 1, entry.node.rawValue)
        bind(s, 2, entry.sku.rawValue)
        sqlite3_bind_int64(s, 3, Int64(entry.available))
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        // Extended result codes are on (GRDB): the primary code is the low byte.
        if code & 0xFF == SQLITE_CONSTRAINT { return false }
        guard code == SQLITE_DONE else { throw failure(code) }
        guard entry.available != 0 else { return true }
        let l = ledger.sqliteStatement
        bind(l, 1, entry.node.rawValue)
        bind(l, 2, entry.sku.rawValue)
        sqlite3_bind_int64(l, 3, Int64(entry.available))
        sqlite3_bind_int64(l, 4, at)
        try step(l)
        return true
    }

    private func step(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> StoreError {
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        return .database("SQLite error \(code) while importing: \(message)")
    }

    /// Binds `text` (copied by SQLite: SQLITE_TRANSIENT).
    private func bind(_ statement: OpaquePointer, _ index: Int32, _ text: String) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var text = text
        text.withUTF8 { bytes in
            // An empty buffer may have no address, and a null pointer would bind NULL instead of ''.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(statement, index, "", 0, transient)
                return
            }
            _ = sqlite3_bind_text(
                statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                transient)
        }
    }
}
