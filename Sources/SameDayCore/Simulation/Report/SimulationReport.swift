// The `--report` file: one self-contained HTML page (inline CSS and SVG, no external resource) with the day's
// figures and charts; with a comparison run, both side by side and the change of every figure.

/// An HTML report of one simulated day, or of two compared.
public struct SimulationReport: Sendable {
    public let base: SimulationResult
    public let compare: SimulationResult?
    /// Column titles of the two runs when comparing ("base", "capacity cut.json").
    public let labels: (base: String, compare: String)

    public init(base: SimulationResult, compare: SimulationResult?, labels: (base: String, compare: String)) {
        self.base = base
        self.compare = compare
        self.labels = labels
    }

    var runs: [SimulationResult] { [base] + (compare.map { [$0] } ?? []) }

    /// The page, UTF-8.
    public func html() -> [UInt8] {
        var page = HTMLPage()
        page.raw(Self.head(title: "SameDay simulation — \(base.input.date)"))
        page.raw("<h1>")
        page.escaped("SameDay — a simulated \(base.input.date) (\(base.input.demand.name))")
        page.raw("</h1><p class=\"meta\">")
        page.escaped(
            "network \(base.input.engine.network.name) · \(SimulationSummary.group(base.input.orders)) orders · seed "
                + "\(base.input.seed) · hours on \(base.clock.identifier) · the day runs "
                + "\(ISO8601.format(base.dayStart, in: base.clock)) to \(ISO8601.format(base.dayEnd, in: base.clock))")
        page.raw("</p>")
        figuresTable(&page)
        charts(&page)
        page.raw(
            "<footer>Written by <code>sameday simulate</code>. Every figure is defined in docs/simulate.md; "
                + "the same inputs and seed give this page byte for byte.</footer></body></html>\n")
        return page.out
    }

    // MARK: Charts

    private func charts(_ page: inout HTMLPage) {
        let hourMax = runs.map { r in r.figures.counts.hours.values.map { $0.orders }.max() ?? 0 }.max() ?? 0
        section(
            &page, "Orders per hour, by promised speed",
            "Orders placed in each hour and the speed they were promised; grey: refused (out of stock or not "
                + "deliverable)."
        ) {
            ReportCharts.ordersPerHour($0, yMax: hourMax)
        }
        section(
            &page, "Speed mix",
            "Shares of the placed orders by promised speed (spec: now ≤ 2 h; same-day; next-day; standard later)."
        ) {
            ReportCharts.speedMix($0)
        }
        let lateMax =
            runs.flatMap { r in r.figures.counts.nodes.values.map { $0.deliveredLate + $0.overdue } }.max() ?? 0
        section(
            &page, "Late shipments per node",
            "Where promises break: shipments delivered after their deliverBy, by the node that shipped them."
        ) {
            ReportCharts.lateByNode($0, xMax: lateMax)
        }
        let nodes = ReportCharts.busiestNodes(base)
        let hours = ReportCharts.pickHours(base, nodes: nodes)
        let peak = runs.map { ReportCharts.pickPeak($0, nodes: nodes, hours: hours) }.max() ?? 0
        section(
            &page, "Pick utilization of the busiest nodes",
            "Units picked each hour against the node's hourly pick capacity, for the six nodes that worked the most "
                + "hours at capacity (then shipped the most units); work beyond the line waits for the next hour."
        ) {
            ReportCharts.pickUtilization($0, nodes: nodes, hours: hours, yMax: max(peak, 1))
        }
        section(
            &page, "Same-day cutoffs per city",
            "Until when each city can still order for delivery today: a one-unit order of the day's most ordered "
                + "ambient SKU, over the stock at the day's start (the latest of the city's ZIPs)."
        ) {
            ReportMap.cutoffs($0)
        }
    }

    private func section(
        _ page: inout HTMLPage, _ title: String, _ note: String, _ chart: (SimulationResult) -> [UInt8]
    ) {
        page.raw("<section><h2>")
        page.escaped(title)
        page.raw("</h2><p class=\"note\">")
        page.escaped(note)
        page.raw(compare == nil ? "</p><div class=\"one\">" : "</p><div class=\"two\">")
        for (i, r) in runs.enumerated() {
            page.raw("<figure>")
            if compare != nil {
                page.raw("<figcaption>")
                page.escaped(i == 0 ? labels.base : labels.compare)
                page.raw("</figcaption>")
            }
            page.out.append(contentsOf: chart(r))
            page.raw("</figure>")
        }
        page.raw("</div></section>")
    }

    // MARK: The figures table

