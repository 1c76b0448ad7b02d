// One benchmark iteration: a batch of calls made by concurrent clients, timed as a whole and one by one.

import Synchronization

/// Runs `count` calls of a body from `clients` concurrent tasks: each task takes the next call number until
/// none is left, so every client stays busy until the batch's last `clients` calls.
enum Batch {
    struct Result {
        /// Wall time from the first call's start to the last call's end.
        var seconds: Double
        /// Each call's own time, in microseconds.
        var latenciesMicroseconds: [Int]

        /// Calls per second over the batch.
        var rate: Int { seconds > 0 ? Int((Double(latenciesMicroseconds.count) / seconds).rounded()) : 0 }
    }

    /// - Parameter body: called with the call's number, `first` ..< `first + count`.
    static func run(
        count: Int, first: Int, clients: Int, _ body: @escaping @Sendable (_ n: Int) async throws -> Void
    ) async throws -> Result {
        let next = Counter()
        let clock = ContinuousClock()
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var own: [Int] = []
                    while true {
                        let i = next.take()
                        guard i < count else { return own }
                        let t0 = clock.now
                        try await body(first + i)
                        own.append(Batch.microseconds(clock.now - t0))
                    }
                }
            }
            var all: [Int] = []
            all.reserveCapacity(count)
            for try await part in group { all += part }
            return all
        }
        let elapsed = clock.now - start
        return Result(seconds: Double(Batch.microseconds(elapsed)) / 1e6, latenciesMicroseconds: latencies)
    }

    static func microseconds(_ d: Duration) -> Int {
        Int(d.components.seconds) * 1_000_000 + Int(d.components.attoseconds / 1_000_000_000_000)
    }

    /// The next call number, shared by a batch's tasks.
    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
    }
}
