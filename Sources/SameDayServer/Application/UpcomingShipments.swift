// Each customer's upcoming shipments as eligibility reads them, kept for a second.
//
// A product or search page asks about eligibility on every view; reading the customer's orders from the database
// each time cost ~200 µs of server CPU a request (docs/performance.md, "Add to delivery"). The shipments change
// only when an order is placed or cancelled (and, by the clock alone, when picking starts — which the rules read
// from the instant, not the status), so they are kept per customer: this process's own orders and cancellations
// drop the customer's entry at once; another process's (or an auto-buy's) show within `ttl`. Like a promise,
// eligibility is advice: the add decides in its own transaction.

import SameDayCore
import SameDayStore
import Synchronization

/// Upcoming shipments per customer, cached for `ttl`.
final class UpcomingShipments: Sendable {
    struct Entry: Sendable {
        var shipments: [JoinableShipment]
        /// The destination clock of each shipment, by id.
        var zones: [String: ZoneTable]
        var loadedAt: ContinuousClock.Instant
    }

    private let entries = Mutex<[CustomerID: Entry]>([:])
    let ttl: Duration
    /// Customers kept at most; past it the cache starts over (a cheap bound, not an LRU).
    let capacity: Int

    init(ttl: Duration = .seconds(1), capacity: Int = 100_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The customer's shipments of orders with an upcoming one, from the cache when younger than `ttl`.
    func shipments(of customer: CustomerID, world: ServerWorld, store: any Store, at: Instant) async throws -> Entry {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[customer] }), now - entry.loadedAt < ttl { return entry }
        let orders = try await store.ordersWithUpcomingShipments(customer: customer, at: at)
        var entry = Entry(shipments: [], zones: [:], loadedAt: now)
        for order in orders {
            let zone = world.zone(of: order.zip)
            for s in order.shipments {
                entry.shipments.append(s.joinable(zip: order.zip))
                entry.zones[s.id.rawValue] = zone
            }
        }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[customer] = entry
        }
        return entry
    }

    /// Drops the customer's entry: called after this process placed or cancelled one of its orders.
    func invalidate(_ customer: CustomerID) {
        _ = entries.withLock { $0.removeValue(forKey: customer) }
    }
}
