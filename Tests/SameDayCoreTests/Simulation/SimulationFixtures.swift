// Shared inputs of the simulation tests: the tiny hand-checked network, and the bundled US network with its demo
// stock and the bundled container catalog.

import Foundation
import SameDayTestSupport
import Testing

@testable import SameDayCore

enum SimulationFixtures {
    /// The spec's tiny network (SEA1, SEA-NOW1, DSE2), the test catalog and its stock.
    struct Tiny {
        var engine: PromiseEngine
        var stock: StockIndex
        var packer: Packer
    }

    /// Tiny-network stock: A1 ×5, M1 ×3 at SEA1; A1 ×2 at the now-site.
    static func tiny(
        stock entries: [(String, String, Int)] = [("SEA1", "A1", 5), ("SEA1", "M1", 3), ("SEA-NOW1", "A1", 2)]
    )
        throws -> Tiny
    {
        let engine = try PromiseFixtures.engine(try PromiseFixtures.tinyNetwork())
        let stock = engine.makeStockIndex(PromiseFixtures.stock(entries).entries)
        return Tiny(engine: engine, stock: stock, packer: Packer(catalog: try boxes()))
    }

    static func boxes() throws -> [Container] {
        try PackingFormat.containers(from: try Fixtures.dataFile("boxes.json"), file: "boxes.json")
    }

    /// The bundled US network, demo catalog and stock.
    struct Bundled: Sendable {
        var engine: PromiseEngine
        var stock: StockIndex
        var packer: Packer
    }

    static let bundled: Result<Bundled, any Error> = Result {
        let network = try Network.load(json: try Fixtures.dataFile("networks/us.json"), file: "us.json")
        let catalog = try Catalog.load(csv: try Fixtures.dataFile("demo/catalog.csv"), file: "catalog.csv")
        let inventory = try Inventory.load(
            csv: try Fixtures.dataFile("demo/inventory.csv"), file: "inventory.csv", network: network, catalog: catalog)
        let engine = try PromiseEngine(network: network, zips: Fixtures.zipTable, catalog: catalog)
        var packer = Packer(catalog: try boxes())
        packer.perturbedAttempts = 16
        return Bundled(engine: engine, stock: engine.makeStockIndex(inventory.entries), packer: packer)
    }

    static let christmasEve = LocalDate(year: 2026, month: 12, dayOfMonth: 24)

    /// A Christmas Eve of `orders` orders on the bundled network.
    static func run(orders: Int = 1_500, seed: UInt64 = 7, capacity: CapacityPlan = .defaults) throws
        -> SimulationResult
    {
        let b = try bundled.get()
        return DaySimulation.run(
            SimulationInput(
                engine: b.engine, stock: b.stock, packer: b.packer, capacity: capacity, date: christmasEve,
                orders: orders, seed: seed))
    }

    /// The default run most tests read (computed once).
    static let base: Result<SimulationResult, any Error> = Result { try run() }

    /// The same day with no capacity limit (computed once).
    static let unlimited: Result<SimulationResult, any Error> = Result { try run(capacity: .unlimited) }

    /// The log of a result, every line parsed.
    static func logLines(_ result: SimulationResult) throws -> [JSONValue] {
        var bytes: [UInt8] = []
        SimulationLog.write(result, orders: 0..<result.day.orderCount, to: &bytes)
        return try bytes.split(separator: UInt8(ascii: "\n")).map { try JSONValue.parse(Array($0)) }
    }

    /// The figures JSON of a result, parsed.
    static func figuresJSON(_ result: SimulationResult) throws -> JSONValue {
        var bytes: [UInt8] = []
        result.writeJSON(to: &bytes)
        return try JSONValue.parse(bytes)
    }
}

extension JSONValue {
    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    var int: Int? { exactInteger }
    var double: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
    var array: [JSONValue] {
        if case .array(let a) = self { return a }
        return []
    }
}
