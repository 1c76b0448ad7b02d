// Prices on both backends: the history is appended, never rewritten; orders record the unit price of each line and
// their total; a migration fills the orders placed before prices were recorded, and says so.

import Foundation
import GRDB
import SameDayCore
import Testing

@testable import SameDayStore

extension WatchStoreSuites {
    @Suite(.serialized) struct PriceStoreTests {
        static let morning = StoreFixtures.morning

        @Test(arguments: Backend.all) func aPriceChangeIsAppendedToItsHistory(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, _, _ in
                let imported = try await store.priceHistory(sku: "A1", from: nil, to: nil)
                #expect(imported.points == [PricePoint(at: Self.morning, priceCents: 3999)])
                let change = try await store.setPrice(
                    sku: "A1", priceCents: 3499, actor: "operator", at: Self.morning + 60)
                #expect(change == PriceChange(sku: "A1", priceCents: 3499, changedAt: Self.morning + 60, changed: true))
                _ = try await store.setPrice(sku: "A1", priceCents: 3799, actor: "seller:s1", at: Self.morning + 120)
                // The same price again writes nothing and names the change that set it.
                let same = try await store.setPrice(
                    sku: "A1", priceCents: 3799, actor: "operator", at: Self.morning + 500)
                #expect(same == PriceChange(sku: "A1", priceCents: 3799, changedAt: Self.morning + 120, changed: false))
                let all = try await store.priceHistory(sku: "A1", from: nil, to: nil)
                #expect(all.points.map(\.priceCents) == [3999, 3499, 3799])
                #expect(!all.truncated)
                let window = try await store.priceHistory(sku: "A1", from: Self.morning + 60, to: Self.morning + 119)
                #expect(window.points == [PricePoint(at: Self.morning + 60, priceCents: 3499)])
                #expect(window.before == PricePoint(at: Self.morning, priceCents: 3999))
                #expect(try await store.prices(skus: ["A1", "B7"]) == ["A1": 3799, "B7": 199])
                let events = try await store.events(after: .start, customer: nil, limit: 100)
                #expect(events.map(\.type) == [.priceChanged, .priceChanged])
                #expect(events.map(\.priceCents) == [3499, 3799])
            }
        }

        @Test(arguments: Backend.all) func everyCurrentPriceIsReadByCatalogIndexInPages(_ backend: Backend) async throws
        {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                let catalog = engine.catalog
                _ = try await store.setPrice(sku: "A1", priceCents: 3499, actor: "operator", at: Self.morning + 60)
                let last = catalog.sku(at: catalog.count - 1)
                _ = try await store.setPrice(sku: last, priceCents: 1, actor: "operator", at: Self.morning + 61)
                var expected = (0..<catalog.count).map { catalog.priceCents(at: $0) }
                expected[try #require(catalog.index(of: "A1"))] = 3499
                expected[catalog.count - 1] = 1
                for pageSize in [1, 2, catalog.count - 1, catalog.count, catalog.count + 1] {
                    #expect(try await store.prices(of: catalog, pageSize: pageSize) == expected, "pages of \(pageSize)")
                }
            }
        }

