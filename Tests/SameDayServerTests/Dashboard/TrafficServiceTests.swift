// `sameday serve --traffic N`: the service places about N orders a second through the order path, driven here
// tick by tick (no wall clock).

import Logging
import SameDayCore
import SameDayStore
import Synchronization
import Testing

@testable import SameDayServer

@Suite struct TrafficServiceTests {
    /// `count` ticks of `every`, then the end of the service.
    static func ticks(_ count: Int, every: Duration) -> @Sendable () async throws -> Duration? {
        let left = Mutex(count)
        return {
            left.withLock { left in
                guard left > 0 else { return nil }
                left -= 1
                return every
            }
        }
    }

    static func service(
        _ store: any Store, perSecond: Double, ticks: @escaping @Sendable () async throws -> Duration?
    ) throws -> TrafficService {
        let world = try Harness.world()
        let placer = OrderPlacer(
            world: world, store: store, stock: PromiseStock(store: store, engine: world.engine),
            metrics: ServerMetrics(), upcoming: nil)
        return TrafficService(
            settings: TrafficSettings(ordersPerSecond: perSecond, seed: 5), placer: placer,
            now: { ServerFixtures.morning }, tick: ticks, logger: Logger(label: "test"))
    }

    @Test(arguments: [(3.0, 10, 1000, 30), (0.5, 5, 1000, 2), (4.0, 20, 250, 20)])
    func itPlacesTheOrdersOwedForTheTicksAtTheRate(perSecond: Double, ticks: Int, millis: Int, expected: Int)
        async throws
    {
        try await Harness.withStore { store, _ in
            let service = try Self.service(
                store, perSecond: perSecond, ticks: Self.ticks(ticks, every: .milliseconds(millis)))
            try await service.run()
            let counts = service.counts
            #expect(counts.placed + counts.refused == expected)
            #expect(counts.failed == 0)
            #expect(counts.placed > 0)
            let page = try await store.orders(customer: CustomerID("traffic"), limit: 200, after: nil)
            #expect(page.orders.count == counts.placed)
            // Placed and refused alike are counted in the figures' aggregates, as the order path counts them.
            let kpis = try await store.kpiCounts(
                from: ServerFixtures.morning - 1440, to: ServerFixtures.morning + 1440, overdueAt: nil)
            #expect(kpis.figures.orders == expected)
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test func noTrafficPlacesNothing() async throws {
        try await Harness.withStore { store, _ in
            let service = try Self.service(store, perSecond: 0, ticks: Self.ticks(10, every: .seconds(1)))
            try await service.run()
            #expect(service.counts == TrafficCounts())
        }
    }
}
