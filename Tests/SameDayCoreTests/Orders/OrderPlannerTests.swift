// The one order path: a placed order is the promise's plan with each shipment packed; a refused one says why.

import SameDayTestSupport
import Testing

@testable import SameDayCore

@Suite struct OrderPlannerTests {
    let at = "2026-12-02T09:00:00-08:00"

    func lines(_ pairs: [(String, Int)]) -> [OrderLine] { pairs.map { OrderLine(sku: SKU($0.0), qty: $0.1) } }

    @Test func aPlacedOrderIsThePromisesPlanWithPackedShipments() throws {
        let t = try SimulationFixtures.tiny()
        let planner = OrderPlanner(engine: t.engine, packer: t.packer)
        let order = lines([("A1", 1), ("M1", 2)])
        let instant = try PromiseFixtures.instant(at)
        let promise = try t.engine.promise(zip: "98109", at: instant, lines: order, stock: t.stock)
        guard case .placed(let placed) = try planner.place(zip: "98109", at: instant, lines: order, stock: t.stock)
        else {
            Issue.record("the order was refused")
            return
        }
        #expect(placed.deliverBy == promise.deliverBy)
        #expect(placed.orderBy == promise.orderBy)
        #expect(placed.speed == promise.speed)
        #expect(placed.shipments.map(\.node) == promise.shipments.map(\.node))
        for (s, planned) in zip(placed.shipments, promise.shipments) {
            #expect(s.deliverBy == planned.deliverBy && s.modifiableUntil == planned.pickStartsAt)
            #expect(s.departsAt == planned.departsAt && s.path == planned.path && s.lines == planned.lines)
            #expect(s.containers.reduce(0) { $0 + $1.units } == s.units)
            #expect(s.containers == ShipmentContainers.pack(s.lines, catalog: t.engine.catalog, packer: t.packer))
        }
        #expect(placed.units == 3)
    }

    @Test func reservationsAreOnePerLineAtItsShipmentsNode() throws {
        let t = try SimulationFixtures.tiny()
        let placement = try OrderPlanner(engine: t.engine, packer: nil).place(
            zip: "98109", at: try PromiseFixtures.instant(at), lines: lines([("M1", 2), ("A1", 1)]), stock: t.stock)
        guard case .placed(let placed) = placement else {
            Issue.record("refused")
            return
        }
        #expect(placed.shipments.allSatisfy { $0.containers.isEmpty })
        let expected = placed.shipments.flatMap { s in
            s.lines.map { StockReservation(node: s.node, sku: $0.sku, qty: $0.qty) }
        }
        #expect(placed.reservations == expected)
        #expect(Set(placed.reservations.map(\.sku)) == ["M1", "A1"])
    }

    @Test func theSnapshotAndTheIndexPlaceTheSameOrder() throws {
        let t = try SimulationFixtures.tiny()
        let planner = OrderPlanner(engine: t.engine, packer: t.packer)
        let snapshot = PromiseFixtures.stock([("SEA1", "A1", 5), ("SEA1", "M1", 3), ("SEA-NOW1", "A1", 2)])
        let instant = try PromiseFixtures.instant(at)
        let order = lines([("A1", 2), ("M1", 1)])
        guard case .placed(let a) = try planner.place(zip: "98101", at: instant, lines: order, stock: snapshot),
            case .placed(let b) = try planner.place(zip: "98101", at: instant, lines: order, stock: t.stock)
        else {
            Issue.record("refused")
            return
        }
        #expect(a.shipments == b.shipments)
    }

