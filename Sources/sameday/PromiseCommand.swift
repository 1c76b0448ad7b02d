// `sameday promise`: the delivery promise for an order, as JSON (spec/promise.md) or as a sentence.

import ArgumentParser
import Foundation
import SameDayCore

struct PromiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promise",
        abstract: "When does an order arrive, and until when can it be placed?",
        discussion: "Files default to the bundled US network and demo data (Data/)."
    )

    @Option(help: "Network file (JSON). Default: Data/networks/us.json.") var network: String?
    @Option(help: "Catalog file (CSV). Default: Data/demo/catalog.csv.") var catalog: String?
    @Option(help: "Inventory file (CSV). Default: Data/demo/inventory.csv.") var inventory: String?
    @Option(help: "ZIP table (CSV). Default: Data/zips.csv.") var zips: String?
    @Option(help: "Destination ZIP code.") var zip: String
    @Option(help: "Order instant, ISO 8601 with offset (2026-12-24T10:00:00-08:00). Default: now.") var at: String?
    @Option(name: .customLong("line"), help: "SKU:QTY (repeat for more lines).") var lines: [String] = []
    @Flag(help: "Print the promise as JSON.") var json = false

    func run() throws {
        let t: Instant
        if let at {
            guard let parsed = ISO8601.parse(at) else {
                throw CLIFailure("--at '\(at)' is not an ISO 8601 instant with an offset (2026-12-24T10:00:00-08:00)")
            }
            t = parsed
        } else {
            t = Instant(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
        }
        guard !lines.isEmpty else { throw CLIFailure("give at least one --line SKU:QTY") }
        let orderLines = try lines.map(Self.parseLine)
        let loaded = try LoadedNetwork.load(network: network, catalog: catalog, inventory: inventory, zips: zips)
        let promise: Promise
        do {
            promise = try loaded.engine.promise(zip: ZIP(zip), at: t, lines: orderLines, stock: loaded.stock)
        } catch {
            throw CLIFailure(error.description)
        }
        print(json ? promise.json() : Self.sentence(promise, orderedAt: t))
    }

    static func parseLine(_ text: String) throws -> OrderLine {
        guard let colon = text.lastIndex(of: ":") else {
            throw CLIFailure("--line '\(text)' must be SKU:QTY")
        }
        let sku = String(text[..<colon])
        let qtyText = String(text[text.index(after: colon)...])
        guard !sku.isEmpty else { throw CLIFailure("--line '\(text)': the SKU is missing") }
        guard let qty = Int(qtyText) else {
            throw CLIFailure("--line '\(text)': quantity '\(qtyText)' is not a whole number")
        }
        guard qty >= 1 else { throw CLIFailure("--line '\(text)': quantity \(qty) must be at least 1") }
        return OrderLine(sku: SKU(sku), qty: qty)
    }

    /// "Order within 1 h 12 min — arrives today by 9:00 pm, from SEA1."
    static func sentence(_ p: Promise, orderedAt t: Instant) -> String {
        guard p.available, let deliverBy = p.deliverBy, let orderBy = p.orderBy else {
            let reasons = p.unavailable.map {
                $0.reason == .outOfStock ? "\($0.sku) is out of stock" : "\($0.sku) cannot be delivered there"
            }
            return "Not available: " + reasons.joined(separator: "; ") + "."
        }
        let z = p.destinationZone
        let window = orderBy - t
        let within: String
        switch window {
        case 0: within = "now"
        case 1..<60: within = "within \(window) min"
        default: within = "within \(window / 60) h" + (window % 60 == 0 ? "" : " \(window % 60) min")
        }
        let day = z.localDay(of: deliverBy) - z.localDay(of: t)
        let dayWord: String
        switch day {
        case 0: dayWord = "today"
        case 1: dayWord = "tomorrow"
        default:
            let (_, m, d) = CivilCalendar.civilFromDays(z.localDay(of: deliverBy))
            let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((z.localDay(of: deliverBy) % 7) + 7) % 7]
            let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
            dayWord = "\(weekday) \(month) \(d)"
        }
        let minute = z.localMinutes(of: deliverBy) - z.localDay(of: deliverBy) * 1440
        let hour12 = (minute / 60) % 12 == 0 ? 12 : (minute / 60) % 12
        let time = "\(hour12):\(minute % 60 < 10 ? "0" : "")\(minute % 60) \(minute < 720 ? "am" : "pm")"
        let nodes = p.shipments.map(\.node.rawValue)
        let from = nodes.count == 1 ? "from \(nodes[0])" : "in \(nodes.count) shipments from \(nodes.joined(separator: ", "))"
        return "Order \(within) — arrives \(dayWord) by \(time), \(from)."
    }
}

/// A network, catalog, inventory and ZIP table loaded from files and compiled for promises.
struct LoadedNetwork {
    var engine: PromiseEngine
    var stock: StockIndex

    static func load(network: String?, catalog: String?, inventory: String?, zips: String?) throws -> LoadedNetwork {
        let zipsPath = DataDirectory.file(zips, default: "zips.csv")
        let networkPath = DataDirectory.file(network, default: "networks/us.json")
        let catalogPath = DataDirectory.file(catalog, default: "demo/catalog.csv")
        let inventoryPath = DataDirectory.file(inventory, default: "demo/inventory.csv")
        do {
            let zipTable = try ZipTable(csv: try DataDirectory.read(zipsPath), file: zipsPath)
            let net = try Network.load(json: try DataDirectory.read(networkPath), file: networkPath)
            let cat = try Catalog.load(csv: try DataDirectory.read(catalogPath), file: catalogPath)
            let inv = try Inventory.load(
                csv: try DataDirectory.read(inventoryPath), file: inventoryPath, network: net, catalog: cat)
            let engine = try PromiseEngine(network: net, zips: zipTable, catalog: cat, file: networkPath)
            return LoadedNetwork(engine: engine, stock: engine.makeStockIndex(inv.entries))
        } catch let error as LoadError {
            throw CLIFailure(error.summaryLine)
        }
    }
}
