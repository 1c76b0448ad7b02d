// Every figure of the JSON recomputed from the log alone (plus the network for the hours' clock and the capacity
// for utilization), as an operator's own script would.

import Foundation
import SameDayTestSupport
import Testing

@testable import SameDayCore

@Suite struct SimulationLogTests {
    struct Recomputed {
        var orders = 0, outOfStock = 0, notDeliverable = 0, units = 0, shipments = 0, containers = 0
        var speed: [String: Int] = [:]
        var onTime = 0, late = 0, inRegion = 0, unitMetres = 0
        var nodeUnits: [String: Int] = [:], nodeLate: [String: Int] = [:]
        var hours: [Int: Int] = [:]
        var picked: [String: [Int: Int]] = [:]
        var skuOrders: [String: Int] = [:]
    }

    func recompute(_ lines: [JSONValue], clock: ZoneTable) throws -> Recomputed {
        var r = Recomputed()
        for order in lines {
            r.orders += 1
            let at = try #require(order["at"]?.string.flatMap(ISO8601.parse))
            r.hours[Figures.hourStart(of: at, on: clock).minutes, default: 0] += 1
            for line in order["lines"]?.array ?? [] { r.skuOrders[line["sku"]?.string ?? "", default: 0] += 1 }
            guard order["available"] == .bool(true) else {
                let reasons = (order["unavailable"]?.array ?? []).compactMap { $0["reason"]?.string }
                if reasons.contains("out-of-stock") { r.outOfStock += 1 } else { r.notDeliverable += 1 }
                continue
            }
            r.speed[order["speed"]?.string ?? "", default: 0] += 1
            for s in order["shipments"]?.array ?? [] {
                let node = try #require(s["node"]?.string)
                let boxes = s["containers"]?.array ?? []
                let units = boxes.reduce(0) { $0 + ($1["units"]?.int ?? 0) }
                #expect(units == (s["lines"]?.array ?? []).reduce(0) { $0 + ($1["qty"]?.int ?? 0) })
                r.units += units
                r.shipments += 1
                r.containers += boxes.count
                r.nodeUnits[node, default: 0] += units
                if s["inRegion"] == .bool(true) { r.inRegion += units }
                let km = try #require(s["km"]?.double)
                r.unitMetres += units * Int((km * 1000).rounded())
                let deliverBy = try #require(s["deliverBy"]?.string.flatMap(ISO8601.parse))
                let delivered = s["deliveredAt"]?.string.flatMap(ISO8601.parse)
                if let delivered, delivered <= deliverBy {
                    r.onTime += 1
                } else {
                    r.late += 1
                    r.nodeLate[node, default: 0] += 1
                }
                let hour = try #require(s["pickedIn"]?.string.flatMap(ISO8601.parse))
                r.picked[node, default: [:]][hour.minutes, default: 0] += units
            }
        }
        return r
    }

    func share(_ a: Int, _ b: Int) -> Double { (Double(a) / Double(b) * 10_000).rounded() / 10_000 }

    @Test func everyFigureComesBackFromTheLog() throws {
        let result = try SimulationFixtures.base.get()
        let json = try SimulationFixtures.figuresJSON(result)
        let r = try recompute(try SimulationFixtures.logLines(result), clock: Figures.networkClock(result.input.engine))
        let placed = r.orders - r.outOfStock - r.notDeliverable
        #expect(json["orders"]?.int == r.orders)
        #expect(json["unavailableOrders"]?.int == r.outOfStock + r.notDeliverable)
        #expect(json["outOfStockOrders"]?.int == r.outOfStock)
        #expect(json["units"]?.int == r.units)
        for speed in Speed.allCases {
            #expect(json["speed"]?[speed.rawValue]?.double == share(r.speed[speed.rawValue] ?? 0, placed))
        }
        #expect(json["promisesKept"]?.double == share(r.onTime, r.shipments))
        #expect(json["lateShipments"]?.int == r.late)
        #expect(json["shipmentsPerOrder"]?.double == share(r.shipments, placed))
        #expect(json["unitsPerContainer"]?.double == share(r.units, r.containers))
        #expect(json["containersPerOrder"]?.double == share(r.containers, placed))
        #expect(json["inRegionUnits"]?.double == share(r.inRegion, r.units))
        #expect(json["kmPerUnit"]?.double == share(r.unitMetres, r.units * 1000))
        for node in json["nodes"]?.array ?? [] {
            let id = try #require(node["id"]?.string)
            #expect(node["units"]?.int == r.nodeUnits[id] ?? 0)
            #expect(node["lateShipments"]?.int == r.nodeLate[id] ?? 0)
            if let capacity = node["pickUnitsPerHour"]?.int {
                let peak = r.picked[id]?.values.max() ?? 0
                #expect(node["peakPickUtilization"]?.double == share(peak, capacity))
            }
        }
        let hours = (json["hours"]?.array ?? []).compactMap { h -> (Int, Int)? in
            guard let at = h["hour"]?.string.flatMap(ISO8601.parse), let n = h["orders"]?.int else { return nil }
            return (at.minutes, n)
        }
        for (hour, n) in hours { #expect(n == r.hours[hour] ?? 0) }
        #expect(hours.reduce(0) { $0 + $1.1 } == r.orders)
        // The cutoffs' SKU is the ambient SKU the most orders of the log asked for.
        let sku = try #require(json["sameDayCutoffs"]?["sku"]?.string)
        let catalog = result.input.engine.catalog
        let top = r.skuOrders.filter { catalog.item(SKU($0.key))?.temperature == .ambient }.map(\.value).max()
        #expect(r.skuOrders[sku] == top)
    }

    @Test func aRefusedOrderSaysWhichLinesAndWhy() throws {
        let result = try SimulationFixtures.base.get()
        let lines = try SimulationFixtures.logLines(result)
        let refused = lines.filter { $0["available"] == .bool(false) }
        #expect(!refused.isEmpty)
        for order in refused {
            let skus = Set((order["lines"]?.array ?? []).compactMap { $0["sku"]?.string })
            let unavailable = order["unavailable"]?.array ?? []
            #expect(!unavailable.isEmpty)
            #expect(unavailable.allSatisfy { skus.contains($0["sku"]?.string ?? "") })
            #expect(order["shipments"] == nil)
        }
    }
}
