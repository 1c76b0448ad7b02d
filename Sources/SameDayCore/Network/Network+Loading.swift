// Loading a network file: every rule of spec/promise.md checked, every violation reported with its JSON path.

extension Network {
    /// Parses and validates a network file.
    /// - Throws: `LoadError` listing every violation (`nodes[3].waves[1]: departs 16:00 is not before deliversBy 15:00`).
    public static func load(json bytes: some Collection<UInt8>, file: String) throws(LoadError) -> Network {
        let root = try JSONValue.parse(bytes, file: file)
        var r = JSONFieldReader(file: file)
        guard case .object = root else {
            throw LoadError([LoadIssue(file: file, location: "", message: "the network must be a JSON object")])
        }
        let name = r.string(root, "name", "") ?? ""

        var regions: [Region] = []
        var regionIDs = Set<String>()
        for (i, v) in (r.array(root, "regions", "") ?? []).enumerated() {
            let path = "regions[\(i)]"
            guard let obj = r.object(v, path) else { continue }
            guard let id = r.id(obj, "id", path) else { continue }
            if !regionIDs.insert(id).inserted { r.fail(path + ".id", "region '\(id)' is defined twice") }
            regions.append(Region(id: RegionID(id), name: r.string(obj, "name", path, required: false) ?? id))
        }

        var nodes: [Node] = []
        var nodeKinds: [String: NodeKind] = [:]
        var zipOwner: [String: String] = [:]
        for (i, v) in (r.array(root, "nodes", "") ?? []).enumerated() {
            let path = "nodes[\(i)]"
            guard let obj = r.object(v, path) else { continue }
            if let node = readNode(obj, path, &r, regionIDs: regionIDs) {
                if nodeKinds[node.id.rawValue] != nil {
                    r.fail(path + ".id", "node '\(node.id)' is defined twice")
                    continue
                }
                nodeKinds[node.id.rawValue] = node.kind
                for (j, zip) in node.zips.enumerated() {
                    if let owner = zipOwner[zip.rawValue] {
                        r.fail("\(path).zips[\(j)]", "ZIP \(zip) is already served by station '\(owner)'")
                    } else {
                        zipOwner[zip.rawValue] = node.id.rawValue
                    }
                }
                nodes.append(node)
            }
        }

        var lanes: [Lane] = []
        for (i, v) in (r.array(root, "lanes", "", required: false) ?? []).enumerated() {
            let path = "lanes[\(i)]"
            guard let obj = r.object(v, path) else { continue }
            let from = r.id(obj, "from", path)
            let to = r.id(obj, "to", path)
            if let from {
                switch nodeKinds[from] {
                case nil: r.fail(path + ".from", "unknown node '\(from)'")
                case .deliveryStation?: r.fail(path + ".from", "'\(from)' is a delivery-station; lanes start at shipping nodes")
                default: break
                }
            }
            if let to {
                switch nodeKinds[to] {
                case nil: r.fail(path + ".to", "unknown node '\(to)'")
                case .deliveryStation?: break
                case let kind?: r.fail(path + ".to", "'\(to)' is a \(kind.rawValue); lanes end at delivery-stations")
                }
            }
            var departures: [LocalTime] = []
            for (j, d) in (r.array(obj, "departures", path) ?? []).enumerated() {
                guard let s = d.stringValue, let t = LocalTime(parsing: s) else {
                    r.fail("\(path).departures[\(j)]", "must be a time HH:MM")
                    continue
                }
                departures.append(t)
            }
            let transit = r.int(obj, "transitMinutes", path, min: 0, max: 100_000)
            if let from, let to, let transit {
                lanes.append(
                    Lane(from: NodeID(from), to: NodeID(to), departures: departures.sorted(), transitMinutes: transit))
            }
        }

        var carrier: Carrier?
        if let c = root["carrier"], c != .null, let obj = r.object(c, "carrier") {
            let pickup = r.time(obj, "pickup", "carrier")
            let deliversBy = r.time(obj, "deliversBy", "carrier")
            var bands: [TransitBand] = []
            for (j, b) in (r.array(obj, "transitDays", "carrier") ?? []).enumerated() {
                let path = "carrier.transitDays[\(j)]"
                guard let bo = r.object(b, path) else { continue }
                let maxKm = r.double(bo, "maxKm", path, range: 0...1_000_000, exclusiveLower: true)
                let days = r.int(bo, "days", path, min: 0, max: 365)
                guard let maxKm, let days else { continue }
                if let last = bands.last, maxKm <= last.maxKm {
                    r.fail(path + ".maxKm", "\(maxKm) is not above the previous band's \(last.maxKm): bands must ascend by maxKm")
                }
                bands.append(TransitBand(maxKm: maxKm, days: days))
            }
            if let pickup, let deliversBy {
                carrier = Carrier(pickup: pickup, deliversBy: deliversBy, transitDays: bands)
            }
        }

        guard r.issues.isEmpty else { throw LoadError(r.issues) }
        return Network(name: name, regions: regions, nodes: nodes, lanes: lanes, carrier: carrier)
    }

