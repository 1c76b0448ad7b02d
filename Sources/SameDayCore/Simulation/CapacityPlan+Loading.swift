// Reading a capacity file: every problem reported with its JSON path, like the network file.

extension CapacityPlan {
    /// The top-level members a capacity file may have.
    static let fields = [
        "description", "pickUnitsPerHour", "packagesPerDeparture", "packagesPerWave", "nodes", "lanes",
    ]
    /// The largest capacity a file may give (units per hour or packages per departure or wave).
    public static let maximumLimit = 1_000_000_000

    /// Parses a capacity file (docs/simulate.md): the whole file `"unlimited"`, or an object whose members
    /// override the defaults. Node ids and lanes are checked against `network`.
    /// - Throws: `LoadError` listing every problem with its JSON path (`nodes.FC-WA-01.pickUnitsPerHour: …`).
    public static func load(json bytes: some Collection<UInt8>, file: String, network: Network) throws(LoadError)
        -> CapacityPlan
    {
        let root = try JSONValue.parse(bytes, file: file)
        if root == .string("unlimited") { return .unlimited }
        guard case .object(let members) = root else {
            throw LoadError([
                LoadIssue(file: file, location: "", message: "must be an object or \"unlimited\", not \(root.typeName)")
            ])
        }
        var r = JSONFieldReader(file: file)
        var plan = CapacityPlan.defaults
        for (key, value) in members {
            switch key {
            case "description":
                if value.stringValue == nil { r.fail(key, "must be a string, not \(value.typeName)") }
            case "pickUnitsPerHour":
                readKinds(value, key, into: &plan.pickUnitsPerHour, &r)
            case "packagesPerDeparture":
                readKinds(value, key, into: &plan.packagesPerDeparture, &r)
            case "packagesPerWave":
                if let rule = readWaveRule(value, key, &r) { plan.packagesPerWave = rule }
            case "nodes":
                plan.nodes = readNodes(value, key, network: network, &r)
            case "lanes":
                plan.lanes = readLanes(value, key, network: network, &r)
            default:
                r.fail(key, "unknown field (expected one of \(fields.joined(separator: ", ")))")
            }
        }
        guard r.issues.isEmpty else { throw LoadError(r.issues) }
        return plan
    }

    /// A whole number from 1 to `maximumLimit`, or `"unlimited"`.
    static func readLimit(_ value: JSONValue, _ path: String, _ r: inout JSONFieldReader) -> CapacityLimit? {
        if value == .string("unlimited") { return .unlimited }
        guard let n = value.intValue, (1...maximumLimit).contains(n) else {
            let shown: String
            switch value {
            case .integer(let i): shown = String(i)
            case .number(let d): shown = "\(d)"
            case .string(let s): shown = JSONText.quoted(s)
            default: shown = value.typeName
            }
            r.fail(path, "must be a whole number from 1 to \(maximumLimit) or \"unlimited\", not \(shown)")
            return nil
        }
        return .limited(n)
    }

