// Watches on both backends: idempotent creation, tenancy, cancel and expiry, and serving — bought exactly once,
// never above target, scarce stock first come first served, notify-only — also under concurrency and with two
// stores on one database.

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

/// The store suites of prices, watches and events, one at a time: each opens up to a pool of PostgreSQL
/// connections, and the server's connection slots are shared with every other test running at once.
@Suite(.serialized) enum WatchStoreSuites {}

extension WatchStoreSuites {
    @Suite(.serialized) struct WatchStoreTests {
        static let morning = StoreFixtures.morning

        static func isBought(_ outcome: WatchOutcome) -> Bool {
            guard case .bought = outcome else { return false }
            return true
        }

        static func isError(_ outcome: WatchOutcome) -> Bool {
            guard case .error = outcome else { return false }
            return true
        }

        static func request(
            _ key: String, customer: CustomerID = "c1", sku: SKU = "A1", target: Int = 3500, qty: Int = 1,
            autoBuy: Bool = true, expiresAt: Instant? = nil, at: Instant = morning
        ) -> WatchRequest {
            WatchRequest(
                customer: customer, sku: sku, targetPriceCents: target, qty: qty, zip: "98109", autoBuy: autoBuy,
                expiresAt: expiresAt, idempotencyKey: key, at: at)
        }

        @Test(arguments: Backend.all) func creatingAWatchIsIdempotentAndNumberedInOrder(_ backend: Backend) async throws
        {
            try await StoreFixtures.withStore(backend) { store, _, _ in
                let first = try await store.createWatch(Self.request("k1"))
                #expect(!first.replayed)
                #expect(first.watch.id == WatchID(number: 1))
                #expect(first.watch.storedStatus == .active)
                let again = try await store.createWatch(Self.request("k1"))
                #expect(again.replayed)
                #expect(again.watch == first.watch)
                await #expect(throws: StoreError.self) { try await store.createWatch(Self.request("k1", target: 3000)) }
                let other = try await store.createWatch(Self.request("k1", customer: "c2"))
                #expect(other.watch.id == WatchID(number: 2), "keys are scoped to the customer")
                #expect(WatchID(number: 2).rawValue == "w_000000000002")
                #expect(WatchID("w_000000000002").number == 2)
                #expect(WatchID("w_x").number == nil)
                let created = try await store.events(after: .start, customer: nil, limit: 10)
                #expect(created.map(\.type) == [.watchCreated, .watchCreated])
                #expect(created.map(\.targetCents) == [3500, 3500])
            }
        }

