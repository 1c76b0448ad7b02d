// Driver errors leave the store as `StoreError` (`.database` with the cause, `.unavailable` for what a retry may
// cure), never with a password; rows are read by column name, and a row of the wrong shape names its column and
// statement.

import Foundation
import SameDayCore
import Synchronization
import Testing

@testable import SameDayStore

@Suite(.serialized) struct StoreErrorTests {
    @Test(arguments: Backend.all) func aConstraintViolationIsADatabaseErrorNamingItsCause(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            do {
                try await StoreFixtures.executeRaw(
                    store, "INSERT INTO stock (node, sku, on_hand, reserved) VALUES ('SEA1', 'A1', 1, 0)")
                Issue.record("a second stock row for SEA1/A1 was inserted")
            } catch StoreError.database(let cause) {
                // SQLite's extended result code for a primary key, PostgreSQL's SQLSTATE for a unique violation.
                #expect(cause.contains(backend == .sqlite ? "1555" : "23505"), "\(cause)")
            }
        }
    }

    @Test(arguments: Backend.all) func aStoreOperationTheDatabaseRefusesThrowsDatabaseNotADriverError(
        _ backend: Backend
    ) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            // A trigger refuses receipts: the store's own statement fails inside the database.
            switch backend {
            case .sqlite:
                try await StoreFixtures.executeRaw(
                    store,
                    """
                    CREATE TRIGGER no_receipts BEFORE INSERT ON ledger WHEN NEW.kind = 'receipt'
                    BEGIN SELECT RAISE(ABORT, 'receipts are closed'); END
                    """)
            case .postgres:
                try await StoreFixtures.executeRaw(
                    store,
                    """
                    CREATE FUNCTION no_receipts() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.kind = 'receipt' THEN RAISE EXCEPTION 'receipts are closed'; END IF; RETURN NEW; END $$
                    """)
                try await StoreFixtures.executeRaw(
                    store,
                    "CREATE TRIGGER no_receipts BEFORE INSERT ON ledger FOR EACH ROW EXECUTE FUNCTION no_receipts()")
            }
            do {
                _ = try await store.receive(
                    node: "SEA1", sku: "A1", qty: 1, actor: "test", reason: "x", at: StoreFixtures.morning)
                Issue.record("a receipt was recorded")
            } catch let error as StoreError {
                guard case .database(let cause) = error else {
                    Issue.record("expected .database, got \(error)")
                    return
                }
                #expect(cause.contains("receipts are closed"), "\(cause)")
                #expect(cause.contains("INSERT INTO ledger"), "\(cause)")
                #expect(error.problemCode == .internalError)
            }
            // Nothing was written: the upsert before the ledger row rolled back with it.
            #expect(try await store.level("SEA1", "A1")?.onHand == 10)
        }
    }

    @Test func anUnreachablePostgreSQLIsUnavailableAndNeverShowsThePassword() async throws {
        // Nothing listens on port 1 (a privileged port no test server can take): the connection is refused.
        let url = "postgres://sameday:hunter2-secret@127.0.0.1:1/nowhere?connect_timeout=2"
        do {
            try await StoreLocation.withStore(url, logger: StoreLocation.silentLogger) { _ in }
            Issue.record("a store opened on a closed port")
        } catch let error as StoreError {
            guard case .unavailable(let reason) = error else {
                Issue.record("expected .unavailable, got \(error)")
                return
            }
            #expect(!reason.contains("hunter2-secret"))
            #expect(!StoreLocation.describe(error).contains("hunter2-secret"))
            #expect(error.problemCode == .unavailable)
        }
    }

    @Test(arguments: Backend.all) func aRowOfTheWrongShapeNamesTheColumnAndTheStatement(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            try await StoreFixtures.executeRaw(
                store,
                """
                INSERT INTO catalog (sku, name, length_mm, width_mm, height_mm, weight_g, price_cents, temperature,
                    seller, position)
                VALUES ('HOT', 'Soup', 1, 1, 1, 1, 1, 'lukewarm', NULL, 9)
                """)
            do {
                _ = try await store.setup()
                Issue.record("a catalog with an unknown temperature was read")
            } catch StoreError.database(let cause) {
                #expect(cause.contains("column temperature"), "\(cause)")
                #expect(cause.contains("lukewarm"), "\(cause)")
                #expect(cause.contains("FROM catalog"), "\(cause)")
            }
        }
    }

    @Test func rowsAreReadByColumnName() throws {
        let columns = SQLColumns(
            names: ["node", "sku", "on_hand", "reserved"], sql: "SELECT node, sku, on_hand, reserved FROM stock")
        let row = SQLRow(columns: columns, values: [.text("SEA1"), .text("A1"), .int(10), .int(2)])
        #expect(try StockLevel(row: row) == StockLevel(node: "SEA1", sku: "A1", onHand: 10, reserved: 2))
        #expect(row["sku"] == .text("A1"))
        #expect(row["price"] == nil)
        do {
            _ = try row.int("sku")
            Issue.record("text read as an integer")
        } catch {
            #expect(error.column == "sku")
            #expect(error.sql == columns.sql)
            #expect(error.description.contains("expected an integer"))
        }
        do {
            _ = try row.text("price")
            Issue.record("a missing column was read")
        } catch {
            #expect(error.description.contains("column price: no such column"))
        }
    }

    @Test func batchesAreReadByStepName() {
        let first = Step("first")
        let second = Step("second")
        var batch = Batch(first, SQL("SELECT 1"))
        batch.add(second, [SQL("SELECT 2"), SQL("SELECT 3")])
        batch.add(Step("empty"), [])
        let columns = SQLColumns(names: ["n"], sql: "")
        let rows = (1...3).map { [SQLRow(columns: columns, values: [.int($0)])] }
        let results = BatchResults(batch, rows: rows)
        #expect(results[first].map { $0["n"] } == [.int(1)])
        #expect(results[second].map { $0["n"] } == [.int(2), .int(3)])
        #expect(results.each(second).count == 2)
        #expect(results[Step("empty")].isEmpty)
        #expect(results[Step("absent")].isEmpty)
    }
}

