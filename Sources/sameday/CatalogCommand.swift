// `sameday catalog generate`: a demo catalog and inventory of any size, streamed to files in constant memory
// (the input of an import at scale: `sameday serve --catalog … --inventory …`).

import ArgumentParser
import Foundation
import SameDayCore

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Generate a catalog and inventory of any size.",
        subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write DIR/catalog.csv and DIR/inventory.csv: N SKUs stocked across a network (docs/catalog.md).",
            discussion: """
                The products are the demo's (the same templates, brands, sizes, weights, temperatures, prices and \
                sellers), made to any size: after every template × size × brand comes once, numbered varieties \
                form the long tail. Stock: about 3 rows per SKU, most at fulfillment centers, fewer at same-day \
                sites, and a few thousand everyday items at now-sites. The same seed, size and network give the \
                same bytes. Memory stays constant; progress goes to standard error.
                Bad input exits with status 2 and one line on standard error.
                """
        )

        @Option(help: "The number of SKUs (1 to 100000000).") var skus: Int
        @Option(help: "The seed of every random choice (an unsigned 64-bit integer).") var seed: UInt64 = 1
        @Option(help: "The folder to write catalog.csv and inventory.csv into (created if missing).") var out: String
        @Option(help: "The network file (JSON) to stock. Default: the bundled US network.") var network: String?

        static let maxSKUs = 100_000_000

        func run() throws {
            guard (1...Self.maxSKUs).contains(skus) else {
                throw CLIFailure("catalog generate: --skus \(skus) is not in 1...\(Self.maxSKUs)")
            }
            let networkPath = DataDirectory.file(network, default: "networks/us.json")
            let loaded: Network
            do {
                loaded = try Network.load(json: try DataDirectory.read(networkPath), file: networkPath)
            } catch let error as LoadError {
                throw CLIFailure("catalog generate: \(error.summaryLine)")
            }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw CLIFailure("catalog generate: cannot create the folder \(out): \(error.localizedDescription)")
            }
            try generate(network: loaded, into: folder)
        }

        private func generate(network: Network, into folder: URL) throws {
            let catalogURL = folder.appendingPathComponent("catalog.csv")
            let inventoryURL = folder.appendingPathComponent("inventory.csv")
            let catalogFile = try OutputFile(catalogURL)
            let inventoryFile = try OutputFile(inventoryURL)
            var catalogBytes = Array(DemoCatalog.csvHeader.utf8)
            var inventoryBytes = Array(DemoCatalog.inventoryCSVHeader.utf8)
            var stock = DemoCatalog.StockStream(network: network, seed: seed)
            let progress = RowProgress(label: "catalog generate", total: skus)
            var done = 0
            var rows = 0
            for product in DemoCatalog.ProductStream(count: skus, seed: seed) {
                DemoCatalog.appendCSVLine(product.item, to: &catalogBytes)
                stock.stock(product) { node, available in
                    DemoCatalog.appendInventoryLine(
                        node: node, sku: product.item.sku, available: available, to: &inventoryBytes)
                    rows += 1
                }
                done += 1
                if catalogBytes.count >= 1 << 20 { try catalogFile.write(&catalogBytes) }
                if inventoryBytes.count >= 1 << 20 { try inventoryFile.write(&inventoryBytes) }
                if done & 0xFFF == 0 { progress.update(done: done, rows: done, detail: "\(rows) stock rows") }
            }
            try catalogFile.write(&catalogBytes)
            try inventoryFile.write(&inventoryBytes)
            try catalogFile.finish()
            try inventoryFile.finish()
            progress.finish(rows: done, detail: "\(rows) stock rows")
            FileHandle.standardError.write(
                Data("wrote \(catalogURL.path) (\(done) SKUs) and \(inventoryURL.path) (\(rows) stock rows)\n".utf8))
        }
    }
}

/// A file written under a temporary name and renamed when complete, so an interrupted run leaves no
/// half-written file under the real name.
private final class OutputFile {
    let url: URL
    let partial: URL
    let handle: FileHandle

    init(_ url: URL) throws {
        self.url = url
        self.partial = url.appendingPathExtension("partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: partial.path)
        else {
            throw CLIFailure("catalog generate: cannot write \(url.path)")
        }
        self.handle = handle
    }

    /// Writes `bytes` and empties it.
    func write(_ bytes: inout [UInt8]) throws {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw CLIFailure("catalog generate: cannot write \(url.path): \(error.localizedDescription)")
        }
        bytes.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        do {
            try handle.close()
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: partial, to: url)
        } catch {
            throw CLIFailure("catalog generate: cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
