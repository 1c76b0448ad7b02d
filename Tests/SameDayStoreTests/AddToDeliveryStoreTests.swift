// Add to delivery in the store: one transaction decides and records an item joining an upcoming shipment, on both
// backends — reserved, in the ledger, packed, priced, released by a cancel, verified by `checkInvariants`; each
// rule at its boundary; races for the last unit and against the move to picking with exactly one winner.

import SameDayCore
import SameDayTestSupport
import Testing

@testable import SameDayStore

@Suite struct AddToDeliveryStoreTests {
    static func add(
        _ store: any Store, _ shipment: ShipmentID, _ sku: SKU, _ qty: Int, customer: CustomerID = "c1",
        key: String? = nil, at: Instant = StoreFixtures.morning, engine: PromiseEngine
    ) async throws -> PlacedOrder {
        try await store.addToShipment(
            AddLineRequest(
                customer: customer, shipment: shipment, line: OrderLine(sku: sku, qty: qty),
                idempotencyKey: key ?? "a\(UInt64.random(in: 0...UInt64.max))", at: at),
            engine: engine, packer: StoreFixtures.packer)
    }

    /// The reason an add was refused with, or nil when it succeeded.
    static func refusal(_ body: () async throws -> PlacedOrder) async throws -> JoinRefusal? {
        do {
            _ = try await body()
            return nil
        } catch StoreError.cannotJoin(let reason, _) {
            return reason
        }
    }

    @Test(arguments: Backend.all) func anItemJoinsAShipmentReservedPackedPricedAndCancelledWithTheRest(
        _ backend: Backend
    ) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
            let shipment = try #require(order.shipments.first)
            #expect(shipment.node == "SEA1")

            let milk = try await Self.add(store, shipment.id, "B7", 2, engine: engine)
            #expect(!milk.replayed)
            let after = try #require(milk.order.shipments.first)
            #expect(after.lines == [OrderLine(sku: "A1", qty: 1), OrderLine(sku: "B7", qty: 2)])
            #expect(after.wasAdded(line: 1) && !after.wasAdded(line: 0))
            #expect(after.linePriceCents == [3999, 199])
            #expect(after.packedUnits == 3, "the containers hold every unit")
            #expect(milk.order.shipments.map(\.deliverBy) == order.shipments.map(\.deliverBy), "the same promise")
            #expect(milk.order.deliverBy == order.deliverBy)
            #expect(milk.order.totalCents == 3999 + 2 * 199)
            #expect(try await store.order(order.id, customer: "c1") == milk.order, "as GET /v1/orders/{id} reads it")
            #expect(try await store.level("SEA1", "B7") == StockLevel(node: "SEA1", sku: "B7", onHand: 5, reserved: 2))
            let entry = try #require(try await store.ledger(node: "SEA1", sku: "B7", afterID: nil, limit: 10).last)
            #expect(entry.kind == .reservation && entry.reservedDelta == 2 && entry.order == order.id)

            // A SKU already on the shipment: its line grows, at the line's price; the line was not added whole.
            let more = try await Self.add(store, shipment.id, "A1", 3, engine: engine)
            let grown = try #require(more.order.shipments.first)
            #expect(grown.lines == [OrderLine(sku: "A1", qty: 4), OrderLine(sku: "B7", qty: 2)])
            #expect(grown.addedQty(ofLine: 0) == 3 && !grown.wasAdded(line: 0))
            #expect(more.order.totalCents == 4 * 3999 + 2 * 199)
            #expect(grown.packedUnits == 6)
            #expect(try await store.level("SEA1", "A1") == StockLevel(node: "SEA1", sku: "A1", onHand: 10, reserved: 4))
            #expect(try await store.checkInvariants() == [])

            // Each add is an event of the feed, after the order's, with the order's new total; the customer sees it.
            let events = try await store.events(after: .start, customer: "c1", limit: 100)
            #expect(events.map(\.type) == [.orderPlaced, .orderLineAdded, .orderLineAdded])
            let added = events.filter { $0.type == .orderLineAdded }
            #expect(added.map(\.sku) == ["B7", "A1"])
            #expect(added.map(\.priceCents) == [3999 + 2 * 199, 4 * 3999 + 2 * 199])
            #expect(added.allSatisfy { $0.order == order.id && $0.shipment == shipment.id && $0.customer == "c1" })
            #expect(try await store.events(after: .start, customer: "c2", limit: 100).isEmpty)

