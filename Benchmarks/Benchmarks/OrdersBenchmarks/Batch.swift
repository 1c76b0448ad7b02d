// One benchmark iteration: a batch of calls made by concurrent clients, timed as a whole and one by one.

import Benchmark
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `count` calls of a body from `clients` concurrent tasks: each task takes the next call number until
/// none is left, so every client stays busy until the batch's last `clients` calls.
enum Batch {
    struct Result {
        /// Wall time from the first call's start to the last call's end.
        var seconds: Double
        /// Each call's own time, in microseconds.
        var latenciesMicroseconds: [Int]
        /// CPU time this process used during the batch (every thread: the store, its drivers, SQLite itself;
        /// not a PostgreSQL server's), in microseconds.
        var processCPUMicroseconds: Int

        /// This process's CPU time per call, in microseconds.
        var cpuPerCall: Int {
            latenciesMicroseconds.isEmpty ? 0 : processCPUMicroseconds / latenciesMicroseconds.count
        }

        /// Calls per second over the batch.
        var rate: Int { seconds > 0 ? Int((Double(latenciesMicroseconds.count) / seconds).rounded()) : 0 }
    }

    /// - Parameter body: called with the call's number, `first` ..< `first + count`.
    static func run(
        count: Int, first: Int, clients: Int, _ body: @escaping @Sendable (_ n: Int) async throws -> Void
    ) async throws -> Result {
        let next = Counter()
        let clock = ContinuousClock()
        let cpuStart = processCPUMicroseconds()
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
        return Result(
            seconds: Double(Batch.microseconds(elapsed)) / 1e6, latenciesMicroseconds: latencies,
            processCPUMicroseconds: processCPUMicroseconds() - cpuStart)
    }

    /// CPU time used by this process so far (all threads), in microseconds.
    static func processCPUMicroseconds() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Int(t.tv_sec) * 1_000_000 + Int(t.tv_nsec) / 1_000
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

extension Benchmark {
    /// Records a batch: its calls per second as `rate`, this process's CPU per call, and every call's latency.
    func record(_ batch: Batch.Result, as rate: BenchmarkMetric) {
        measurement(rate, batch.rate)
        measurement(cpuPerCall, batch.cpuPerCall)
        for micros in batch.latenciesMicroseconds { measurement(latency, micros) }
    }
}
