// The stock change feed: the ledger, stamped in commit order, names every (node, SKU) whose stock moved, so a
// process keeping stock in memory reads only what changed. Every kind of movement is in it, a late commit on
// PostgreSQL is not skipped, paging reads it whole, and the ledger stays append-only.

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

@Suite(.serialized) struct StockFeedStoreTests {
    static let minute = 60

    /// Reads the feed after `position` in pages of `limit` until caught up: the SKUs of each page, in order.
    static func drain(_ store: any Store, after position: FeedPosition, limit: Int) async throws
        -> (pages: [[SKU]], position: FeedPosition)
    {
        var pages: [[SKU]] = []
        var position = position
        for _ in 0..<1_000 {
            let changes = try await store.stockChanges(after: position, limit: limit)
            #expect(changes.position >= position, "the position never goes back")
            position = changes.position
            if !changes.skus.isEmpty { pages.append(changes.skus) }
            if changes.caughtUp { break }
        }
        return (pages, position)
    }

    @Test(arguments: Backend.all) func everyKindOfMovementIsReadInCommitOrder(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let head = try await store.feedHead()
            let empty = try await store.stockChanges(after: head, limit: 100)
            #expect(empty.skus.isEmpty && empty.caughtUp && empty.position == head, "the import is before the head")

            _ = try await store.receive(
                node: "SEA2", sku: "C3", qty: 4, actor: "t", reason: "receipt", at: StoreFixtures.morning)
            let order = try await store.order([OrderLine(sku: "B7", qty: 2)], engine: engine)
            _ = try await store.adjust(
                node: "SEA2", sku: "A1", delta: -1, actor: "t", reason: "damaged", at: StoreFixtures.morning)
            _ = try await store.cancelOrder(order.id, customer: nil, at: StoreFixtures.morning, actor: "t")
            let second = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
            let afterOrders = try await store.feedHead()
            // The clock ships the A1 order: on hand and reserved both fall (a `shipment` movement).
            let report = try await store.advance(to: StoreFixtures.morning + 24 * 60 * Self.minute)
            #expect(report.shipped >= 1)

            let all = try await store.stockChanges(after: head, limit: 100)
            #expect(all.caughtUp)
            #expect(all.skus == ["C3", "B7", "A1"], "each SKU once, in the order of its first movement")
            let byCommit = try await Self.drain(store, after: head, limit: 1)
            #expect(
                byCommit.pages == [["C3"], ["B7"], ["A1"], ["B7"], ["A1"], ["A1"]],
                "receipt, reservation, adjustment, release, reservation, shipment")
            #expect(byCommit.position == all.position)
            let late = try await store.stockChanges(after: afterOrders, limit: 100)
            #expect(late.skus == ["A1"], "after a position, only what committed later: the shipment")
            #expect(second.shipments.first?.node == "SEA1")
            let caughtUp = try await store.stockChanges(after: all.position, limit: 100)
            #expect(caughtUp.skus.isEmpty && caughtUp.caughtUp && caughtUp.position == all.position)

