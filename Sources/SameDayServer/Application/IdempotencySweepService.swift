// Removes idempotency records older than their time to live, periodically, so the table does not grow forever.
//
// A record keeps a retried `POST /v1/orders` from placing a second order; clients retry within seconds or
// minutes, so records are kept `AppConfiguration.idempotencyTTL` (24 h by default, `sameday serve
// --idempotency-hours N`) and removed by the first sweep after that (every 10 minutes by default): a retry within
// the time to live answers the first order again, one after its removal places a new order. Every server process
// may sweep; deleting what another already deleted removes nothing.

import Logging
import SameDayCore
import SameDayStore
import ServiceLifecycle

/// A service that calls the store's `purgeIdempotency(before: now() − ttl)` every `interval` until graceful
/// shutdown.
struct IdempotencySweepService: Service {
    let store: any Store
    let now: @Sendable () -> Instant
    /// The records' time to live, in whole minutes (the store's instants are minutes).
    let ttlMinutes: Int
    let interval: Duration
    let logger: Logger

    init(_ configuration: AppConfiguration, store: any Store, interval: Duration, logger: Logger) {
        self.store = store
        self.now = configuration.now
        self.ttlMinutes = Int(configuration.idempotencyTTL.components.seconds / 60)
        self.interval = interval
        self.logger = logger
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await sweep()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// Removes the records made more than the time to live before `now()`; returns how many (nil when the
    /// store failed, which is logged: the next sweep tries again).
    @discardableResult
    func sweep() async -> Int? {
        do {
            let removed = try await store.purgeIdempotency(before: now() - ttlMinutes)
            if removed > 0 { logger.info("idempotency records expired", metadata: ["removed": "\(removed)"]) }
            return removed
        } catch {
            logger.warning("removing expired idempotency records failed: \(error)")
            return nil
        }
    }
}
