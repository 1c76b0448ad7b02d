// A tiny network, catalog and stock for the store's tests, and a store per test on either backend.

import Foundation
import SameDayCore
import SameDayTestSupport
import Testing

@testable import SameDayStore

/// The backends the shared suite runs on: SQLite always, PostgreSQL when `SAMEDAY_TEST_POSTGRES_URL` is set.
enum Backend: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var all: [Backend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["SAMEDAY_TEST_POSTGRES_URL"], !url.isEmpty else {
            return nil
        }
        return url
    }

    var testDescription: String { rawValue }
}

enum StoreFixtures {
    /// Two fulfillment centers near Seattle (SEA1 the nearer to its ZIPs) and one delivery station serving two
    /// Seattle ZIPs; no carrier, so New York (10001) is not deliverable.
    static let networkJSON = """
        {
          "name": "tiny",
          "regions": [{"id": "west", "name": "West"}],
          "nodes": [
            {"id": "SEA1", "kind": "fulfillment-center", "region": "west",
             "lat": 47.25, "lon": -122.44, "timezone": "America/Los_Angeles",
             "temperatures": ["ambient", "chilled"], "processingMinutes": 120},
            {"id": "SEA2", "kind": "fulfillment-center", "region": "west",
             "lat": 46.95, "lon": -122.90, "timezone": "America/Los_Angeles",
             "processingMinutes": 120},
            {"id": "DSE2", "kind": "delivery-station", "region": "west",
             "lat": 47.55, "lon": -122.32, "timezone": "America/Los_Angeles",
             "temperatures": ["ambient", "chilled"], "sortMinutes": 30,
             "waves": [{"departs": "09:30", "deliversBy": "14:00"},
                       {"departs": "16:00", "deliversBy": "21:00"}],
             "zips": ["98109", "98101"]}
          ],
          "lanes": [{"from": "SEA1", "to": "DSE2", "departures": ["05:00", "13:00", "21:00"], "transitMinutes": 60},
                    {"from": "SEA2", "to": "DSE2", "departures": ["05:00", "13:00", "21:00"], "transitMinutes": 60}]
        }
        """

    static let catalogCSV = """
        sku,name,lengthMm,widthMm,heightMm,weightG,priceCents,temperature,seller
        A1,"Kettle, steel",200,150,250,1200,3999,ambient,s1
        B7,Milk 1 l,70,70,200,1050,199,chilled,s2
        C3,Notebook,210,148,10,150,499,ambient,s1

        """

    static let inventoryCSV = """
        node,sku,available
        SEA1,A1,10
        SEA1,B7,5
        SEA2,A1,3
        SEA2,C3,20

        """

    static let zipsCSV = """
        zip,lat,lon,timezone,state,city,population
        10001,40.7506,-73.9972,America/New_York,NY,New York,21102
        98101,47.6114,-122.3305,America/Los_Angeles,WA,Seattle,20026
        98109,47.6339,-122.3476,America/Los_Angeles,WA,Seattle,20026

        """

    /// 2026-12-01 08:00 in Seattle: orders placed now are delivered by 21:00 today.
    static let morning = ISO8601.parse("2026-12-01T08:00:00-08:00")!

    /// The tiny network with a carrier for ZIPs no station serves (ambient only, spec/promise.md): New York's 10001
    /// is then reached from SEA1 and SEA2 by carrier, in 4 days.
    static let carrierNetworkJSON = networkJSON.replacingOccurrences(
        of: "\"lanes\":",
        with: """
            "carrier": {"pickup": "17:00", "deliversBy": "20:00", "transitDays": [{"maxKm": 6000, "days": 4}]},
              "lanes":
            """)

    static func importData(
        network: String = networkJSON, inventory: String = inventoryCSV, catalog: String = catalogCSV
    ) throws -> ImportData {
        try ImportData.load(
            networkJSON: Array(network.utf8), networkFile: "tiny.json", catalogCSV: Array(catalog.utf8),
            catalogFile: "catalog.csv", inventoryCSV: Array(inventory.utf8), inventoryFile: "inventory.csv")
    }

    /// The bundled container catalog (`Data/boxes.json`).
    static let boxes: [Container] = {
        do {
            return try PackingFormat.containers(from: try Fixtures.dataFile("boxes.json"), file: "boxes.json")
        } catch {
            fatalError("Data/boxes.json: \(error)")
        }
    }()

