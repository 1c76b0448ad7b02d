// The figures' aggregates: kept in the order, clock and cancel transactions, they equal a recount of the raw
// tables (plus the refused orders, which leave no row); the backfill counts orders stored before them once.

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

@Suite(.serialized) struct KPIStoreTests {
    /// What a seeded mix of orders did, beside the store.
    struct Mix {
        var refused = FigureCounts()
        var placed = 0
        var cancelled = 0
    }

    /// Places, refuses, cancels and advances at random (seeded), over about two days.
    static func runMix(_ store: any Store, engine: PromiseEngine, seed: UInt64) async throws -> Mix {
        var rng = SeededGenerator(seed: seed)
        let clock = Figures.networkClock(engine)
        var mix = Mix()
        var now = StoreFixtures.morning
        var open: [OrderID] = []
        let skus: [SKU] = ["A1", "B7", "C3"]
        let zips: [ZIP] = ["98109", "98101", "98109", "10001"]
        for _ in 0..<40 {
            switch rng.int(in: 0...9) {
            case 0...5:
                var lines: [OrderLine] = []
                for sku in skus where rng.int(in: 0...2) == 0 || lines.isEmpty && sku == "C3" {
                    lines.append(OrderLine(sku: sku, qty: rng.int(in: 1...4)))
                }
                let zip = zips[rng.int(in: 0...(zips.count - 1))]
                do {
                    let order = try await store.order(lines, zip: zip, at: now, engine: engine)
                    open.append(order.id)
                    mix.placed += 1
                } catch let error as StoreError {
                    let reason: UnavailableReason
                    switch error {
                    case .outOfStock: reason = .outOfStock
                    case .notDeliverable: reason = .notDeliverable
                    default: throw error
                    }
                    mix.refused.add(
                        OrderFacts(
                            hour: Figures.hourStart(of: now, on: clock), outcome: .unavailable(reason),
                            requestedUnits: lines.reduce(0) { $0 + $1.qty }, shipments: []))
                }
            case 6:
                guard let id = open.popLast() else { continue }
                do {
                    _ = try await store.cancelOrder(id, customer: nil, at: now, actor: "test")
                    mix.cancelled += 1
                } catch StoreError.tooLate {}
            case 7:
                // A long jump: whatever is due leaves late.
                now = now + rng.int(in: 300...900)
                _ = try await store.advance(to: now)
            default:
                now = now + rng.int(in: 5...120)
                _ = try await store.advance(to: now)
            }
        }
        return mix
    }

    static let always = (from: Instant(minutes: 0), to: Instant(minutes: Int(Int32.max)))

