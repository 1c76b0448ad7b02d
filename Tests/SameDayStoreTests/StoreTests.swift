// The shared suite: every test runs on SQLite, and on PostgreSQL when SAMEDAY_TEST_POSTGRES_URL is set.

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

@Suite(.serialized) struct StoreTests {
    @Test(arguments: Backend.all) func importsTheFilesOnceAndReportsStock(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            #expect(try await store.importIfNew(try StoreFixtures.importData(), at: StoreFixtures.morning) == false)
            let a1 = try await store.stock(sku: "A1")
            #expect(
                a1 == [
                    StockLevel(node: "SEA1", sku: "A1", onHand: 10, reserved: 0),
                    StockLevel(node: "SEA2", sku: "A1", onHand: 3, reserved: 0),
                ])
            let setup = try #require(try await store.setup())
            #expect(setup.networkName == "tiny")
            #expect(setup.networkJSON == StoreFixtures.networkJSON)
            #expect(setup.catalog.items.map(\.sku) == ["A1", "B7", "C3"])
            #expect(setup.catalog.item("A1")?.name == "Kettle, steel")
            #expect(setup.catalog.item("A1")?.seller == "s1")
            let snapshot = try await store.stockSnapshot(skus: ["A1", "C3"])
            #expect(snapshot.count == 3)
            #expect(try await store.stock(node: "SEA2").map(\.sku) == ["A1", "C3"])
            #expect(try await store.ledger(node: nil, sku: nil, afterID: nil, limit: 100).count == 4)
            #expect(try await store.checkInvariants() == [])
        }
    }

    /// The catalog is read at start in keyset pages of its file order: every page size gives the file's order
    /// (not the SKUs' order), each item whole, with nothing lost or repeated at a page's edge.
    @Test(arguments: Backend.all) func theCatalogIsReadInPagesInFileOrder(_ backend: Backend) async throws {
        let catalog = """
            sku,name,lengthMm,widthMm,heightMm,weightG,priceCents,temperature,seller
            C3,Notebook,210,148,10,150,499,ambient,s1
            A1,"Kettle, steel",200,150,250,1200,3999,ambient,s1
            Z9,Zither,900,300,120,2500,12999,ambient,
            B7,Milk 1 l,70,70,200,1050,199,chilled,s2

            """
        try await StoreFixtures.withStore(backend, catalog: catalog) { store, _, _ in
            let whole = try #require(try await store.setup())
            #expect(whole.catalog.items.map(\.sku) == ["C3", "A1", "Z9", "B7"])
            #expect(whole.catalog.item("Z9")?.seller == nil && whole.catalog.item("B7")?.temperature == .chilled)
            for size in 1...5 {
                let paged: StoredSetup?
                if let sql = store as? SQLStore<PostgresBackend> {
                    paged = try await sql.setup(catalogPage: size)
                } else {
                    paged = try await #require(store as? SQLStore<SQLiteBackend>).setup(catalogPage: size)
                }
                #expect(paged?.catalog == whole.catalog, "pages of \(size)")
            }
        }
    }

    /// A catalog row no catalog file could have given (set by hand in the database) stops the start with the
    /// column and the value, instead of a trap when it is stored in 32 bits.
    @Test(arguments: Backend.all) func aCatalogValueBeyond32BitsStopsTheStartNamingItsColumn(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            try await StoreFixtures.executeRaw(store, "UPDATE catalog SET weight_g = 2147483648 WHERE sku = 'B7'")
            do {
                _ = try await store.setup()
                Issue.record("setup read a weight above 2147483647")
            } catch {
                #expect(
                    "\(error)".contains("column weight_g: expected an integer in 0...2147483647, found int(2147483648)")
                )
            }
            try await StoreFixtures.executeRaw(store, "UPDATE catalog SET weight_g = 2147483647 WHERE sku = 'B7'")
            #expect(try await store.setup()?.catalog.item("B7")?.weightG == 2_147_483_647)
        }
    }

    @Test(arguments: Backend.all) func anOrderReservesItsStockAndIsRecorded(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order(
                [OrderLine(sku: "A1", qty: 2), OrderLine(sku: "B7", qty: 1)], engine: engine)
            #expect(order.status == .placed)
            #expect(order.shipments.count == 1)
            let shipment = try #require(order.shipments.first)
            #expect(shipment.node == "SEA1")
            #expect(shipment.modifiableUntil <= shipment.departsAt)
            #expect(shipment.departsAt < shipment.deliverBy)
            #expect(order.deliverBy == shipment.deliverBy)
            #expect(try await store.level("SEA1", "A1") == StockLevel(node: "SEA1", sku: "A1", onHand: 10, reserved: 2))
            #expect(try await store.level("SEA1", "B7") == StockLevel(node: "SEA1", sku: "B7", onHand: 5, reserved: 1))
            #expect(try await store.order(order.id, customer: "c1") == order)
            #expect(try await store.order(order.id, customer: nil) == order)
            let reservations = try await store.ledger(node: "SEA1", sku: "A1", afterID: nil, limit: 10)
            #expect(reservations.last?.kind == .reservation)
            #expect(reservations.last?.reservedDelta == 2)
            #expect(reservations.last?.order == order.id)
            #expect(try await store.checkInvariants() == [])
        }
    }

    /// Add to delivery reads a customer's orders with a shipment still `placed` and not yet picking.
    @Test(arguments: Backend.all) func ordersWithUpcomingShipmentsAreTheCustomersNotYetPicking(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let at = StoreFixtures.morning
            let first = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
            let second = try await store.order([OrderLine(sku: "B7", qty: 1)], engine: engine)
            let cancelled = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
            _ = try await store.order([OrderLine(sku: "A1", qty: 1)], customer: "c2", engine: engine)
            _ = try await store.cancelOrder(cancelled.id, customer: "c1", at: at, actor: "customer:c1")
            let upcoming = try await store.ordersWithUpcomingShipments(customer: "c1", at: at)
            #expect(upcoming.map(\.id) == [first.id, second.id], "oldest first, the cancelled one left out")
            #expect(upcoming.first == first, "whole orders, as GET /v1/orders/{id} reads them")
            let pickStarts = try #require(first.shipments.first?.modifiableUntil)
            let justBefore = try await store.ordersWithUpcomingShipments(customer: "c1", at: pickStarts - 1)
            #expect(justBefore.map(\.id).contains(first.id))
            let atPicking = try await store.ordersWithUpcomingShipments(customer: "c1", at: pickStarts)
            #expect(!atPicking.map(\.id).contains(first.id))
            #expect(try await store.ordersWithUpcomingShipments(customer: "nobody", at: at).isEmpty)
            // A shipment's order, for its customer only.
            let shipment = try #require(second.shipments.first?.id)
            #expect(try await store.order(ofShipment: shipment, customer: "c1") == second)
            #expect(try await store.order(ofShipment: shipment, customer: nil) == second)
            await #expect(throws: StoreError.self) { try await store.order(ofShipment: shipment, customer: "c2") }
            await #expect(throws: StoreError.self) { try await store.order(ofShipment: "s_none", customer: nil) }
        }
    }

    @Test(arguments: Backend.all) func lastUnitsAreSoldOnceUnder200ConcurrentOrders(_ backend: Backend) async throws {
        let inventory = "node,sku,available\nSEA1,A1,10\n"
        try await StoreFixtures.withStore(backend, inventory: inventory) { store, engine, _ in
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<200 {
                    group.addTask {
                        do {
                            _ = try await store.order(
                                [OrderLine(sku: "A1", qty: 1)], customer: CustomerID("c\(i)"), key: "k\(i)",
                                engine: engine)
                            return true
                        } catch StoreError.outOfStock {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 10)
            #expect(outcomes.filter { !$0 }.count == 190)
            #expect(
                try await store.level("SEA1", "A1") == StockLevel(node: "SEA1", sku: "A1", onHand: 10, reserved: 10))
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func twoStoresOnOneDatabaseSellTheLastUnitsOnce(_ backend: Backend) async throws {
        let inventory = "node,sku,available\nSEA1,A1,10\n"
        try await StoreFixtures.withStore(backend, inventory: inventory) { first, engine, location in
            // A second store on the same database, as a second server process would open it.
            try await StoreLocation.withStore(location) { second in
                let placed = try await withThrowingTaskGroup(of: Int.self) { group in
                    for i in 0..<60 {
                        let store = i % 2 == 0 ? first : second
                        group.addTask {
                            do {
                                _ = try await store.order(
                                    [OrderLine(sku: "A1", qty: 1)], customer: CustomerID("c\(i)"), key: "k\(i)",
                                    engine: engine)
                                return 1
                            } catch StoreError.outOfStock {
                                return 0
                            }
                        }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(placed == 10)
                #expect(try await second.checkInvariants() == [])
            }
        }
    }

    @Test(arguments: Backend.all) func aRetryStormWithOneKeyPlacesOneOrder(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let ids = try await withThrowingTaskGroup(of: OrderID.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await store.order([OrderLine(sku: "A1", qty: 2)], key: "retry-1", engine: engine).id
                    }
                }
                return try await group.reduce(into: Set<OrderID>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await store.orders(customer: "c1", limit: 100, after: nil).orders.count == 1)
            #expect(try await store.level("SEA1", "A1")?.reserved == 2)
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func theSameKeyWithAnotherBodyIsRefused(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let first = try await store.order([OrderLine(sku: "A1", qty: 1)], key: "k", engine: engine)
            await #expect(throws: StoreError.self) {
                try await store.order([OrderLine(sku: "A1", qty: 2)], key: "k", engine: engine)
            }
            // Another customer's identical key is theirs: a new order.
            let other = try await store.order([OrderLine(sku: "A1", qty: 1)], customer: "c2", key: "k", engine: engine)
            #expect(other.id != first.id)
            do {
                _ = try await store.order([OrderLine(sku: "A1", qty: 2)], key: "k", engine: engine)
            } catch let error as StoreError {
                #expect(error.problemCode == .idempotencyKeyReused)
            }
            #expect(try await store.level("SEA1", "A1")?.reserved == 2)
            await #expect(throws: StoreError.self) {
                try await store.order([OrderLine(sku: "A1", qty: 1)], key: "", engine: engine)
            }
            await #expect(throws: StoreError.self) {
                try await store.order(
                    [OrderLine(sku: "A1", qty: 1)], key: String(repeating: "k", count: 201), engine: engine)
            }
            await #expect(throws: StoreError.self) {
                try await store.order([OrderLine(sku: "A1", qty: 1)], customer: "not ok", engine: engine)
            }
        }
    }

    @Test(arguments: Backend.all) func outOfStockAndUndeliverableOrdersWriteNothing(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            do {
                _ = try await store.order([OrderLine(sku: "A1", qty: 11)], engine: engine)
                Issue.record("an order for 11 of 10 units was placed")
            } catch StoreError.outOfStock(let detail) {
                #expect(detail.contains("A1"))
            }
            do {
                _ = try await store.order([OrderLine(sku: "A1", qty: 1)], zip: "10001", engine: engine)
                Issue.record("an order to an unserved ZIP was placed")
            } catch StoreError.notDeliverable(let detail) {
                #expect(detail.contains("10001"))
            }
            await #expect(throws: StoreError.invalidOrder(.unknownSKU("ZZ"))) {
                try await store.order([OrderLine(sku: "ZZ", qty: 1)], engine: engine)
            }
            #expect(try await store.orders(customer: "c1", limit: 10, after: nil).orders.isEmpty)
            #expect(try await store.level("SEA1", "A1")?.reserved == 0)
            // A failed attempt leaves its key free for a retry.
            #expect(try await store.ledger(node: nil, sku: nil, afterID: nil, limit: 100).count == 4)
            #expect(try await store.checkInvariants() == [])
            // The key of a refused order is free: after a receipt the same request succeeds.
            do {
                _ = try await store.order([OrderLine(sku: "A1", qty: 11)], key: "again", engine: engine)
                Issue.record("an order for 11 of 10 units was placed")
            } catch StoreError.outOfStock {}
            _ = try await store.receive(
                node: "SEA1", sku: "A1", qty: 1, actor: "operator", reason: "found one", at: StoreFixtures.morning)
            let retried = try await store.order([OrderLine(sku: "A1", qty: 11)], key: "again", engine: engine)
            #expect(retried.lines == [OrderLine(sku: "A1", qty: 11)])
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func aLaterDeliveryThanPromisedIsAnsweredWithTheNewPromise(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let probe = try await store.order([OrderLine(sku: "C3", qty: 1)], engine: engine)
            _ = try await store.cancelOrder(probe.id, customer: nil, at: StoreFixtures.morning, actor: "test")
            let earlier = probe.deliverBy - 60
            do {
                _ = try await store.placeOrder(
                    customer: "c1", zip: "98109", lines: [OrderLine(sku: "C3", qty: 1)], idempotencyKey: "p",
                    promisedDeliverBy: earlier, at: StoreFixtures.morning, engine: engine)
                Issue.record("an order was placed later than promised")
            } catch StoreError.promiseChanged(let change) {
                #expect(change.promisedDeliverBy == earlier)
                #expect(change.promise.deliverBy == probe.deliverBy)
            }
            let kept = try await store.placeOrder(
                customer: "c1", zip: "98109", lines: [OrderLine(sku: "C3", qty: 1)], idempotencyKey: "p2",
                promisedDeliverBy: probe.deliverBy, at: StoreFixtures.morning, engine: engine
            ).order
            #expect(kept.deliverBy == probe.deliverBy)
            #expect(try await store.level("SEA2", "C3")?.reserved == 1)
        }
    }

    @Test(arguments: Backend.all) func cancellingReleasesTheStock(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "A1", qty: 3)], engine: engine)
            #expect(try await store.level("SEA1", "A1")?.reserved == 3)
            await #expect(throws: StoreError.notFound("no order \(order.id)")) {
                try await store.cancelOrder(order.id, customer: "c2", at: StoreFixtures.morning, actor: "c2")
            }
            let cancelling = try await store.cancelOrder(
                order.id, customer: "c1", at: StoreFixtures.morning, actor: "c1")
            #expect(cancelling.alreadyCancelled == false)
            let cancelled = cancelling.order
            #expect(cancelled.status == .cancelled)
            #expect(cancelled.shipments.allSatisfy { $0.status == .cancelled })
            #expect(try await store.level("SEA1", "A1")?.reserved == 0)
            // Cancelling twice changes nothing, and says so.
            #expect(
                try await store.cancelOrder(order.id, customer: "c1", at: StoreFixtures.morning, actor: "c1")
                    == CancelledOrder(order: cancelled, alreadyCancelled: true))
            #expect(
                try await store.ledger(node: "SEA1", sku: "A1", afterID: nil, limit: 10).filter { $0.kind == .release }
                    .count == 1)
            #expect(try await store.ledger(node: "SEA1", sku: "A1", afterID: nil, limit: 10).last?.kind == .release)
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func cancellingIsTooLateOnceAShipmentIsPicking(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
            let pickStarts = try #require(order.shipments.first?.modifiableUntil)
            do {
                _ = try await store.cancelOrder(order.id, customer: "c1", at: pickStarts, actor: "c1")
                Issue.record("cancelled at the minute picking starts")
            } catch StoreError.tooLate {}
            _ = try await store.advance(to: pickStarts)
            do {
                _ = try await store.cancelOrder(order.id, customer: "c1", at: pickStarts - 1, actor: "c1")
                Issue.record("cancelled a picking shipment")
            } catch StoreError.tooLate {}
            #expect(try await store.level("SEA1", "A1")?.reserved == 1)
        }
    }

    @Test(arguments: Backend.all) func theClockMovesShipmentsThroughTheirLife(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let order = try await store.order([OrderLine(sku: "A1", qty: 2)], engine: engine)
            let shipment = try #require(order.shipments.first)
            #expect(try await store.advance(to: shipment.modifiableUntil - 1) == AdvanceReport())
            #expect(try await store.advance(to: shipment.modifiableUntil) == AdvanceReport(picking: 1))
            #expect(try await store.order(order.id, customer: "c1").status == .picking)
            #expect(try await store.advance(to: shipment.departsAt) == AdvanceReport(shipped: 1))
            #expect(try await store.level("SEA1", "A1") == StockLevel(node: "SEA1", sku: "A1", onHand: 8, reserved: 0))
            #expect(try await store.order(order.id, customer: "c1").status == .shipped)
            #expect(try await store.ledger(node: "SEA1", sku: "A1", afterID: nil, limit: 10).last?.kind == .shipment)
            #expect(try await store.advance(to: shipment.deliverBy) == AdvanceReport(delivered: 1))
            #expect(try await store.order(order.id, customer: "c1").status == .delivered)
            #expect(try await store.advance(to: shipment.deliverBy + 1440) == AdvanceReport())
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func receiptsAndAdjustmentsMoveOnHandButNeverBelowReserved(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let at = StoreFixtures.morning
            #expect(
                try await store.receive(node: "SEA2", sku: "B7", qty: 4, actor: "operator", reason: "truck 12", at: at)
                    == StockLevel(node: "SEA2", sku: "B7", onHand: 4, reserved: 0))
            #expect(
                try await store.receive(node: "SEA1", sku: "A1", qty: 5, actor: "operator", reason: "truck 12", at: at)
                    .onHand == 15)
            _ = try await store.order([OrderLine(sku: "A1", qty: 6)], engine: engine)
            do {
                _ = try await store.adjust(
                    node: "SEA1", sku: "A1", delta: -10, actor: "operator", reason: "count", at: at)
                Issue.record("on hand went below reserved")
            } catch StoreError.wouldGoNegative(let detail) {
                #expect(detail.contains("6"))
            }
            #expect(
                try await store.adjust(node: "SEA1", sku: "A1", delta: -9, actor: "operator", reason: "count", at: at)
                    == StockLevel(node: "SEA1", sku: "A1", onHand: 6, reserved: 6))
            await #expect(throws: StoreError.unknownNode("DSE2")) {
                try await store.receive(node: "DSE2", sku: "A1", qty: 1, actor: "operator", reason: "x", at: at)
            }
            await #expect(throws: StoreError.unknownNode("NOPE")) {
                try await store.adjust(node: "NOPE", sku: "A1", delta: 1, actor: "operator", reason: "x", at: at)
            }
            await #expect(throws: StoreError.unknownSKU("ZZ")) {
                try await store.receive(node: "SEA1", sku: "ZZ", qty: 1, actor: "operator", reason: "x", at: at)
            }
            await #expect(throws: StoreError.self) {
                try await store.receive(node: "SEA1", sku: "A1", qty: 0, actor: "operator", reason: "x", at: at)
            }
            await #expect(throws: StoreError.self) {
                try await store.adjust(node: "SEA2", sku: "C3", delta: -21, actor: "operator", reason: "x", at: at)
            }
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func aCustomerSeesOnlyTheirOrdersNewestFirstInPages(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            var placed: [OrderID] = []
            for i in 0..<5 {
                placed.append(
                    try await store.order([OrderLine(sku: "C3", qty: 1)], at: StoreFixtures.morning + i, engine: engine)
                        .id)
            }
            let theirs = try await store.order([OrderLine(sku: "A1", qty: 1)], customer: "c2", engine: engine)
            await #expect(throws: StoreError.notFound("no order \(theirs.id)")) {
                try await store.order(theirs.id, customer: "c1")
            }
            let first = try await store.orders(customer: "c1", limit: 2, after: nil)
            #expect(first.orders.map(\.id) == [placed[4], placed[3]])
            let second = try await store.orders(customer: "c1", limit: 2, after: first.next)
            #expect(second.orders.map(\.id) == [placed[2], placed[1]])
            let third = try await store.orders(customer: "c1", limit: 2, after: second.next)
            #expect(third.orders.map(\.id) == [placed[0]])
            #expect(third.next == nil)
            await #expect(throws: StoreError.self) { try await store.orders(customer: "c1", limit: 0, after: nil) }
            await #expect(throws: StoreError.self) {
                try await store.orders(customer: "c2", limit: 2, after: placed[0])
            }
        }
    }

    @Test(arguments: Backend.all) func checkFindsWhatRawSQLBroke(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            _ = try await store.order([OrderLine(sku: "A1", qty: 2)], engine: engine)
            #expect(try await store.checkInvariants() == [])
            try await StoreFixtures.executeRaw(
                store, "UPDATE stock SET on_hand = on_hand + 5 WHERE node = 'SEA2' AND sku = 'C3'")
            try await StoreFixtures.executeRaw(
                store, "UPDATE stock SET reserved = reserved + 1 WHERE node = 'SEA1' AND sku = 'A1'")
            let violations = try await store.checkInvariants()
            #expect(violations.contains { $0.kind == .ledgerMismatch && $0.node == "SEA2" && $0.sku == "C3" })
            #expect(violations.contains { $0.kind == .reservedNotOpenLines && $0.node == "SEA1" && $0.sku == "A1" })
            #expect(violations.contains { $0.kind == .ledgerMismatch && $0.node == "SEA1" && $0.sku == "A1" })
            #expect(violations.count == 3)
            // The ledger itself cannot be rewritten to hide it.
            await #expect(throws: (any Error).self) {
                try await StoreFixtures.executeRaw(store, "DELETE FROM ledger")
            }
            await #expect(throws: (any Error).self) {
                try await StoreFixtures.executeRaw(store, "UPDATE stock SET reserved = on_hand + 1")
            }
        }
    }

    @Test(arguments: Backend.all) func apiKeysAreStoredAsHashesAndFoundByKey(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            let (key, record) = try await store.createAPIKey(
                role: .customer, customer: "c1", seller: nil, at: StoreFixtures.morning)
            #expect(key.hasPrefix("sd_"))
            #expect(key.count == 46)
            #expect(record.hash == APIKeys.hash(key))
            #expect(record.hash != key)
            #expect(try await store.apiKey(matching: key) == record)
            #expect(try await store.apiKey(matching: key + "x") == nil)
            let (operatorKey, _) = try await store.createAPIKey(
                role: .operator, customer: nil, seller: nil, at: StoreFixtures.morning)
            #expect(operatorKey != key)
            #expect(try await store.apiKey(matching: operatorKey)?.role == .operator)
            await #expect(throws: StoreError.self) {
                try await store.createAPIKey(role: .customer, customer: nil, seller: nil, at: StoreFixtures.morning)
            }
            await #expect(throws: StoreError.self) {
                try await store.createAPIKey(role: .seller, customer: nil, seller: "bad id!", at: StoreFixtures.morning)
            }
        }
    }

    @Test(arguments: Backend.all) func anAcknowledgedOrderIsThereAfterReopening(_ backend: Backend) async throws {
        let (location, cleanup) = StoreFixtures.newLocation(backend)
        defer { cleanup() }
        let data = try StoreFixtures.importData()
        let engine = try StoreFixtures.engine(data)
        // The first store is closed (its pool, its connections) before the second opens the database.
        let order = try await StoreLocation.withStore(location) { store in
            #expect(try await store.importIfNew(data, at: StoreFixtures.morning))
            return try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
        }
        try await StoreLocation.withStore(location) { reopened in
            #expect(try await reopened.order(order.id, customer: "c1") == order)
            #expect(try await reopened.checkInvariants() == [])
            try await StoreFixtures.dropSchema(reopened)
        }
    }
}