    /// One limit for every shipping kind, or an object by kind.
    static func readKinds(
        _ value: JSONValue, _ path: String, into limits: inout [NodeKind: CapacityLimit], _ r: inout JSONFieldReader
    ) {
        let shipping = NodeKind.allCases.filter(\.isShipping)
        guard case .object(let members) = value else {
            if let limit = readLimit(value, path, &r) { for kind in shipping { limits[kind] = limit } }
            return
        }
        for (key, member) in members {
            let p = JSONFieldReader.join(path, key)
            guard let kind = NodeKind(rawValue: key), kind.isShipping else {
                r.fail(p, "is not a shipping node kind (\(shipping.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            if let limit = readLimit(member, p, &r) { limits[kind] = limit }
        }
    }

    /// A number or `"unlimited"` for every station, or `{"perThousandPeople": x, "minimum": n}`.
    static func readWaveRule(_ value: JSONValue, _ path: String, _ r: inout JSONFieldReader) -> WaveCapacityRule? {
        guard case .object(let members) = value else { return readLimit(value, path, &r).map { .fixed($0) } }
        for (key, _) in members where key != "perThousandPeople" && key != "minimum" {
            r.fail(JSONFieldReader.join(path, key), "unknown field (expected perThousandPeople, minimum)")
        }
        let per = r.double(value, "perThousandPeople", path, range: 0...1_000_000, exclusiveLower: true)
        let minimum = r.int(value, "minimum", path, min: 1, max: maximumLimit, required: false) ?? 1
        guard let per else { return nil }
        return .perPeople(perThousandPeople: per, minimum: minimum)
    }

    /// `{"NODE-ID": {"pickUnitsPerHour": …, "packagesPerDeparture": …, "packagesPerWave": …}}`.
    static func readNodes(_ value: JSONValue, _ path: String, network: Network, _ r: inout JSONFieldReader)
        -> [NodeID: NodeCapacity]
    {
        guard case .object(let members) = value else {
            r.fail(path, "must be an object keyed by node id, not \(value.typeName)")
            return [:]
        }
        var kinds: [NodeID: NodeKind] = [:]
        for node in network.nodes { kinds[node.id] = node.kind }
        var nodes: [NodeID: NodeCapacity] = [:]
        for (id, entry) in members {
            let p = JSONFieldReader.join(path, id)
            guard let kind = kinds[NodeID(id)] else {
                r.fail(p, "unknown node '\(id)'")
                continue
            }
            guard case .object(let fields) = entry else {
                r.fail(p, "must be an object, not \(entry.typeName)")
                continue
            }
            var capacity = NodeCapacity()
            for (key, member) in fields {
                let fp = JSONFieldReader.join(p, key)
                switch (key, kind.isShipping) {
                case ("pickUnitsPerHour", true): capacity.pickUnitsPerHour = readLimit(member, fp, &r)
                case ("packagesPerDeparture", true): capacity.packagesPerDeparture = readLimit(member, fp, &r)
                case ("packagesPerWave", false): capacity.packagesPerWave = readLimit(member, fp, &r)
                case ("pickUnitsPerHour", false), ("packagesPerDeparture", false), ("packagesPerWave", true):
                    r.fail(fp, "does not apply to a \(kind.rawValue)")
                default:
                    r.fail(fp, "unknown field (expected pickUnitsPerHour, packagesPerDeparture, packagesPerWave)")
                }
            }
            nodes[NodeID(id)] = capacity
        }
        return nodes
    }

    /// `[{"from": …, "to": …, "packagesPerDeparture": …}]`, each naming a lane of the network.
    static func readLanes(_ value: JSONValue, _ path: String, network: Network, _ r: inout JSONFieldReader)
        -> [LaneKey: CapacityLimit]
    {
        guard let entries = value.arrayValue else {
            r.fail(path, "must be an array, not \(value.typeName)")
            return [:]
        }
        let known = Set(network.lanes.map { LaneKey(from: $0.from, to: $0.to) })
        var lanes: [LaneKey: CapacityLimit] = [:]
        for (i, entry) in entries.enumerated() {
            let p = "\(path)[\(i)]"
            guard let obj = r.object(entry, p) else { continue }
            for (key, _) in objectMembers(obj) where !["from", "to", "packagesPerDeparture"].contains(key) {
                r.fail(JSONFieldReader.join(p, key), "unknown field (expected from, to, packagesPerDeparture)")
            }
            let from = r.id(obj, "from", p)
            let to = r.id(obj, "to", p)
            guard let limitValue = obj["packagesPerDeparture"] else {
                r.fail(JSONFieldReader.join(p, "packagesPerDeparture"), "is required")
                continue
            }
            let limit = readLimit(limitValue, JSONFieldReader.join(p, "packagesPerDeparture"), &r)
            guard let from, let to, let limit else { continue }
            let key = LaneKey(from: NodeID(from), to: NodeID(to))
            guard known.contains(key) else {
                r.fail(p, "the network has no lane from '\(from)' to '\(to)'")
                continue
            }
            lanes[key] = limit
        }
        return lanes
    }

    private static func objectMembers(_ value: JSONValue) -> [(key: String, value: JSONValue)] {
        if case .object(let members) = value { return members }
        return []
    }
}
