// The watch worker driven step by step: it resumes from the database's cursor after a crash, a replayed batch buys
// nothing twice, one drop buys hundreds of watches once each, and a price that rises again before the buy buys
// nothing.

import Foundation
import Logging
import SameDayCore
import SameDayStore
import Testing

@testable import SameDayServer

@Suite struct WatchWorkerTests {
    static let morning = ServerFixtures.morning

    static func worker(_ store: any Store, _ world: ServerWorld, metrics: ServerMetrics = ServerMetrics())
        -> WatchWorker
    {
        WatchWorker(
            store: store, world: world, metrics: metrics, doorbell: Doorbell(), now: { Self.morning + 5 },
            settings: WatchWorkerSettings(), logger: Logger(label: "test"))
    }

    static func watch(_ store: any Store, _ n: Int, target: Int, sku: SKU = "A1", customer: CustomerID? = nil)
        async throws -> WatchID
    {
        try await store.createWatch(
            WatchRequest(
                customer: customer ?? CustomerID("c\(n % 7)"), sku: sku, targetPriceCents: target, qty: 1,
                zip: "98109", autoBuy: true, expiresAt: nil, idempotencyKey: "k\(n)", at: Self.morning)
        ).watch.id
    }

    /// Runs the worker until it has read the whole feed.
    static func drain(_ worker: WatchWorker, _ state: inout WatchWorkerState) async throws {
        while try await worker.step(&state) {}
    }

    /// ServiceLifecycle names services by interpolating them; the worker holds the world, whose catalog must not
    /// be written out item by item at every start (ten million SKUs took two minutes).
    @Test func theWorkerNamesItselfWithoutDescribingTheWorld() async throws {
        let world = try Harness.world()
        try await Harness.withStore { store, _ in
            #expect("\(Self.worker(store, world))" == "WatchWorker")
        }
    }

    @Test func aCrashedWorkerResumesFromTheDatabaseAndBuysEachWatchOnce() async throws {
        let world = try Harness.world()
        try await Harness.withStore { store, _ in
            var ids: [WatchID] = []
            for n in 0..<20 { ids.append(try await Self.watch(store, n, target: 1000 + n)) }
            _ = try await store.setPrice(sku: "A1", priceCents: 1000, actor: "op", at: Self.morning)
            // A first worker served half of them, then died before recording its position.
            let worker = Self.worker(store, world)
            var state = try await worker.load()
            #expect(state.index.count == 20)
            _ = await store.serveWatches(Array(ids.prefix(10)), at: Self.morning, engine: world.engine, packer: nil)
            // The restarted worker reads the same events again: the rest are bought, none twice.
            state = try await worker.load()
            #expect(state.index.count == 10, "bought watches are not loaded")
            try await Self.drain(worker, &state)
            #expect(state.index.count == 0)
            #expect(try await store.feedCursor(WatchWorker.cursorName) == state.position)
            let counts = try await store.watchCounts()
            #expect(counts[.bought] == 20)
            // A third start from the saved position finds nothing to do.
            var again = try await worker.load()
            #expect(try await worker.step(&again) == false)
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test func oneDropBuysEveryWatchItTriggersOnce() async throws {
        let world = try Harness.world()
        try await Harness.withStore { store, _ in
            // 105 units of A1 reach 98109 (SEA1 100, SEA-NOW1 5): 200 more so that all 300 can be bought.
            _ = try await store.receive(node: "SEA1", sku: "A1", qty: 200, actor: "op", reason: "r", at: Self.morning)
            for n in 0..<300 { _ = try await Self.watch(store, n, target: 1200) }
            for n in 300..<310 { _ = try await Self.watch(store, n, target: 1100) }
            let metrics = ServerMetrics()
            let worker = Self.worker(store, world, metrics: metrics)
            var state = try await worker.load()
            try await Self.drain(worker, &state)
            #expect(try await store.watchCounts()[.bought] == nil, "1299 is above every target")
            _ = try await store.setPrice(sku: "A1", priceCents: 1200, actor: "op", at: Self.morning)
            try await Self.drain(worker, &state)
            #expect(try await store.watchCounts() == [.bought: 300, .active: 10])
            #expect(state.index.count == 10)
            #expect(state.index.triggeredCount(sku: 0, atPrice: 1200) == 0)
            #expect(metrics.render().contains("sameday_watch_buys_total 300\n"))
            #expect(try await store.checkInvariants() == [])
        }
    }

    /// The drop and the rise are read in one batch: the watches it triggered are served after it, at the risen
    /// price, and nothing is bought. Then a drop alone buys.
    @Test func aPriceThatRisesAgainBeforeTheBuyBuysNothing() async throws {
        let world = try Harness.world()
        try await Harness.withStore { store, _ in
            let id = try await Self.watch(store, 1, target: 1000)
            let worker = Self.worker(store, world)
            var state = try await worker.load()
            _ = try await store.setPrice(sku: "A1", priceCents: 900, actor: "op", at: Self.morning)
            _ = try await store.setPrice(sku: "A1", priceCents: 1100, actor: "op", at: Self.morning + 1)
            try await Self.drain(worker, &state)
            #expect(try await store.watch(id, customer: nil).storedStatus == .active)
            // The store refuses above target even when asked directly (a stale trigger).
            #expect(
                await store.serveWatches([id], at: Self.morning, engine: world.engine, packer: nil)
                    == [.priceAboveTarget(1100)])
            _ = try await store.setPrice(sku: "A1", priceCents: 1000, actor: "op", at: Self.morning + 2)
            try await Self.drain(worker, &state)
            #expect(try await store.watch(id, customer: nil).storedStatus == .bought)
        }
    }

    /// Watches on two SKUs: a change of one SKU's price touches only its watches; stock received re-tries the
    /// watches that failed, first come first served.
    @Test func receiptsRetryFailedWatchesInCreationOrder() async throws {
        let world = try Harness.world()
        try await Harness.withStore { store, _ in
            // LAST: 10 units at SEA1. Five watches of 3 units each: three fit, then one more after a receipt of 3.
            var ids: [WatchID] = []
            for n in 0..<5 {
                ids.append(
                    try await store.createWatch(
                        WatchRequest(
                            customer: "c1", sku: "LAST", targetPriceCents: 999, qty: 3, zip: "98109", autoBuy: true,
                            expiresAt: nil, idempotencyKey: "k\(n)", at: Self.morning)
                    ).watch.id)
            }
            let other = try await Self.watch(store, 99, target: 5000, sku: "B7")
            let worker = Self.worker(store, world)
            var state = try await worker.load()
            try await Self.drain(worker, &state)
            var statuses = try await ids.asyncMap { try await store.watch($0, customer: nil).storedStatus }
            #expect(statuses == [.bought, .bought, .bought, .active, .active])
            #expect(try await store.watch(ids[3], customer: nil).lastAttempt != nil)
            #expect(try await store.watch(other, customer: nil).storedStatus == .bought, "B7 at 249 ≤ 5000")
            _ = try await store.receive(node: "SEA1", sku: "LAST", qty: 3, actor: "op", reason: "r", at: Self.morning)
            try await Self.drain(worker, &state)
            statuses = try await ids.asyncMap { try await store.watch($0, customer: nil).storedStatus }
            #expect(statuses == [.bought, .bought, .bought, .bought, .active])
            #expect(try await store.checkInvariants() == [])
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
