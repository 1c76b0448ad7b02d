// Advances shipments (placed → picking → shipped → delivered) to the server's clock, periodically.

import Logging
import SameDayCore
import SameDayStore
import ServiceLifecycle

/// A service that calls the store's `advance(to: now())` every `interval` until graceful shutdown.
struct ShipmentClockService: Service {
    let store: any Store
    let now: @Sendable () -> Instant
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let report = try await store.advance(to: now())
                if report.picking + report.shipped + report.delivered > 0 {
                    logger.info(
                        "shipments advanced",
                        metadata: [
                            "picking": "\(report.picking)", "shipped": "\(report.shipped)",
                            "delivered": "\(report.delivered)",
                        ])
                }
                for stuck in report.stuck { logger.error("\(stuck)") }
            } catch {
                logger.warning("advancing shipments failed: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
