// The few lines `sameday simulate` prints on standard output: the day's figures in words.

/// A plain-text summary of a simulated day.
public enum SimulationSummary {
    /// Lines ending with a newline; `title` heads them (for a comparison).
    public static func text(_ result: SimulationResult, title: String? = nil) -> String {
        let f = result.figures
        let c = f.counts
        var lines: [String] = []
        if let title { lines.append("== \(title)") }
        lines.append(
            "\(result.input.date) (\(result.input.demand.name)), \(group(c.orders)) orders, seed \(result.input.seed), "
                + "network \(result.input.engine.network.name)")
        lines.append(
            "placed \(group(c.placedOrders)) (\(percent(Figures.ratio(c.placedOrders, c.orders)))), unavailable "
                + "\(group(f.unavailableOrders)): out of stock \(group(c.outOfStockOrders)), not deliverable "
                + "\(group(c.notDeliverableOrders))")
        lines.append(
            "speed: " + Speed.allCases.map { "\($0.rawValue) \(percent(f.speedShare($0)))" }.joined(separator: ", "))
        lines.append(
            "promises kept \(percent(f.promisesKept, places: 2)) of \(group(c.shipments)) shipments; "
                + "\(group(f.lateShipments)) late" + worstNodes(f))
        lines.append(
            "\(number(f.shipmentsPerOrder)) shipments per order, \(number(f.unitsPerContainer)) units per container, "
                + "\(number(f.containersPerOrder)) containers per order")
        lines.append(
            "in region \(percent(f.inRegionUnits)) of \(group(c.units)) units, \(number(f.kmPerUnit, places: 1)) km per unit"
        )
        if let cut = f.cutoffs {
            lines.append(
                "same-day cutoffs for \(cut.sku?.rawValue ?? "no SKU"): \(group(cut.cities)) of \(group(cut.citiesInTable)) "
                    + "cities, \(group(cut.citiesOrderingUntilNoon)) ordering until noon or later")
        }
        lines.append(
            "day's end \(ISO8601.format(result.dayEnd, in: result.clock)): \(group(result.unitsShipped)) units shipped, "
                + "\(group(result.unitsOpen)) still open")
        return lines.joined(separator: "\n") + "\n"
    }

    /// "; most at FC-X (12), SD-Y (3)" for the nodes with the most late shipments.
    static func worstNodes(_ f: Figures) -> String {
        let worst = f.counts.nodes.filter { $0.value.deliveredLate + $0.value.overdue > 0 }
            .sorted {
                ($1.value.deliveredLate + $1.value.overdue, $0.key) < (
                    $0.value.deliveredLate + $0.value.overdue, $1.key
                )
            }
            .prefix(3)
        guard !worst.isEmpty else { return "" }
        return ", most at "
            + worst.map { "\($0.key) (\(group($0.value.deliveredLate + $0.value.overdue)))" }.joined(separator: ", ")
    }

    /// 1234567 → "1,234,567".
    public static func group(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A share as a percentage with `places` decimals ("41.2%"), or "–".
    public static func percent(_ share: Double?, places: Int = 1) -> String {
        guard let share else { return "–" }
        return number(share * 100, places: places) + "%"
    }

    /// A number with `places` decimals, or "–".
    public static func number(_ value: Double?, places: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        var out: [UInt8] = []
        let scaled = Int((value * scale).rounded())
        let magnitude = scaled.magnitude
        let divisor = UInt(scale)
        if scaled < 0 { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: String(magnitude / divisor).utf8)
        if places > 0 {
            out.append(UInt8(ascii: "."))
            let fraction = String(magnitude % divisor)
            out.append(contentsOf: Array(repeating: UInt8(ascii: "0"), count: places - fraction.utf8.count))
            out.append(contentsOf: fraction.utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
