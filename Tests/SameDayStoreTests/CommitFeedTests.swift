// Feed tables are read in commit order: a reader that remembers the last sequence number it saw misses no row and
// sees none twice, even when transactions commit in another order than they inserted (PostgreSQL).

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

@Suite(.serialized) struct CommitFeedTests {
    static let table = FeedTable("test_feed")

    static func createTable(_ store: any Store) async throws {
        let dialect = StoreFixtures.dialect(store)
        let id =
            dialect == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        try await StoreFixtures.executeRaw(
            store, "CREATE TABLE test_feed (id \(id), writer INTEGER NOT NULL, \(FeedTable.columns(dialect)))")
        for ddl in FeedTable.indexes("test_feed", dialect) + FeedTable.stampTrigger("test_feed", dialect) {
            try await StoreFixtures.executeRaw(store, ddl)
        }
    }

    /// Inserts `count` rows for `writer` in one transaction; `holdSeconds` keeps it open afterwards (PostgreSQL).
    static func insert(_ store: any Store, writer: Int, count: Int, holdSeconds: Double = 0) async throws {
        var sqls = (0..<count).map { _ in
            SQL.feedInsert(table, "INSERT INTO test_feed (writer) VALUES (?)", [.int(writer)])
        }
        if holdSeconds > 0, StoreFixtures.dialect(store) == .postgres {
            sqls.append(SQL("SELECT pg_sleep(\(holdSeconds))"))
        }
        let script = Script<Void>.execute(sqls) { .done(()) }
        try await StoreFixtures.write(store, script)
    }

    struct FeedRow: Equatable, Sendable {
        var id: Int
        var seq: Int
        var writer: Int
    }

    static func rows(_ store: any Store, after seq: Int) async throws -> [FeedRow] {
        try await StoreFixtures.read(
            store,
            .query(SQL("SELECT id, seq, writer FROM test_feed WHERE seq > ? ORDER BY seq, id", [.int(seq)])) { rows in
                .done(
                    try rows.map { FeedRow(id: try $0.int("id"), seq: try $0.int("seq"), writer: try $0.int("writer")) }
                )
            })
    }