            let unstamped = try await StoreFixtures.read(
                store,
                .query(SQL("SELECT count(*) AS n FROM ledger WHERE seq IS NULL")) {
                    .done(try $0.first?.int("n") ?? -1)
                })
            #expect(unstamped == 0, "every ledger row is stamped at commit")
        }
    }

    @Test(arguments: Backend.all) func aRefusedOrderIsNotInTheFeed(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let head = try await store.feedHead()
            await #expect(throws: StoreError.self) {
                _ = try await store.order([OrderLine(sku: "B7", qty: 6)], engine: engine)
            }
            #expect(try await store.stockChanges(after: head, limit: 10).skus.isEmpty)
        }
    }

    @Test(arguments: Backend.all) func pagesOfStockEqualTheSnapshot(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            let snapshot = try await store.stockSnapshot(skus: nil)
            #expect(snapshot.count == 4)
            for limit in [1, 2, 3, 4, 5] {
                var read: [StockEntry] = []
                var after: StockEntry?
                while true {
                    let page = try await store.stockPage(after: after, limit: limit)
                    #expect(page.count <= limit)
                    read += page
                    guard page.count == limit else { break }
                    after = page.last
                }
                #expect(read == snapshot, "pages of \(limit)")
            }
            #expect(try await store.stockPage(after: snapshot.last, limit: 10).isEmpty)
            for limit in [0, -1, 1_000_001] {
                await #expect(throws: StoreError.self) { _ = try await store.stockPage(after: nil, limit: limit) }
                await #expect(throws: StoreError.self) {
                    _ = try await store.stockChanges(after: .start, limit: limit)
                }
            }
        }
    }

    /// The database refuses any change to a ledger row other than its stamp, and any second stamp.
    @Test(arguments: Backend.all) func theLedgerStaysAppendOnly(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            _ = try await store.receive(
                node: "SEA1", sku: "A1", qty: 1, actor: "t", reason: "r", at: StoreFixtures.morning)
            for sql in [
                "UPDATE ledger SET on_hand_delta = 99", "UPDATE ledger SET seq = seq + 1", "DELETE FROM ledger",
                "UPDATE ledger SET reason = 'other'",
            ] {
                await #expect(throws: (any Error).self, "\(sql)") { try await StoreFixtures.executeRaw(store, sql) }
            }
        }
    }

    /// A movement that inserted its ledger row first but commits last is read after the one that committed
    /// first, so a reader that already passed the other one still sees it (PostgreSQL hands out ids at insert).
    @Test func aLateCommitIsNotSkipped() async throws {
        guard Backend.all.contains(.postgres) else { return }
        try await StoreFixtures.withStore(.postgres) { store, _, _ in
            try await StoreFixtures.executeRaw(store, "CREATE TABLE test_go (one INTEGER)")
            let head = try await store.feedHead()
            let hold = SQL(
                """
                DO $$ BEGIN
                    FOR i IN 1..3000 LOOP
                        EXIT WHEN EXISTS (SELECT 1 FROM test_go);
                        PERFORM pg_sleep(0.01);
                    END LOOP;
                END $$
                """)
            let slowRow = SQLStore<PostgresBackend>.ledgerRow(
                node: "SEA2", sku: "C3", kind: .receipt, onHand: 1, reserved: 0, actor: "t", reason: "slow",
                at: StoreFixtures.morning, order: nil)
            async let slow: Void = StoreFixtures.write(
                store,
                Script<Void>.execute([
                    SQL("UPDATE stock SET on_hand = on_hand + 1 WHERE node = 'SEA2' AND sku = 'C3'"), slowRow, hold,
                ]) { .done(()) })
            var inserted = false
            for _ in 0..<3000 where !inserted {
                // The import wrote ledger rows 1 to 4; the identity moves outside transactions, at the insert.
                let last = try await StoreFixtures.read(
                    store,
                    .query(SQL("SELECT last_value FROM ledger_id_seq")) { .done(try $0.first?.int("last_value")) })
                inserted = (last ?? 0) > 4
                if !inserted { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(inserted, "the slow transaction inserted its ledger row")
            _ = try await store.receive(
                node: "SEA1", sku: "A1", qty: 1, actor: "t", reason: "fast", at: StoreFixtures.morning)
            let early = try await store.stockChanges(after: head, limit: 100)
            #expect(early.skus == ["A1"], "the slow movement is not visible before it commits")
            try await StoreFixtures.executeRaw(store, "INSERT INTO test_go VALUES (1)")
            try await slow
            let late = try await store.stockChanges(after: early.position, limit: 100)
            #expect(late.skus == ["C3"], "read after the position that passed the fast one")
            let ids = try await StoreFixtures.read(
                store,
                .query(SQL("SELECT id, reason FROM ledger WHERE reason IN ('slow', 'fast')")) { rows in
                    .done(Dictionary(uniqueKeysWithValues: try rows.map { (try $0.text("reason"), try $0.int("id")) }))
                })
            #expect((ids["slow"] ?? 0) < (ids["fast"] ?? 0), "the slow movement inserted first")
        }
    }
}
