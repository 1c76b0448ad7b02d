// `sameday network build|show`: derive the bundled US network (and a demo catalog and inventory) from the ZIP
// table, or summarise a network file.

import ArgumentParser
import Foundation
import SameDayCore

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Build the US network from the ZIP table, or summarise a network file.",
        subcommands: [Build.self, Show.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Derive a network from the ZIP table, deterministically from a seed (docs/network.md).",
            discussion: """
                Writes the network JSON to --out (default: standard output) and, when asked, a demo catalog and
                inventory. The same seed and ZIP table give the same bytes. The bundled files were made with:
                  sameday network build --seed 1 --out Data/networks/us.json \\
                    --catalog-out Data/demo/catalog.csv --inventory-out Data/demo/inventory.csv
                Bad input exits with status 2 and one line on standard error.
                """
        )

        @Option(help: "The seed of every random choice (an unsigned 64-bit integer).")
        var seed: UInt64

        @Option(help: "The ZIP table (CSV). Default: the bundled Data/zips.csv.")
        var zips: String?

        @Option(help: "Where to write the network JSON (default: standard output).")
        var out: String?

        @Option(help: "Where to write the demo catalog CSV.")
        var catalogOut: String?

        @Option(help: "Where to write the demo inventory CSV (needs --catalog-out).")
        var inventoryOut: String?

        @Option(help: "The number of SKUs in the demo catalog.")
        var skus = 3000

        func run() throws {
            do {
                guard (1...50_000).contains(skus) else {
                    throw NetworkCommandFailure("--skus \(skus) is not in 1...50000")
                }
                if inventoryOut != nil, catalogOut == nil {
                    throw NetworkCommandFailure(
                        "--inventory-out needs --catalog-out: the inventory stocks that catalog")
                }
                let table = try loadZips(DataDirectory.file(zips, default: "zips.csv"))
                let network = NetworkGenerator().generate(zips: table, seed: seed)
                let bytes = network.jsonBytes()
                if let out { try write(bytes, to: out) } else { FileHandle.standardOutput.write(Data(bytes)) }
                if let catalogOut {
                    let products = DemoCatalog.products(count: skus, seed: seed)
                    try write(DemoCatalog.csv(products), to: catalogOut)
                    if let inventoryOut {
                        let stock = DemoCatalog.inventory(products: products, network: network, seed: seed)
                        try write(DemoCatalog.inventoryCSV(stock), to: inventoryOut)
                    }
                }
            } catch let failure as NetworkCommandFailure {
                failure.report("sameday network build")
                throw ExitCode(2)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise a network: regions and their nodes, stations, who stations reach, same-day share."
        )

        @Option(help: "The network file (JSON). Default: the bundled Data/networks/us.json.")
        var network: String?

        @Option(help: "The ZIP table (CSV). Default: the bundled Data/zips.csv.")
        var zips: String?

        func run() throws {
            do {
                let zipsPath = DataDirectory.file(zips, default: "zips.csv")
                let networkPath = DataDirectory.file(network, default: "networks/us.json")
                let table = try loadZips(zipsPath)
                let bytes = try read(networkPath)
                let loaded: Network
                do {
                    loaded = try Network.load(json: bytes, file: networkPath)
                } catch {
                    throw NetworkCommandFailure(error.summaryLine)
                }
                let summary = NetworkSummary(network: loaded, zips: table)
                if let zip = summary.unknownZips.first {
                    throw NetworkCommandFailure("\(networkPath): station ZIP \(zip) is not in the ZIP table \(zipsPath)")
                }
                print(Self.render(loaded, summary))
            } catch let failure as NetworkCommandFailure {
                failure.report("sameday network show")
                throw ExitCode(2)
            }
        }

        static func render(_ network: Network, _ s: NetworkSummary) -> String {
            func count(_ kind: NodeKind, _ counts: [NodeKind: Int]) -> String { String(counts[kind] ?? 0) }
            func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
                let fill = String(repeating: " ", count: max(0, width - text.count))
                return right ? fill + text : text + fill
            }
            func percent(_ part: Double, _ whole: Double) -> String {
                whole > 0 ? String(format: "%.1f%%", part / whole * 100) : "-"
            }
            var lines: [String] = []
            let kinds: [NodeKind] = [.fulfillmentCenter, .sameDaySite, .nowSite, .deliveryStation]
            lines.append(
                "network \(network.name.isEmpty ? "(unnamed)" : network.name): \(network.regions.count) regions, "
                    + "\(network.nodes.count) nodes (\(count(.fulfillmentCenter, s.nodeCounts)) fulfillment centers, "
                    + "\(count(.sameDaySite, s.nodeCounts)) same-day sites, \(count(.nowSite, s.nodeCounts)) now-sites, "
                    + "\(count(.deliveryStation, s.nodeCounts)) delivery stations), \(s.laneCount) lanes")
            lines.append("")
            lines.append(
                pad("region", 22) + pad("people", 8, right: true) + pad("FC", 5, right: true)
                    + pad("SD", 5, right: true) + pad("NOW", 5, right: true) + pad("DS", 5, right: true) + "  states")
            for r in s.regions {
                var states = r.states.prefix(8).joined(separator: " ")
                if r.states.count > 8 { states += " …" }
                lines.append(
                    pad(r.id.rawValue, 22) + pad(percent(r.population, s.population), 8, right: true)
                        + kinds.map { pad(count($0, r.nodes), 5, right: true) }.joined() + "  " + states)
            }
            lines.append("")
            lines.append(
                "ZIPs served by a station: \(s.stationZipCount) of \(s.zipCount) (\(percent(s.stationPopulation, s.population)) of people); "
                    + "by the carrier only: \(s.zipCount - s.stationZipCount)")
            lines.append(
                "same-day capable (ordered 08:00 on a regular day): \(percent(s.sameDayPopulation, s.population)) of people"
            )
            if let carrier = network.carrier {
                let bands = carrier.transitDays.map { "≤\(Int($0.maxKm)) km \($0.days)d" }.joined(separator: ", ")
                lines.append("carrier: pickup \(carrier.pickup), delivers by \(carrier.deliversBy); \(bands)")
            } else {
                lines.append("carrier: none")
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// A `sameday network` failure: one line on standard error, exit status 2.
private struct NetworkCommandFailure: Error {
    var line: String
    init(_ line: String) { self.line = line }

    func report(_ command: String) {
        FileHandle.standardError.write(Data((command + ": " + line + "\n").utf8))
    }
}

private func read(_ path: String) throws(NetworkCommandFailure) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw NetworkCommandFailure("cannot read \(path)")
    }
    return [UInt8](data)
}

private func write(_ bytes: [UInt8], to path: String) throws(NetworkCommandFailure) {
    do {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    } catch {
        throw NetworkCommandFailure("cannot write \(path): \(error.localizedDescription)")
    }
}

private func loadZips(_ path: String) throws(NetworkCommandFailure) -> ZipTable {
    let bytes = try read(path)
    do {
        return try ZipTable(csv: bytes, file: path)
    } catch {
        throw NetworkCommandFailure(error.summaryLine)
    }
}