        @Test(arguments: Backend.all) func badWatchesAreRefused(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, _, _ in
                for bad in [
                    Self.request("a", target: 0), Self.request("b", target: 100_000_001), Self.request("c", qty: 0),
                    Self.request("d", qty: Limits.maxQuantity + 1), Self.request("", target: 5),
                    Self.request("e", expiresAt: Self.morning), Self.request("f", customer: "bad id"),
                ] {
                    await #expect(throws: StoreError.self, "\(bad)") { try await store.createWatch(bad) }
                }
                await #expect(throws: StoreError.unknownSKU("ZZ")) {
                    try await store.createWatch(Self.request("g", sku: "ZZ"))
                }
                let page = try await store.watches(customer: nil, status: nil, at: Self.morning, limit: 10, after: nil)
                #expect(page.watches.isEmpty)
            }
        }

        @Test(arguments: Backend.all) func aCustomerSeesAndCancelsOnlyItsOwnWatches(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, _, _ in
                let mine = try await store.createWatch(Self.request("k")).watch
                await #expect(throws: StoreError.self) { try await store.watch(mine.id, customer: "c2") }
                await #expect(throws: StoreError.self) {
                    try await store.cancelWatch(mine.id, customer: "c2", at: Self.morning)
                }
                #expect(
                    try await store.watches(customer: "c2", status: nil, at: Self.morning, limit: 10, after: nil)
                        .watches.isEmpty)
                let cancelled = try await store.cancelWatch(mine.id, customer: "c1", at: Self.morning + 1)
                #expect(cancelled.storedStatus == .cancelled)
                #expect(try await store.cancelWatch(mine.id, customer: nil, at: Self.morning + 2) == cancelled)
                #expect(try await store.watch(mine.id, customer: "c1").storedStatus == .cancelled)
                let page = try await store.watches(
                    customer: "c1", status: .cancelled, at: Self.morning, limit: 10, after: nil)
                #expect(page.watches.map(\.id) == [mine.id])
            }
        }

        @Test(arguments: Backend.all) func listsPageNewestFirst(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, _, _ in
                for i in 0..<5 { _ = try await store.createWatch(Self.request("k\(i)")) }
                let first = try await store.watches(
                    customer: "c1", status: .active, at: Self.morning, limit: 2, after: nil)
                #expect(first.watches.map(\.id) == [WatchID(number: 5), WatchID(number: 4)])
                let second = try await store.watches(
                    customer: "c1", status: .active, at: Self.morning, limit: 2, after: first.next)
                #expect(second.watches.map(\.id) == [WatchID(number: 3), WatchID(number: 2)])
                let last = try await store.watches(
                    customer: "c1", status: .active, at: Self.morning, limit: 2, after: second.next)
                #expect(last.watches.map(\.id) == [WatchID(number: 1)])
                #expect(last.next == nil)
            }
        }

        @Test(arguments: Backend.all) func aWatchBuysOnceAtOrBelowItsTarget(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                let watch = try await store.createWatch(Self.request("k", target: 3500, qty: 2)).watch
                // At 3999 it is above target: nothing happens, nothing is recorded.
                let above = await store.serveWatches([watch.id], at: Self.morning, engine: engine, packer: nil)
                #expect(above == [.priceAboveTarget(3999)])
                #expect(try await store.watch(watch.id, customer: nil).lastAttempt == nil)
                _ = try await store.setPrice(sku: "A1", priceCents: 3500, actor: "operator", at: Self.morning)
                let outcomes = await store.serveWatches(
                    [watch.id, watch.id], at: Self.morning + 1, engine: engine, packer: StoreFixtures.packer)
                guard case .bought(let orderID) = outcomes.first else {
                    Issue.record("not bought: \(outcomes)")
                    return
                }
                #expect(outcomes.last == .notActive(.bought), "served twice, bought once")
                let bought = try await store.watch(watch.id, customer: "c1")
                #expect(bought.storedStatus == .bought)
                #expect(bought.orderID == orderID)
                let order = try await store.order(orderID, customer: "c1")
                #expect(order.lines == [OrderLine(sku: "A1", qty: 2)])
                #expect(order.shipments.first?.linePriceCents == [3500])
                #expect(order.totalCents == 7000)
                let types = try await store.events(after: .start, customer: "c1", limit: 10).map(\.type)
                #expect(types == [.watchCreated, .orderPlaced, .watchBought])
                await #expect(throws: StoreError.self) {
                    try await store.cancelWatch(watch.id, customer: nil, at: Self.morning)
                }
                #expect(try await store.checkInvariants() == [])
            }
        }

        @Test(arguments: Backend.all) func anOrderThatCannotBePlacedLeavesTheWatchActiveWithItsAttempt(
            _ backend: Backend
        )
            async throws
        {
            let inventory = "node,sku,available\nSEA1,A1,0\n"
            try await StoreFixtures.withStore(backend, inventory: inventory) { store, engine, _ in
                let watch = try await store.createWatch(Self.request("k", target: 5000)).watch
                let failed = await store.serveWatches([watch.id], at: Self.morning + 5, engine: engine, packer: nil)
                guard case .failed(let reason) = failed.first else {
                    Issue.record("expected a failed attempt: \(failed)")
                    return
                }
                #expect(reason.hasPrefix("out-of-stock: "))
                let active = try await store.watch(watch.id, customer: nil)
                #expect(active.storedStatus == .active)
                #expect(active.lastAttempt == WatchAttempt(at: Self.morning + 5, reason: reason))
                // The key the failed attempt claimed was given back: the next trigger buys.
                _ = try await store.receive(
                    node: "SEA1", sku: "A1", qty: 1, actor: "op", reason: "truck", at: Self.morning)
                let bought = await store.serveWatches([watch.id], at: Self.morning + 6, engine: engine, packer: nil)
                guard case .bought = bought.first else {
                    Issue.record("expected a buy after the receipt: \(bought)")
                    return
                }
                let types = try await store.events(after: .start, customer: nil, limit: 20).map(\.type)
                #expect(types == [.watchCreated, .watchAttemptFailed, .stockReceived, .orderPlaced, .watchBought])
                #expect(try await store.checkInvariants() == [])
            }
        }

        @Test(arguments: Backend.all) func aNotifyOnlyWatchIsNotifiedAndBuysNothing(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                let watch = try await store.createWatch(Self.request("k", target: 4000, autoBuy: false)).watch
                #expect(
                    await store.serveWatches([watch.id], at: Self.morning, engine: engine, packer: nil) == [.notified])
                #expect(try await store.watch(watch.id, customer: nil).storedStatus == .notified)
                #expect(try await store.orders(customer: "c1", limit: 10, after: nil).orders.isEmpty)
                let triggered = try await store.events(after: .start, customer: "c1", limit: 10).last
                #expect(triggered?.type == .watchTriggered)
                #expect(triggered?.priceCents == 3999)
                await #expect(throws: StoreError.self) {
                    try await store.cancelWatch(watch.id, customer: nil, at: Self.morning)
                }
            }
        }

        @Test(arguments: Backend.all) func anExpiredWatchNeitherTriggersNorCancels(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                let soon = try await store.createWatch(Self.request("a", target: 5000, expiresAt: Self.morning + 10))
                    .watch
                let later = try await store.createWatch(Self.request("b", target: 5000, expiresAt: Self.morning + 20))
                    .watch
                // One minute before its expiry a watch is active; at it, expired.
                #expect(soon.status(at: Self.morning + 9) == .active)
                #expect(soon.status(at: Self.morning + 10) == .expired)
                let page = try await store.watches(
                    customer: "c1", status: .expired, at: Self.morning + 10, limit: 5, after: nil)
                #expect(page.watches.map(\.id) == [soon.id])
                #expect(try await store.expireWatches(at: Self.morning + 10) == 1)
                #expect(try await store.expireWatches(at: Self.morning + 10) == 0)
                #expect(try await store.watch(soon.id, customer: nil).storedStatus == .expired)
                // Not yet swept, but past its expiry: serving records the expiry instead of buying.
                let served = await store.serveWatches([later.id], at: Self.morning + 20, engine: engine, packer: nil)
                #expect(served == [.notActive(.expired)])
                await #expect(throws: StoreError.self) {
                    try await store.cancelWatch(soon.id, customer: nil, at: Self.morning)
                }
                let types = try await store.events(after: .start, customer: nil, limit: 10).map(\.type)
                #expect(types == [.watchCreated, .watchCreated, .watchExpired, .watchExpired])
            }
        }

        @Test(arguments: Backend.all) func scarceStockGoesToTheEarliestWatchersFirst(_ backend: Backend) async throws {
            let inventory = "node,sku,available\nSEA1,A1,3\n"
            try await StoreFixtures.withStore(backend, inventory: inventory) { store, engine, _ in
                var ids: [WatchID] = []
                for i in 0..<5 {
                    let customer = CustomerID("c\(i)")
                    ids.append(
                        try await store.createWatch(Self.request("k", customer: customer, target: 5000)).watch.id)
                }
                let outcomes = await store.serveWatches(ids, at: Self.morning, engine: engine, packer: nil)
                #expect(outcomes.prefix(3).allSatisfy { Self.isBought($0) }, "\(outcomes)")
                #expect(outcomes.suffix(2).allSatisfy { if case .failed = $0 { true } else { false } }, "\(outcomes)")
                #expect(
                    try await store.level("SEA1", "A1") == StockLevel(node: "SEA1", sku: "A1", onHand: 3, reserved: 3))
                #expect(try await store.checkInvariants() == [])
            }
        }

        /// Price changes race the buys of 40 watches: every buy that happens is at or below its target, each watch has
        /// at most one order, and the database stays consistent.
        @Test(arguments: Backend.all) func racingPriceChangesNeverBuyAboveTarget(_ backend: Backend) async throws {
            let inventory = "node,sku,available\nSEA1,A1,1000\n"
            try await StoreFixtures.withStore(backend, inventory: inventory) { store, engine, _ in
                var ids: [WatchID] = []
                for i in 0..<40 {
                    let target = 3000 + (i % 4) * 100
                    ids.append(
                        try await store.createWatch(
                            Self.request("k\(i)", customer: CustomerID("c\(i)"), target: target)
                        )
                        .watch.id)
                }
                let prices = [2900, 3400, 3100, 3999, 3000, 3250, 2950, 3300]
                let watches = ids
                let outcomes = await withTaskGroup(of: [WatchOutcome].self) { group in
                    group.addTask {
                        for (i, cents) in prices.enumerated() {
                            _ = try? await store.setPrice(
                                sku: "A1", priceCents: cents, actor: "op", at: Self.morning + i)
                        }
                        return []
                    }
                    for chunk in stride(from: 0, to: ids.count, by: 10) {
                        group.addTask {
                            var all: [WatchOutcome] = []
                            for _ in 0..<3 {
                                all += await store.serveWatches(
                                    Array(watches[chunk..<chunk + 10]), at: Self.morning + 9, engine: engine,
                                    packer: nil)
                            }
                            return all
                        }
                    }
                    return await group.reduce(into: []) { $0 += $1 }
                }
                #expect(!outcomes.contains { Self.isError($0) }, "\(outcomes)")
                let bought = outcomes.reduce(0) { $0 + (Self.isBought($1) ? 1 : 0) }
                let recorded = try await store.watchCounts()[.bought] ?? 0
                #expect(bought == recorded, "each buy recorded once: \(outcomes)")
                #expect(try await store.checkInvariants() == [], "no line above its target, one order per watch")
            }
        }

        /// Two stores on one database (two server processes) serve the same 30 watches at once: each is bought once.
        @Test(arguments: Backend.all) func twoStoresServingTheSameWatchesBuyEachOnce(_ backend: Backend) async throws {
            let inventory = "node,sku,available\nSEA1,A1,1000\n"
            try await StoreFixtures.withStore(backend, inventory: inventory) { store, engine, location in
                var ids: [WatchID] = []
                for i in 0..<30 {
                    ids.append(try await store.createWatch(Self.request("k\(i)", target: 5000)).watch.id)
                }
                let watches = ids
                let second = try await StoreLocation.withStore(location) { other in
                    async let a = store.serveWatches(watches, at: Self.morning, engine: engine, packer: nil)
                    async let b = other.serveWatches(watches.reversed(), at: Self.morning, engine: engine, packer: nil)
                    return (await a, await b)
                }
                let all = second.0 + second.1
                let bought = all.reduce(0) { $0 + (Self.isBought($1) ? 1 : 0) }
                let skipped = all.filter { $0 == .notActive(.bought) }.count
                #expect(bought == 30, "\(all)")
                #expect(skipped == 30)
                #expect(try await store.orders(customer: "c1", limit: 200, after: nil).orders.count == 30)
                #expect(try await store.checkInvariants() == [])
            }
        }
    }
}
