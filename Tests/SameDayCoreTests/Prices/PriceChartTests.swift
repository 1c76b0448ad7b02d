// The price chart is a well-formed SVG step chart with its lowest and highest prices marked, and the same input
// gives the same bytes.

import Foundation
import SameDayCore
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct PriceChartTests {
    static let start = ISO8601.parse("2026-12-01T00:00:00Z")!

    static func points(_ prices: [(Int, Int)]) -> [PricePoint] {
        prices.map { PricePoint(at: start + $0.0, priceCents: $0.1) }
    }

    static func isWellFormedXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func marksTheLowestAndHighestAndStepsThroughEveryChange() {
        let points = Self.points([(0, 1299), (60, 999), (120, 1499), (180, 1099)])
        let svg = PriceChart.svg(sku: "A1", points: points, before: nil, from: Self.start, to: Self.start + 240)
        #expect(Self.isWellFormedXML(svg))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("lowest $9.99 (2026-12-01T01:00:00+00:00)"))
        #expect(svg.contains("highest $14.99 (2026-12-01T02:00:00+00:00)"))
        // A step path: one horizontal and one vertical move per change after the first, then on to the end.
        let path = svg.split(separator: "\n").first { $0.hasPrefix("<path") } ?? ""
        #expect(path.components(separatedBy: " V").count - 1 == 3)
        #expect(path.components(separatedBy: " H").count - 1 == 4)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
    }

    @Test func theSameInputGivesTheSameBytes() {
        let points = Self.points([(0, 500), (30, 450)])
        let a = PriceChart.svg(sku: "B7", points: points, before: nil, from: Self.start, to: Self.start + 90)
        let b = PriceChart.svg(sku: "B7", points: points, before: nil, from: Self.start, to: Self.start + 90)
        #expect(a == b)
    }

    @Test func aPeriodStartsAtThePriceInEffectBeforeIt() {
        let before = PricePoint(at: Self.start - 500, priceCents: 2000)
        let svg = PriceChart.svg(
            sku: "A1", points: Self.points([(30, 1500)]), before: before, from: Self.start, to: Self.start + 60)
        #expect(svg.contains("highest $20.00 (2026-12-01T00:00:00+00:00)"), "drawn from the period's start")
        #expect(svg.contains("lowest $15.00"))
    }

    @Test func aFlatHistoryHasOneMarkerAndNoHistoryASentence() {
        let flat = PriceChart.svg(
            sku: "A1", points: Self.points([(0, 100)]), before: nil, from: Self.start, to: Self.start + 10)
        #expect(Self.isWellFormedXML(flat))
        #expect(flat.components(separatedBy: "<circle").count - 1 == 1)
        #expect(flat.contains("highest $1.00"))
        let empty = PriceChart.svg(sku: "A1", points: [], before: nil, from: Self.start, to: Self.start + 10)
        #expect(Self.isWellFormedXML(empty))
        #expect(empty.contains("No price recorded in this period"))
    }

    @Test func namesAreEscaped() {
        let svg = PriceChart.svg(
            sku: "A<&\"", points: Self.points([(0, 1)]), before: nil, from: Self.start, to: Self.start + 1)
        #expect(Self.isWellFormedXML(svg))
        #expect(svg.contains("A&lt;&amp;&quot;"))
        #expect(svg.contains("$0.01"))
    }
}
