// Group commit for SQLite: many concurrent write transactions share one COMMIT, and so one fsync.
//
// With `synchronous=FULL` every COMMIT waits for the disk (about 5.7 ms here: 176 commits/s measured with the
// sqlite3 shell), which caps one-transaction-per-order at that rate whatever the CPU does. PostgreSQL groups
// concurrent commits into one WAL flush by itself; SQLite does not, so the store does it: writes that arrive
// while one batch is committing wait, then run together, each inside its own SAVEPOINT (a failing script rolls
// back only itself), and are all answered after the one COMMIT. Each script still sees the writes of those
// before it, exactly as if the transactions had run one after another, and nobody is answered before the
// commit that makes their write durable.

import GRDB
import Synchronization

/// One queued write: runs its script inside the batch's transaction, and is answered after the commit.
final class GroupCommitJob: @unchecked Sendable {
    // `run` and `finish` are called on GRDB's writer only, one after the other; nothing else touches them.
    private let runScript: (Database) -> Bool
    private let answer: (_ commitError: (any Error)?) -> Void

    init(run: @escaping (Database) -> Bool, finish: @escaping (_ commitError: (any Error)?) -> Void) {
        self.runScript = run
        self.answer = finish
    }

    /// Runs the script; false when it threw (its savepoint must be rolled back).
    func run(_ db: Database) -> Bool { runScript(db) }

    /// Answers the caller: the commit's error when the batch failed, else the script's own outcome.
    func finish(_ commitError: (any Error)?) { answer(commitError) }
}

/// Batches concurrent writes into shared transactions on one `DatabasePool`.
final class SQLiteGroupCommit: Sendable {
    /// The most scripts one transaction holds (bounds the latency of the last one).
    static let maximumBatch = 128

    private let pool: DatabasePool
    private let state = Mutex<(pending: [GroupCommitJob], draining: Bool)>(([], false))

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `script` in the next batch and returns its result once the batch is committed.
    func write<R: Sendable>(_ script: Script<R>) async throws -> R {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<R, any Error>) in
            var outcome: Result<R, any Error>?
            let job = GroupCommitJob(
                run: { db in
                    do {
                        outcome = .success(try SQLiteBackend.execute(script, db))
                        return true
                    } catch {
                        outcome = .failure(error)
                        return false
                    }
                },
                finish: { commitError in
                    if let commitError {
                        continuation.resume(throwing: commitError)
                    } else if let outcome {
                        continuation.resume(with: outcome)
                    } else {
                        continuation.resume(throwing: CancellationError())
                    }
                })
            let startDrain = state.withLock { state in
                state.pending.append(job)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain {
                // The drainer lives while there is work and ends when the queue is empty.
                Task { await self.drain() }
            }
        }
    }

    /// Runs `scripts` as consecutive jobs (each its own transaction: its own savepoint, rolled back alone when it
    /// throws), queued together so they run in this order, and returns each one's outcome once its batch is
    /// committed. The watch worker serves triggered watches this way: in order, one transaction each, one fsync
    /// shared by up to `maximumBatch` of them.
    func writeAll<R: Sendable>(_ scripts: [Script<R>]) async -> [Result<R, any Error>] {
        guard !scripts.isEmpty else { return [] }
        return await withCheckedContinuation { (continuation: CheckedContinuation<[Result<R, any Error>], Never>) in
            let results = Mutex<(outcomes: [Result<R, any Error>?], left: Int)>(
                (Array(repeating: nil, count: scripts.count), scripts.count))
            let jobs = scripts.enumerated().map { index, script in
                var outcome: Result<R, any Error>?
                return GroupCommitJob(
                    run: { db in
                        do {
                            outcome = .success(try SQLiteBackend.execute(script, db))
                            return true
                        } catch {
                            outcome = .failure(error)
                            return false
                        }
                    },
                    finish: { commitError in
                        let final: Result<R, any Error> =
                            commitError.map { .failure($0) } ?? outcome ?? .failure(CancellationError())
                        let done = results.withLock { state -> [Result<R, any Error>]? in
                            state.outcomes[index] = final
                            state.left -= 1
                            return state.left == 0 ? state.outcomes.map { $0 ?? .failure(CancellationError()) } : nil
                        }
                        if let done { continuation.resume(returning: done) }
                    })
            }
            let startDrain = state.withLock { state in
                state.pending += jobs
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [GroupCommitJob] in
                let batch = Array(state.pending.prefix(Self.maximumBatch))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                try await pool.writeWithoutTransaction { db in Self.commit(batch, db) }
            } catch {
                for job in batch { job.finish(error) }
            }
        }
    }

    private static func commit(_ batch: [GroupCommitJob], _ db: Database) {
        do {
            // IMMEDIATE: take the write lock at BEGIN, so another process's writer waits instead of failing
            // with SQLITE_BUSY halfway through.
            try db.execute(sql: "BEGIN IMMEDIATE")
            for job in batch {
                try db.execute(sql: "SAVEPOINT job")
                if !job.run(db) { try db.execute(sql: "ROLLBACK TO job") }
                try db.execute(sql: "RELEASE job")
            }
            try db.execute(sql: "COMMIT")
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            for job in batch { job.finish(error) }
            return
        }
        for job in batch { job.finish(nil) }
    }
}
