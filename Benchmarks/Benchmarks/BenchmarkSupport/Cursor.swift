// What the benchmark targets share.

import Synchronization

/// Which input the next iteration takes, cycling over `count`. A benchmark's closure runs once per sample, so a
/// counter local to it would take the first input every time.
public final class Cursor: Sendable {
    private let next = Mutex(0)
    public let count: Int

    public init(count: Int) { self.count = count }

    public func take() -> Int {
        next.withLock { n in
            defer { n = (n + 1) % count }
            return n
        }
    }
}