    @Test(arguments: Backend.all, [UInt64(1), 7, 42])
    func aggregatesEqualARecountAfterPlacedRefusedAdvancedAndCancelledOrders(_ backend: Backend, seed: UInt64)
        async throws
    {
        try await StoreFixtures.withStore(backend, inventory: Self.deepInventory) { store, engine, _ in
            let mix = try await Self.runMix(store, engine: engine, seed: seed)
            let kept = try await store.kpiCounts(from: Self.always.from, to: Self.always.to, overdueAt: nil)
            let recount = try await store.recountKPICounts(engine: engine)
            #expect(mix.placed > 0, "seed \(seed)")
            #expect(kept.figures == recount.figures + mix.refused, "seed \(seed)")
            #expect(kept.cancelledOrders == recount.cancelledOrders && kept.cancelledOrders == mix.cancelled)
            #expect(kept.shipmentsByStatus == recount.shipmentsByStatus, "seed \(seed)")
            #expect(kept.figures.orders == mix.placed + mix.refused.orders)
            #expect(kept.figures.shipments == kept.shipmentsByStatus.values.reduce(0, +))
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func aShipmentLeavingAfterItsDeliverByIsDeliveredLate(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let onTime = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
            _ = try await store.advance(to: onTime.shipments[0].departsAt)
            _ = try await store.advance(to: onTime.shipments[0].deliverBy)
            let late = try await store.order(
                [OrderLine(sku: "C3", qty: 1)], at: StoreFixtures.morning + 1, engine: engine)
            // The clock stops until two days later: the second shipment leaves after its deliverBy.
            let overdueAt = late.shipments[0].deliverBy + 60
            let before = try await store.kpiCounts(from: Self.always.from, to: Self.always.to, overdueAt: overdueAt)
            #expect(before.figures.overdue == 1)
            #expect(before.figures.deliveredOnTime == 1)
            _ = try await store.advance(to: late.shipments[0].deliverBy + 2 * 1440)
            let counts = try await store.kpiCounts(from: Self.always.from, to: Self.always.to, overdueAt: overdueAt)
            #expect(counts.figures.delivered == 2)
            #expect(counts.figures.deliveredOnTime == 1)
            #expect(counts.figures.deliveredLate == 1)
            #expect(counts.figures.overdue == 0)
            #expect(counts.figures.nodes[late.shipments[0].node]?.deliveredLate == 1)
            #expect(counts.shipmentsByStatus[.delivered] == 2)
            #expect(Figures(counts: counts.figures, clock: Figures.networkClock(engine)).promisesKept == 0.5)
        }
    }

    @Test(arguments: Backend.all) func theBackfillCountsOrdersStoredBeforeTheAggregatesOnce(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend, inventory: Self.deepInventory) { store, engine, _ in
            _ = try await Self.runMix(store, engine: engine, seed: 3)
            let recount = try await store.recountKPICounts(engine: engine)
            #expect(recount.figures.orders > 0)
            // The database as it was before migration v9 filled the aggregates.
            for sql in [
                "DELETE FROM kpi_counts", "DELETE FROM kpi_sku_units", "UPDATE shipments SET kpi_hour = NULL",
                "UPDATE settings SET value = 'due' WHERE key = 'kpi_backfill'",
            ] {
                try await StoreFixtures.executeRaw(store, sql)
            }
            #expect(
                try await store.kpiCounts(from: Self.always.from, to: Self.always.to, overdueAt: nil) == KPICounts())
            #expect(try await store.backfillKPICounts(engine: engine))
            #expect(try await store.backfillKPICounts(engine: engine) == false)
            let kept = try await store.kpiCounts(from: Self.always.from, to: Self.always.to, overdueAt: nil)
            #expect(kept == recount)
            // The orders placed after the backfill count once, in the rows the backfill wrote.
            _ = try await store.order([OrderLine(sku: "C3", qty: 1)], engine: engine)
            let after = try await store.kpiCounts(from: Self.always.from, to: Self.always.to, overdueAt: nil)
            #expect(after.figures.orders == kept.figures.orders + 1)
            #expect(after == (try await store.recountKPICounts(engine: engine)))
        }
    }

    @Test(arguments: Backend.all) func stockoutsAtRiskAndANodesOpenShipments(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            // SEA2 holds the only 3 units of A1 once SEA1's 10 are sold.
            let first = try await store.order([OrderLine(sku: "A1", qty: 10)], engine: engine)
            let second = try await store.order(
                [OrderLine(sku: "C3", qty: 2)], at: StoreFixtures.morning + 5, engine: engine)
            let day = LocalDate(day: Figures.networkClock(engine).localDay(of: StoreFixtures.morning))
            #expect(try await store.stockouts(day: day, topSKUs: 20) == [Stockout(node: "SEA1", sku: "A1")])
            #expect(try await store.stockouts(day: LocalDate(day: day.day + 1), topSKUs: 20) == [])

            let open = try await store.openShipments(node: "SEA1", limit: 50)
            #expect(open.map(\.id) == first.shipments.map(\.id))
            #expect(open.first?.units == 10)
            #expect(try await store.openShipments(node: "SEA2", limit: 50).map(\.order) == [second.id])
            #expect(try await store.openShipments(node: "SEA2", limit: 1).count == 1)

            let deliverBy = first.shipments[0].deliverBy
            let processing: [NodeID: Int] = ["SEA1": 120, "SEA2": 120]
            #expect(
                try await store.shipmentsAtRisk(now: deliverBy - 121, processingMinutes: processing, limit: 50) == [])
            let risky = try await store.shipmentsAtRisk(now: deliverBy - 119, processingMinutes: processing, limit: 50)
            #expect(risky.map(\.id).contains(first.shipments[0].id))
            #expect(
                try await store.shipmentsAtRisk(now: deliverBy - 119, processingMinutes: processing, limit: 1).count
                    == 1)
        }
    }

    /// Enough stock that most orders of a mix are placed, some refused.
    static let deepInventory = """
        node,sku,available
        SEA1,A1,40
        SEA1,B7,15
        SEA2,A1,10
        SEA2,C3,60

        """
}