    /// Packs shipments into the bundled catalog: every order the suite places is packed.
    static let packer = Packer(catalog: boxes)

    static func engine(_ data: ImportData) throws -> PromiseEngine {
        try PromiseEngine(
            network: data.network, zips: try ZipTable(csv: Array(zipsCSV.utf8), file: "zips.csv"), catalog: data.catalog
        )
    }

    /// A new database location on `backend`: a file in a new temporary folder, or a new PostgreSQL schema.
    static func newLocation(_ backend: Backend) -> (location: String, cleanup: @Sendable () -> Void) {
        let name = "t\(UInt64.random(in: 0...UInt64.max))"
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sameday-store-\(name)")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return (
                folder.appendingPathComponent("test.sqlite").path, { try? FileManager.default.removeItem(at: folder) }
            )
        case .postgres:
            let url = Backend.postgresURL ?? ""
            // A debug build on a busy machine can hold every connection for long under contention: wait for one.
            return (url + (url.contains("?") ? "&" : "?") + "schema=\(name)&pool=24&pool_timeout=300", {})
        }
    }

    /// Runs `body` with a migrated store holding the tiny network (or `network`), and the engine over it.
    static func withStore(
        _ backend: Backend, network: String = networkJSON, inventory: String = inventoryCSV,
        catalog: String = catalogCSV, _ body: @Sendable (any Store, PromiseEngine, String) async throws -> Void
    ) async throws {
        let (location, cleanup) = newLocation(backend)
        defer { cleanup() }
        let data = try importData(network: network, inventory: inventory, catalog: catalog)
        let engine = try engine(data)
        try await StoreLocation.withStore(location) { store in
            do {
                #expect(try await store.importIfNew(data, at: morning))
                try await body(store, engine, location)
            } catch {
                try? await dropSchema(store)
                throw error
            }
            try await dropSchema(store)
        }
    }

    /// Removes a test's PostgreSQL schema (nothing to do for SQLite, whose folder is removed).
    static func dropSchema(_ store: any Store) async throws {
        guard let store = store as? SQLStore<PostgresBackend>, let schema = store.backend.schema else { return }
        try await store.backend.executeRaw("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
    }

    /// Runs raw SQL on the store's database, bypassing its logic (to inject inconsistencies).
    static func executeRaw(_ store: any Store, _ sql: String) async throws {
        if let store = store as? SQLStore<PostgresBackend> {
            try await store.backend.executeRaw(sql)
        } else if let store = store as? SQLStore<SQLiteBackend> {
            try await store.backend.executeRaw(sql)
        }
    }

    /// Runs a script in a write transaction of the store's backend, as the store's own operations do.
    static func write<R: Sendable>(_ store: any Store, _ script: Script<R>) async throws -> R {
        if let store = store as? SQLStore<PostgresBackend> { return try await store.backend.write(script) }
        let sqlite = try #require(store as? SQLStore<SQLiteBackend>)
        return try await sqlite.backend.write(script)
    }

    /// Runs a script in a read-only transaction of the store's backend.
    static func read<R: Sendable>(_ store: any Store, _ script: Script<R>) async throws -> R {
        if let store = store as? SQLStore<PostgresBackend> { return try await store.backend.read(script) }
        let sqlite = try #require(store as? SQLStore<SQLiteBackend>)
        return try await sqlite.backend.read(script)
    }

    /// The backend's SQL dialect.
    static func dialect(_ store: any Store) -> Dialect {
        store is SQLStore<PostgresBackend> ? .postgres : .sqlite
    }
}

extension Store {
    /// Places an order of `lines` for `customer` at the fixtures' morning, with a fresh idempotency key.
    func order(
        _ lines: [OrderLine], customer: CustomerID = "c1", zip: ZIP = "98109", key: String? = nil,
        at: Instant = StoreFixtures.morning, engine: PromiseEngine, packer: Packer? = StoreFixtures.packer
    ) async throws -> Order {
        try await placeOrder(
            customer: customer, zip: zip, lines: lines, idempotencyKey: key ?? "k\(UInt64.random(in: 0...UInt64.max))",
            at: at, engine: engine, packer: packer
        ).order
    }

    func level(_ node: NodeID, _ sku: SKU) async throws -> StockLevel? {
        try await stock(sku: sku).first { $0.node == node }
    }
}