    private func figuresTable(_ page: inout HTMLPage) {
        page.raw("<section><h2>Figures</h2><table><thead><tr><th>figure</th>")
        for title in compare == nil ? ["value"] : [labels.base, labels.compare, "change"] {
            page.raw("<th>")
            page.escaped(title)
            page.raw("</th>")
        }
        page.raw("</tr></thead><tbody>")
        for row in ReportRow.all {
            page.raw("<tr><td>")
            page.escaped(row.name)
            page.raw("</td>")
            for r in runs {
                page.raw("<td>")
                page.escaped(row.text(r))
                page.raw("</td>")
            }
            if let compare {
                page.raw("<td>")
                page.escaped(row.change(base, compare))
                page.raw("</td>")
            }
            page.raw("</tr>")
        }
        page.raw("</tbody></table></section>")
    }

    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:24px auto;max-width:1500px;padding:0 16px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 2px}.meta,.note{color:#555;font-size:13px;margin:2px 0 8px}
        table{border-collapse:collapse;font-size:13px}th,td{padding:3px 12px;border-bottom:1px solid #e5e5e5;text-align:right}
        th:first-child,td:first-child{text-align:left}thead th{border-bottom:2px solid #999}
        .one,.two{display:grid;gap:16px}.one{grid-template-columns:minmax(0,760px)}.two{grid-template-columns:repeat(2,minmax(0,760px))}
        figure{margin:0}figcaption{font-weight:600;font-size:13px;margin-bottom:2px}svg{max-width:100%;height:auto}
        footer{margin-top:32px;color:#777;font-size:12px}
        </style></head><body>
        """
    }
}

/// HTML text in a byte buffer.
struct HTMLPage {
    var out: [UInt8] = []
    mutating func raw(_ text: String) { out.append(contentsOf: text.utf8) }
    mutating func escaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            default: out.append(byte)
            }
        }
    }
}

/// One row of the figures table: how to show a figure, and its change between two runs.
struct ReportRow: Sendable {
    enum Kind: Sendable {
        case count, share, ratio
    }

    var name: String
    var kind: Kind
    var value: @Sendable (SimulationResult) -> Double?

    func text(_ r: SimulationResult) -> String {
        guard let v = value(r) else { return "–" }
        switch kind {
        case .count: return SimulationSummary.group(Int(v))
        case .share: return SimulationSummary.percent(v, places: 2)
        case .ratio: return SimulationSummary.number(v, places: 2)
        }
    }

    func change(_ a: SimulationResult, _ b: SimulationResult) -> String {
        guard let x = value(a), let y = value(b) else { return "–" }
        let d = y - x
        let sign = d > 0 ? "+" : d < 0 ? "−" : "±"
        switch kind {
        case .count: return sign + SimulationSummary.group(Int(abs(d)))
        case .share: return sign + SimulationSummary.number(abs(d) * 100, places: 2) + " pts"
        case .ratio: return sign + SimulationSummary.number(abs(d), places: 2)
        }
    }

    static let all: [ReportRow] = [
        ReportRow(name: "orders", kind: .count) { Double($0.figures.counts.orders) },
        ReportRow(name: "placed orders", kind: .count) { Double($0.figures.counts.placedOrders) },
        ReportRow(name: "refused: out of stock", kind: .count) { Double($0.figures.counts.outOfStockOrders) },
        ReportRow(name: "refused: not deliverable", kind: .count) { Double($0.figures.counts.notDeliverableOrders) },
        ReportRow(name: "units (placed)", kind: .count) { Double($0.figures.counts.units) },
        ReportRow(name: "speed: now", kind: .share) { $0.figures.speedShare(.now) },
        ReportRow(name: "speed: same-day", kind: .share) { $0.figures.speedShare(.sameDay) },
        ReportRow(name: "speed: next-day", kind: .share) { $0.figures.speedShare(.nextDay) },
        ReportRow(name: "speed: standard", kind: .share) { $0.figures.speedShare(.standard) },
        ReportRow(name: "promises kept (shipments on time)", kind: .share) { $0.figures.promisesKept },
        ReportRow(name: "late shipments", kind: .count) { Double($0.figures.lateShipments) },
        ReportRow(name: "shipments per order", kind: .ratio) { $0.figures.shipmentsPerOrder },
        ReportRow(name: "units per container", kind: .ratio) { $0.figures.unitsPerContainer },
        ReportRow(name: "containers per order", kind: .ratio) { $0.figures.containersPerOrder },
        ReportRow(name: "units shipped in region", kind: .share) { $0.figures.inRegionUnits },
        ReportRow(name: "km per unit", kind: .ratio) { $0.figures.kmPerUnit },
        ReportRow(name: "cities with a same-day cutoff", kind: .count) {
            ($0.figures.cutoffs?.cities).map(Double.init)
        },
        ReportRow(name: "… ordering until noon or later", kind: .count) {
            ($0.figures.cutoffs?.citiesOrderingUntilNoon).map(Double.init)
        },
        ReportRow(name: "units shipped by the day's end", kind: .count) { Double($0.unitsShipped) },
        ReportRow(name: "units still open at the day's end", kind: .count) { Double($0.unitsOpen) },
    ]
}
