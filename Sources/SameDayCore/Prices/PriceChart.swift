// A SKU's price history as an SVG step chart: a price holds until the next change, so the line moves flat, then
// jumps. The lowest and highest prices of the period are marked with a dot and a label, and the axes say what the
// period and the prices are, so the chart reads at a glance.
//
// Pure: the caller passes the points, the period and the instant the chart is drawn for; the same input gives the
// same bytes. Coordinates are whole pixels.

/// One price: from `at` on, the SKU costs `priceCents` (until the next point).
public struct PricePoint: Sendable, Hashable {
    public var at: Instant
    public var priceCents: Int

    public init(at: Instant, priceCents: Int) {
        self.at = at
        self.priceCents = priceCents
    }
}

/// Draws a price history as a step chart.
public enum PriceChart {
    /// The drawing's size in pixels, and the plot area's margins.
    static let width = 720
    static let height = 320
    static let left = 86
    static let right = 24
    static let top = 44
    static let bottom = 46

    /// An SVG document (`image/svg+xml`) of the price of `sku` from `from` to `to`.
    /// - Parameters:
    ///   - points: the changes within the period, ascending by `at`.
    ///   - before: the last change before `from` (the price in effect when the period starts), if any.
    ///   - from: the period's start (moved to the first point when there is nothing before it).
    ///   - to: the period's end (at least one minute after `from`).
    /// - Complexity: O(points).
    public static func svg(sku: String, points: [PricePoint], before: PricePoint?, from: Instant, to: Instant)
        -> String
    {
        var steps = points
        if let before { steps.insert(PricePoint(at: from, priceCents: before.priceCents), at: 0) }
        var svg = header(sku: sku, from: from, to: to)
        guard let first = steps.first else {
            svg += "<text x=\"\(width / 2)\" y=\"\(height / 2)\" text-anchor=\"middle\" fill=\"#555\">"
            svg += "No price recorded in this period</text>\n</svg>\n"
            return svg
        }
        let start = min(from, first.at)
        let end = max(to, (steps.last?.at ?? start) + 1, start + 1)
        let low = steps.map(\.priceCents).min() ?? first.priceCents
        let high = steps.map(\.priceCents).max() ?? first.priceCents
        let scale = Scale(start: start, end: end, low: low, high: high)
        svg += axes(scale)
        svg += line(steps, scale)
        svg += marker(steps, scale, price: high, label: "highest", colour: "#c0392b", above: true)
        if low != high { svg += marker(steps, scale, price: low, label: "lowest", colour: "#1e8449", above: false) }
        svg += "</svg>\n"
        return svg
    }

    /// Maps instants and prices to pixels.
    struct Scale {
        var start: Instant
        var end: Instant
        var low: Int
        var high: Int

        /// The plot's x for `at`: the period spans the plot's width.
        func x(_ at: Instant) -> Int {
            let span = max(1, end - start)
            return PriceChart.left + (at - start) * (PriceChart.width - PriceChart.left - PriceChart.right) / span
        }

        /// The plot's y for a price: the lowest near the bottom, the highest near the top (a flat history in the
        /// middle).
        func y(_ cents: Int) -> Int {
            let plotTop = PriceChart.top + 16
            let plotBottom = PriceChart.height - PriceChart.bottom - 16
            guard high > low else { return (plotTop + plotBottom) / 2 }
            return plotBottom - (cents - low) * (plotBottom - plotTop) / (high - low)
        }
    }

    private static func header(sku: String, from: Instant, to: Instant) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
        font-family="sans-serif" font-size="12" role="img" aria-label="Price history of \(escape(sku))">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="24" font-size="15" font-weight="bold">Price of \(escape(sku))</text>

        """
    }

    private static func axes(_ scale: Scale) -> String {
        let (x0, x1) = (left, width - right)
        let yBottom = height - bottom
        var out = "<g stroke=\"#999\" stroke-width=\"1\">"
        out += "<line x1=\"\(x0)\" y1=\"\(top)\" x2=\"\(x0)\" y2=\"\(yBottom)\"/>"
        out += "<line x1=\"\(x0)\" y1=\"\(yBottom)\" x2=\"\(x1)\" y2=\"\(yBottom)\"/></g>\n"
        for cents in Set([scale.low, scale.high]).sorted() {
            let y = scale.y(cents)
            out += "<line x1=\"\(x0)\" y1=\"\(y)\" x2=\"\(x1)\" y2=\"\(y)\" stroke=\"#eee\"/>"
            out += "<text x=\"\(x0 - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(money(cents))</text>\n"
        }
        out += "<text x=\"\(x0)\" y=\"\(yBottom + 18)\">\(ISO8601.format(scale.start, offsetMinutes: 0))</text>\n"
        out += "<text x=\"\(x1)\" y=\"\(yBottom + 18)\" text-anchor=\"end\">"
        out += "\(ISO8601.format(scale.end, offsetMinutes: 0))</text>\n"
        return out
    }

    /// The step line: flat while a price holds, vertical at each change, on to the period's end.
    private static func line(_ steps: [PricePoint], _ scale: Scale) -> String {
        var path = "M\(scale.x(steps[0].at)),\(scale.y(steps[0].priceCents))"
        for point in steps.dropFirst() {
            path += " H\(scale.x(point.at)) V\(scale.y(point.priceCents))"
        }
        path += " H\(scale.x(scale.end))"
        return "<path d=\"\(path)\" fill=\"none\" stroke=\"#2c6fbb\" stroke-width=\"2\"/>\n"
    }

    /// A dot where `price` first holds, labelled with the price and when.
    private static func marker(
        _ steps: [PricePoint], _ scale: Scale, price: Int, label: String, colour: String, above: Bool
    ) -> String {
        guard let point = steps.first(where: { $0.priceCents == price }) else { return "" }
        let (x, y) = (scale.x(point.at), scale.y(price))
        let anchor = x > width - 200 ? "end" : "start"
        let textY = above ? y - 9 : y + 19
        return "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"5\" fill=\"\(colour)\"/>"
            + "<text x=\"\(x)\" y=\"\(textY)\" text-anchor=\"\(anchor)\" fill=\"\(colour)\" font-weight=\"bold\">"
            + "\(label) \(money(price)) (\(ISO8601.format(point.at, offsetMinutes: 0)))</text>\n"
    }

    /// `$12.99` for 1299 cents.
    static func money(_ cents: Int) -> String {
        let units = cents / 100
        let rest = cents % 100
        return "$\(units).\(rest < 10 ? "0" : "")\(rest)"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
