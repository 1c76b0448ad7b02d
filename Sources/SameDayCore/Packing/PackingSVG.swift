// An isometric drawing of a packing as SVG text: each container with its units coloured by SKU, and a legend.

/// Draws packings so a person can see them.
public enum PackingSVG {
    /// The packing as an SVG document: containers side by side (three per row), each labelled with its box,
    /// fill and weight; units as shaded boxes coloured by SKU; a legend of SKUs below.
    public static func render(_ packing: Packing, title: String = "") -> String {
        let cos30 = 0.8660254037844386
        let cellWidth = 380.0
        let margin = 20.0
        // One scale for all containers so their sizes compare.
        var largest = 1.0
        for c in packing.containers {
            let (l, w, h) = dimensions(c)
            largest = max(largest, Double(l + w) * cos30, (Double(l + w) * 0.5 + Double(h)) * 0.9)
        }
        let scale = (cellWidth - 2 * margin) / largest
        var skus: [SKU] = []
        for c in packing.containers {
            for p in c.placements where !skus.contains(p.sku) { skus.append(p.sku) }
        }
        let columns = max(1, min(3, packing.containers.count))
        var cellHeights: [Double] = []
        for c in packing.containers {
            let (l, w, h) = dimensions(c)
            cellHeights.append((Double(l + w) * 0.5 + Double(h)) * scale + 2 * margin + 40)
        }
        var rowHeights: [Double] = []
        for (i, h) in cellHeights.enumerated() {
            if i % columns == 0 { rowHeights.append(h) } else { rowHeights[rowHeights.count - 1] = max(rowHeights.last ?? 0, h) }
        }
        let width = max(Double(columns) * cellWidth, 820)
        let legendColumns = max(1, Int(width / 200))
        let legendRows = (skus.count + legendColumns - 1) / legendColumns
        let header = 40.0
        let height = header + rowHeights.reduce(0, +) + Double(legendRows) * 22 + 30

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" \
            viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="sans-serif" font-size="13">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(fmt(margin))" y="26" font-size="15" font-weight="bold">\(escape(title.isEmpty ? "Packing" : title)): \
            \(packing.containers.count) containers, \(packing.unitCount) units, lower bound \(packing.lowerBound)</text>

            """
        var rowTop = header
        for (index, packed) in packing.containers.enumerated() {
            let column = index % columns
            if index > 0 && column == 0 { rowTop += rowHeights[index / columns - 1] }
            let (l, w, h) = dimensions(packed)
            let ox = Double(column) * cellWidth + margin + Double(w) * cos30 * scale
            let oy = rowTop + 40 + Double(h) * scale
            func project(_ x: Int, _ y: Int, _ z: Int) -> (Double, Double) {
                (ox + Double(x - y) * cos30 * scale, oy + Double(x + y) * 0.5 * scale - Double(z) * scale)
            }
            func polygon(_ pts: [(Int, Int, Int)], fill: String, stroke: String, extra: String = "") -> String {
                let text = pts.map { let (a, b) = project($0.0, $0.1, $0.2); return "\(fmt(a)),\(fmt(b))" }
                return "<polygon points=\"\(text.joined(separator: " "))\" fill=\"\(fill)\" stroke=\"\(stroke)\"\(extra)/>\n"
            }
            let name = packed.container.map { "\($0.id) \($0.kind.rawValue) \($0.lengthMm)×\($0.widthMm)×\($0.heightMm)" }
                ?? "own container"
            let fill = Int((packed.fill * 100).rounded())
            svg += "<text x=\"\(fmt(Double(column) * cellWidth + margin))\" y=\"\(fmt(rowTop + 18))\">"
            svg += "\(index + 1). \(escape(name)) — \(packed.placements.count) units, \(fill)%, \(packed.weightG) g</text>\n"
            // Back walls and floor.
            svg += polygon([(0, 0, 0), (l, 0, 0), (l, w, 0), (0, w, 0)], fill: "#f3efe6", stroke: "#8a7f6a")
            svg += polygon([(0, 0, 0), (l, 0, 0), (l, 0, h), (0, 0, h)], fill: "#faf7f0", stroke: "#8a7f6a")
            svg += polygon([(0, 0, 0), (0, w, 0), (0, w, h), (0, 0, h)], fill: "#f6f2ea", stroke: "#8a7f6a")
            for k in drawingOrder(packed.placements) {
                let p = packed.placements[k]
                let hue = Double(skus.firstIndex(of: p.sku) ?? 0) * 137.508
                let hueText = fmt(hue.truncatingRemainder(dividingBy: 360))
                let x2 = p.x + p.lengthMm, y2 = p.y + p.widthMm, z2 = p.z + p.heightMm
                let stroke = "#333"
                svg += polygon(
                    [(p.x, p.y, z2), (x2, p.y, z2), (x2, y2, z2), (p.x, y2, z2)],
                    fill: "hsl(\(hueText),70%,72%)", stroke: stroke, extra: " stroke-width=\"0.6\"")
                svg += polygon(
                    [(x2, p.y, p.z), (x2, y2, p.z), (x2, y2, z2), (x2, p.y, z2)],
                    fill: "hsl(\(hueText),60%,52%)", stroke: stroke, extra: " stroke-width=\"0.6\"")
                svg += polygon(
                    [(p.x, y2, p.z), (x2, y2, p.z), (x2, y2, z2), (p.x, y2, z2)],
                    fill: "hsl(\(hueText),60%,40%)", stroke: stroke, extra: " stroke-width=\"0.6\"")
            }
            // Front edges of the container, dashed, so the box reads as a box.
            let a = project(l, w, 0), b = project(l, w, h), c = project(l, 0, h), d = project(0, w, h)
            let e = project(l, 0, 0), f = project(0, w, 0), g = project(0, 0, h)
            svg += "<path d=\"M\(fmt(a.0)),\(fmt(a.1)) L\(fmt(b.0)),\(fmt(b.1)) M\(fmt(c.0)),\(fmt(c.1)) "
            svg += "L\(fmt(b.0)),\(fmt(b.1)) L\(fmt(d.0)),\(fmt(d.1)) L\(fmt(g.0)),\(fmt(g.1)) L\(fmt(c.0)),\(fmt(c.1)) "
            svg += "L\(fmt(e.0)),\(fmt(e.1)) L\(fmt(a.0)),\(fmt(a.1)) L\(fmt(f.0)),\(fmt(f.1)) L\(fmt(d.0)),\(fmt(d.1))\" "
            svg += "fill=\"none\" stroke=\"#8a7f6a\" stroke-dasharray=\"4 3\"/>\n"
        }
        // Legend.
        var legendTop = header + rowHeights.reduce(0, +) + 10
        for (i, sku) in skus.enumerated() {
            if i > 0 && i % legendColumns == 0 { legendTop += 22 }
            let x = margin + Double(i % legendColumns) * (width - 2 * margin) / Double(legendColumns)
            let hue = fmt((Double(i) * 137.508).truncatingRemainder(dividingBy: 360))
            svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(legendTop))\" width=\"14\" height=\"14\" fill=\"hsl(\(hue),60%,52%)\" stroke=\"#333\"/>"
            svg += "<text x=\"\(fmt(x + 20))\" y=\"\(fmt(legendTop + 12))\">\(escape(sku.rawValue))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func dimensions(_ c: PackedContainer) -> (Int, Int, Int) {
        if let box = c.container { return (box.lengthMm, box.widthMm, box.heightMm) }
        guard let p = c.placements.first else { return (1, 1, 1) }
        return (p.lengthMm, p.widthMm, p.heightMm)
    }

    /// Back to front: a unit is drawn before every unit it lies entirely behind or below.
    static func drawingOrder(_ units: [Placement]) -> [Int] {
        let n = units.count
        var before = Array(repeating: [Int](), count: n)  // before[b]: units to draw before b
        var pending = Array(repeating: 0, count: n)
        for a in 0..<n {
            for b in 0..<n where a != b {
                let p = units[a], q = units[b]
                let behind = p.x + p.lengthMm <= q.x || p.y + p.widthMm <= q.y || p.z + p.heightMm <= q.z
                let inFront = q.x + q.lengthMm <= p.x || q.y + q.widthMm <= p.y || q.z + q.heightMm <= p.z
                if behind && !inFront {
                    before[b].append(a)
                    pending[b] += 1
                }
            }
        }
        var after = Array(repeating: [Int](), count: n)
        for b in 0..<n { for a in before[b] { after[a].append(b) } }
        var ready = (0..<n).filter { pending[$0] == 0 }
        var order: [Int] = []
        var done = Array(repeating: false, count: n)
        while order.count < n {
            if ready.isEmpty {
                // A cycle (rare with isometric overlaps): draw the lowest remaining unit next.
                guard let k = (0..<n).filter({ !done[$0] }).min(by: {
                    (units[$0].z, units[$0].x + units[$0].y) < (units[$1].z, units[$1].x + units[$1].y)
                }) else { break }
                ready = [k]
            }
            let k = ready.removeFirst()
            if done[k] { continue }
            done[k] = true
            order.append(k)
            for b in after[k] where !done[b] {
                pending[b] -= 1
                if pending[b] == 0 { ready.append(b) }
            }
        }
        return order
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
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
