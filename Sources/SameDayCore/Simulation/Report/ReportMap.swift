// The map of same-day cutoffs: every city of the contiguous US as a dot at its population-weighted centre,
// coloured by the latest local time it can still order for delivery today, sized by its people. Albers
// equal-area conic projection (standard parallels 29.5° N and 45.5° N, centred on 96° W), no outline data.

import Foundation

enum ReportMap {
    static let width = 720.0
    static let height = 480.0

    /// Cutoff classes: label, colour, and the cutoffs (local minutes) in it.
    static let classes: [(label: String, color: String, minutes: Range<Int>)] = [
        ("before 06:00", "#440154", 0..<360),
        ("06:00–08:59", "#3b528b", 360..<540),
        ("09:00–11:59", "#21918c", 540..<720),
        ("12:00–14:59", "#5ec962", 720..<900),
        ("15:00 or later", "#e8c400", 900..<1440),
    ]
    static let noneColor = "#d9d9d9"

    /// The map for `r`'s cutoffs.
    static func cutoffs(_ r: SimulationResult) -> [UInt8] {
        var svg = SVGWriter(width: Int(width), height: Int(height), title: "Same-day cutoff per city")
        let cut = r.cutoffs
        svg.text(
            "Latest local time to order \(cut.sku?.rawValue ?? "–") for delivery the same day, \(cut.date)", x: 12,
            y: 16, bold: true)
        let cities = cut.cities.filter { $0.lat > 24 && $0.lat < 50 && $0.lon > -125 && $0.lon < -66 }
            .sorted { $0.people < $1.people }
        // Size classes by people; each colour × size is one path.
        let sizes: [(diameter: Double, people: Range<Double>)] = [
            (2.2, 0..<5_000), (3.4, 5_000..<50_000), (5.0, 50_000..<500_000), (8.0, 500_000..<Double.infinity),
        ]
        for size in sizes {
            let inSize = cities.filter { size.people.contains($0.people) }
            svg.dots(
                inSize.filter { $0.cutoffMinute == nil }.map(project), color: noneColor, diameter: size.diameter,
                title: "no same-day delivery")
            for cls in classes {
                let points = inSize.filter { $0.cutoffMinute.map(cls.minutes.contains) ?? false }.map(project)
                svg.dots(points, color: cls.color, diameter: size.diameter, title: "cutoff \(cls.label)")
            }
        }
        legend(&svg, cut)
        return svg.finish()
    }

    /// Class legend with the number of cities in each, over every city of the table, in two rows, and a note.
    static func legend(_ svg: inout SVGWriter, _ cut: SameDayCutoffs) {
        let none = cut.cities.filter { $0.cutoffMinute == nil }.count
        var x = 12.0
        x = svg.legend("no same-day (\(SimulationSummary.group(none)))", color: noneColor, x: x, y: height - 40)
        for cls in classes.prefix(2) { x = legendEntry(&svg, cls, cut, x: x, y: height - 40) }
        x = 12
        for cls in classes.dropFirst(2) { x = legendEntry(&svg, cls, cut, x: x, y: height - 22) }
        svg.text(
            "Dots: cities of the contiguous US, sized by people (under 5k, 50k, 500k, more); AK, HI and the "
                + "territories are not drawn.", x: 12, y: height - 4, size: 10, fill: "#666")
    }

    private static func legendEntry(
        _ svg: inout SVGWriter, _ cls: (label: String, color: String, minutes: Range<Int>), _ cut: SameDayCutoffs,
        x: Double, y: Double
    ) -> Double {
        let n = cut.cities.filter { $0.cutoffMinute.map(cls.minutes.contains) ?? false }.count
        return svg.legend("\(cls.label) (\(SimulationSummary.group(n)))", color: cls.color, x: x, y: y)
    }

    /// Albers equal-area conic, scaled to the map.
    static func project(_ city: SameDayCutoffs.City) -> (x: Double, y: Double) {
        let rad = Double.pi / 180
        let phi1 = 29.5 * rad
        let phi2 = 45.5 * rad
        let phi0 = 23.0 * rad
        let lambda0 = -96.0 * rad
        let n = (sin(phi1) + sin(phi2)) / 2
        let c = cos(phi1) * cos(phi1) + 2 * n * sin(phi1)
        let rho0 = (c - 2 * n * sin(phi0)).squareRoot() / n
        let rho = (c - 2 * n * sin(city.lat * rad)).squareRoot() / n
        let theta = n * (city.lon * rad - lambda0)
        let x = rho * sin(theta)
        let y = rho0 - rho * cos(theta)
        // The contiguous US spans about x ∈ [-0.41, 0.38], y ∈ [0.02, 0.47] in these units.
        let scale = 800.0
        return (width / 2 + 10 + x * scale, height - 62 - (y - 0.02) * scale)
    }
}
