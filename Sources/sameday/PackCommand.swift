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

    @Option(
        help: "Print this many sample orders (JSON lines for --orders) from the seeded realistic catalog, and exit.")
    var sampleOrders: Int?

    @Option(help: "Units per sample order.")
    var sampleUnits = 20

    @Option(help: "Seed of the sample orders.")
    var seed: UInt64 = 1

    @Option(
        help: """
            Pack the Martello-Pisinger-Vigo 3-D bin packing instances of these classes ("1,4,8" or "all"), \
            fixed orientation, one bin size; prints bins, lower bound and time per instance, and checks every packing.
            """)
    var mpvClass: String?

    @Option(help: "Numbers of items of the MPV instances (default 50,100,150,200).")
    var mpvItems = "50,100,150,200"

    @Option(help: "MPV instances per class and number of items (default 10).")
    var mpvInstances = MPVInstances.instancesPerSize

    @Option(help: "Write the MPV instances as JSON files into this directory (for other packers) instead of packing.")
    var mpvExport: String?

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
        if let classes = mpvClass {
            try runMPV(classes: classes)
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
                    out +=
                        json
                        ? PackingFormat.errorJSON(id: order.id, message: error.summaryLine)
                        : "\(order.id ?? "?"): error: \(error.summaryLine)"
                case .success(let orderItems):
                    do {
                        let packing = try packer.pack(orderItems)
                        out += json ? PackingFormat.json(packing, id: order.id) : Self.oneLine(packing, id: order.id)
                    } catch {
                        out +=
                            json
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

// The Martello–Pisinger–Vigo benchmark (`--mpv-class`): generated in Core with fixed seeds, packed and checked here,
// or written out for other packers (`--mpv-export DIR`).
extension PackCommand {
    /// The instances the options select.
    func mpvSelection(classes text: String) throws -> [MPVInstance] {
        let classes: [Int]
        if text == "all" {
            classes = Array(MPVInstances.classes)
        } else {
            classes = try text.split(separator: ",").map { part in
                guard let c = Int(part), MPVInstances.classes.contains(c) else {
                    throw PackFailure("--mpv-class: \(part) is not a class 1...8 (or all)")
                }
                return c
            }
        }
        let counts = try mpvItems.split(separator: ",").map { part in
            guard let n = Int(part), (1...10_000).contains(n) else {
                throw PackFailure("--mpv-items: \(part) is not a number of items 1...10000")
            }
            return n
        }
        guard (1...100).contains(mpvInstances) else { throw PackFailure("--mpv-instances: 1...100") }
        var all: [MPVInstance] = []
        for c in classes {
            for n in counts {
                for i in 1...mpvInstances { all.append(MPVInstances.instance(mpvClass: c, itemCount: n, index: i)) }
            }
        }
        return all
    }

    func runMPV(classes text: String) throws {
        let instances = try mpvSelection(classes: text)
        if let dir = mpvExport {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for m in instances {
                let sizes = m.sizes.map { "[\($0.x),\($0.y),\($0.z)]" }.joined(separator: ",")
                let text =
                    "{\"class\":\(m.mpvClass),\"items\":\(m.itemCount),\"instance\":\(m.index),"
                    + "\"bin\":\(m.binSide),\"sizes\":[\(sizes)]}\n"
                let path = "\(dir)/mpv-c\(m.mpvClass)-n\(m.itemCount)-\(m.index).json"
                guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                    throw PackFailure("\(path): cannot write the file")
                }
            }
            print("wrote \(instances.count) instances to \(dir)")
            return
        }
        var invalid = 0
        var totals: (bins: Int, bound: Int, seconds: Double) = (0, 0, 0)
        for m in instances {
            let catalog = [m.container]
            let items = m.items
            let start = ContinuousClock.now
            let packing = try Packer(catalog: catalog).pack(items)
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let violations = PackingVerifier(catalog: catalog, items: items).violations(of: packing)
            if !violations.isEmpty { invalid += 1 }
            totals.bins += packing.containers.count
            totals.bound += packing.lowerBound
            totals.seconds += seconds
            let ms = String(format: "%.1f", seconds * 1000)
            let bins = packing.containers.count
            let bound = packing.lowerBound
            let valid = violations.isEmpty
            let line: String
            if json {
                let head = "{\"class\":\(m.mpvClass),\"items\":\(m.itemCount),\"instance\":\(m.index),"
                line = head + "\"bins\":\(bins),\"lowerBound\":\(bound),\"ms\":\(ms),\"valid\":\(valid)}"
            } else {
                let problem = valid ? "" : ", INVALID: \(violations[0])"
                line =
                    "class \(m.mpvClass) n \(m.itemCount) #\(m.index): \(bins) bins, lower bound \(bound), \(ms) ms"
                    + problem
            }
            print(line)
        }
        if !json {
            print(
                "\(instances.count) instances: \(totals.bins) bins, lower bound \(totals.bound), "
                    + String(format: "%.1f s", totals.seconds) + (invalid > 0 ? ", \(invalid) INVALID" : ""))
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}
