// The inventory file of spec/promise.md: units available per (node, SKU).

/// Units of one SKU available at one shipping node.
public struct StockEntry: Sendable, Hashable {
    public var node: NodeID
    public var sku: SKU
    public var available: Int
    public init(node: NodeID, sku: SKU, available: Int) {
        self.node = node
        self.sku = sku
        self.available = available
    }
}

/// All stock entries of an inventory file, validated against a network and a catalog.
public struct Inventory: Sendable {
    public var entries: [StockEntry]
    public init(entries: [StockEntry]) { self.entries = entries }

    public static let columns = ["node", "sku", "available"]

    /// Parses an inventory CSV and checks every row against `network` and `catalog`: stock only at shipping nodes,
    /// of known SKUs, at nodes that handle the SKU's temperature, `available` a whole number ≥ 0, each (node, sku) once.
    /// - Throws: `LoadError` listing every bad field as `file:line:column`.
    public static func load(
        csv bytes: some Collection<UInt8>, file: String, network: Network, catalog: Catalog
    ) throws(LoadError) -> Inventory {
        let table = try CSVTable(bytes, file: file, required: columns)
        let reader = InventoryRowReader(header: table.header, file: file, network: network)
        var issues: [LoadIssue] = []
        var entries: [StockEntry] = []
        entries.reserveCapacity(table.rows.count)
        var seen: [StockKey: Int] = [:]
        for row in table.rows {
            guard
                let entry = reader.entry(
                    row, temperature: { catalog.index(of: $0).map { catalog.temperatures[$0] } }, issues: &issues)
            else { continue }
            let key = StockKey(node: entry.node, sku: entry.sku)
            if let previous = seen[key] {
                issues.append(reader.duplicate(row, entry, previousLine: previous))
                continue
            }
            seen[key] = row.line
            entries.append(entry)
        }
        guard issues.isEmpty else { throw LoadError(issues) }
        return Inventory(entries: entries)
    }
}

/// Reads inventory rows against a header that has every column of `Inventory.columns`: the one validation of a
/// stock row, for a whole file (`Inventory.load`) and for a file read piece by piece (the import at scale).
/// Whether a (node, sku) pair repeats is the caller's to check (`duplicate` words the issue).
public struct InventoryRowReader: Sendable {
    public let file: String
    private let nodeCol: Int, skuCol: Int, availCol: Int
    private let nodes: [NodeID: Node]

    /// A reader for rows under `header` (the trimmed column names, checked by `CSVTable.header`).
    public init(header: [String], file: String, network: Network) {
        self.file = file
        nodeCol = header.firstIndex(of: "node") ?? 0
        skuCol = header.firstIndex(of: "sku") ?? 0
        availCol = header.firstIndex(of: "available") ?? 0
        var nodes: [NodeID: Node] = [:]
        for node in network.nodes { nodes[node.id] = node }
        self.nodes = nodes
    }

    /// The entry `row` gives, or nil after appending an issue for every bad field to `issues`. `temperature`
    /// answers a catalog SKU's temperature, nil for a SKU the catalog does not have.
    public func entry(
        _ row: CSVRecord, temperature: (SKU) -> Temperature?, issues: inout [LoadIssue]
    ) -> StockEntry? {
        let file = self.file
        func field(_ c: Int) -> String { c < row.fields.count ? row.fields[c].trimmingSpaces : "" }
        func fail(_ c: Int, _ message: String) {
            issues.append(LoadIssue(file: file, line: row.line, column: Self.column(row, c), message: message))
        }
        let nodeID = NodeID(field(nodeCol))
        let sku = SKU(field(skuCol))
        var ok = true
        let node = nodes[nodeID]
        if node == nil {
            fail(nodeCol, "unknown node '\(nodeID)'")
            ok = false
        } else if node?.kind.isShipping == false {
            fail(nodeCol, "'\(nodeID)' is a delivery-station: only shipping nodes hold stock")
            ok = false
        }
        let itemTemperature = temperature(sku)
        if itemTemperature == nil {
            fail(skuCol, "unknown sku '\(sku)'")
            ok = false
        }
        if let node, let itemTemperature, node.kind.isShipping, !node.temperatures.contains(itemTemperature) {
            fail(skuCol, "sku '\(sku)' is \(itemTemperature.rawValue) but node '\(nodeID)' does not handle it")
            ok = false
        }
        let text = field(availCol)
        let available = Int(text)
        if let available, available < 0 {
            fail(availCol, "available \(available) must be ≥ 0")
            ok = false
        } else if available == nil {
            fail(availCol, "available '\(text)' is not a whole number")
            ok = false
        }
        guard ok, let available else { return nil }
        return StockEntry(node: nodeID, sku: sku, available: available)
    }

    /// The issue for `row` giving stock of a (node, sku) pair a previous line already gave (nil: line unknown).
    public func duplicate(_ row: CSVRecord, _ entry: StockEntry, previousLine: Int?) -> LoadIssue {
        let place = previousLine.map { "on line \($0)" } ?? "on an earlier line"
        return LoadIssue(
            file: file, line: row.line, column: Self.column(row, nodeCol),
            message: "stock of '\(entry.sku)' at '\(entry.node)' is already given \(place)")
    }

    private static func column(_ row: CSVRecord, _ c: Int) -> Int {
        c < row.columns.count ? row.columns[c] : (row.columns.last ?? 1)
    }
}

struct StockKey: Hashable {
    var node: NodeID
    var sku: SKU
}
