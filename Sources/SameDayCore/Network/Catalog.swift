// The catalog file of spec/promise.md: what each SKU is, how big, how heavy, how cold.

/// One sellable product.
public struct CatalogItem: Sendable, Hashable {
    public var sku: SKU
    public var name: String
    public var lengthMm: Int
    public var widthMm: Int
    public var heightMm: Int
    public var weightG: Int
    public var priceCents: Int
    public var temperature: Temperature
    /// The seller that owns the SKU (optional `seller` column), for seller API keys.
    public var seller: String?

    public init(
        sku: SKU, name: String, lengthMm: Int, widthMm: Int, heightMm: Int, weightG: Int, priceCents: Int,
        temperature: Temperature, seller: String? = nil
    ) {
        self.sku = sku
        self.name = name
        self.lengthMm = lengthMm
        self.widthMm = widthMm
        self.heightMm = heightMm
        self.weightG = weightG
        self.priceCents = priceCents
        self.temperature = temperature
        self.seller = seller
    }
}

/// All SKUs, with a dense index per SKU for hot structures.
public struct Catalog: Sendable {
    /// Items in file order; an item's position is its dense index.
    public private(set) var items: [CatalogItem]
    private var indexBySKU: [SKU: Int]

    public init(items: [CatalogItem]) {
        self.items = items
        var index: [SKU: Int] = [:]
        index.reserveCapacity(items.count)
        for (i, item) in items.enumerated() where index[item.sku] == nil { index[item.sku] = i }
        self.indexBySKU = index
    }

    /// The dense index of `sku`.
    /// - Complexity: O(1) expected.
    public func index(of sku: SKU) -> Int? { indexBySKU[sku] }

    /// The item for `sku`.
    public func item(_ sku: SKU) -> CatalogItem? { indexBySKU[sku].map { items[$0] } }

    public static let columns = [
        "sku", "name", "lengthMm", "widthMm", "heightMm", "weightG", "priceCents", "temperature",
    ]

    /// Parses and validates a catalog CSV.
    /// - Throws: `LoadError` listing every bad field as `file:line:column`.
    public static func load(csv bytes: some Collection<UInt8>, file: String) throws(LoadError) -> Catalog {
        let table = try CSVTable(bytes, file: file, required: columns)
        let reader = CatalogRowReader(header: table.header, file: file)
        var issues: [LoadIssue] = []
        var items: [CatalogItem] = []
        items.reserveCapacity(table.rows.count)
        var seen: [SKU: Int] = [:]
        for row in table.rows {
            if let item = reader.item(row, definedOn: { seen[$0] }, issues: &issues) {
                seen[item.sku] = row.line
                items.append(item)
            }
        }
        guard issues.isEmpty else { throw LoadError(issues) }
        return Catalog(items: items)
    }
}

/// Reads catalog rows against a header that has every column of `Catalog.columns`: the one validation of a catalog
/// row, for a whole file (`Catalog.load`) and for a file read piece by piece (the import at scale).
public struct CatalogRowReader: Sendable {
    public let file: String
    private let col: [Int]
    private let sellerColumn: Int?

    /// A reader for rows under `header` (the trimmed column names, checked by `CSVTable.header`).
    public init(header: [String], file: String) {
        self.file = file
        self.col = Catalog.columns.map { header.firstIndex(of: $0) ?? 0 }
        self.sellerColumn = header.firstIndex(of: "seller")
    }

    /// The item `row` describes, or nil after appending an issue for every bad field to `issues`.
    /// `definedOn` answers the line on which a SKU was already defined, if it was.
    public func item(
        _ row: CSVRecord, definedOn: (SKU) -> Int?, issues: inout [LoadIssue]
    ) -> CatalogItem? {
        let columns = Catalog.columns
        let file = self.file
        func field(_ c: Int) -> String? { c < row.fields.count ? row.fields[c] : nil }
        func fail(_ c: Int, _ message: String) {
            let column = c < row.columns.count ? row.columns[c] : (row.columns.last ?? 1)
            issues.append(LoadIssue(file: file, line: row.line, column: column, message: message))
        }
        func int(_ i: Int, min: Int) -> Int? {
            let c = col[i]
            guard let text = field(c) else {
                fail(c, "missing \(columns[i])")
                return nil
            }
            guard let v = Int(text.trimmingSpaces) else {
                fail(c, "\(columns[i]) '\(text)' is not a whole number")
                return nil
            }
            guard v >= min else {
                fail(c, "\(columns[i]) \(v) must be ≥ \(min)")
                return nil
            }
            return v
        }
        let skuText = field(col[0])?.trimmingSpaces ?? ""
        var skuOK = true
        if !Identifiers.isWellFormed(skuText) {
            fail(col[0], "sku '\(skuText)' is not a valid id ([A-Za-z0-9._-], 1 to 64 characters)")
            skuOK = false
        } else if let previous = definedOn(SKU(skuText)) {
            fail(col[0], "sku '\(skuText)' is already defined on line \(previous)")
            skuOK = false
        }
        let name = field(col[1]) ?? ""
        let l = int(2, min: 1)
        let w = int(3, min: 1)
        let h = int(4, min: 1)
        let weight = int(5, min: 0)
        let price = int(6, min: 0)
        let tempText = field(col[7])?.trimmingSpaces ?? ""
        let temperature = Temperature(rawValue: tempText)
        if temperature == nil {
            fail(col[7], "temperature '\(tempText)' must be ambient, chilled or frozen")
        }
        let seller = sellerColumn.flatMap { field($0) }.flatMap { $0.isEmpty ? nil : $0 }
        guard skuOK, let l, let w, let h, let weight, let price, let temperature else { return nil }
        return CatalogItem(
            sku: SKU(skuText), name: name, lengthMm: l, widthMm: w, heightMm: h, weightG: weight,
            priceCents: price, temperature: temperature, seller: seller)
    }
}
