// The eligibility route's one-pass scanner against the general path (JSON tree, schema, references): whenever the
// scanner returns a body, the general path returns the same one; plainly valid bodies do take the fast path; every
// other body goes to the general path, which names the problem.

import SameDayCore
import Testing

@testable import SameDayServer

@Suite struct EligibilityBodyScannerTests {
    /// SKUs "S0" … "S999" are in the catalog, at their number.
    static let references = ReferenceCheck(
        knowsSKU: { index($0) != nil }, knowsZIP: { _ in true }, knowsShippingNode: { _ in true },
        skuIndex: { index($0) })

    static func index(_ sku: SKU) -> Int? {
        guard sku.rawValue.hasPrefix("S"), let n = Int(sku.rawValue.dropFirst()), (0..<1000).contains(n) else {
            return nil
        }
        return n
    }

    static func general(_ text: String) -> EligibilityRequest? {
        guard let json = try? JSONValue.parse(Array(text.utf8), options: .requestBody) else { return nil }
        return try? DeliveriesController.eligibility.decode(EligibilityRequest.self, json, references: references)
    }

    static func scanned(_ text: String) -> EligibilityRequest? {
        EligibilityBodyScanner.scan(Array(text.utf8), references: references)
    }

    static func body(_ skus: [String]) -> String {
        #"{"skus":["# + skus.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
    }

    @Test(arguments: [
        #"{"skus":["S1"]}"#, #"{"skus":["S1","S2","S999"]}"#, " { \"skus\" : [ \"S5\" ,\n\"S0\" ] }\n",
        body((0..<Limits.maxEligibilitySKUs).map { "S\($0)" }),
    ])
    func plainlyValidBodiesTakeTheFastPathAndAgree(_ text: String) throws {
        let fast = try #require(Self.scanned(text))
        let slow = try #require(Self.general(text))
        #expect(fast.skus == slow.skus)
        #expect(fast.skuIndexes == slow.skuIndexes)
        #expect(fast.skuIndexes == fast.skus.map { Self.index($0)! })
    }

    @Test(arguments: [
        #"{"skus":[]}"#, #"{"skus":["S1","S1"]}"#, #"{"skus":["S1","NOPE"]}"#, #"{"skus":["S\u0031"]}"#,
        #"{"skus":["S1"],"x":1}"#, #"{"skus":"S1"}"#, #"{"skus":["S1",]}"#, #"{"skus":["S1"]"#, #"{"skus":["S1"]}x"#,
        #"{"sku":["S1"]}"#, #"{"skus":[1]}"#, #"{"skus":[""]}"#, body((0...Limits.maxEligibilitySKUs).map { "S\($0)" }),
        body([String(repeating: "S", count: 65)]),
    ])
    func everythingElseGoesToTheGeneralPath(_ text: String) {
        #expect(Self.scanned(text) == nil, "\(text.prefix(80))")
    }

    /// Where the general path accepts what the scanner left to it (an escape), the answers are still the same.
    @Test func anEscapedButValidSKUIsReadTheSameWay() throws {
        let slow = try #require(Self.general(#"{"skus":["S\u0031"]}"#))
        #expect(slow.skus == ["S1"])
        #expect(slow.skuIndexes == [1])
    }
}
