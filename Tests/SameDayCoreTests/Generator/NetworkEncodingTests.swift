// Network.jsonBytes(): the spec's format, deterministic, read back by Network.load to an equal network.

import SameDayCore
import SameDayTestSupport
import Testing

@Suite struct NetworkEncodingTests {
    /// The network of spec/promise.md's example.
    static let specExample = Fixtures.tinyNetworkJSON

    @Test func specExampleRoundTrips() throws {
        let network = try Network.load(json: Array(Self.specExample.utf8), file: "tiny.json")
        let bytes = network.jsonBytes()
        let again = try Network.load(json: bytes, file: "tiny-again.json")
        #expect(again == network)
        #expect(again.jsonBytes() == bytes)
    }

    @Test func writesKeysInTheSpecsOrderWithScalarArraysOnOneLine() throws {
        let network = try Network.load(json: Array(Self.specExample.utf8), file: "tiny.json")
        let text = String(decoding: network.jsonBytes(), as: UTF8.self)
        #expect(
            text.contains(
                """
                    {"id": "SEA1", "kind": "fulfillment-center", "region": "west",
                     "lat": 47.25, "lon": -122.44, "timezone": "America/Los_Angeles",
                     "temperatures": ["ambient", "chilled"], "processingMinutes": 120, "closedDates": ["2026-12-25"]},
                """))
        #expect(
            text.contains(#""radiusKm": 6, "promiseMinutes": 30, "openHours": {"open": "07:00", "close": "23:00"}}"#))
        #expect(text.contains(#""zips": ["98109", "98101"]}"#))
        #expect(
            text.contains(
                #"{"from": "SEA1", "to": "DSE2", "departures": ["05:00", "13:00", "21:00"], "transitMinutes": 60}"#))
        #expect(text.hasPrefix("{\n  \"name\": \"tiny\",\n  \"regions\": [\n"))
        #expect(text.hasSuffix("  ]}\n}\n"))
    }

    @Test func escapesStringsAndKeepsFractionsExact() throws {
        let network = Network(
            name: "quote \" backslash \\ tab \t bell \u{7} é", regions: [Region(id: "r", name: "Région \"1\"")],
            nodes: [
                Node(
                    id: "A", kind: .fulfillmentCenter, region: "r", lat: 0.1 + 0.2, lon: -1e-7,
                    timezone: "UTC", processingMinutes: 7),
                Node(
                    id: "N", kind: .nowSite, region: "r", lat: 1, lon: 2, timezone: "UTC",
                    temperatures: TemperatureSet([.frozen]), radiusKm: 6.25, promiseMinutes: 30,
                    openHours: OpenHours(open: LocalTime(hour: 7, minute: 0), close: LocalTime(hour: 23, minute: 0))),
                Node(id: "S", kind: .deliveryStation, region: "r", lat: 3, lon: 4, timezone: "UTC", sortMinutes: 0),
            ],
            lanes: [],
            carrier: Carrier(
                pickup: LocalTime(hour: 18, minute: 0), deliversBy: LocalTime(hour: 20, minute: 0),
                transitDays: [TransitBand(maxKm: 0.5, days: 0)]))
        let loaded = try Network.load(json: network.jsonBytes(), file: "escaped.json")
        #expect(loaded == network)
    }

    @Test func emptyNetworkRoundTrips() throws {
        let network = Network(name: "", regions: [], nodes: [], lanes: [], carrier: nil)
        #expect(try Network.load(json: network.jsonBytes(), file: "empty.json") == network)
    }
}
