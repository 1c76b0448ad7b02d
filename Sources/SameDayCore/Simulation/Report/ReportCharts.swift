// The report's charts, each an inline SVG with axes, labels and a legend: orders per hour by speed, the speed
// mix, late shipments per node, and pick utilization over the day of the busiest nodes.

import Foundation

enum ReportCharts {
    static let width = 720.0
    static let speedColors: [Speed: String] = [
        .now: "#7b3294", .sameDay: "#1a9641", .nextDay: "#2c7bb6", .standard: "#fdae61",
    ]
    static let unavailableColor = "#bdbdbd"
    static let lineColors = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d"]

    // MARK: Orders per hour

    /// Stacked bars of orders per hour (network clock) by promised speed, refused orders on top.
    /// `yMax` shares one scale between compared runs.
    static func ordersPerHour(_ r: SimulationResult, yMax: Int) -> [UInt8] {
        let height = 270.0
        let plot = Plot(left: 58, top: 34, right: width - 12, bottom: height - 40)
        var svg = SVGWriter(width: Int(width), height: Int(height), title: "Orders per hour by promised speed")
        var x = plot.left
        for speed in Speed.allCases { x = svg.legend(speed.rawValue, color: speedColors[speed] ?? "#000", x: x, y: 16) }
        svg.legend("unavailable", color: unavailableColor, x: x, y: 16)
        let hours = r.figures.hourRange
        let scale = Axis(max: Double(max(yMax, 1)))
        plot.yAxis(&svg, scale, label: "orders")
        let slot = (plot.right - plot.left) / Double(max(hours.count, 1))
        for (i, hour) in hours.enumerated() {
            let c = r.figures.counts.hours[hour] ?? HourCounts()
            var y = plot.bottom
            let segments =
                Speed.allCases.map { (c.speed[$0], speedColors[$0] ?? "#000", $0.rawValue) }
                + [(c.unavailable, unavailableColor, "unavailable")]
            for (value, color, name) in segments where value > 0 {
                let h = Double(value) / scale.top * (plot.bottom - plot.top)
                svg.rect(
                    x: plot.left + Double(i) * slot + 0.5, y: y - h, width: max(slot - 1, 0.5), height: h, fill: color,
                    title: "\(hourLabel(hour, r.clock)): \(SimulationSummary.group(value)) \(name)")
                y -= h
            }
        }
        hourTicks(&svg, hours: hours.map(\.minutes), clock: r.clock, plot: plot)
        return svg.finish()
    }

    // MARK: Speed mix

    /// One 100% bar of the placed orders' speeds, each segment labelled with its share.
    static func speedMix(_ r: SimulationResult) -> [UInt8] {
        let height = 78.0
        var svg = SVGWriter(width: Int(width), height: Int(height), title: "Speed mix of placed orders")
        var x = 12.0
        let barWidth = width - 24
        for speed in Speed.allCases {
            let share = r.figures.speedShare(speed) ?? 0
            let w = share * barWidth
            svg.rect(
                x: x, y: 10, width: w, height: 34, fill: speedColors[speed] ?? "#000",
                title: "\(speed.rawValue): \(SimulationSummary.percent(share))")
            if w > 64 {
                svg.text(
                    "\(speed.rawValue) \(SimulationSummary.percent(share))", x: x + w / 2, y: 31, anchor: .middle,
                    fill: speed == .standard ? "#333" : "#fff", bold: true)
            }
            x += w
        }
        var lx = 12.0
        for speed in Speed.allCases {
            lx = svg.legend(
                "\(speed.rawValue) \(SimulationSummary.percent(r.figures.speedShare(speed)))",
                color: speedColors[speed] ?? "#000", x: lx, y: 66)
        }
        return svg.finish()
    }

    // MARK: Late shipments per node

