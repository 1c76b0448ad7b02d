// Reading and writing the file formats of spec/pack.md: the container catalog, items, orders (JSON lines)
// and the packing output. Every problem is reported with its JSON path, all of them, not just the first.

/// One order read from an orders file (JSON lines).
public struct PackingOrder: Sendable, Equatable {
    /// The order's `id`, or nil when the line had none.
    public var id: String?
    /// The order's items, or the problems that keep it from being read.
    public var items: Result<[Item], LoadError>

    public init(id: String?, items: Result<[Item], LoadError>) {
        self.id = id
        self.items = items
    }
}

/// The JSON formats of spec/pack.md.
public enum PackingFormat {
    /// The largest length accepted, in millimetres (10 m): keeps every volume sum far from overflow.
    public static let maximumLengthMm = 10_000
    /// The largest quantity accepted on one line.
    public static let maximumQty = 100_000

    /// Reads a container catalog (`--boxes`): a JSON array of containers.
    /// - Throws: `LoadError` listing every bad field as `file:path: message`.
    public static func containers(from bytes: some Collection<UInt8>, file: String) throws(LoadError) -> [Container] {
        let root = try document(bytes, file: file)
        var issues: [LoadIssue] = []
        guard case .array(let elements) = root else {
            throw LoadError([LoadIssue(file: file, location: "", message: "must be a JSON array of containers")])
        }
        var containers: [Container] = []
        var seen: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            var r = FieldReader(file: file, path: "[\(index)]", value: element)
            guard r.isObject() else {
                issues += r.issues
                continue
            }
            let id = r.identifier("id")
            let kindText = r.string("kind", default: nil)
            var kind = ContainerKind.box
            if let kindText {
                if let k = ContainerKind(rawValue: kindText) {
                    kind = k
                } else {
                    r.fail("kind", "must be one of box, mailer, insulated (got \(JSONText.quoted(kindText)))")
                }
            }
            let length = r.integer("lengthMm", minimum: 1, maximum: PackingFormat.maximumLengthMm, required: true)
            let width = r.integer("widthMm", minimum: 1, maximum: PackingFormat.maximumLengthMm, required: true)
            let height = r.integer("heightMm", minimum: 1, maximum: PackingFormat.maximumLengthMm, required: true)
            let maxLoad = r.integer("maxLoadG", minimum: 0, required: true)
            let empty = r.integer("emptyWeightG", minimum: 0, required: false) ?? 0
            let cost = r.integer("costCents", minimum: 0, required: false) ?? 0
            if let id {
                if let first = seen[id] {
                    r.fail("id", "\(JSONText.quoted(id)) repeats the id of [\(first)]")
                } else {
                    seen[id] = index
                }
            }
            issues += r.issues
            if r.issues.isEmpty, let id, let length, let width, let height, let maxLoad {
                containers.append(
                    Container(
                        id: ContainerID(id), kind: kind, lengthMm: length, widthMm: width, heightMm: height,
                        maxLoadG: maxLoad, emptyWeightG: empty, costCents: cost))
            }
        }
        guard issues.isEmpty else { throw LoadError(issues) }
        return containers
    }

    /// Reads an items file (`--items`): a JSON array of order lines.
    /// - Throws: `LoadError` listing every bad field as `file:path: message`.
    public static func items(from bytes: some Collection<UInt8>, file: String) throws(LoadError) -> [Item] {
        let root = try document(bytes, file: file)
        return try items(from: root, path: "", file: file).get()
    }

    /// Reads an array of order lines found at `path` of a document.
    public static func items(from value: JSONValue, path: String, file: String) -> Result<[Item], LoadError> {
        guard case .array(let elements) = value else {
            return .failure(
                LoadError([
                    LoadIssue(
                        file: file, location: path, message: "must be a JSON array of items, not \(value.typeName)")
                ]))
        }
        var issues: [LoadIssue] = []
        var items: [Item] = []
        var seen: [SKU: Int] = [:]  // SKU → index in `items`
        for (index, element) in elements.enumerated() {
            var r = FieldReader(file: file, path: "\(path)[\(index)]", value: element)
            guard r.isObject() else {
                issues += r.issues
                continue
            }
            let sku = r.identifier("sku")
            let length = r.integer("lengthMm", minimum: 1, maximum: PackingFormat.maximumLengthMm, required: true)
            let width = r.integer("widthMm", minimum: 1, maximum: PackingFormat.maximumLengthMm, required: true)
            let height = r.integer("heightMm", minimum: 1, maximum: PackingFormat.maximumLengthMm, required: true)
            let weight = r.integer("weightG", minimum: 0, required: true)
            let qty = r.integer("qty", minimum: 1, maximum: PackingFormat.maximumQty, required: false) ?? 1
            let upright = r.bool("upright")
            let fragile = r.bool("fragile")
            let own = r.bool("ownContainer")
            let hazmat = r.bool("hazmat")
            let fixed = r.bool("fixedOrientation")
            var temperature = Temperature.ambient
            if let t = r.string("temperature", default: nil) {
                if let value = Temperature(rawValue: t) {
                    temperature = value
                } else {
                    r.fail("temperature", "must be one of ambient, chilled, frozen (got \(JSONText.quoted(t)))")
                }
            }
            if r.issues.isEmpty, let sku, let length, let width, let height, let weight {
                let item = Item(
                    sku: SKU(sku), lengthMm: length, widthMm: width, heightMm: height, weightG: weight, qty: qty,
                    upright: upright, fragile: fragile, ownContainer: own, temperature: temperature, hazmat: hazmat,
                    fixedOrientation: fixed)
                if let at = seen[item.sku] {
                    var merged = items[at]
                    merged.qty = item.qty
                    if merged == item {
                        items[at].qty += item.qty
                    } else {
                        r.fail(
                            "sku", "\(JSONText.quoted(sku)) repeats an earlier line with different dimensions or flags")
                    }
                } else {
                    seen[item.sku] = items.count
                    items.append(item)
                }
            }
            issues += r.issues
        }
        guard issues.isEmpty else { return .failure(LoadError(issues)) }
        return .success(items)
    }

    /// Reads an orders file: one JSON object `{"id": …, "items": […]}` per line; blank lines are skipped.
    /// A bad line becomes an order whose `items` is a failure, so the others are still packed.
    public static func orders(from bytes: some Collection<UInt8>, file: String) -> [PackingOrder] {
        var orders: [PackingOrder] = []
        var lineNumber = 0
        var current: [UInt8] = []
        func flush() {
            lineNumber += 1
            defer { current.removeAll(keepingCapacity: true) }
            if current.last == 0x0D { current.removeLast() }
            guard current.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            let location = "line \(lineNumber)"
            let value: JSONValue
            do {
                value = try JSONValue.parse(current)
            } catch {
                orders.append(
                    PackingOrder(
                        id: nil,
                        items: .failure(
                            LoadError([
                                LoadIssue(
                                    file: file, location: "\(lineNumber):\(error.column)", message: error.message)
                            ]))))
                return
            }
            guard case .object = value else {
                orders.append(
                    PackingOrder(
                        id: nil,
                        items: .failure(
                            LoadError([
                                LoadIssue(file: file, location: location, message: "must be a JSON object")
                            ]))))
                return
            }
            var id: String?
            var issues: [LoadIssue] = []
            switch value["id"] {
            case .string(let s)?: id = s
            case .integer(let n)?: id = String(n)
            case nil: issues.append(LoadIssue(file: file, location: "\(location).id", message: "is required"))
            case let other?:
                issues.append(
                    LoadIssue(
                        file: file, location: "\(location).id", message: "must be a string, not \(other.typeName)"))
            }
            guard let itemsValue = value["items"] else {
                issues.append(LoadIssue(file: file, location: "\(location).items", message: "is required"))
                orders.append(PackingOrder(id: id, items: .failure(LoadError(issues))))
                return
            }
            let items = Self.items(from: itemsValue, path: "\(location).items", file: file)
            if case .failure(let e) = items { issues += e.issues }
            orders.append(PackingOrder(id: id, items: issues.isEmpty ? items : .failure(LoadError(issues))))
        }
        for byte in bytes {
            if byte == 0x0A { flush() } else { current.append(byte) }
        }
        if !current.isEmpty { flush() }
        return orders
    }

    /// The packing as spec/pack.md's output object, on one line:
    /// `{"containers": [...], "lowerBound": n}`, preceded by `"id": …` when `id` is given.
    public static func json(_ packing: Packing, id: String? = nil) -> String {
        var out = "{"
        if let id { out += "\"id\":\(JSONText.quoted(id))," }
        out += "\"containers\":["
        for (ci, c) in packing.containers.enumerated() {
            if ci > 0 { out += "," }
            out += "{\"box\":" + (c.container.map { JSONText.quoted($0.id.rawValue) } ?? "null")
            out += ",\"weightG\":\(c.weightG),\"placements\":["
            for (pi, p) in c.placements.enumerated() {
                if pi > 0 { out += "," }
                out += "{\"sku\":\(JSONText.quoted(p.sku.rawValue)),\"x\":\(p.x),\"y\":\(p.y),\"z\":\(p.z)"
                out += ",\"lengthMm\":\(p.lengthMm),\"widthMm\":\(p.widthMm),\"heightMm\":\(p.heightMm)}"
            }
            out += "]}"
        }
        out += "],\"lowerBound\":\(packing.lowerBound)}"
        return out
    }

    /// `{"id": …, "error": "…"}` for an order that cannot be packed.
    public static func errorJSON(id: String?, message: String) -> String {
        "{\"id\":" + (id.map(JSONText.quoted) ?? "null") + ",\"error\":\(JSONText.quoted(message))}"
    }

    static func document(_ bytes: some Collection<UInt8>, file: String) throws(LoadError) -> JSONValue {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw LoadError([LoadIssue(file: file, line: error.line, column: error.column, message: error.message)])
        }
    }
}

