// A simulated Christmas Eve on the bundled network: the same seed gives the same bytes, every figure comes back
// from the log, every shipment's deliverBy is the promise engine's, unlimited capacity keeps every promise, a cut
// shows exactly where it is, and no unit is lost.

import Foundation
import SameDayTestSupport
import Testing

@testable import SameDayCore

@Suite(.serialized) struct DaySimulationTests {
    func bytes(_ r: SimulationResult) -> (json: [UInt8], log: [UInt8], report: [UInt8]) {
        var json: [UInt8] = []
        r.writeJSON(to: &json)
        var log: [UInt8] = []
        SimulationLog.write(r, orders: 0..<r.day.orderCount, to: &log)
        return (json, log, SimulationReport(base: r, compare: nil, labels: ("", "")).html())
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws {
        let a = try SimulationFixtures.base.get()
        let b = try SimulationFixtures.run()
        let c = try SimulationFixtures.run(seed: 8)
        let (ja, la, ra) = bytes(a)
        let (jb, lb, rb) = bytes(b)
        #expect(ja == jb)
        #expect(la == lb)
        #expect(ra == rb)
        #expect(bytes(c).log != la)
        let compared = SimulationReport(base: a, compare: c, labels: ("seed 7", "seed 8"))
        #expect(compared.html() == SimulationReport(base: b, compare: c, labels: ("seed 7", "seed 8")).html())
    }

    @Test func theDayHasTheOrdersAskedForInTimeOrderOnTheDestinationsDate() throws {
        let r = try SimulationFixtures.base.get()
        let day = r.day
        #expect(day.orderCount == 1_500)
        #expect(zip(day.orderAt, day.orderAt.dropFirst()).allSatisfy { $0 <= $1 })
        for i in 0..<day.orderCount {
            let clock = r.input.engine.destinationZone(zipIndex: Int(day.orderZip[i]))
            #expect(clock.localDay(of: Instant(minutes: Int(day.orderAt[i]))) == SimulationFixtures.christmasEve.day)
            #expect(Int(day.orderAt[i]) >= r.dayStart.minutes && Int(day.orderAt[i]) < r.dayEnd.minutes)
        }
        #expect(r.figures.counts.placedOrders > 1_000)
        #expect(r.figures.counts.shipments > r.figures.counts.placedOrders)
    }

    @Test func everyShipmentsDeliverByIsTheEnginesAnswerForItsNodeAndInstant() throws {
        let r = try SimulationFixtures.base.get()
        let engine = r.input.engine
        let day = r.day
        for s in 0..<day.shipmentCount {
            let order = Int(day.shipmentOrder[s])
            let node = Int(day.shipmentNode[s])
            let lines = day.lines(ofShipment: s).map {
                OrderLine(
                    sku: engine.catalog.items[Int(day.shipmentLineSKU[$0])].sku, qty: Int(day.shipmentLineQty[$0]))
            }
            // Stock of exactly these lines, only at the shipment's node: the engine must ship them all from there.
            let stock = StockSnapshot(
                lines.map { StockEntry(node: engine.nodeID(at: node), sku: $0.sku, available: $0.qty) })
            let p = try engine.promise(
                zip: engine.zips.zip(at: Int(day.orderZip[order])), at: Instant(minutes: Int(day.orderAt[order])),
                lines: lines, stock: stock)
            #expect(p.shipments.count == 1)
            #expect(p.shipments.first?.deliverBy.minutes == Int(day.shipmentDeliverBy[s]))
            #expect(p.shipments.first?.path == day.shipmentPath[s])
        }
    }

    @Test func unlimitedCapacityKeepsEveryPromiseToTheMinute() throws {
        let r = try SimulationFixtures.unlimited.get()
        let day = r.day
        #expect(day.shipmentCount > 0)
        for s in 0..<day.shipmentCount {
            #expect(day.shipmentDeliveredAt[s] == day.shipmentDeliverBy[s])
            #expect(day.shipmentDepartedAt[s] == day.shipmentDepartsAt[s])
        }
        #expect(r.figures.promisesKept == 1)
        #expect(r.figures.lateShipments == 0)
        #expect(r.figures.nodeExtras.values.allSatisfy { $0.pickUnitsPerHour == nil && $0.peakPickUtilization == nil })
    }

    @Test func aPickCapacityCutAtOneNodeMakesShipmentsLateThereAndNowhereElse() throws {
        let free = try SimulationFixtures.unlimited.get()
        let engine = free.input.engine
        let busiest = try #require(
            free.figures.counts.nodes.max { ($0.value.units, $1.key) < ($1.value.units, $0.key) }?.key)
        var plan = CapacityPlan.unlimited
        plan.nodes[busiest] = CapacityPlan.NodeCapacity(pickUnitsPerHour: .limited(2))
        let cut = try SimulationFixtures.run(capacity: plan)
        let n = try #require(engine.nodeIndex(of: busiest))
        var late = 0
        for s in 0..<cut.day.shipmentCount where cut.day.shipmentDeliveredAt[s] > cut.day.shipmentDeliverBy[s] {
            #expect(Int(cut.day.shipmentNode[s]) == n)
            late += 1
        }
        #expect(late > 0)
        #expect(cut.figures.lateShipments == late)
        #expect(cut.figures.counts.nodes[busiest].map { $0.deliveredLate + $0.overdue } == late)
        #expect((cut.figures.nodeExtras[busiest]?.peakPickUtilization ?? 0) >= 1)
        // The cut changes when shipments move, never what was ordered or promised.
        #expect(cut.day.shipmentDeliverBy == free.day.shipmentDeliverBy)
    }