    /// Horizontal bars of late shipments for the nodes with the most, with each node's share of its shipments.
    static func lateByNode(_ r: SimulationResult, top: Int = 12, xMax: Int) -> [UInt8] {
        let late = r.figures.counts.nodes.map {
            (id: $0.key, late: $0.value.deliveredLate + $0.value.overdue, all: $0.value.shipments)
        }
        .filter { $0.late > 0 }
        .sorted { ($1.late, $0.id) < ($0.late, $1.id) }
        .prefix(top)
        let height = 52.0 + 22 * Double(max(late.count, 1))
        var svg = SVGWriter(width: Int(width), height: Int(height), title: "Late shipments per node")
        svg.text("Late shipments by node (delivered after their deliverBy), most first", x: 12, y: 16, bold: true)
        guard !late.isEmpty else {
            svg.text("No late shipment: every promise was kept.", x: 12, y: 44, fill: "#1a9641")
            return svg.finish()
        }
        let left = 110.0
        let right = width - 190
        let scale = Double(max(xMax, 1))
        for (i, node) in late.enumerated() {
            let y = 30.0 + 22 * Double(i)
            svg.text(node.id.rawValue, x: left - 8, y: y + 13, anchor: .end)
            let w = Double(node.late) / scale * (right - left)
            svg.rect(x: left, y: y, width: w, height: 16, fill: "#d7301f", title: "\(node.id): \(node.late) late")
            let share = SimulationSummary.percent(Figures.ratio(node.late, node.all))
            svg.text(
                "\(SimulationSummary.group(node.late)) of \(SimulationSummary.group(node.all)) (\(share))",
                x: left + w + 6, y: y + 13)
        }
        return svg.finish()
    }

    // MARK: Pick utilization

    /// The busiest nodes: those that picked at (or within 5% of) their hourly capacity in the most hours, then
    /// those that shipped the most units (with unlimited capacity, simply the most units).
    static func busiestNodes(_ r: SimulationResult, count: Int = 6) -> [Int] {
        let engine = r.input.engine
        func fullHours(_ n: Int) -> Int {
            let limit = r.pickPerHour[n]
            guard limit > 0, limit != Int.max else { return 0 }
            return r.pickUnits[n].filter { Double($0) >= 0.95 * Double(limit) }.count
        }
        return (0..<engine.nodeCount).filter { engine.kind[$0].isShipping }
            .map { n in (node: n, full: fullHours(n), units: r.figures.counts.nodes[engine.nodeID(at: n)]?.units ?? 0) }
            .filter { $0.units > 0 }
            .sorted {
                ($1.full, $1.units, engine.nodeID(at: $0.node)) < ($0.full, $0.units, engine.nodeID(at: $1.node))
            }
            .prefix(count).map(\.node)
    }

