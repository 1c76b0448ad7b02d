// `sameday pack`: cartonization of one order (`--items`) or many (`--orders`, JSON lines), per spec/pack.md.

import ArgumentParser
import Foundation
import SameDayCore

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Pack an order into the fewest, then smallest, then cheapest containers.",
        discussion: """
            Reads the container catalog (--boxes, default: the bundled Data/boxes.json) and the order's \
            items (--items) or many orders, one JSON object per line (--orders). Prints a summary, or with \
            --json the packing of spec/pack.md. --svg FILE draws each container in isometric view. \
            Bad input exits with status 2 and one line on stderr naming the file and field, or the SKU and why.
            """
    )

    @Option(help: "The container catalog, a JSON array (default: Data/boxes.json).")
    var boxes: String?

    @Option(help: "The order's items, a JSON array.")
    var items: String?

    @Option(help: "Many orders, one JSON object {\"id\", \"items\"} per line.")
    var orders: String?

    @Flag(help: "Print the packing as JSON (spec/pack.md).")
    var json = false

    @Option(help: "Write an isometric SVG drawing of the packing to this file.")
    var svg: String?

    @Option(help: "Print this many sample orders (JSON lines for --orders) from the seeded realistic catalog, and exit.")
    var sampleOrders: Int?

    @Option(help: "Units per sample order.")
    var sampleUnits = 20

    @Option(help: "Seed of the sample orders.")
    var seed: UInt64 = 1

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    func run() throws {
        do {
            try runChecked()
        } catch let failure as PackFailure {
            FileHandle.standardError.write(Data(("sameday pack: " + failure.line + "\n").utf8))
            throw ExitCode(2)
        }
    }

    private func runChecked() throws {
        if let extra = unrecognized.first { throw PackFailure("unexpected argument '\(extra)'") }
        if let count = sampleOrders {
            guard count >= 0, sampleUnits >= 1 else { throw PackFailure("--sample-orders ≥ 0 and --sample-units ≥ 1") }
            for (i, order) in SampleOrders.orders(count: count, units: sampleUnits, seed: seed).enumerated() {
                print("{\"id\":\"s\(seed)-\(sampleUnits)-\(i)\",\"items\":\(SampleOrders.json(order))}")
            }
            return
        }
        let boxesPath = DataDirectory.file(boxes, default: "boxes.json")
        let catalog: [Container]
        do {
            catalog = try PackingFormat.containers(from: try Self.read(boxesPath), file: boxesPath)
        } catch let error as LoadError {
            throw PackFailure(error.summaryLine)
        }
        let packer = Packer(catalog: catalog)
        switch (items, orders) {
        case (nil, nil): throw PackFailure("give --items FILE or --orders FILE")
        case (.some, .some): throw PackFailure("give --items FILE or --orders FILE, not both")
        case (let itemsPath?, nil):
            let order: [Item]
            do {
                order = try PackingFormat.items(from: try Self.read(itemsPath), file: itemsPath)
            } catch let error as LoadError {
                throw PackFailure(error.summaryLine)
            }
            let packing: Packing
            do {
                packing = try packer.pack(order)
            } catch {
                throw PackFailure("\(itemsPath): \(error)")
            }
            if let svg {
                let drawing = PackingSVG.render(packing, title: itemsPath)
                guard FileManager.default.createFile(atPath: svg, contents: Data(drawing.utf8)) else {
                    throw PackFailure("\(svg): cannot write the SVG file")
                }
            }
            print(json ? PackingFormat.json(packing) : Self.summary(packing))
        case (nil, let ordersPath?):
            if svg != nil { throw PackFailure("--svg draws one order: use it with --items") }
            let parsed = PackingFormat.orders(from: try Self.read(ordersPath), file: ordersPath)
            var out = ""
            for order in parsed {
                switch order.items {
                case .failure(let error):
                    out += json
                        ? PackingFormat.errorJSON(id: order.id, message: error.summaryLine)
                        : "\(order.id ?? "?"): error: \(error.summaryLine)"
                case .success(let orderItems):
                    do {
                        let packing = try packer.pack(orderItems)
                        out += json ? PackingFormat.json(packing, id: order.id) : Self.oneLine(packing, id: order.id)
                    } catch {
                        out += json
                            ? PackingFormat.errorJSON(id: order.id, message: error.description)
                            : "\(order.id ?? "?"): error: \(error)"
                    }
                }
                out += "\n"
                if out.utf8.count > 1 << 16 {
                    FileHandle.standardOutput.write(Data(out.utf8))
                    out = ""
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PackFailure("\(path): no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw PackFailure("\(path): cannot read the file")
        }
        return [UInt8](data)
    }

    static func oneLine(_ packing: Packing, id: String?) -> String {
        let boxes = packing.containers.map { $0.container?.id.rawValue ?? "own" }.joined(separator: " ")
        return "\(id ?? "?"): \(packing.containers.count) containers (lower bound \(packing.lowerBound)), "
            + "\(packing.unitCount) units: \(boxes)"
    }

    static func summary(_ packing: Packing) -> String {
        var lines: [String] = []
        for (i, packed) in packing.containers.enumerated() {
            var counts: [(String, Int)] = []
            for p in packed.placements {
                if let k = counts.firstIndex(where: { $0.0 == p.sku.rawValue }) {
                    counts[k].1 += 1
                } else {
                    counts.append((p.sku.rawValue, 1))
                }
            }
            let contents = counts.map { "\($0.0) ×\($0.1)" }.joined(separator: ", ")
            let name: String
            if let c = packed.container {
                name = "\(c.id) (\(c.kind.rawValue) \(c.lengthMm)×\(c.widthMm)×\(c.heightMm) mm)"
            } else {
                name = "own container"
            }
            let fill = Int((packed.fill * 100).rounded())
            lines.append(
                "\(i + 1). \(name): \(packed.placements.count) units, fill \(fill)%, \(grams(packed.weightG))"
                    + " — \(contents)")
        }
        let gap = packing.containers.count - packing.lowerBound
        lines.append(
            "\(packing.containers.count) containers, \(packing.unitCount) units, "
                + "\(grams(packing.containers.reduce(0) { $0 + $1.weightG })) in all, "
                + "container cost \(cents(packing.costCents)); lower bound \(packing.lowerBound) (gap \(gap))")
        return lines.joined(separator: "\n")
    }

    static func grams(_ g: Int) -> String {
        g >= 1000 ? "\(g / 1000).\(String(format: "%02d", (g % 1000) / 10)) kg" : "\(g) g"
    }

    static func cents(_ c: Int) -> String { "$\(c / 100).\(String(format: "%02d", c % 100))" }
}

/// A failure of `sameday pack` to report on one line of stderr with exit status 2.
struct PackFailure: Error {
    var line: String
    init(_ line: String) { self.line = line }
}
