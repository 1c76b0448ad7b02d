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
        let nodeCol = table.column("node")!, skuCol = table.column("sku")!, availCol = table.column("available")!
        var nodes: [NodeID: Node] = [:]
        for node in network.nodes { nodes[node.id] = node }
        var issues: [LoadIssue] = []
        var entries: [StockEntry] = []
        entries.reserveCapacity(table.rows.count)
        var seen: [StockKey: Int] = [:]
        for row in table.rows {
            func field(_ c: Int) -> String { c < row.fields.count ? row.fields[c].trimmingSpaces : "" }
            func fail(_ c: Int, _ message: String) {
                let column = c < row.columns.count ? row.columns[c] : (row.columns.last ?? 1)
                issues.append(LoadIssue(file: file, line: row.line, column: column, message: message))
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
            let item = catalog.item(sku)
            if item == nil {
                fail(skuCol, "unknown sku '\(sku)'")
                ok = false
            }
            if let node, let item, node.kind.isShipping, !node.temperatures.contains(item.temperature) {
                fail(skuCol, "sku '\(sku)' is \(item.temperature.rawValue) but node '\(nodeID)' does not handle it")
                ok = false
            }
            let text = field(availCol)
            let available = Int(text)
            if available == nil {
                fail(availCol, "available '\(text)' is not a whole number")
                ok = false
            } else if available! < 0 {
                fail(availCol, "available \(available!) must be ≥ 0")
                ok = false
            }
            if ok {
                let key = StockKey(node: nodeID, sku: sku)
                if let previous = seen[key] {
                    fail(nodeCol, "stock of '\(sku)' at '\(nodeID)' is already given on line \(previous)")
                    continue
                }
                seen[key] = row.line
                entries.append(StockEntry(node: nodeID, sku: sku, available: available!))
            }
        }
        guard issues.isEmpty else { throw LoadError(issues) }
        return Inventory(entries: entries)
    }
}

struct StockKey: Hashable {
    var node: NodeID
    var sku: SKU
}