    /// Lines of each busiest node's share of its hourly pick capacity over the hours it works (units per hour
    /// when capacity is unlimited), with the 100% line.
    static func pickUtilization(_ r: SimulationResult, nodes: [Int], hours: Range<Int>, yMax: Double) -> [UInt8] {
        let height = 290.0
        let plot = Plot(left: 58, top: 34, right: width - 12, bottom: height - 40)
        let engine = r.input.engine
        let limited = nodes.allSatisfy { r.pickPerHour[$0] != Int.max }
        var svg = SVGWriter(width: Int(width), height: Int(height), title: "Pick utilization of the busiest nodes")
        var x = plot.left
        for (k, n) in nodes.enumerated() {
            x = svg.legend(engine.nodeID(at: n).rawValue, color: lineColors[k % lineColors.count], x: x, y: 16)
        }
        let scale = Axis(max: max(yMax, limited ? 1 : 1), percent: limited)
        plot.yAxis(&svg, scale, label: limited ? "share of the hour's pick capacity" : "units picked per hour")
        let span = Double(max(hours.count - 1, 1))
        func px(_ h: Int) -> Double { plot.left + Double(h - hours.lowerBound) / span * (plot.right - plot.left) }
        if limited {
            let y = plot.bottom - 1 / scale.top * (plot.bottom - plot.top)
            svg.line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: "#d7301f", dash: true)
            svg.text("capacity", x: plot.right - 4, y: y + 13, anchor: .end, fill: "#d7301f")
        }
        for (k, n) in nodes.enumerated() {
            let points = hours.map { h -> (x: Double, y: Double) in
                let i = h - r.pickBaseHour
                let units = i >= 0 && i < r.pickUnits[n].count ? Double(r.pickUnits[n][i]) : 0
                let value = limited ? units / Double(r.pickPerHour[n]) : units
                return (px(h), plot.bottom - min(value, scale.top) / scale.top * (plot.bottom - plot.top))
            }
            svg.polyline(points, stroke: lineColors[k % lineColors.count])
        }
        hourTicks(&svg, hours: hours.map { $0 * 60 }, clock: r.clock, plot: plot, points: true)
        return svg.finish()
    }

    /// The hours (since the epoch) in which the nodes pick anything, at most 96 from the first.
    static func pickHours(_ r: SimulationResult, nodes: [Int]) -> Range<Int> {
        var first = Int.max
        var last = Int.min
        for n in nodes {
            for (i, units) in r.pickUnits[n].enumerated() where units > 0 {
                first = min(first, r.pickBaseHour + i)
                last = max(last, r.pickBaseHour + i)
            }
        }
        guard first <= last else { return 0..<1 }
        return first..<(min(last, first + 95) + 1)
    }

    /// The highest value the pick chart shows for these nodes and hours.
    static func pickPeak(_ r: SimulationResult, nodes: [Int], hours: Range<Int>) -> Double {
        var peak = 0.0
        for n in nodes {
            for h in hours {
                let i = h - r.pickBaseHour
                guard i >= 0, i < r.pickUnits[n].count else { continue }
                let units = Double(r.pickUnits[n][i])
                peak = max(peak, r.pickPerHour[n] == Int.max ? units : units / Double(r.pickPerHour[n]))
            }
        }
        return peak
    }

    // MARK: Axes

    /// Labels every third hour (`HH:00` on `clock`) and each midnight's date under the plot.
    static func hourTicks(_ svg: inout SVGWriter, hours: [Int], clock: ZoneTable, plot: Plot, points: Bool = false) {
        guard !hours.isEmpty else { return }
        let slot = (plot.right - plot.left) / Double(points ? max(hours.count - 1, 1) : hours.count)
        let every = hours.count > 48 ? 6 : 3
        svg.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: "#666")
        for (i, minutes) in hours.enumerated() {
            let local = clock.localMinutes(of: Instant(minutes: minutes))
            let hour = (local - CivilCalendar.floorDiv(local, 1440) * 1440) / 60
            let x = plot.left + (Double(i) + (points ? 0 : 0.5)) * slot
            if hour % every == 0 {
                svg.line(x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4, stroke: "#666")
                svg.text((hour < 10 ? "0" : "") + "\(hour):00", x: x, y: plot.bottom + 15, anchor: .middle, size: 10)
            }
            if hour == 0 {
                let (_, m, d) = CivilCalendar.civilFromDays(CivilCalendar.floorDiv(local, 1440))
                svg.text("\(monthNames[m - 1]) \(d)", x: x, y: plot.bottom + 29, anchor: .middle, size: 10, bold: true)
            }
        }
        let offset = clock.offsetMinutes(at: Instant(minutes: hours[0]))
        svg.text(
            "hours on \(clock.identifier) (UTC\(offset < 0 ? "−" : "+")\(abs(offset) / 60))", x: plot.right,
            y: plot.top - 6, anchor: .end, size: 10, fill: "#666")
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func hourLabel(_ hour: Instant, _ clock: ZoneTable) -> String {
        String(ISO8601.format(hour, in: clock).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

/// A plot area in pixels.
struct Plot {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    /// Grid lines and labels of a value axis from 0 to `axis.top`.
    func yAxis(_ svg: inout SVGWriter, _ axis: Axis, label: String) {
        for tick in axis.ticks {
            let y = bottom - tick / axis.top * (bottom - top)
            svg.line(x1: left, y1: y, x2: right, y2: y, stroke: "#e3e3e3")
            svg.text(axis.label(tick), x: left - 6, y: y + 4, anchor: .end, size: 10)
        }
        svg.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#666")
        svg.text(label, x: left, y: top - 6, size: 10, fill: "#666")
    }
}

/// A value axis from 0 with "nice" ticks (1, 2 or 5 × a power of ten).
struct Axis {
    var top: Double
    var step: Double
    var percent: Bool

    init(max value: Double, percent: Bool = false) {
        let target = max(value, 1e-9) / 5
        let power = pow(10, (log10(target)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= target } ?? 10 * power
        self.step = step
        self.top = (value / step).rounded(.up) * step
        self.percent = percent
    }

    var ticks: [Double] { stride(from: 0, through: top + step / 2, by: step).map { $0 } }

    func label(_ v: Double) -> String {
        if percent { return SimulationSummary.number(v * 100, places: step * 100 >= 1 ? 0 : 1) + "%" }
        if step >= 1 { return SimulationSummary.group(Int(v.rounded())) }
        return SimulationSummary.number(v, places: 2)
    }
}
