// Writing a network file (spec/promise.md, "Network file"): deterministic, readable JSON that `Network.load` reads back.

extension Network {
    /// The network as the spec's JSON file, UTF-8, ending in a newline.
    ///
    /// Deterministic: the same network gives the same bytes. Keys come in the spec's order; each region, lane
    /// and band takes one line, each node a few (station ZIP lists and lane departures stay on one line each).
    /// Optional fields are written only where they apply: `closedDates` when not empty, `processingMinutes`
    /// for shipping nodes, `radiusKm`/`promiseMinutes`/`openHours` for now-sites, `sortMinutes`/`waves`/`zips`
    /// for delivery stations. Numbers print in Swift's shortest round-trip form, integral values without a
    /// fraction, so `Network.load(json: jsonBytes())` returns an equal network.
    /// - Complexity: O(size of the output).
    public func jsonBytes() -> [UInt8] {
        var w = NetworkJSONWriter()
        w.raw("{\n  \"name\": ")
        w.string(name)
        w.raw(",\n  \"regions\": [")
        for (i, region) in regions.enumerated() {
            w.raw(i == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ")
            w.string(region.id.rawValue)
            w.raw(", \"name\": ")
            w.string(region.name)
            w.raw("}")
        }
        w.raw(regions.isEmpty ? "],\n  \"nodes\": [" : "\n  ],\n  \"nodes\": [")
        for (i, node) in nodes.enumerated() {
            w.raw(i == 0 ? "\n" : ",\n")
            w.node(node)
        }
        w.raw(nodes.isEmpty ? "],\n  \"lanes\": [" : "\n  ],\n  \"lanes\": [")
        for (i, lane) in lanes.enumerated() {
            w.raw(i == 0 ? "\n    {\"from\": " : ",\n    {\"from\": ")
            w.string(lane.from.rawValue)
            w.raw(", \"to\": ")
            w.string(lane.to.rawValue)
            w.raw(", \"departures\": ")
            w.times(lane.departures)
            w.raw(", \"transitMinutes\": ")
            w.int(lane.transitMinutes)
            w.raw("}")
        }
        w.raw(lanes.isEmpty ? "]" : "\n  ]")
        if let carrier {
            w.raw(",\n  \"carrier\": {\"pickup\": ")
            w.string(carrier.pickup.description)
            w.raw(", \"deliversBy\": ")
            w.string(carrier.deliversBy.description)
            w.raw(", \"transitDays\": [")
            for (i, band) in carrier.transitDays.enumerated() {
                w.raw(i == 0 ? "\n    {\"maxKm\": " : ",\n    {\"maxKm\": ")
                w.number(band.maxKm)
                w.raw(", \"days\": ")
                w.int(band.days)
                w.raw("}")
            }
            w.raw(carrier.transitDays.isEmpty ? "]}" : "\n  ]}")
        }
        w.raw("\n}\n")
        return w.bytes
    }
}

/// Appends JSON text to a byte array.
private struct NetworkJSONWriter {
    var bytes: [UInt8] = []

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A finite number: integral values below 2^53 as integers, others in Swift's shortest round-trip form.
    mutating func number(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            int(Int(value))
        } else if value.isFinite {
            bytes.append(contentsOf: value.description.utf8)
        } else {
            raw("null")  // not reachable for a loaded network: the loader accepts finite numbers only
        }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                raw("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func strings(_ values: some Sequence<String>) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            if !first { raw(", ") }
            first = false
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func times(_ values: [LocalTime]) { strings(values.map(\.description)) }

    mutating func node(_ node: Node) {
        raw("    {\"id\": ")
        string(node.id.rawValue)
        raw(", \"kind\": ")
        string(node.kind.rawValue)
        raw(", \"region\": ")
        string(node.region.rawValue)
        raw(",\n     \"lat\": ")
        number(node.lat)
        raw(", \"lon\": ")
        number(node.lon)
        raw(", \"timezone\": ")
        string(node.timezone)
        raw(",\n     \"temperatures\": ")
        strings(node.temperatures.members.map(\.rawValue))
        if node.kind.isShipping {
            raw(", \"processingMinutes\": ")
            int(node.processingMinutes)
        }
        if !node.closedDates.isEmpty {
            raw(", \"closedDates\": ")
            strings(node.closedDates.map(\.description))
        }
        switch node.kind {
        case .nowSite:
            if let radiusKm = node.radiusKm {
                raw(",\n     \"radiusKm\": ")
                number(radiusKm)
            }
            if let promiseMinutes = node.promiseMinutes {
                raw(", \"promiseMinutes\": ")
                int(promiseMinutes)
            }
            if let hours = node.openHours {
                raw(", \"openHours\": {\"open\": ")
                string(hours.open.description)
                raw(", \"close\": ")
                string(hours.close.description)
                raw("}")
            }
        case .deliveryStation:
            if let sortMinutes = node.sortMinutes {
                raw(",\n     \"sortMinutes\": ")
                int(sortMinutes)
            }
            raw(", \"waves\": [")
            for (i, wave) in node.waves.enumerated() {
                raw(i == 0 ? "{\"departs\": " : ", {\"departs\": ")
                string(wave.departs.description)
                raw(", \"deliversBy\": ")
                string(wave.deliversBy.description)
                raw("}")
            }
            raw("],\n     \"zips\": ")
            strings(node.zips.lazy.map(\.rawValue))
        case .fulfillmentCenter, .sameDaySite:
            break
        }
        raw("}")
    }
}
