// The flow under capacity, hand-checked on the tiny network. An order of M1 (chilled, only at SEA1) at 09:00 to
// Seattle: released to picking at 11:00 (13:00 departure − 120 min processing), the 13:00 lane, 14:00 at DSE2,
// sorted by 14:30, the 16:00 wave, delivered 21:00. One unit of A1 from the now-site: delivered 09:30.

import SameDayTestSupport
import Testing

@testable import SameDayCore

@Suite struct FlowModelTests {
    func instant(_ text: String) throws -> Int { try PromiseFixtures.instant(text).minutes }

    /// Places the orders (all at `at`) on the tiny network and runs the flow under `plan`.
    func flow(
        _ orders: [(zip: String, sku: String, qty: Int)], at: String = "2026-12-02T09:00:00-08:00", plan: CapacityPlan
    )
        throws -> SimulatedDay
    {
        let t = try SimulationFixtures.tiny()
        var placer = Placer(engine: t.engine, packer: t.packer)
        var ledger = StockLedger(t.stock)
        var day = SimulatedDay()
        let when = try PromiseFixtures.instant(at)
        for o in orders {
            let zip = try #require(t.engine.zips.index(of: ZIP(o.zip)))
            let sku = try #require(t.engine.catalog.index(of: SKU(o.sku)))
            placer.place(
                DemandOrder(zipIndex: zip, at: when, skus: [sku], quantities: [o.qty]), on: &day, ledger: &ledger)
        }
        var model = FlowModel(engine: t.engine, capacity: CapacityTable(plan, engine: t.engine))
        model.run(&day)
        return day
    }

    func plan(_ node: String, _ capacity: CapacityPlan.NodeCapacity) -> CapacityPlan {
        var plan = CapacityPlan.unlimited
        plan.nodes[NodeID(node)] = capacity
        return plan
    }

    @Test func withRoomEveryStageRunsOnTheSchedule() throws {
        let day = try flow([("98109", "M1", 1), ("98101", "M1", 1)], plan: .unlimited)
        for s in 0..<2 {
            #expect(Int(day.shipmentPickedIn[s]) == (try instant("2026-12-02T11:00:00-08:00")))
            #expect(Int(day.shipmentDepartedAt[s]) == (try instant("2026-12-02T13:00:00-08:00")))
            #expect(Int(day.shipmentDeliveredAt[s]) == (try instant("2026-12-02T21:00:00-08:00")))
            #expect(day.shipmentDeliveredAt[s] == day.shipmentDeliverBy[s])
        }
    }

    @Test func workBeyondAnHoursPickCapacityWaitsForTheNextHour() throws {
        let day = try flow(
            [("98109", "M1", 1), ("98101", "M1", 1), ("98109", "M1", 1)],
            plan: plan("SEA1", .init(pickUnitsPerHour: .limited(1))))
        #expect(
            day.shipmentPickedIn.map(Int.init) == [
                try instant("2026-12-02T11:00:00-08:00"), try instant("2026-12-02T12:00:00-08:00"),
                try instant("2026-12-02T13:00:00-08:00"),
            ])
        // SEA1 has 120 minutes to pick for the 13:00 lane: the second, picked from 12:00, is ready by 13:00 still.
        #expect(day.shipmentDeliveredAt[1] == day.shipmentDeliverBy[1])
        // The third, picked from 13:00, is ready at 14:00: the next lane leaves at 21:00, reaches the station at
        // 22:00, and the next wave is tomorrow's.
        #expect(Int(day.shipmentDepartedAt[2]) == (try instant("2026-12-02T21:00:00-08:00")))
        #expect(Int(day.shipmentDeliveredAt[2]) == (try instant("2026-12-03T14:00:00-08:00")))
        #expect(day.shipmentDeliveredAt[0] == day.shipmentDeliverBy[0])
    }

    @Test func anEmptyHourTakesAShipmentLargerThanItsCapacity() throws {
        let day = try flow([("98109", "M1", 3)], plan: plan("SEA1", .init(pickUnitsPerHour: .limited(1))))
        #expect(day.shipmentDeliveredAt[0] == day.shipmentDeliverBy[0])
    }

    @Test func packagesBeyondADeparturesCapacityWaitForTheNextDeparture() throws {
        let day = try flow(
            [("98109", "M1", 1), ("98101", "M1", 1)], plan: plan("SEA1", .init(packagesPerDeparture: .limited(1))))
        #expect(Int(day.shipmentPickedIn[1]) == (try instant("2026-12-02T11:00:00-08:00")))
        #expect(Int(day.shipmentDepartedAt[1]) == (try instant("2026-12-02T21:00:00-08:00")))
        #expect(Int(day.shipmentDeliveredAt[1]) == (try instant("2026-12-03T14:00:00-08:00")))
    }

    @Test func packagesBeyondAWavesCapacityWaitForTheNextWave() throws {
        let day = try flow(
            [("98109", "M1", 1), ("98101", "M1", 1)], plan: plan("DSE2", .init(packagesPerWave: .limited(1))))
        #expect(Int(day.shipmentDepartedAt[1]) == (try instant("2026-12-02T13:00:00-08:00")))
        #expect(Int(day.shipmentDeliveredAt[1]) == (try instant("2026-12-03T14:00:00-08:00")))
        #expect(Int(day.shipmentDeliveredAt[0]) == (try instant("2026-12-02T21:00:00-08:00")))
    }

    @Test func aNowSitesCourierLeavesWhenItsPickersGetToTheOrder() throws {
        let day = try flow(
            [("98109", "A1", 1), ("98101", "A1", 1)], plan: plan("SEA-NOW1", .init(pickUnitsPerHour: .limited(1))))
        #expect(day.shipmentPath == [.now, .now])
        #expect(Int(day.shipmentDeliveredAt[0]) == (try instant("2026-12-02T09:30:00-08:00")))
        #expect(Int(day.shipmentDepartedAt[1]) == (try instant("2026-12-02T10:00:00-08:00")))
        #expect(Int(day.shipmentDeliveredAt[1]) == (try instant("2026-12-02T10:30:00-08:00")))
    }

    @Test func theCarrierTakesEverythingAtItsPickup() throws {
        // Spokane has no station: A1 from SEA1 by carrier, pickup 17:00, one band day → Dec 3 20:00.
        let day = try flow(
            [("99201", "A1", 1), ("99201", "A1", 1)], plan: plan("SEA1", .init(packagesPerDeparture: .limited(1))))
        for s in 0..<2 {
            #expect(day.shipmentPath[s] == .carrier)
            #expect(Int(day.shipmentDepartedAt[s]) == (try instant("2026-12-02T17:00:00-08:00")))
            #expect(day.shipmentDeliveredAt[s] == day.shipmentDeliverBy[s])
        }
    }
}