    private static func readNode(
        _ obj: JSONValue, _ path: String, _ r: inout JSONFieldReader, regionIDs: Set<String>
    ) -> Node? {
        let id = r.id(obj, "id", path)
        var kind: NodeKind?
        if let k = r.string(obj, "kind", path) {
            kind = NodeKind(rawValue: k)
            if kind == nil {
                r.fail(
                    path + ".kind",
                    "'\(k)' is not a node kind (\(NodeKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        let region = r.id(obj, "region", path)
        if let region, !regionIDs.contains(region) { r.fail(path + ".region", "unknown region '\(region)'") }
        let lat = r.double(obj, "lat", path, range: -90...90)
        let lon = r.double(obj, "lon", path, range: -180...180)
        let timezone = r.string(obj, "timezone", path)
        if let timezone, !ZoneTable.isKnown(timezone) {
            r.fail(path + ".timezone", "'\(timezone)' is not an IANA time zone")
        }
        var temperatures = TemperatureSet([.ambient])
        if let list = r.array(obj, "temperatures", path, required: false) {
            var set: [Temperature] = []
            for (j, t) in list.enumerated() {
                guard let s = t.stringValue, let temp = Temperature(rawValue: s) else {
                    r.fail("\(path).temperatures[\(j)]", "must be one of ambient, chilled, frozen")
                    continue
                }
                set.append(temp)
            }
            if list.isEmpty { r.fail(path + ".temperatures", "must list at least one temperature") }
            temperatures = TemperatureSet(set)
        }
        var closed: [LocalDate] = []
        for (j, d) in (r.array(obj, "closedDates", path, required: false) ?? []).enumerated() {
            guard let s = d.stringValue, let date = LocalDate(parsing: s) else {
                r.fail("\(path).closedDates[\(j)]", "must be a date YYYY-MM-DD")
                continue
            }
            closed.append(date)
        }
        guard let kind else { return nil }
        var node = Node(
            id: NodeID(id ?? ""), kind: kind, region: RegionID(region ?? ""), lat: lat ?? 0, lon: lon ?? 0,
            timezone: timezone ?? "UTC", temperatures: temperatures, closedDates: closed.sorted())
        switch kind {
        case .fulfillmentCenter, .sameDaySite, .nowSite:
            node.processingMinutes = r.int(obj, "processingMinutes", path, min: 0, max: 100_000) ?? 0
            if kind == .nowSite {
                node.radiusKm = r.double(obj, "radiusKm", path, range: 0...20_000, exclusiveLower: true)
                node.promiseMinutes = r.int(obj, "promiseMinutes", path, min: 0, max: 1440)
                if let hoursValue = obj["openHours"], let hours = r.object(hoursValue, path + ".openHours") {
                    let open = r.time(hours, "open", path + ".openHours")
                    let close = r.time(hours, "close", path + ".openHours")
                    if let open, let close {
                        if open < close {
                            node.openHours = OpenHours(open: open, close: close)
                        } else {
                            r.fail(path + ".openHours", "open \(open) is not before close \(close)")
                        }
                    }
                } else if obj["openHours"] == nil {
                    r.fail(path + ".openHours", "is required for a now-site")
                }
            }
        case .deliveryStation:
            node.sortMinutes = r.int(obj, "sortMinutes", path, min: 0, max: 100_000)
            for (j, w) in (r.array(obj, "waves", path) ?? []).enumerated() {
                let wp = "\(path).waves[\(j)]"
                guard let wo = r.object(w, wp) else { continue }
                let departs = r.time(wo, "departs", wp)
                let deliversBy = r.time(wo, "deliversBy", wp)
                guard let departs, let deliversBy else { continue }
                guard departs < deliversBy else {
                    r.fail(wp, "departs \(departs) is not before deliversBy \(deliversBy)")
                    continue
                }
                node.waves.append(Wave(departs: departs, deliversBy: deliversBy))
            }
            var seen = Set<String>()
            for (j, z) in (r.array(obj, "zips", path) ?? []).enumerated() {
                guard let s = z.stringValue, ZIP(s).isFiveDigits else {
                    r.fail("\(path).zips[\(j)]", "must be a 5-digit ZIP code as a string")
                    continue
                }
                if !seen.insert(s).inserted {
                    r.fail("\(path).zips[\(j)]", "ZIP \(s) is listed twice")
                    continue
                }
                node.zips.append(ZIP(s))
            }
        }
        // A node whose id is known is defined even when other fields are bad (those are reported above and fail
        // the load): lanes and stations that name it must not be reported as naming an unknown node.
        guard id != nil else { return nil }
        return node
    }
}
