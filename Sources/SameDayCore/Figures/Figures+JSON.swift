// The figures as the spec's JSON object, written with Core's byte writer (members in a fixed order, numbers
// formatted from integers: the same counts give the same bytes everywhere).

extension Figures {
    /// The JSON object of spec/simulate.md ("Figures"), on one line, with extra members the spec allows:
    /// the counts behind the ratios, per-node shipments and pick capacity, per-hour speeds. `extra` appends
    /// further members (each starting with a comma) before the closing brace.
    public func writeJSON(to out: inout [UInt8], extra: (inout [UInt8]) -> Void = { _ in }) {
        JSONText.raw(#"{"orders":"#, to: &out)
        JSONText.write(counts.orders, to: &out)
        member("unavailableOrders", unavailableOrders, &out)
        member("outOfStockOrders", counts.outOfStockOrders, &out)
        member("notDeliverableOrders", counts.notDeliverableOrders, &out)
        member("units", counts.units, &out)
        member("requestedUnits", counts.requestedUnits, &out)
        JSONText.raw(#","speed":{"#, to: &out)
        for (i, speed) in Speed.allCases.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.write(speed.rawValue, to: &out)
            out.append(UInt8(ascii: ":"))
            Self.write(speedShare(speed), to: &out)
        }
        out.append(UInt8(ascii: "}"))
        member("promisesKept", promisesKept, &out)
        member("lateShipments", lateShipments, &out)
        member("shipments", counts.shipments, &out)
        member("containers", counts.containers, &out)
        member("shipmentsPerOrder", shipmentsPerOrder, &out)
        member("unitsPerContainer", unitsPerContainer, &out)
        member("containersPerOrder", containersPerOrder, &out)
        member("inRegionUnits", inRegionUnits, &out)
        member("kmPerUnit", kmPerUnit, &out)
        if let cutoffs {
            JSONText.raw(#","sameDayCutoffs":"#, to: &out)
            cutoffs.writeJSON(to: &out)
        }
        writeNodes(&out)
        writeHours(&out)
        extra(&out)
        out.append(UInt8(ascii: "}"))
    }

    /// The JSON text, with a final newline.
    public func json() -> String {
        var out: [UInt8] = []
        writeJSON(to: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    private func writeNodes(_ out: inout [UInt8]) {
        JSONText.raw(#","nodes":["#, to: &out)
        for (i, id) in nodeIDs.enumerated() {
            let c = counts.nodes[id] ?? NodeCounts()
            let extras = nodeExtras[id]
            JSONText.raw(i == 0 ? #"{"id":"# : #",{"id":"#, to: &out)
            JSONText.write(id.rawValue, to: &out)
            member("units", c.units, &out)
            member("shipments", c.shipments, &out)
            member("containers", c.containers, &out)
            if let extras {
                JSONText.raw(#","pickUnitsPerHour":"#, to: &out)
                if let pick = extras.pickUnitsPerHour {
                    JSONText.write(pick, to: &out)
                } else {
                    JSONText.raw("null", to: &out)
                }
                member("peakPickUtilization", extras.peakPickUtilization, &out)
            }
            member("lateShipments", c.deliveredLate + c.overdue, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private func writeHours(_ out: inout [UInt8]) {
        JSONText.raw(#","hours":["#, to: &out)
        for (i, hour) in hourRange.enumerated() {
            let c = counts.hours[hour] ?? HourCounts()
            JSONText.raw(i == 0 ? #"{"hour":""# : #",{"hour":""#, to: &out)
            ISO8601.write(hour, in: clock, to: &out)
            out.append(UInt8(ascii: "\""))
            member("orders", c.orders, &out)
            member("unavailable", c.unavailable, &out)
            for speed in Speed.allCases {
                out.append(UInt8(ascii: ","))
                JSONText.write(speed.rawValue, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONText.write(c.speed[speed], to: &out)
            }
            member("units", c.units, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private func member(_ key: String, _ value: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONText.write(key, to: &out)
        out.append(UInt8(ascii: ":"))
        JSONText.write(value, to: &out)
    }

    private func member(_ key: String, _ value: Double?, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONText.write(key, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.write(value, to: &out)
    }

    /// A rounded figure: `null`, or its decimal digits (`decimals` places at most, trailing zeros dropped).
    public static func write(_ value: Double?, to out: inout [UInt8]) {
        guard let value, value.isFinite else {
            JSONText.raw("null", to: &out)
            return
        }
        writeDecimal(Int((value * scale).rounded()), places: decimals, to: &out)
    }

    /// `scaled / 10^places` in decimal, trailing fractional zeros dropped (`12340, 4` → `1.234`).
    public static func writeDecimal(_ scaled: Int, places: Int, to out: inout [UInt8]) {
        if scaled < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        var divisor: UInt = 1
        for _ in 0..<places { divisor *= 10 }
        out.append(contentsOf: String(magnitude / divisor).utf8)
        var fraction = magnitude % divisor
        guard fraction != 0 else { return }
        var digits = places
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        let text = String(fraction)
        out.append(contentsOf: Array(repeating: UInt8(ascii: "0"), count: digits - text.utf8.count))
        out.append(contentsOf: text.utf8)
    }
}
