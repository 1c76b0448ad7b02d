// Limits from `Limits`, honest answers (replays, repeated cancels), racing adjustments on a missing row, the
// clock moving past one bad stock row, private SQLite files, idempotency records that expire, and API keys
// that are listed and revoked.

import Foundation
import SameDayCore
import Testing

@testable import SameDayStore

@Suite(.serialized) struct StoreHardeningTests {
    @Test(arguments: Backend.all) func movementsReasonsAndKeysAreHeldToLimits(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let at = StoreFixtures.morning
            let most = Limits.maxStockMovement
            #expect(
                try await store.receive(node: "SEA2", sku: "B7", qty: most, actor: "t", reason: "r", at: at).onHand
                    == most)
            await #expect(throws: StoreError.self) {
                try await store.receive(node: "SEA2", sku: "B7", qty: most + 1, actor: "t", reason: "r", at: at)
            }
            #expect(
                try await store.adjust(node: "SEA2", sku: "B7", delta: -most, actor: "t", reason: "r", at: at).onHand
                    == 0)
            await #expect(throws: StoreError.self) {
                try await store.adjust(node: "SEA2", sku: "B7", delta: most + 1, actor: "t", reason: "r", at: at)
            }
            await #expect(throws: StoreError.self) {
                try await store.adjust(node: "SEA2", sku: "B7", delta: 0, actor: "t", reason: "r", at: at)
            }
            // The reason is limited in UTF-8 bytes, not characters: 100 × "é" is 200 bytes, 67 × "€" 201.
            let fits = String(repeating: "é", count: Limits.maxTextBytes / 2)
            #expect(
                try await store.receive(node: "SEA2", sku: "B7", qty: 1, actor: "t", reason: fits, at: at).onHand == 1)
            let over = String(repeating: "€", count: Limits.maxTextBytes / 3 + 1)
            #expect(over.count < Limits.maxTextBytes)
            await #expect(throws: StoreError.self) {
                try await store.receive(node: "SEA2", sku: "B7", qty: 1, actor: "t", reason: over, at: at)
            }
            // Idempotency keys: 1…200 bytes.
            let longest = String(repeating: "k", count: Limits.maxIdempotencyKeyBytes)
            _ = try await store.order([OrderLine(sku: "C3", qty: 1)], key: longest, engine: engine)
            await #expect(throws: StoreError.self) {
                try await store.order([OrderLine(sku: "C3", qty: 1)], key: longest + "k", engine: engine)
            }
            await #expect(throws: StoreError.self) {
                try await store.order([OrderLine(sku: "C3", qty: 1)], customer: "bad id", engine: engine)
            }
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func aReplayAndARepeatedCancelSayWhatTheyAre(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let request = OrderRequest(
                customer: "c1", zip: "98109", lines: [OrderLine(sku: "A1", qty: 1)], idempotencyKey: "once",
                at: StoreFixtures.morning)
            let first = try await store.placeOrder(request, engine: engine)
            #expect(first.replayed == false)
            let again = try await store.placeOrder(request, engine: engine)
            #expect(again == PlacedOrder(order: first.order, replayed: true))
            let cancelled = try await store.cancelOrder(
                first.order.id, customer: nil, at: StoreFixtures.morning, actor: "op")
            #expect(cancelled.alreadyCancelled == false)
            let twice = try await store.cancelOrder(
                first.order.id, customer: nil, at: StoreFixtures.morning, actor: "op")
            #expect(twice.alreadyCancelled == true)
            #expect(twice.order == cancelled.order)
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func adjustmentsRacingOnAMissingStockRowAllApply(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            // SEA2 has no B7 row: 24 adjustments create it at once.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<24 {
                    group.addTask {
                        do {
                            _ = try await store.adjust(
                                node: "SEA2", sku: "B7", delta: i % 3 == 2 ? -100 : 1, actor: "t", reason: "race \(i)",
                                at: StoreFixtures.morning)
                            return true
                        } catch StoreError.wouldGoNegative {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 16)
            #expect(try await store.level("SEA2", "B7") == StockLevel(node: "SEA2", sku: "B7", onHand: 16, reserved: 0))
            #expect(try await store.ledger(node: "SEA2", sku: "B7", afterID: nil, limit: 100).count == 16)
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func theClockMovesEveryShipmentButTheOneWhoseStockRowIsWrong(_ backend: Backend)
        async throws
    {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let bad = try await store.order([OrderLine(sku: "A1", qty: 2)], engine: engine)
            let good = try await store.order([OrderLine(sku: "C3", qty: 1)], engine: engine)
            let badShipment = try #require(bad.shipments.first)
            #expect(badShipment.node == "SEA1")
            #expect(good.shipments.map(\.node) == ["SEA2"])
            try await StoreFixtures.executeRaw(
                store, "UPDATE stock SET reserved = 0 WHERE node = 'SEA1' AND sku = 'A1'")
            let departed = (bad.shipments + good.shipments).map(\.departsAt).max() ?? StoreFixtures.morning
            let report = try await store.advance(to: departed)
            #expect(report.shipped == 1)
            #expect(report.stuck.map(\.shipment) == [badShipment.id])
            #expect(report.stuck.first?.reason.contains("SEA1/A1: 2 units to ship but 0 reserved") == true)
            #expect(try await store.order(good.id, customer: nil).status == .shipped)
            #expect(try await store.order(bad.id, customer: nil).status == .picking)
            #expect(try await store.level("SEA2", "C3") == StockLevel(node: "SEA2", sku: "C3", onHand: 19, reserved: 0))
            #expect(try await store.level("SEA1", "A1") == StockLevel(node: "SEA1", sku: "A1", onHand: 10, reserved: 0))
            // It is reported again until someone repairs the row; then it leaves.
            #expect(try await store.advance(to: departed + 1).stuck.map(\.shipment) == [badShipment.id])
            try await StoreFixtures.executeRaw(
                store, "UPDATE stock SET reserved = 2 WHERE node = 'SEA1' AND sku = 'A1'")
            #expect(try await store.advance(to: departed + 2) == AdvanceReport(shipped: 1))
            #expect(try await store.checkInvariants() == [])
        }
    }

    @Test(arguments: Backend.all) func idempotencyRecordsExpireAndFreeTheirKeys(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, engine, _ in
            let morning = StoreFixtures.morning
            func place(_ qty: Int, key: String, at: Instant) async throws -> PlacedOrder {
                try await store.placeOrder(
                    customer: "c1", zip: "98109", lines: [OrderLine(sku: "C3", qty: qty)], idempotencyKey: key, at: at,
                    engine: engine)
            }
            let first = try await place(1, key: "k", at: morning)
            let later = try await place(1, key: "later", at: morning + 60)
            // Within its time to live the record answers the first order again.
            #expect(try await store.purgeIdempotency(before: morning) == 0)
            #expect(try await place(1, key: "k", at: morning + 30) == PlacedOrder(order: first.order, replayed: true))
            // Removed, its key is free: the same key places a new order (even for another body).
            #expect(try await store.purgeIdempotency(before: morning + 1) == 1)
            let renewed = try await place(2, key: "k", at: morning + 90)
            #expect(renewed.replayed == false)
            #expect(renewed.order.id != first.order.id)
            #expect(
                try await place(1, key: "later", at: morning + 90) == PlacedOrder(order: later.order, replayed: true))
            #expect(try await store.purgeIdempotency(before: morning + 10_000) == 2)
            #expect(try await store.orders(customer: "c1", limit: 10, after: nil).orders.count == 3)
        }
    }

    @Test(arguments: Backend.all) func keysAreListedAndARevokedKeyIsNotFound(_ backend: Backend) async throws {
        try await StoreFixtures.withStore(backend) { store, _, _ in
            let at = StoreFixtures.morning
            let (key, record) = try await store.createAPIKey(role: .customer, customer: "c1", seller: nil, at: at)
            let (other, _) = try await store.createAPIKey(role: .seller, customer: nil, seller: "s1", at: at + 1)
            #expect(record.id.count == 12)
            #expect(record.hash.hasPrefix(record.id))
            #expect(try await store.apiKeys().map(\.id) == [record.id, APIKeys.hash(other).prefix(12).description])
            let revoked = try await store.revokeAPIKey(id: record.id.uppercased(), at: at + 5)
            #expect(revoked.revokedAt == at + 5)
            #expect(try await store.apiKey(matching: key) == nil)
            #expect(try await store.apiKey(matching: other)?.role == .seller)
            #expect(try await store.apiKeys().map(\.revokedAt) == [at + 5, nil])
            // Revoking again changes nothing.
            #expect(try await store.revokeAPIKey(id: record.id, at: at + 9).revokedAt == at + 5)
            await #expect(throws: StoreError.self) { try await store.revokeAPIKey(id: "not-hex!", at: at) }
            await #expect(throws: StoreError.self) { try await store.revokeAPIKey(id: "abc", at: at) }
            let absent = record.id.hasPrefix("0000000") ? "ffffffffffff" : "000000000000"
            await #expect(throws: StoreError.notFound("no API key \(absent)")) {
                try await store.revokeAPIKey(id: absent, at: at)
            }
        }
    }
}

@Suite struct SQLiteFileModeTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    @Test func aNewDatabaseAndItsWALAndSHMAreReadableByTheirOwnerOnly() async throws {
        let (location, cleanup) = StoreFixtures.newLocation(.sqlite)
        defer { cleanup() }
        try await StoreLocation.withStore(location) { store in
            _ = try await store.createAPIKey(role: .operator, customer: nil, seller: nil, at: StoreFixtures.morning)
            for suffix in ["", "-wal", "-shm"] {
                #expect(FileManager.default.fileExists(atPath: location + suffix), "\(suffix)")
                #expect(try Self.mode(location + suffix) == 0o600, "\(location + suffix)")
            }
        }
    }

    @Test func anExistingFileKeepsItsMode() async throws {
        let (location, cleanup) = StoreFixtures.newLocation(.sqlite)
        defer { cleanup() }
        #expect(FileManager.default.createFile(atPath: location, contents: nil))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: location)
        try await StoreLocation.withStore(location) { store in
            _ = try await store.createAPIKey(role: .operator, customer: nil, seller: nil, at: StoreFixtures.morning)
        }
        #expect(try Self.mode(location) == 0o640)
    }
}