            // Cancelling releases the added units with the rest.
            _ = try await store.cancelOrder(order.id, customer: "c1", at: StoreFixtures.morning, actor: "customer:c1")
            #expect(try await store.level("SEA1", "A1")?.reserved == 0)
            #expect(try await store.level("SEA1", "B7")?.reserved == 0)
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func eachRuleRefusesAtItsBoundaryAndWritesNothing(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
            let shipment = try #require(order.shipments.first)
            // Rule 3: 5 of B7 free at SEA1: 6 is one too many, 5 is exactly enough.
            #expect(
                try await Self.refusal { try await Self.add(store, shipment.id, "B7", 6, engine: engine) }
                    == .outOfStock)
            // Rule 1: at the minute picking starts, too late; the minute before, in time.
            let pickStarts = shipment.modifiableUntil
            #expect(
                try await Self.refusal {
                    try await Self.add(store, shipment.id, "B7", 5, at: pickStarts, engine: engine)
                } == .tooLate)
            #expect(try await store.level("SEA1", "B7")?.reserved == 0, "a refusal writes nothing")
            #expect(
                try await store.events(after: .start, customer: "c1", limit: 100).map(\.type) == [.orderPlaced],
                "nor an event")
            #expect(
                try await Self.refusal {
                    try await Self.add(store, shipment.id, "B7", 5, at: pickStarts - 1, engine: engine)
                } == nil)
            #expect(try await store.level("SEA1", "B7")?.reserved == 5)

            // Rule 2: SEA2 holds no chilled goods; a notebook's shipment from SEA2 takes no milk.
            let notebook = try await store.order([OrderLine(sku: "C3", qty: 1)], engine: engine)
            let fromSEA2 = try #require(notebook.shipments.first)
            #expect(fromSEA2.node == "SEA2")
            #expect(
                try await Self.refusal { try await Self.add(store, fromSEA2.id, "B7", 1, engine: engine) }
                    == .temperature)
            // Rule 1 again: a cancelled order's shipment is no longer upcoming.
            _ = try await store.cancelOrder(notebook.id, customer: "c1", at: StoreFixtures.morning, actor: "c1")
            #expect(
                try await Self.refusal { try await Self.add(store, fromSEA2.id, "C3", 1, engine: engine) } == .tooLate)

            // Another customer's shipment, or none: not found. An unknown SKU or a bad quantity: invalid.
            await #expect(throws: StoreError.notFound("no shipment \(shipment.id) among your orders")) {
                try await Self.add(store, shipment.id, "A1", 1, customer: "c2", engine: engine)
            }
            await #expect(throws: StoreError.self) { try await Self.add(store, "nope-1", "A1", 1, engine: engine) }
            await #expect(throws: StoreError.unknownSKU("ZZ")) {
                try await Self.add(store, shipment.id, "ZZ", 1, engine: engine)
            }
            for qty in [0, -1, Limits.maxQuantity + 1] {
                await #expect(throws: StoreError.self) {
                    try await Self.add(store, shipment.id, "A1", qty, engine: engine)
                }
            }
            #expect(try await store.checkInvariants() == [])
        }
    }

    /// Rule 4: a shipment that goes by carrier (no station serves New York's 10001) takes ambient items only, since
    /// the carrier path carries nothing else: milk passes rules 1 to 3 at SEA1 and has no path, so it is `later`.
    @Test(arguments: Backend.all) func anItemWithNoPathToTheShipmentsZIPIsLater(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend, network: StoreFixtures.carrierNetworkJSON) { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "A1", qty: 1)], zip: "10001", engine: engine)
            let shipment = try #require(order.shipments.first)
            #expect(shipment.node == "SEA1")
            #expect(shipment.departsAt == ISO8601.parse("2026-12-01T17:00:00-08:00"), "the carrier's pickup")
            #expect(
                try await Self.refusal { try await Self.add(store, shipment.id, "B7", 1, engine: engine) } == .later)
            #expect(try await store.level("SEA1", "B7")?.reserved == 0, "a refusal writes nothing")
            #expect(try await store.events(after: .start, customer: "c1", limit: 100).map(\.type) == [.orderPlaced])
            // The same shipment takes more of its ambient kettle, by the same path and the same promise.
            let more = try await Self.add(store, shipment.id, "A1", 2, engine: engine)
            #expect(more.order.shipments.map(\.deliverBy) == [shipment.deliverBy])
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func aRetryAnswersTheFirstAddAndAKeyUsedForAnotherRequestIsRefused(
        _ backend: Backend
    ) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "A1", qty: 1)], key: "order-key", engine: engine)
            let shipment = try #require(order.shipments.first).id
            let first = try await Self.add(store, shipment, "B7", 1, key: "add-key", engine: engine)
            let retries = try await withThrowingTaskGroup(of: PlacedOrder.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await Self.add(store, shipment, "B7", 1, key: "add-key", engine: engine) }
                }
                return try await group.reduce(into: [PlacedOrder]()) { $0.append($1) }
            }
            #expect(retries.allSatisfy { $0.replayed && $0.order == first.order })
            #expect(try await store.level("SEA1", "B7")?.reserved == 1, "reserved once")
            await #expect(throws: StoreError.self) {
                try await Self.add(store, shipment, "B7", 2, key: "add-key", engine: engine)
            }
            await #expect(throws: StoreError.self) {
                try await Self.add(store, shipment, "B7", 1, key: "order-key", engine: engine)
            }
            #expect(try await store.checkInvariants() == [])
        }
    }

    /// The figures count added units as the order's: after adds that grow a line, add a line and need a new
    /// container, the aggregates equal a recount of the stored orders, and units went up by what was added.
    @Test(arguments: Backend.all) func addsAreCountedInTheFigures(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let always = (from: Instant(minutes: 0), to: Instant(minutes: Int(Int32.max)))
            let order = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
            let shipment = try #require(order.shipments.first)
            let before = try await store.kpiCounts(from: always.from, to: always.to, overdueAt: nil)
            _ = try await Self.add(store, shipment.id, "B7", 2, engine: engine)
            _ = try await Self.add(store, shipment.id, "A1", 5, engine: engine)
            let after = try await store.kpiCounts(from: always.from, to: always.to, overdueAt: nil)
            #expect(after.figures.units == before.figures.units + 7)
            #expect(after.figures.orders == before.figures.orders, "an add is not a new order")
            #expect(after.figures.shipments == before.figures.shipments)
            #expect(after == (try await store.recountKPICounts(engine: engine)), "the aggregates equal a recount")
            let added = try await store.order(order.id, customer: "c1")
            #expect(after.figures.containers == added.shipments.reduce(0) { $0 + $1.containers.count })
        }
    }

    @Test(arguments: Backend.all) func addsRacingForTheLastUnitHaveOneWinnerAcrossTwoStores(_ backend: Backend)
        async throws
    {
        let inventory = "node,sku,available\nSEA1,A1,10\nSEA1,B7,1\n"
        try await StoreFixtures.withStore(backend, inventory: inventory) { first, engine, location in
            try await StoreLocation.withStore(location) { second in
                var shipments: [ShipmentID] = []
                for i in 0..<4 {
                    let order = try await first.order(
                        [OrderLine(sku: "A1", qty: 1)], customer: CustomerID("c\(i)"), engine: engine)
                    shipments.append(try #require(order.shipments.first).id)
                }
                let targets = shipments
                let won = try await withThrowingTaskGroup(of: Int.self) { group in
                    for i in 0..<24 {
                        let store = i % 2 == 0 ? first : second
                        group.addTask {
                            let refused = try await Self.refusal {
                                try await Self.add(
                                    store, targets[i % 4], "B7", 1, customer: CustomerID("c\(i % 4)"), engine: engine)
                            }
                            #expect(refused == nil || refused == .outOfStock)
                            return refused == nil ? 1 : 0
                        }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(won == 1)
                #expect(
                    try await second.level("SEA1", "B7") == StockLevel(node: "SEA1", sku: "B7", onHand: 1, reserved: 1))
                #expect(try await second.checkInvariants() == [])
            }
        }
    }

    @Test(arguments: Backend.all) func anAddRacingTheMoveToPickingHasOneWinner(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, location in
            try await StoreLocation.withStore(location) { clockStore in
                for round in 0..<6 {
                    let order = try await store.order([OrderLine(sku: "C3", qty: 1)], engine: engine)
                    let shipment = try #require(order.shipments.first)
                    async let refused = Self.refusal {
                        try await Self.add(
                            store, shipment.id, "C3", 1, at: shipment.modifiableUntil - 1, engine: engine)
                    }
                    async let moved = clockStore.advance(to: shipment.modifiableUntil)
                    let (reason, report) = try await (refused, moved)
                    #expect(report.picking == 1, "round \(round)")
                    let now = try await store.order(order.id, customer: "c1")
                    #expect(now.status == .picking)
                    let lines = try #require(now.shipments.first).lines
                    if reason == nil {
                        #expect(lines == [OrderLine(sku: "C3", qty: 2)], "the add won: it is in the picked shipment")
                    } else {
                        #expect(reason == .tooLate)
                        #expect(lines == [OrderLine(sku: "C3", qty: 1)], "the clock won: nothing was added")
                    }
                    #expect(try await store.checkInvariants() == [])
                }
            }
        }
    }
}
