// The events feed on both backends: written in the transaction of the change (orders, shipments moving, stock
// arriving), paged in commit order, customers reading their own; the readers' cursors; webhook deliveries in event
// order per customer, retried with backoff, given up after the window.

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

extension WatchStoreSuites {
    @Suite(.serialized) struct EventStoreTests {
        static let morning = StoreFixtures.morning

        @Test(arguments: Backend.all) func ordersShipmentsAndStockWriteTheirEvents(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                let kept = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
                let cancelled = try await store.order([OrderLine(sku: "C3", qty: 1)], customer: "c2", engine: engine)
                _ = try await store.cancelOrder(cancelled.id, customer: nil, at: Self.morning, actor: "operator")
                _ = try await store.receive(
                    node: "SEA1", sku: "B7", qty: 2, actor: "op", reason: "truck", at: Self.morning)
                _ = try await store.adjust(
                    node: "SEA1", sku: "B7", delta: -1, actor: "op", reason: "broken", at: Self.morning)
                _ = try await store.adjust(
                    node: "SEA1", sku: "B7", delta: 1, actor: "op", reason: "found", at: Self.morning)
                _ = try await store.advance(to: Self.morning + 3 * 24 * 60)
                let events = try await store.events(after: .start, customer: nil, limit: 100)
                let summary = events.map { "\($0.type.rawValue) \($0.customer?.rawValue ?? "-") \($0.status ?? "")" }
                #expect(
                    summary == [
                        "order-placed c1 ", "order-placed c2 ", "shipment-status c2 cancelled", "stock-received - ",
                        "stock-received - ", "shipment-status c1 picking", "shipment-status c1 shipped",
                        "shipment-status c1 delivered",
                    ], "\(summary)")
                #expect(
                    events.filter { $0.type == .shipmentStatus && $0.customer == "c1" }.allSatisfy {
                        $0.order == kept.id && $0.shipment == kept.shipments.first?.id
                    })
                let positions = events.map(\.position)
                #expect(positions == positions.sorted())
            }
        }

        @Test(arguments: Backend.all) func pagesFollowCommitOrderAndCustomersReadTheirOwn(_ backend: Backend)
            async throws
        {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                for i in 0..<5 {
                    _ = try await store.order(
                        [OrderLine(sku: "A1", qty: 1)], customer: i % 2 == 0 ? "c1" : "c2", engine: engine)
                }
                let first = try await store.eventPage(after: nil, customer: nil, limit: 2)
                #expect(first.events.count == 2)
                let rest = try await store.eventPage(after: first.next, customer: nil, limit: 10)
                #expect(rest.events.count == 3)
                #expect(rest.next == nil)
                let mine = try await store.eventPage(after: nil, customer: "c1", limit: 10)
                #expect(mine.events.count == 3)
                #expect(mine.events.allSatisfy { $0.customer == "c1" })
                // Another customer's event is no cursor for c1.
                let theirs = try #require(try await store.eventPage(after: nil, customer: "c2", limit: 1).events.first)
                await #expect(throws: StoreError.self) {
                    try await store.eventPage(after: theirs.id, customer: "c1", limit: 5)
                }
                await #expect(throws: StoreError.self) {
                    try await store.eventPage(after: nil, customer: nil, limit: 0)
                }
            }
        }

        @Test(arguments: Backend.all) func aCursorOnlyMovesForward(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, _, _ in
                #expect(try await store.feedCursor("w") == nil)
                try await store.saveFeedCursor("w", FeedPosition(seq: 5, id: 9))
                try await store.saveFeedCursor("w", FeedPosition(seq: 4, id: 100))
                #expect(try await store.feedCursor("w") == FeedPosition(seq: 5, id: 9))
                try await store.saveFeedCursor("w", FeedPosition(seq: 5, id: 10))
                #expect(try await store.feedCursor("w") == FeedPosition(seq: 5, id: 10))
                _ = try await store.setPrice(sku: "A1", priceCents: 100, actor: "o", at: Self.morning)
                let head = try await store.feedHead()
                let events = try await store.events(after: .start, customer: nil, limit: 10)
                #expect(events.allSatisfy { $0.position <= head })
            }
        }

        @Test(arguments: Backend.all) func webhookDeliveriesGoInOrderPerCustomerAndRetryWithBackoff(_ backend: Backend)
            async throws
        {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                _ = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)  // before: not delivered
                let hook = try await store.createWebhook(
                    url: "http://127.0.0.1:9/x", secret: "0123456789abcdef", types: [.orderPlaced], at: Self.morning)
                _ = try await store.order([OrderLine(sku: "A1", qty: 1)], customer: "c1", engine: engine)
                _ = try await store.order([OrderLine(sku: "A1", qty: 1)], customer: "c1", engine: engine)
                _ = try await store.order([OrderLine(sku: "A1", qty: 1)], customer: "c2", engine: engine)
                _ = try await store.setPrice(sku: "A1", priceCents: 100, actor: "o", at: Self.morning)  // not its type
                #expect(try await store.enqueueWebhookDeliveries(nowMillis: 1_000, limit: 100) == 3)
                #expect(try await store.enqueueWebhookDeliveries(nowMillis: 1_000, limit: 100) == 0)
                // Heads only: c1's first and c2's; c1's second waits for its first.
                let claimed = try await store.claimWebhookDeliveries(nowMillis: 1_000, leaseMillis: 30_000, limit: 10)
                #expect(claimed.map { $0.event.customer } == ["c1", "c2"])
                #expect(claimed.first?.secret == "0123456789abcdef")
                // Leased: nothing more is handed out meanwhile.
                #expect(
                    try await store.claimWebhookDeliveries(nowMillis: 2_000, leaseMillis: 30_000, limit: 10).isEmpty)
                let retry = WebhookRetry(firstMillis: 1_000, capMillis: 8_000, windowMillis: 60_000)
                let results = claimed.map { delivery in
                    (
                        claimed: delivery,
                        result: DeliveryResult(
                            webhook: hook.id, eventID: delivery.event.id,
                            status: delivery.event.customer == "c2" ? 204 : 500,
                            error: nil)
                    )
                }
                try await store.recordWebhookDeliveries(results, nowMillis: 3_000, retry: retry)
                // c1's head failed: it is retried after 1 s, and c1's second event still waits behind it.
                #expect(
                    try await store.claimWebhookDeliveries(nowMillis: 3_500, leaseMillis: 30_000, limit: 10).isEmpty)
                let again = try await store.claimWebhookDeliveries(nowMillis: 4_000, leaseMillis: 30_000, limit: 10)
                #expect(again.map(\.event.id) == [claimed[0].event.id])
                #expect(again.first?.attempts == 1)
                try await store.recordWebhookDeliveries(
                    [(again[0], DeliveryResult(webhook: hook.id, eventID: again[0].event.id, status: 200, error: nil))],
                    nowMillis: 4_100, retry: retry)
                let next = try await store.claimWebhookDeliveries(nowMillis: 4_200, leaseMillis: 30_000, limit: 10)
                #expect(next.count == 1)
                #expect(next.first?.event.customer == "c1")
                #expect(next.first.map { $0.event.id > claimed[0].event.id } == true)
                let states = try await store.webhookDeliveries(hook.id, limit: 10)
                // Newest first: c2's (delivered), c1's second (pending), c1's first (delivered after a retry).
                #expect(states.map(\.state) == [.delivered, .pending, .delivered])
                #expect(states.last?.attempts == 2, "c1's first: one failure, then delivered")
                #expect(states.last?.lastStatus == 200)
            }
        }

        @Test(arguments: Backend.all) func aDeliveryRefusedForTheWholeWindowIsGivenUp(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                let hook = try await store.createWebhook(
                    url: "http://127.0.0.1:9/", secret: "0123456789abcdef", types: [], at: Self.morning)
                _ = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
                _ = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
                _ = try await store.enqueueWebhookDeliveries(nowMillis: 0, limit: 100)
                let retry = WebhookRetry(firstMillis: 1_000, capMillis: 4_000, windowMillis: 10_000)
                var now = 0
                var attempts = 0
                while now <= 20_000 {
                    let claimed = try await store.claimWebhookDeliveries(nowMillis: now, leaseMillis: 500, limit: 10)
                    if let first = claimed.first {
                        #expect(first.event.type == .orderPlaced)
                        attempts += 1
                        try await store.recordWebhookDeliveries(
                            [
                                (
                                    first,
                                    DeliveryResult(
                                        webhook: hook.id, eventID: first.event.id, status: nil, error: "down")
                                )
                            ],
                            nowMillis: now, retry: retry)
                    }
                    now += 250
                }
                let states = try await store.webhookDeliveries(hook.id, limit: 10)
                // Attempts at 0, 1, 3, 7 (doubling), then every 4 s (the cap) until 10 s have passed: 0 1 3 7 11 s.
                #expect(states.last?.state == .failed)
                #expect(states.last?.attempts == 5, "\(states)")
                #expect(states.last?.lastError == "down")
                // Once the first is given up, the customer's next event goes out.
                #expect(states.first?.attempts ?? 0 > 0)
                #expect(try await store.deleteWebhook(hook.id, at: Self.morning).id == hook.id)
                await #expect(throws: StoreError.self) { try await store.webhookDeliveries(hook.id, limit: 10) }
                #expect(try await store.webhooks().isEmpty)
            }
        }
    }
}
