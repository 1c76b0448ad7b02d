// One lock order for stock rows: the database sorts them by bytes as Swift does, whatever its collation, so
// orders, cancellations and the clock never deadlock on each other.

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

@Suite(.serialized) struct LockOrderTests {
    /// SKUs whose byte order differs from a locale's: en-US puts "a" before "Z" and ignores '-' and '_' first.
    static let catalog = """
        sku,name,lengthMm,widthMm,heightMm,weightG,priceCents,temperature,seller
        Z,Zed,100,100,100,100,100,ambient,
        a,Ay,100,100,100,100,100,ambient,
        A_1,Ay one,100,100,100,100,100,ambient,
        a-1,ay one,100,100,100,100,100,ambient,
        b,Bee,100,100,100,100,100,ambient,
        B,BEE,100,100,100,100,100,ambient,

        """
    static let inventory = """
        node,sku,available
        SEA1,Z,100000
        SEA1,a,100000
        SEA1,A_1,100000
        SEA1,a-1,100000
        SEA1,b,100000
        SEA1,B,100000
        SEA2,a,5

        """

    @Test func swiftComparesStockKeysByBytes() {
        let keys = ["b", "Z", "a-1", "B", "a", "A_1"].map { StockKey(node: "SEA1", sku: $0) }
        #expect(StockLockOrder.sorted(keys, by: { $0 }).map(\.sku) == ["A_1", "B", "Z", "a", "a-1", "b"])
        #expect(StockLockOrder.precedes(StockKey(node: "SEA1", sku: "z"), StockKey(node: "SEA2", sku: "A")))
        #expect(!StockLockOrder.precedes(StockKey(node: "SEA1", sku: "a"), StockKey(node: "SEA1", sku: "a")))
    }

    @Test(arguments: Backend.all) func theDatabaseLocksInTheOrderSwiftSorts(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend, inventory: Self.inventory, catalog: Self.catalog) { store, _, _ in
            try await Self.collateLikeALocale(store, backend)
            let keys =
                ["b", "Z", "a-1", "B", "a", "A_1"].map { StockKey(node: "SEA1", sku: $0) }
                + [StockKey(node: "SEA2", sku: "a")]
            let statements = StockLockOrder.lock(keys, StoreFixtures.dialect(store))
            #expect(statements.count == 1)
            let locked = try await StoreFixtures.write(
                store, .query(statements[0]) { rows in .done(try rows.map(StockLevel.init(row:)).map(\.key)) })
            #expect(locked == StockLockOrder.sorted(keys, by: { $0 }))
        }
    }

    @Test(arguments: Backend.all) func ordersCancellationsAndTheClockNeverDeadlock(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend, inventory: Self.inventory, catalog: Self.catalog) {
            store, engine, _ in
            try await Self.collateLikeALocale(store, backend)
            let lines = ["Z", "a", "A_1", "a-1"].map { OrderLine(sku: SKU($0), qty: 1) }
            let probe = try await store.order(lines, engine: engine)
            let departs = try #require(probe.shipments.first?.departsAt)
            for round in 0..<6 {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<16 {
                        group.addTask {
                            let order = try await store.order(lines, key: "r\(round)-\(i)", engine: engine)
                            if i % 4 == 0 {
                                do {
                                    _ = try await store.cancelOrder(
                                        order.id, customer: nil, at: StoreFixtures.morning, actor: "t")
                                } catch StoreError.tooLate {}
                            }
                        }
                    }
                    group.addTask {
                        for _ in 0..<4 { _ = try await store.advance(to: departs) }
                    }
                    try await group.waitForAll()
                }
            }
            _ = try await store.advance(to: departs)
            #expect(try await store.checkInvariants() == [])
            if let postgres = store as? SQLStore<PostgresBackend> {
                #expect(postgres.backend.retries.value == 0, "deadlock or serialization retries")
            }
        }
    }

    /// On PostgreSQL, gives the stock table's key columns a locale's collation (ICU en-US, as a database created
    /// with `LC_COLLATE 'en_US.UTF-8'` has by default): an `ORDER BY node, sku` without `COLLATE "C"` would then
    /// sort "a" before "Z". SQLite has no locale collations (BINARY is its default).
    static func collateLikeALocale(_ store: any Store, _ backend: Backend) async throws {
        guard backend == .postgres else { return }
        try await StoreFixtures.executeRaw(
            store,
            """
            ALTER TABLE stock ALTER COLUMN node TYPE TEXT COLLATE "en-US-x-icu",
                ALTER COLUMN sku TYPE TEXT COLLATE "en-US-x-icu"
            """)
    }
}
