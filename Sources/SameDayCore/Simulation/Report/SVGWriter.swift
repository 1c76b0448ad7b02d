// A small SVG writer for the report's charts: coordinates printed from integers (tenths of a pixel), text
// escaped, so the same figures always give the same bytes.

/// Appends SVG elements to a byte buffer.
struct SVGWriter {
    var out: [UInt8] = []

    /// Opens an `<svg>` of `width` × `height` pixels with a title for screen readers.
    init(width: Int, height: Int, title: String) {
        raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" ")
        raw("height=\"\(height)\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"11\"><title>")
        escaped(title)
        raw("</title>")
    }

    mutating func finish() -> [UInt8] {
        raw("</svg>")
        return out
    }

    mutating func raw(_ text: String) { out.append(contentsOf: text.utf8) }

    /// `value` with one decimal (trailing ".0" dropped).
    mutating func number(_ value: Double) {
        let tenths = value.isFinite ? Int((value * 10).rounded()) : 0
        if tenths < 0 { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: String(tenths.magnitude / 10).utf8)
        if tenths.magnitude % 10 != 0 {
            out.append(UInt8(ascii: "."))
            out.append(UInt8(ascii: "0") + UInt8(tenths.magnitude % 10))
        }
    }

    /// Text with `&`, `<`, `>` and `"` escaped.
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

    private mutating func attribute(_ name: String, _ value: Double) {
        raw(" \(name)=\"")
        number(value)
        raw("\"")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil) {
        raw("<rect")
        attribute("x", x)
        attribute("y", y)
        attribute("width", max(0, width))
        attribute("height", max(0, height))
        raw(" fill=\"\(fill)\"")
        guard let title else { return raw("/>") }
        raw("><title>")
        escaped(title)
        raw("</title></rect>")
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: Bool = false
    ) {
        raw("<line")
        attribute("x1", x1)
        attribute("y1", y1)
        attribute("x2", x2)
        attribute("y2", y2)
        raw(" stroke=\"\(stroke)\"")
        attribute("stroke-width", width)
        raw(dash ? " stroke-dasharray=\"4 3\"/>" : "/>")
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 11, fill: String = "#333",
        bold: Bool = false
    ) {
        raw("<text")
        attribute("x", x)
        attribute("y", y)
        if anchor != .start { raw(" text-anchor=\"\(anchor.rawValue)\"") }
        if size != 11 { attribute("font-size", size) }
        if fill != "#333" { raw(" fill=\"\(fill)\"") }
        if bold { raw(" font-weight=\"600\"") }
        raw(">")
        escaped(text)
        raw("</text>")
    }

    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5) {
        guard !points.isEmpty else { return }
        raw("<polyline fill=\"none\" stroke=\"\(stroke)\"")
        attribute("stroke-width", width)
        raw(" stroke-linejoin=\"round\" points=\"")
        for (i, p) in points.enumerated() {
            if i > 0 { raw(" ") }
            number(p.x)
            raw(",")
            number(p.y)
        }
        raw("\"/>")
    }

    /// Dots as one path of zero-length strokes with round caps: about 13 bytes a dot.
    mutating func dots(_ points: [(x: Double, y: Double)], color: String, diameter: Double, title: String) {
        guard !points.isEmpty else { return }
        raw("<path fill=\"none\" stroke=\"\(color)\" stroke-linecap=\"round\"")
        attribute("stroke-width", diameter)
        raw(" d=\"")
        for p in points {
            raw("M")
            number(p.x)
            raw(" ")
            number(p.y)
            raw("h0")
        }
        raw("\"><title>")
        escaped(title)
        raw("</title></path>")
    }

    /// A legend entry: a swatch and its label; returns the x after it.
    @discardableResult
    mutating func legend(_ label: String, color: String, x: Double, y: Double) -> Double {
        rect(x: x, y: y - 9, width: 10, height: 10, fill: color)
        text(label, x: x + 14, y: y)
        return x + 14 + Double(label.utf8.count) * 6.2 + 14
    }
}
