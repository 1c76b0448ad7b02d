// Live traffic for a demonstration (`sameday serve --traffic N`): about N orders a second drawn from the
// simulator's demand model (`DemandModel.order(at:)`: destinations by population weighted by their local hour,
// SKUs by popularity, lines and quantities from the model's distributions), placed through the same order path as
// `POST /v1/orders` (`OrderPlacer`) under the customer `traffic`. Orders refused for stock are normal.
//
// Pacing: each tick (every 100 ms in production) places the orders owed for the time elapsed since the last at
// the rate, carrying the fraction: evenly paced, N per second on average. The ticks are an input, so a test
// drives the service tick by tick and counts what it placed, without waiting on a wall clock.

import Logging
import SameDayCore
import SameDayStore
import ServiceLifecycle
import Synchronization

/// How the live traffic runs.
public struct TrafficSettings: Sendable {
    /// Orders per second (0: none).
    public var ordersPerSecond: Double
    /// Fixes the demand model's popular SKUs and every draw.
    public var seed: UInt64
    /// The customer the orders are placed for.
    public var customer: CustomerID

    public init(ordersPerSecond: Double, seed: UInt64 = 1, customer: CustomerID = CustomerID("traffic")) {
        self.ordersPerSecond = ordersPerSecond
        self.seed = seed
        self.customer = customer
    }

    /// Whether `ordersPerSecond` can be used: finite, 0 to `maxOrdersPerSecond`.
    public static func isValid(ordersPerSecond: Double) -> Bool {
        ordersPerSecond.isFinite && (0...maxOrdersPerSecond).contains(ordersPerSecond)
    }

    /// The most orders per second the traffic places.
    public static let maxOrdersPerSecond = 10_000.0
}

/// What the traffic has placed so far.
public struct TrafficCounts: Sendable, Equatable {
    public var placed = 0
    public var refused = 0
    public var failed = 0
}

/// Places demand-model orders through the order path, tick by tick.
public final class TrafficService: Service, Sendable {
    let settings: TrafficSettings
    let placer: OrderPlacer
    let now: @Sendable () -> Instant
    /// Waits for the next tick and returns the time elapsed since the previous one; nil ends the service.
    let tick: @Sendable () async throws -> Duration?
    let logger: Logger
    private let state: Mutex<State>

    private struct State {
        var rng: SeededGenerator
        var model: DemandModel?
        var owed = 0.0
        var sequence = 0
        /// Makes this process's idempotency keys its own (a restart with the same seed draws the same orders).
        let nonce = UInt64.random(in: 0...UInt64.max)
        var counts = TrafficCounts()
    }

    init(
        settings: TrafficSettings, placer: OrderPlacer, now: @escaping @Sendable () -> Instant,
        tick: @escaping @Sendable () async throws -> Duration?, logger: Logger
    ) {
        self.settings = settings
        self.placer = placer
        self.now = now
        self.tick = tick
        self.logger = logger
        self.state = Mutex(State(rng: SeededGenerator(seed: settings.seed).stream("traffic")))
    }

    /// Every 100 ms, the time since the previous tick (on the continuous clock).
    static func sleepingTicks(every interval: Duration = .milliseconds(100)) -> @Sendable () async throws -> Duration? {
        let last = Mutex(ContinuousClock.now)
        return {
            try await Task.sleep(for: interval)
            let now = ContinuousClock.now
            return last.withLock { last in
                defer { last = now }
                return last.duration(to: now)
            }
        }
    }

    /// What it has placed so far.
    public var counts: TrafficCounts { state.withLock { $0.counts } }

    public func run() async throws {
        guard settings.ordersPerSecond > 0 else { return }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let elapsed: Duration?
            do {
                elapsed = try await cancelWhenGracefulShutdown { try await self.tick() }
            } catch {
                return
            }
            guard let elapsed else { return }
            try await placeOwed(for: elapsed)
        }
    }

    /// Places the orders owed for `elapsed` at the rate (the fraction carried to the next tick).
    func placeOwed(for elapsed: Duration) async throws {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let due = state.withLock { state -> Int in
            state.owed += settings.ordersPerSecond * seconds
            let n = Int(state.owed.rounded(.down))
            state.owed -= Double(n)
            return n
        }
        if due > 0 { try await ensureModel() }
        for _ in 0..<due { await placeOne() }
    }

    /// The demand model, built once over the stock at the first order (popular SKUs are those stocked deep).
    private func ensureModel() async throws {
        guard state.withLock({ $0.model == nil }) else { return }
        let engine = placer.world.engine
        let stock = engine.makeStockIndex(try await placer.store.stockSnapshot(skus: nil))
        let date = LocalDate(day: Figures.networkClock(engine).localDay(of: now()))
        let model = DemandModel(
            engine: engine, parameters: .forDate(date), seed: settings.seed, stock: stock)
        state.withLock { $0.model = $0.model ?? model }
    }

    private func placeOne() async {
        let at = now()
        let engine = placer.world.engine
        let drawn = state.withLock { state -> (DemandOrder, Int, UInt64)? in
            guard let model = state.model else { return nil }
            state.sequence += 1
            return (model.order(at: at, using: &state.rng), state.sequence, state.nonce)
        }
        guard let (order, sequence, nonce) = drawn else { return }
        let lines = zip(order.skus, order.quantities).map { OrderLine(sku: engine.catalog.sku(at: $0), qty: $1) }
        let request = SameDayStore.OrderRequest(
            customer: settings.customer, zip: engine.zips.zip(at: order.zipIndex), lines: lines,
            idempotencyKey: "traffic-\(nonce)-\(sequence)", at: at)
        do {
            _ = try await placer.place(request)
            state.withLock { $0.counts.placed += 1 }
        } catch StoreError.outOfStock, StoreError.notDeliverable {
            state.withLock { $0.counts.refused += 1 }
        } catch {
            state.withLock { $0.counts.failed += 1 }
            logger.warning("traffic order failed: \(error)")
        }
    }
}