    @Test(arguments: Backend.all) func aTransactionsRowsShareOneNumberAndNumbersFollowCommits(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            try await Self.createTable(store)
            try await Self.insert(store, writer: 1, count: 3)
            try await Self.insert(store, writer: 2, count: 1)
            try await Self.insert(store, writer: 3, count: 2)
            let rows = try await Self.rows(store, after: 0)
            #expect(rows.map(\.writer) == [1, 1, 1, 2, 3, 3])
            let seqs = rows.map(\.seq)
            #expect(seqs[0] == seqs[1] && seqs[1] == seqs[2])
            #expect(seqs[3] == seqs[0] + 1 && seqs[4] == seqs[3] + 1 && seqs[5] == seqs[4])
            #expect(try await Self.rows(store, after: seqs[3]).map(\.writer) == [3, 3])
        }
    }

    /// A transaction that inserted first but commits last gets the later number, so the reader that already read
    /// the other one still finds it.
    @Test func aLateCommitGetsTheLaterNumber() async throws {
        guard Backend.all.contains(.postgres) else { return }
        try await StoreFixtures.withStore(.postgres) { store, _, _ in
            try await Self.createTable(store)
            // The order of events is forced, not timed (a loaded machine stretched a 300 ms head start past the
            // slow transaction's 1 s hold): the slow transaction inserts, then waits for a row in `test_go` that
            // the test writes only after it has read the fast transaction's row.
            try await StoreFixtures.executeRaw(store, "CREATE TABLE test_go (one INTEGER)")
            let hold = SQL(
                """
                DO $$ BEGIN
                    FOR i IN 1..3000 LOOP
                        EXIT WHEN EXISTS (SELECT 1 FROM test_go);
                        PERFORM pg_sleep(0.01);
                    END LOOP;
                END $$
                """)
            async let slow: Void = StoreFixtures.write(
                store,
                Script<Void>.execute([
                    SQL.feedInsert(Self.table, "INSERT INTO test_feed (writer) VALUES (1)"), hold,
                ]) { .done(()) })
            // Identity values are handed out outside transactions: the sequence moves when the slow one inserts.
            var inserted = false
            for _ in 0..<3000 where !inserted {
                inserted = try await StoreFixtures.read(
                    store,
                    .query(SQL("SELECT CASE WHEN is_called THEN 1 ELSE 0 END AS called FROM test_feed_id_seq")) {
                        .done(try $0.first?.int("called") == 1)
                    })
                if !inserted { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(inserted, "the slow transaction inserted")
            try await Self.insert(store, writer: 2, count: 1)
            let early = try await Self.rows(store, after: 0)
            #expect(early.map(\.writer) == [2], "the slow transaction's row is not visible before it commits")
            let cursor = early.last?.seq ?? 0
            try await StoreFixtures.executeRaw(store, "INSERT INTO test_go VALUES (1)")
            try await slow
            let late = try await Self.rows(store, after: cursor)
            #expect(late.map(\.writer) == [1])
            let all = try await Self.rows(store, after: 0)
            let slowRow = try #require(all.first { $0.writer == 1 })
            let fastRow = try #require(all.first { $0.writer == 2 })
            #expect(slowRow.id < fastRow.id, "the slow transaction inserted first")
            #expect(slowRow.seq > fastRow.seq, "and committed last")
        }
    }

    /// Six writers, some holding their transactions open: a reader following the cursor afterwards sees every row
    /// exactly once, and no row stays unstamped.
    @Test(arguments: Backend.all) func readersFollowingTheCursorMissNothing(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            try await Self.createTable(store)
            let written = try await withThrowingTaskGroup(of: Int.self) { group in
                for writer in 1...6 {
                    group.addTask {
                        var rows = 0
                        for i in 0..<25 {
                            let count = 1 + (writer + i) % 3
                            try await Self.insert(
                                store, writer: writer, count: count, holdSeconds: (writer + i) % 4 == 0 ? 0.03 : 0)
                            rows += count
                        }
                        return rows
                    }
                }
                return try await group.reduce(0, +)
            }
            // The reader follows after the burst here, and during one in the next test.
            let seen = try await Self.follow(store, until: written)
            #expect(seen.count == written)
            let unstamped = try await StoreFixtures.read(
                store,
                .query(SQL("SELECT count(*) AS n FROM test_feed WHERE seq IS NULL")) {
                    .done(try $0.first?.int("n") ?? -1)
                })
            #expect(unstamped == 0)
        }
    }

    /// Two readers following the feed while six writers (some holding their transactions open) write: each sees
    /// every row exactly once and never a number below one it has passed.
    @Test(arguments: Backend.all) func readersDuringWritesMissNothing(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            try await Self.createTable(store)
            let total = 6 * 20 * 2
            try await withThrowingTaskGroup(of: [Int].self) { group in
                for writer in 1...6 {
                    group.addTask {
                        for i in 0..<20 {
                            try await Self.insert(
                                store, writer: writer, count: 2, holdSeconds: (writer + i) % 5 == 0 ? 0.02 : 0)
                        }
                        return []
                    }
                }
                for _ in 0..<2 { group.addTask { try await Self.follow(store, until: total) } }
                for try await ids in group where !ids.isEmpty {
                    #expect(ids.count == total, "a reader saw \(ids.count) of \(total) rows")
                    #expect(Set(ids).count == ids.count, "a reader saw a row twice")
                }
            }
        }
    }

    /// Follows the feed by its cursor until `count` rows were seen (or 30 s pass); checks numbers never go back.
    static func follow(_ store: any Store, until count: Int) async throws -> [Int] {
        var cursor = 0
        var ids: [Int] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while ids.count < count, ContinuousClock.now < deadline {
            let rows = try await Self.rows(store, after: cursor)
            for row in rows {
                #expect(row.seq > cursor || row.seq == rows.first?.seq, "sequence went back")
                ids.append(row.id)
            }
            if let last = rows.last { cursor = last.seq }
            if rows.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        }
        return ids
    }
}