        @Test(arguments: Backend.all) func pricesOutsideTheirRangeAndUnknownSKUsAreRefused(_ backend: Backend)
            async throws
        {
            try await StoreFixtures.withStore(backend) { store, _, _ in
                for cents in [0, -1, 100_000_001] {
                    await #expect(throws: StoreError.self) {
                        try await store.setPrice(sku: "A1", priceCents: cents, actor: "operator", at: Self.morning)
                    }
                }
                let lowest = try await store.setPrice(sku: "A1", priceCents: 1, actor: "o", at: Self.morning)
                #expect(lowest.changed)
                let highest = try await store.setPrice(sku: "A1", priceCents: 100_000_000, actor: "o", at: Self.morning)
                #expect(highest.changed)
                await #expect(throws: StoreError.unknownSKU("ZZ")) {
                    try await store.setPrice(sku: "ZZ", priceCents: 5, actor: "operator", at: Self.morning)
                }
                await #expect(throws: StoreError.unknownSKU("ZZ")) {
                    try await store.priceHistory(sku: "ZZ", from: nil, to: nil)
                }
            }
        }

        @Test(arguments: Backend.all) func theHistoryRefusesToBeRewritten(_ backend: Backend) async throws {
            try await StoreFixtures.withStore(backend) { store, _, _ in
                await #expect(throws: StoreError.self) {
                    try await StoreFixtures.executeRaw(store, "UPDATE price_history SET price_cents = 1")
                }
                await #expect(throws: StoreError.self) {
                    try await StoreFixtures.executeRaw(store, "DELETE FROM price_history")
                }
                _ = try await store.setPrice(sku: "B7", priceCents: 150, actor: "operator", at: Self.morning)
                await #expect(throws: StoreError.self) {
                    try await StoreFixtures.executeRaw(store, "UPDATE events SET type = 'order-placed'")
                }
            }
        }

        @Test(arguments: Backend.all) func orderLinesRecordTheirUnitPriceAndOrdersTheirTotal(_ backend: Backend)
            async throws
        {
            try await StoreFixtures.withStore(backend) { store, engine, _ in
                let first = try await store.order(
                    [OrderLine(sku: "A1", qty: 2), OrderLine(sku: "B7", qty: 3)], engine: engine)
                #expect(first.totalCents == 2 * 3999 + 3 * 199)
                #expect(first.shipments.flatMap(\.linePriceCents).sorted() == [199, 3999])
                _ = try await store.setPrice(sku: "A1", priceCents: 2999, actor: "operator", at: Self.morning)
                let second = try await store.order([OrderLine(sku: "A1", qty: 1)], engine: engine)
                #expect(second.totalCents == 2999)
                // The first order keeps what it was bought at.
                #expect(try await store.order(first.id, customer: nil).totalCents == 2 * 3999 + 3 * 199)
                #expect(try await store.order(second.id, customer: nil) == second)
                let placed = try await store.events(after: .start, customer: "c1", limit: 10).filter {
                    $0.type == .orderPlaced
                }
                #expect(placed.map(\.order) == [first.id, second.id])
                #expect(placed.map(\.priceCents) == [first.totalCents, second.totalCents])
                #expect(try await store.checkInvariants() == [])
                try await StoreFixtures.executeRaw(store, "UPDATE orders SET total_cents = total_cents + 1")
                let violations = try await store.checkInvariants()
                #expect(violations.map(\.kind) == [.orderTotal, .orderTotal])
            }
        }

        /// A database made before v6 (orders without prices) migrates: lines get the catalog price, orders their total,
        /// and a settings row says how many lines were filled that way.
        @Test func theMigrationPricesOrdersPlacedBeforeIt() async throws {
            let (path, cleanup) = StoreFixtures.newLocation(.sqlite)
            defer { cleanup() }
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                for migration in Schema.migrations(.sqlite) where migration.id < "v6" {
                    for statement in migration.statements { try db.execute(sql: statement) }
                }
                try db.execute(
                    sql: """
                        INSERT INTO settings (key, value) VALUES ('network_json', ?), ('network_name', 'tiny'), ('imported_at', '100');
                        INSERT INTO nodes (id, kind, region) VALUES ('SEA1', 'fulfillment-center', 'west');
                        INSERT INTO catalog (sku, name, length_mm, width_mm, height_mm, weight_g, price_cents, temperature, position)
                            VALUES ('A1', 'Kettle', 1, 1, 1, 1, 3999, 'ambient', 0), ('B7', 'Milk', 1, 1, 1, 1, 199, 'chilled', 1);
                        INSERT INTO orders (id, customer, zip, status, placed_at, deliver_by, order_by)
                            VALUES ('o_old', 'c1', '98109', 'placed', 100, 200, 100);
                        INSERT INTO shipments (id, order_id, position, node, status, deliver_by, order_by, modifiable_until, departs_at)
                            VALUES ('o_old-1', 'o_old', 1, 'SEA1', 'delivered', 200, 100, 150, 160);
                        INSERT INTO shipment_lines (shipment_id, line, sku, qty) VALUES ('o_old-1', 1, 'A1', 2), ('o_old-1', 2, 'B7', 1);
                        """, arguments: [StoreFixtures.networkJSON])
                // GRDB's migrator records applied migrations by id; mark the ones run by hand.
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                for migration in Schema.migrations(.sqlite) where migration.id < "v6" {
                    try db.execute(
                        sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.id])
                }
            }
            try queue.close()
            try await StoreLocation.withStore(path) { store in
                try await store.migrate()
                let order = try await store.order("o_old", customer: nil)
                #expect(order.totalCents == 2 * 3999 + 199)
                #expect(order.shipments.first?.linePriceCents == [3999, 199])
                #expect(
                    try await store.priceHistory(sku: "A1", from: nil, to: nil).points
                        == [PricePoint(at: Instant(minutes: 100), priceCents: 3999)])
                let note = try await StoreFixtures.read(
                    store,
                    .query(SQL("SELECT value FROM settings WHERE key = 'order_prices_backfilled'")) { rows in
                        .done(try rows.first?.text("value"))
                    })
                #expect(
                    note?.hasPrefix("2 order lines placed before prices were recorded") == true, "\(note ?? "none")")
            }
        }
    }
}
