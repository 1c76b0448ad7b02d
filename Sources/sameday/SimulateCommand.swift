// `sameday simulate`: one day of orders replayed through the promise engine, the order path and the packer under
// finite capacity (spec/simulate.md, docs/simulate.md). Figures as JSON, a JSON-lines log, an HTML report.

import ArgumentParser
import Foundation
import SameDayCore
import SameDayServer

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay a day of orders and report the figures an operator lives by.",
        discussion: """
            Files default to the bundled US network, demo catalog and stock (Data/), and the default capacities \
            (docs/simulate.md). The same inputs and seed give the same bytes. A progress bar shows on a terminal \
            (standard error); a summary goes to standard output. --compare-capacity and --compare-inventory \
            replay the same day with another capacity or inventory file and put both side by side in the report. \
            Bad input exits with status 2 and one line on standard error.
            """
    )

    @Option(help: "Network file (JSON). Default: Data/networks/us.json.") var network: String?
    @Option(help: "Catalog file (CSV). Default: Data/demo/catalog.csv.") var catalog: String?
    @Option(help: "Inventory file (CSV): the stock at the day's start. Default: Data/demo/inventory.csv.")
    var inventory: String?
    @Option(help: "ZIP table (CSV). Default: Data/zips.csv.") var zips: String?
    @Option(help: "Container catalog (JSON) shipments are packed into. Default: Data/boxes.json.") var boxes: String?
    @Option(help: "Capacity file (JSON, or \"unlimited\"). Default: capacities derived from the network.")
    var capacity: String?
    @Option(help: "The destinations' local date of the orders, YYYY-MM-DD.") var date: String
    @Option(help: "How many orders the day has.") var orders: Int
    @Option(help: "The seed of every random draw (an unsigned 64-bit integer).") var seed: UInt64 = 1
    @Option(help: "Write the figures as JSON to this file.") var json: String?
    @Option(help: "Write a self-contained HTML report to this file.") var report: String?
    @Option(help: "Write one JSON object per order (JSON lines) to this file.") var log: String?
    @Option(help: "Also replay the day with this capacity file, side by side in the report.")
    var compareCapacity: String?
    @Option(help: "Also replay the day with this inventory file, side by side in the report.")
    var compareInventory: String?

    func run() throws {
        guard let day = LocalDate(parsing: date) else {
            throw CLIFailure("--date '\(date)' is not a date YYYY-MM-DD that exists")
        }
        guard (1...SimulationInput.maximumOrders).contains(orders) else {
            throw CLIFailure("--orders \(orders) must be from 1 to \(SimulationInput.maximumOrders)")
        }
        let loaded = try LoadedNetwork.load(network: network, catalog: catalog, inventory: inventory, zips: zips)
        let packer = try Self.packer(boxes)
        let plan = try Self.capacity(capacity, network: loaded.engine.network)
        let comparing = compareCapacity != nil || compareInventory != nil
        let comparePlan = try compareCapacity.map { try Self.capacity($0, network: loaded.engine.network) }
        let compareStock = try compareInventory.map { try Self.stock($0, engine: loaded.engine) }
        let progress = ProgressBar(enabled: isatty(STDERR_FILENO) != 0)

        let input = SimulationInput(
            engine: loaded.engine, stock: loaded.stock, packer: packer, capacity: plan, date: day, orders: orders,
            seed: seed)
        let base = DaySimulation.run(input) { progress.show($0, $1, $2, run: comparing ? "base" : nil) }
        var other: SimulationResult?
        if comparing {
            var changed = input
            changed.capacity = comparePlan ?? plan
            changed.stock = compareStock ?? loaded.stock
            other = DaySimulation.run(changed) { progress.show($0, $1, $2, run: "compare") }
        }
        progress.finish()
        var written: [String] = []
        if let json {
            var out: [UInt8] = []
            base.writeJSON(to: &out)
            try Self.write(out, to: json)
            written.append(json)
        }
        if let log {
            try Self.writeLog(base, to: log)
            written.append(log)
        }
        if let report {
            let labels = comparing ? (base: "base", compare: compareLabel) : (base: "", compare: "")
            let html = SimulationReport(base: base, compare: other, labels: labels).html()
            try Self.write(html, to: report)
            written.append(report)
        }
        print(SimulationSummary.text(base, title: comparing ? "base" : nil), terminator: "")
        if let other { print(SimulationSummary.text(other, title: compareLabel), terminator: "") }
        if !written.isEmpty { print("wrote " + written.joined(separator: ", ")) }
    }

    private var compareLabel: String {
        [
            compareCapacity.map { "capacity " + Self.fileName($0) },
            compareInventory.map { "inventory " + Self.fileName($0) },
        ]
        .compactMap { $0 }.joined(separator: ", ")
    }

    static func fileName(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    /// The packer for shipments (the server's settings), from the container catalog.
    static func packer(_ path: String?) throws -> Packer {
        let boxesPath = DataDirectory.file(path, default: "boxes.json")
        do {
            var packer = Packer(
                catalog: try PackingFormat.containers(from: try DataDirectory.read(boxesPath), file: boxesPath))
            // The server's packer settings, so a simulated day packs as `POST /v1/orders` does.
            packer.perturbedAttempts = ServerWorld.orderPerturbedAttempts
            return packer
        } catch let error as LoadError {
            throw CLIFailure(error.summaryLine)
        }
    }

    static func capacity(_ path: String?, network: Network) throws -> CapacityPlan {
        guard let path else { return .defaults }
        do {
            return try CapacityPlan.load(json: try DataDirectory.read(path), file: path, network: network)
        } catch let error as LoadError {
            throw CLIFailure(error.summaryLine)
        }
    }

    static func stock(_ path: String, engine: PromiseEngine) throws -> StockIndex {
        do {
            let inventory = try Inventory.load(
                csv: try DataDirectory.read(path), file: path, network: engine.network, catalog: engine.catalog)
            return engine.makeStockIndex(inventory.entries)
        } catch let error as LoadError {
            throw CLIFailure(error.summaryLine)
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CLIFailure("\(path): cannot write the file")
        }
    }

    /// Writes the log in chunks, so a million orders never sit in memory as text.
    static func writeLog(_ result: SimulationResult, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw CLIFailure("\(path): cannot write the file") }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(8 << 20)
        let count = result.day.orderCount
        for start in stride(from: 0, to: count, by: 16_384) {
            buffer.removeAll(keepingCapacity: true)
            SimulationLog.write(result, orders: start..<min(start + 16_384, count), to: &buffer)
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                throw CLIFailure("\(path): cannot write the file (\(error.localizedDescription))")
            }
        }
    }
}

/// A one-line progress bar on standard error, redrawn at most a few times a second.
final class ProgressBar {
    let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ stage: SimulationStage, _ done: Int, _ total: Int, run: String?) {
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let share = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(share * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let prefix = run.map { "\($0): " } ?? ""
        let count = stage == .placing ? " \(done)/\(total)" : ""
        FileHandle.standardError.write(
            Data("\r\u{1B}[K\(prefix)[\(bar)] \(Int(share * 100))% \(stage.rawValue)\(count)".utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
