// `sameday bench-orders`: durable orders per second through the store (no HTTP), beside the raw durable
// one-row-transaction rate of the same kind of database. What docs/performance.md's "Orders" table records.

import ArgumentParser
import Foundation
import GRDB
import SameDayCore
import SameDayStore

struct BenchOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-orders",
        abstract: "Measure durable orders/s through the store (SQLite or PostgreSQL), 1…N concurrent clients.",
        discussion: """
            Imports scripts/fixtures (tiny network, 1,000,000 units of A1) into a new database, then \
            places one-line orders (A1 ×1 to 98109, fresh idempotency key each) from --clients concurrent \
            tasks for --seconds, after a short warm-up. Each order is one committed transaction (SQLite: WAL, \
            synchronous=FULL, group commit; PostgreSQL: its own commit). With --raw-sqlite it instead times \
            one-row INSERT transactions on a new SQLite file with the same pragmas through GRDB.
            Give a new file path or a postgres:// URL with a new schema (?schema=NAME): the database is filled.
            """,
        shouldDisplay: false
    )

    @Option(help: "New SQLite file path or postgres:// URL (use ?schema=NEW&pool=N).") var database: String
    @Option(help: "Concurrent clients.") var clients = 1
    @Option(help: "Measured seconds.") var seconds = 10.0
    @Option(help: "Folder with tiny.json, catalog.csv, inventory.csv, zips.csv.") var fixtures = "scripts/fixtures"
    @Flag(help: "Time raw one-row INSERT transactions on SQLite instead of orders.") var rawSqlite = false

    func run() async throws {
        guard clients >= 1, seconds > 0 else { throw CLIFailure("--clients must be ≥ 1 and --seconds > 0") }
        if rawSqlite {
            try await runRawSQLite()
            return
        }
        let read = { (name: String) throws -> [UInt8] in
            Array(try Data(contentsOf: URL(fileURLWithPath: "\(fixtures)/\(name)")))
        }
        let data = try ImportData.load(
            networkJSON: try read("tiny.json"), networkFile: "tiny.json", catalogCSV: try read("catalog.csv"),
            catalogFile: "catalog.csv", inventoryCSV: try read("inventory.csv"), inventoryFile: "inventory.csv")
        let engine = try PromiseEngine(
            network: data.network, zips: try ZipTable(csv: try read("zips.csv"), file: "zips.csv"),
            catalog: data.catalog)
        let at = ISO8601.parse("2026-12-01T08:00:00-08:00")!
        let clients = self.clients
        let seconds = self.seconds
        let result = try await StoreLocation.withStore(database, logger: StoreLocation.silentLogger) { store in
            _ = try await store.importIfNew(data, at: at)
            let run = UInt64.random(in: 0...UInt64.max)
            @Sendable func place(_ client: Int, _ n: Int) async throws {
                _ = try await store.placeOrder(
                    customer: CustomerID("bench\(client)"), zip: "98109", lines: [OrderLine(sku: "A1", qty: 1)],
                    idempotencyKey: "b\(run)-\(client)-\(n)", at: at, engine: engine)
            }
            // Warm-up: connections open, statements prepared, pages cached.
            try await Self.drive(clients: clients, seconds: 1) { client, n in try await place(client, -n - 1) }
            return try await Self.drive(clients: clients, seconds: seconds, place)
        }
        print(result.line(what: "orders", database: StoreLocation.redacted(database), clients: clients))
    }

    private func runRawSQLite() async throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let pool = try DatabasePool(path: database, configuration: configuration)
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, client INTEGER, n INTEGER)")
        }
        let insert = { @Sendable (client: Int, n: Int) async throws in
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO raw (client, n) VALUES (?, ?)", arguments: [client, n])
            }
        }
        try await Self.drive(clients: clients, seconds: 1) { client, n in try await insert(client, -n - 1) }
        let result = try await Self.drive(clients: clients, seconds: seconds, insert)
        let (journal, synchronous) = try await pool.writeWithoutTransaction { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?",
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            )
        }
        print(
            result.line(what: "raw one-row INSERT transactions", database: database, clients: clients)
                + " (journal_mode=\(journal), synchronous=\(synchronous))")
    }

    struct Result: Sendable {
        var count: Int
        var elapsed: Double
        var latencies: [Double]

        func line(what: String, database: String, clients: Int) -> String {
            let sorted = latencies.sorted()
            let pct = { (p: Double) -> String in
                guard !sorted.isEmpty else { return "-" }
                let v = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
                return String(format: "%.2f ms", v * 1000)
            }
            return String(
                format: "%@ on %@, %d clients: %d in %.2f s = %.0f/s, latency p50 %@ p99 %@", what, database,
                clients, count, elapsed, Double(count) / elapsed, pct(0.5), pct(0.99))
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Runs `body` from `clients` concurrent tasks until `seconds` have passed; counts the calls that returned.
    static func drive(
        clients: Int, seconds: Double, _ body: @escaping @Sendable (_ client: Int, _ n: Int) async throws -> Void
    ) async throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        return try await withThrowingTaskGroup(of: [Double].self) { group in
            for client in 0..<clients {
                group.addTask {
                    var latencies: [Double] = []
                    latencies.reserveCapacity(1 << 16)
                    var n = 0
                    while clock.now < deadline {
                        let t0 = clock.now
                        try await body(client, n)
                        latencies.append(Self.seconds(clock.now - t0))
                        n += 1
                    }
                    return latencies
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return Result(count: all.count, elapsed: Self.seconds(clock.now - start), latencies: all)
        }
    }
}
