// Each shipment is packed when its order is placed: containers recorded with the order, on both backends.

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

@Suite(.serialized) struct ShipmentPackingTests {
    /// The items of a shipment as the packer saw them (catalog sizes), for the verifier.
    static func items(_ shipment: Shipment, catalog: Catalog, ownContainer: Set<SKU> = []) -> [Item] {
        shipment.lines.compactMap { line in
            guard let item = catalog.item(line.sku) else { return nil }
            var packed = Item(item, qty: line.qty)
            packed.ownContainer = ownContainer.contains(line.sku)
            return packed
        }
    }

    /// The shipment's containers as a `Packing` of catalog containers, for `PackingVerifier`.
    static func packing(_ shipment: Shipment, boxes: [Container]) throws -> Packing {
        Packing(
            containers: try shipment.containers.map { container in
                PackedContainer(
                    container: try container.box.map { id in try #require(boxes.first { $0.id == id }) },
                    weightG: container.weightG, placements: container.placements)
            }, lowerBound: 0)
    }

    @Test(arguments: Backend.all) func eachShipmentIsPackedIntoBoxesOfTheCatalog(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let lines = [OrderLine(sku: "A1", qty: 4), OrderLine(sku: "B7", qty: 3), OrderLine(sku: "C3", qty: 6)]
            let order = try await store.order(lines, key: "packed", engine: engine)
            #expect(order.shipments.count >= 1)
            var units = 0
            for shipment in order.shipments {
                #expect(!shipment.containers.isEmpty)
                #expect(shipment.packedUnits == shipment.lines.reduce(0) { $0 + $1.qty })
                for container in shipment.containers {
                    let box = try #require(container.box)
                    #expect(StoreFixtures.boxes.contains { $0.id == box })
                    #expect(container.units == container.placements.count)
                }
                let violations = PackingVerifier(
                    catalog: StoreFixtures.boxes, items: Self.items(shipment, catalog: engine.catalog)
                ).violations(of: try Self.packing(shipment, boxes: StoreFixtures.boxes))
                #expect(violations.isEmpty, "\(violations)")
                units += shipment.packedUnits
            }
            #expect(units == 13)
            let stats = try await store.packingStats()
            #expect(stats.units == 13)
            #expect(stats.shipments == order.shipments.count)
            #expect(stats.containers == order.shipments.reduce(0) { $0 + $1.containers.count })
            #expect(stats.ownContainers == 0)
            // Chilled milk travels in an insulated shipper, never with the kettle.
            let milk = order.shipments.flatMap(\.containers).filter { $0.placements.contains { $0.sku == "B7" } }
            #expect(!milk.isEmpty)
            for container in milk {
                #expect(StoreFixtures.boxes.first { $0.id == container.box }?.kind == .insulated)
                #expect(container.placements.allSatisfy { $0.sku == "B7" })
            }
            // Recorded with the order: read back, and replayed for the same key, with every placement.
            #expect(try await store.order(order.id, customer: "c1") == order)
            #expect(try await store.order(lines, key: "packed", engine: engine) == order)
        }
    }

    @Test(arguments: Backend.all) func aUnitNoContainerTakesShipsInItsOwn(_ backend: Backend) async throws {
        // One small box: the kettle (150 × 200 × 250 mm) fits it in no orientation, the notebook does.
        let small = Container(id: "T1", lengthMm: 150, widthMm: 150, heightMm: 250, maxLoadG: 5000, emptyWeightG: 100)
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order(
                [OrderLine(sku: "A1", qty: 2), OrderLine(sku: "C3", qty: 5)], engine: engine,
                packer: Packer(catalog: [small]))
            let containers = order.shipments.flatMap(\.containers)
            let own = containers.filter { $0.box == nil }
            #expect(own.count == 2)
            #expect(own.allSatisfy { $0.units == 1 && $0.placements.first?.sku == "A1" && $0.weightG == 1200 })
            #expect(containers.filter { $0.box == "T1" }.reduce(0) { $0 + $1.units } == 5)
            for shipment in order.shipments {
                let violations = PackingVerifier(
                    catalog: [small], items: Self.items(shipment, catalog: engine.catalog, ownContainer: ["A1"])
                ).violations(of: try Self.packing(shipment, boxes: [small]))
                #expect(violations.isEmpty, "\(violations)")
            }
            #expect(try await store.order(order.id, customer: nil) == order)
        }
    }

    @Test(arguments: Backend.all) func aLargeShipmentIsPackedLineByLineWithCountsOnly(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend, inventory: "node,sku,available\nSEA2,C3,300\n") { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "C3", qty: 250)], engine: engine)
            let shipment = try #require(order.shipments.first)
            #expect(shipment.packedUnits == 250)
            #expect(shipment.containers.allSatisfy { $0.box != nil && $0.placements.isEmpty && $0.units > 0 })
            #expect(try await store.order(order.id, customer: nil) == order)
        }
    }

    @Test(arguments: Backend.all) func checkFindsContainersThatDoNotHoldTheLines(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let relabelled = try #require(
                try await store.order([OrderLine(sku: "C3", qty: 3)], engine: engine).shipments.first)
            let overcounted = try #require(
                try await store.order([OrderLine(sku: "C3", qty: 2)], engine: engine).shipments.first)
            let large = try #require(
                try await store.order([OrderLine(sku: "C3", qty: 2)], engine: engine).shipments.first)
            #expect(try await store.checkInvariants() == [])
            // The units of C3 in the first shipment's container now say A1: per SKU, A1 +3 and C3 −3.
            try await StoreFixtures.executeRaw(
                store,
                """
                UPDATE shipment_containers SET placements = REPLACE(placements, '["C3"', '["A1"')
                WHERE shipment_id = '\(relabelled.id)'
                """)
            // The second's containers claim one unit more than their placements and lines.
            try await StoreFixtures.executeRaw(
                store, "UPDATE shipment_containers SET units = units + 1 WHERE shipment_id = '\(overcounted.id)'")
            // The third's container lost its placements (as a count-only container of a large shipment) and a unit.
            try await StoreFixtures.executeRaw(
                store,
                "UPDATE shipment_containers SET placements = '[]', units = units - 1 WHERE shipment_id = '\(large.id)'")
            let violations = try await store.checkInvariants()
            let node = relabelled.node
            #expect(
                violations.contains {
                    $0.kind == .containersNotLines && $0.node == node && $0.sku == "A1"
                        && $0.message == "shipment \(relabelled.id): its containers hold 3 units, its lines 0"
                })
            #expect(
                violations.contains {
                    $0.kind == .containersNotLines && $0.node == node && $0.sku == "C3"
                        && $0.message == "shipment \(relabelled.id): its containers hold 0 units, its lines 3"
                })
            #expect(
                violations.contains {
                    $0.kind == .containersNotLines && $0.node == overcounted.node && $0.sku == "*"
                        && $0.message == "shipment \(overcounted.id): its containers hold 3 units in all, its lines 2"
                })
            #expect(
                violations.contains {
                    $0.kind == .containersNotLines && $0.node == large.node && $0.sku == "*"
                        && $0.message == "shipment \(large.id): its containers hold 1 unit in all, its lines 2"
                })
            #expect(violations.count == 4, "\(violations)")
        }
    }

    @Test(arguments: Backend.all) func withoutACatalogShipmentsRecordNoContainers(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "C3", qty: 2)], engine: engine, packer: nil)
            #expect(order.shipments.allSatisfy { $0.containers.isEmpty })
            #expect(try await store.order(order.id, customer: nil) == order)
        }
    }
}