@Suite struct SQLiteDurabilityTests {
    @Test func commitsAreSyncedToDiskWithSynchronousFull() async throws {
        let (location, cleanup) = StoreFixtures.newLocation(.sqlite)
        defer { cleanup() }
        try await StoreLocation.withStore(location) { store in
            let sqlite = try #require(store as? SQLStore<SQLiteBackend>)
            #expect(try await sqlite.backend.synchronousSetting() == 2)
        }
    }
}

@Suite struct StoreLocationTests {
    @Test func aPathIsSQLiteAndAURLIsPostgreSQL() throws {
        #expect(try StoreLocation(parsing: "orders.sqlite") == .sqlite(path: "orders.sqlite"))
        #expect(
            try StoreLocation(parsing: "postgres://u:p%40ss@db.local:6432/sameday?schema=s1&pool=4")
                == .postgres(
                    host: "db.local", port: 6432, user: "u", password: "p@ss", database: "sameday", schema: "s1",
                    maximumConnections: 4, sslMode: "disable", connectTimeoutSeconds: 10, poolTimeoutSeconds: 30))
        #expect(
            try StoreLocation(parsing: "postgres://u@h/x?connect_timeout=2&pool_timeout=3")
                == .postgres(
                    host: "h", port: 5432, user: "u", password: nil, database: "x", schema: nil,
                    maximumConnections: 20, sslMode: "disable", connectTimeoutSeconds: 2, poolTimeoutSeconds: 3))
        #expect(throws: StoreError.self) { try StoreLocation(parsing: "postgres://u@h/x?connect_timeout=0") }
        #expect(throws: StoreError.self) { try StoreLocation(parsing: "postgres://db.local/x") }
        #expect(throws: StoreError.self) { try StoreLocation(parsing: "postgres://u@h/x?color=blue") }
        #expect(throws: StoreError.self) { try StoreLocation(parsing: "") }
        #expect(StoreLocation.redacted("postgres://u:secret@h/x").contains("secret") == false)
        #expect(StoreLocation.redacted("postgres://u:secret@h/x") == "postgres://u:***@h/x")
        // Text URLComponents cannot parse keeps nothing before the last '@'.
        let odd = "postgres://u:s e[c@ret@h:5432/x"
        #expect(!StoreLocation.redacted(odd).contains("s e[c"), "\(StoreLocation.redacted(odd))")
        #expect(StoreLocation.redacted(odd).hasSuffix("@h:5432/x"))
        #expect(StoreLocation.redacted("orders.sqlite") == "orders.sqlite")
    }

    @Test func keysAreRandomAndHashedWithSHA256() {
        #expect(APIKeys.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(APIKeys.generate() != APIKeys.generate())
    }
}