    @Test func aRefusalIsOutOfStockWhenAnyLineIsElseNotDeliverable() throws {
        let t = try SimulationFixtures.tiny()
        let planner = OrderPlanner(engine: t.engine, packer: t.packer)
        let instant = try PromiseFixtures.instant(at)
        // B7 is stocked nowhere; M1 (chilled) cannot go by carrier to Spokane.
        guard
            case .refused(let both) = try planner.place(
                zip: "99201", at: instant, lines: lines([("M1", 1), ("B7", 1)]), stock: t.stock)
        else {
            Issue.record("placed")
            return
        }
        #expect(both.reason == .outOfStock)
        #expect(both.lines.map(\.reason) == [.notDeliverable, .outOfStock])
        guard
            case .refused(let cold) = try planner.place(
                zip: "99201", at: instant, lines: lines([("M1", 1)]), stock: t.stock)
        else {
            Issue.record("placed")
            return
        }
        #expect(cold.reason == .notDeliverable)
        guard
            case .refused(let many) = try planner.place(
                zip: "98109", at: instant, lines: lines([("A1", 6)]), stock: t.stock)
        else {
            Issue.record("placed")
            return
        }
        #expect(many.reason == .outOfStock)
    }

    @Test func badInputIsThePromisesError() throws {
        let t = try SimulationFixtures.tiny()
        let planner = OrderPlanner(engine: t.engine, packer: t.packer)
        #expect(throws: PromiseError.self) {
            try planner.place(zip: "00000", at: Instant(minutes: 0), lines: lines([("A1", 1)]), stock: t.stock)
        }
        #expect(throws: PromiseError.self) {
            try planner.place(zip: "98109", at: Instant(minutes: 0), lines: lines([("A1", 0)]), stock: t.stock)
        }
    }

    @Test func shipmentsOverTheWholeUnitLimitArePackedLineByLineWithCountsOnly() throws {
        let t = try SimulationFixtures.tiny()
        let big = lines([("A3", ShipmentContainers.wholeUnitLimit), ("B7", 1)])
        let containers = ShipmentContainers.pack(big, catalog: t.engine.catalog, packer: t.packer)
        #expect(containers.reduce(0) { $0 + $1.units } == ShipmentContainers.wholeUnitLimit + 1)
        #expect(containers.allSatisfy { $0.placements.isEmpty })
        let small = ShipmentContainers.pack(lines([("A3", 3), ("B7", 1)]), catalog: t.engine.catalog, packer: t.packer)
        #expect(small.allSatisfy { $0.placements.count == $0.units })
    }

    @Test func repeatedSKUsArePackedAsOneItem() throws {
        let t = try SimulationFixtures.tiny()
        let items = ShipmentContainers.items(lines([("A3", 2), ("B7", 1), ("A3", 1)]), catalog: t.engine.catalog)
        #expect(items.map(\.sku) == ["A3", "B7"])
        #expect(items.map(\.qty) == [3, 1])
    }
}

@Suite struct ShipmentPackingCacheTests {
    @Test func aCachedPackingIsExactlyWhatPackingGives() throws {
        let t = try SimulationFixtures.tiny()
        var cache = ShipmentPackingCache(maxUnits: 4, capacity: 3)
        let shipments: [[OrderLine]] = [
            [OrderLine(sku: "A3", qty: 2)], [OrderLine(sku: "B7", qty: 1), OrderLine(sku: "A3", qty: 1)],
            [OrderLine(sku: "A3", qty: 1), OrderLine(sku: "B7", qty: 1)], [OrderLine(sku: "A3", qty: 2)],
            [OrderLine(sku: "A1", qty: 5)], [OrderLine(sku: "A1", qty: 5)], [OrderLine(sku: "M1", qty: 1)],
            [OrderLine(sku: "M1", qty: 1)],
        ]
        for lines in shipments {
            let direct = ShipmentContainers.pack(lines, catalog: t.engine.catalog, packer: t.packer)
            #expect(cache.containers(for: lines, catalog: t.engine.catalog, packer: t.packer) == direct)
        }
        // Hits: the second [A3×2]. Over 4 units (A1×5) is never kept; M1 arrived when 3 were kept already.
        #expect(cache.hits == 1)
        #expect(cache.lookups == shipments.count)
        #expect(cache.count == 3)
    }
}