    @Test func aWaveCapacityCutAtOneStationMakesShipmentsLateOnlyToItsZIPs() throws {
        let free = try SimulationFixtures.unlimited.get()
        let engine = free.input.engine
        var perStation: [Int: Int] = [:]
        for s in 0..<free.day.shipmentCount where free.day.shipmentPath[s] == .station {
            perStation[
                engine.destination(zipIndex: Int(free.day.orderZip[Int(free.day.shipmentOrder[s])])).station, default: 0
            ] += 1
        }
        let station = try #require(perStation.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
        var plan = CapacityPlan.unlimited
        plan.nodes[engine.nodeID(at: station)] = CapacityPlan.NodeCapacity(packagesPerWave: .limited(1))
        let cut = try SimulationFixtures.run(capacity: plan)
        var late = 0
        for s in 0..<cut.day.shipmentCount where cut.day.shipmentDeliveredAt[s] > cut.day.shipmentDeliverBy[s] {
            let zip = Int(cut.day.orderZip[Int(cut.day.shipmentOrder[s])])
            #expect(engine.destination(zipIndex: zip).station == station)
            #expect(cut.day.shipmentPath[s] == .station)
            late += 1
        }
        #expect(late > 0)
    }

    @Test func unitsOrderedAreUnitsShippedPlusUnitsStillOpenAtTheDaysEnd() throws {
        let r = try SimulationFixtures.base.get()
        let day = r.day
        #expect(r.figures.counts.units == r.unitsShipped + r.unitsOpen)
        var open = 0
        var shipped = 0
        for s in 0..<day.shipmentCount {
            if Int(day.shipmentDepartedAt[s]) < r.dayEnd.minutes {
                shipped += Int(day.shipmentUnits[s])
            } else {
                open += Int(day.shipmentUnits[s])
            }
        }
        #expect(shipped == r.unitsShipped)
        #expect(open == r.unitsOpen)
        #expect(r.unitsShipped > 0 && r.unitsOpen > 0)
        // Units placed are the shipments' units, which are the containers' units.
        #expect(day.shipmentUnits.reduce(0) { $0 + Int($1) } == r.figures.counts.units)
        #expect(day.containerUnits.reduce(0) { $0 + Int($1) } == r.figures.counts.units)
    }

    @Test func theLedgerReservesWhatPlacingTookAndShipsWhatDeparted() throws {
        let b = try SimulationFixtures.bundled.get()
        var ledger = StockLedger(b.stock)
        let before = ledger.totals
        let sku = try #require(b.engine.catalog.index(of: "BB-00002"))
        let slot = try #require(b.stock.row(sku).first { b.stock.available(at: $0) >= 3 })
        let node = b.stock.node(at: slot)
        let available = b.stock.available(at: slot)
        let reserved = ledger.reserve(sku: sku, node: node, qty: 3)
        #expect(reserved)
        #expect(ledger.index.available(sku: sku, node: node) == available - 3)
        let tooMany = ledger.reserve(sku: sku, node: node, qty: available - 2)
        #expect(!tooMany)
        let overShipped = ledger.ship(sku: sku, node: node, qty: 4)
        #expect(!overShipped)
        let shipped = ledger.ship(sku: sku, node: node, qty: 2)
        #expect(shipped)
        let level = ledger.level(sku: sku, node: node)
        #expect(level.onHand == available - 2 && level.reserved == 1)
        #expect(ledger.totals.onHand == before.onHand - 2 && ledger.totals.reserved == 1)
    }
}