@Suite struct PostgresPoolTests {
    /// Set by a script once its transaction holds a connection.
    final class Flag: Sendable {
        private let value = Atomic<Bool>(false)
        func set() { value.store(true, ordering: .releasing) }
        var isSet: Bool { value.load(ordering: .acquiring) }
    }

    @Test func aTransactionThatFindsNoFreeConnectionInTimeIsUnavailable() async throws {
        guard let url = Backend.postgresURL else { return }
        let location =
            url + (url.contains("?") ? "&" : "?") + "schema=pool_\(UInt32.random(in: 0...UInt32.max))"
            + "&pool=1&pool_timeout=2"
        let store = try StoreLocation(parsing: location).open(logger: StoreLocation.silentLogger)
        let running = Task { await store.run() }
        defer { running.cancel() }
        // On a busy machine opening the one connection can itself take longer than pool_timeout: try again.
        var migrated = false
        for _ in 0..<30 where !migrated {
            do {
                try await store.migrate()
                migrated = true
            } catch StoreError.unavailable {}
        }
        try #require(migrated)
        // The one connection, held 8 s by a transaction; the next one waits 2 s for it, then gives up.
        let holding = Flag()
        let held = Task {
            try await StoreFixtures.write(
                store,
                .query(SQL("SELECT 1 AS one")) { _ in
                    holding.set()
                    return .query(SQL("SELECT pg_sleep(8)")) { _ in .done(true) }
                })
        }
        for _ in 0..<600 where !holding.isSet { try await Task.sleep(for: .milliseconds(100)) }
        try #require(holding.isSet)
        do {
            _ = try await store.apiKeys()
            Issue.record("a second transaction ran on a pool of one busy connection")
        } catch StoreError.unavailable(let reason) {
            #expect(reason.contains("no PostgreSQL connection was free"), "\(reason)")
        }
        #expect(try await held.value)
        // Free again: the pool serves the next transaction.
        #expect(try await store.apiKeys().isEmpty)
        try await StoreFixtures.dropSchema(store)
        try await store.close()
    }
}