/// Reads typed fields of one JSON object, collecting an issue per bad field.
struct FieldReader {
    let file: String
    let path: String
    let value: JSONValue
    var issues: [LoadIssue] = []

    init(file: String, path: String, value: JSONValue) {
        self.file = file
        self.path = path
        self.value = value
    }

    mutating func fail(_ key: String, _ message: String) {
        issues.append(LoadIssue(file: file, location: path.isEmpty ? key : "\(path).\(key)", message: message))
    }

    mutating func isObject() -> Bool {
        if case .object = value { return true }
        issues.append(LoadIssue(file: file, location: path, message: "must be an object, not \(value.typeName)"))
        return false
    }

    mutating func identifier(_ key: String) -> String? {
        guard let v = value[key] else {
            fail(key, "is required")
            return nil
        }
        guard case .string(let s) = v else {
            fail(key, "must be a string, not \(v.typeName)")
            return nil
        }
        guard Identifiers.isWellFormed(s) else {
            fail(key, "\(JSONText.quoted(s)) must match [A-Za-z0-9._-]{1,64}")
            return nil
        }
        return s
    }

    mutating func string(_ key: String, default: String?) -> String? {
        guard let v = value[key] else { return `default` }
        guard case .string(let s) = v else {
            fail(key, "must be a string, not \(v.typeName)")
            return nil
        }
        return s
    }

    mutating func integer(_ key: String, minimum: Int, maximum: Int = 1_000_000_000, required: Bool) -> Int? {
        guard let v = value[key] else {
            if required { fail(key, "is required (an integer ≥ \(minimum))") }
            return nil
        }
        guard let n = v.exactInteger, n >= minimum, n <= maximum else {
            let shown: String
            switch v {
            case .integer(let i): shown = String(i)
            case .number(let d): shown = String(d)
            case .string(let s): shown = JSONText.quoted(s)
            default: shown = v.typeName
            }
            fail(key, "must be an integer ≥ \(minimum) and ≤ \(maximum) (got \(shown))")
            return nil
        }
        return n
    }

    mutating func bool(_ key: String) -> Bool {
        guard let v = value[key] else { return false }
        switch v {
        case .bool(let b): return b
        case .null: return false
        default:
            fail(key, "must be true or false, not \(v.typeName)")
            return false
        }
    }
}
