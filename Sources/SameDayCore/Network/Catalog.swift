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
///
/// Stored by column: ids and names back to back in two byte buffers, sizes, weight and price as 32-bit numbers, and
/// an open-addressing table from id to index. A SKU costs its id and name lengths plus about 40 bytes (108 bytes
/// each for ten million generated SKUs, whose names average 53 bytes). `items` reads one `CatalogItem` at a time
/// out of the columns.
public struct Catalog: Sendable, Equatable {
    private var ids = TextColumn()
    private var names = TextColumn()
    private var lookup = TextIndex()
    /// lengthMm, widthMm, heightMm, weightG of each item, four per item.
    private var sizes: [Int32] = []
    private var prices: [Int32] = []
    /// Each item's temperature, as the per-SKU table the promise engine reads.
    public private(set) var temperatures: [Temperature] = []
    /// 0 for no seller, otherwise 1 + the seller's position in `sellers`.
    private var sellerOf: [UInt32] = []
    private var sellers: [String] = []
    private var sellerNumbers: [String: UInt32] = [:]

    /// The largest size, weight or price a catalog holds (they are stored in 32 bits).
    public static let maximumValue = Int(Int32.max)

    /// A catalog of `items` in this order. A SKU listed twice keeps its first index for `index(of:)`.
    /// - Precondition: every size, weight and price is in 0...`maximumValue` (`Catalog.load` checks it).
    public init(items: some Sequence<CatalogItem>) {
        for item in items { append(item) }
    }

    /// A catalog ready for `count` items (`append` grows it past that).
    public init(minimumCapacity count: Int) {
        reserveCapacity(count)
    }

    /// Room for `count` items in all, without growing each column as they are appended. The text buffers are sized
    /// from the average id and name held so far (10% over) once there are 100 items, from a guess before that.
    public mutating func reserveCapacity(_ count: Int) {
        func bytes(_ column: TextColumn, guess: Int) -> Int {
            column.count < 100 ? count * guess : count * column.bytes.count / column.count * 11 / 10
        }
        ids.reserveCapacity(count: count, bytes: bytes(ids, guess: 12))
        names.reserveCapacity(count: count, bytes: bytes(names, guess: 24))
        lookup = TextIndex(minimumCapacity: count)
        for i in 0..<ids.count { _ = lookup.insert(i, of: ids) }
        sizes.reserveCapacity(count * 4)
        prices.reserveCapacity(count)
        temperatures.reserveCapacity(count)
        sellerOf.reserveCapacity(count)
    }

    /// Adds `item` at the next index.
    /// - Precondition: its sizes, weight and price are in 0...`maximumValue` (`Catalog.load` checks them).
    public mutating func append(_ item: CatalogItem) {
        precondition(
            Self.holds(item.lengthMm) && Self.holds(item.widthMm) && Self.holds(item.heightMm)
                && Self.holds(item.weightG) && Self.holds(item.priceCents),
            "catalog item \(item.sku) has a value outside 0...\(Self.maximumValue)")
        let i = ids.count
        ids.append(item.sku.rawValue)
        _ = lookup.insert(i, of: ids)
        names.append(item.name)
        sizes.append(Int32(item.lengthMm))
        sizes.append(Int32(item.widthMm))
        sizes.append(Int32(item.heightMm))
        sizes.append(Int32(item.weightG))
        prices.append(Int32(item.priceCents))
        temperatures.append(item.temperature)
        if let seller = item.seller {
            if let number = sellerNumbers[seller] {
                sellerOf.append(number)
            } else {
                sellers.append(seller)
                let number = UInt32(sellers.count)
                sellerNumbers[seller] = number
                sellerOf.append(number)
            }
        } else {
            sellerOf.append(0)
        }
    }

    @inline(__always) private static func holds(_ value: Int) -> Bool { value >= 0 && value <= maximumValue }

    /// Two catalogs are equal when they hold the same items in the same order.
    public static func == (lhs: Catalog, rhs: Catalog) -> Bool {
        lhs.count == rhs.count && lhs.items.elementsEqual(rhs.items)
    }

    /// How many items (SKUs listed twice count twice).
    public var count: Int { ids.count }

    /// The items in file order; an item's position is its dense index. Each is read out of the columns when
    /// subscripted.
    public var items: Items { Items(catalog: self) }

    /// The dense index of `sku`.
    /// - Complexity: O(1) expected; no allocation.
    @inline(__always) public func index(of sku: SKU) -> Int? {
        var text = sku.rawValue
        return text.withUTF8 { lookup.find(UnsafeRawBufferPointer($0), in: ids) }
    }

    /// The item for `sku`.
    public func item(_ sku: SKU) -> CatalogItem? { index(of: sku).map { item(at: $0) } }

    /// The item at dense index `i`.
    public func item(at i: Int) -> CatalogItem {
        CatalogItem(
            sku: sku(at: i), name: names.string(i), lengthMm: Int(sizes[4 * i]), widthMm: Int(sizes[4 * i + 1]),
            heightMm: Int(sizes[4 * i + 2]), weightG: Int(sizes[4 * i + 3]), priceCents: Int(prices[i]),
            temperature: temperatures[i], seller: seller(at: i))
    }

    /// The SKU at dense index `i`.
    public func sku(at i: Int) -> SKU { SKU(ids.string(i)) }

    /// The catalog price of the item at dense index `i`.
    public func priceCents(at i: Int) -> Int { Int(prices[i]) }

    /// The seller of the item at dense index `i`, if it has one.
    public func seller(at i: Int) -> String? {
        let number = Int(sellerOf[i])
        return number == 0 ? nil : sellers[number - 1]
    }

    /// Calls `body` with the UTF-8 bytes of the SKU id at dense index `i`, without making a string.
    public func withSKUBytes<R>(at i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try ids.withBytes(i, body)
    }

    /// Bytes the catalog holds, for the memory figures.
    public var byteCount: Int {
        ids.byteCount + names.byteCount + lookup.byteCount + sizes.capacity * 4 + prices.capacity * 4
            + temperatures.capacity + sellerOf.capacity * 4
    }

    /// The catalog's items, read one at a time out of its columns.
    public struct Items: RandomAccessCollection, Sendable {
        let catalog: Catalog
        public var startIndex: Int { 0 }
        public var endIndex: Int { catalog.count }
        public subscript(position: Int) -> CatalogItem { catalog.item(at: position) }
    }

    public static let columns = [
        "sku", "name", "lengthMm", "widthMm", "heightMm", "weightG", "priceCents", "temperature",
    ]

    /// Parses and validates a catalog CSV.
    /// - Throws: `LoadError` listing every bad field as `file:line:column`.
    public static func load(csv bytes: some Collection<UInt8>, file: String) throws(LoadError) -> Catalog {
        let table = try CSVTable(bytes, file: file, required: columns)
        let reader = CatalogRowReader(header: table.header, file: file)
        var issues: [LoadIssue] = []
        var catalog = Catalog(minimumCapacity: table.rows.count)
        var lines: [Int] = []
        lines.reserveCapacity(table.rows.count)
        for row in table.rows {
            if let item = reader.item(row, definedOn: { catalog.index(of: $0).map { lines[$0] } }, issues: &issues) {
                catalog.append(item)
                lines.append(row.line)
            }
        }
        guard issues.isEmpty else { throw LoadError(issues) }
        return catalog
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
            guard v <= Catalog.maximumValue else {
                fail(c, "\(columns[i]) \(v) must be ≤ \(Catalog.maximumValue)")
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
