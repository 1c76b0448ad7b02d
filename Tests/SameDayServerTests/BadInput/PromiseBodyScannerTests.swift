// The promise route's one-pass scanner against the general path (JSON tree, then field validation): whenever the
// scanner returns a body, the general path returns the same body; plainly valid bodies do take the fast path.

import SameDayCore
import Testing

@testable import SameDayServer

@Suite struct PromiseBodyScannerTests {
    static let references = ReferenceCheck(
        knowsSKU: { ["A1", "B-2", "c_3.x", "D4"].contains($0.rawValue) },
        knowsZIP: { ["98109", "10001"].contains($0.rawValue) },
        knowsShippingNode: { _ in true })

    /// The general path's body, or nil when it refuses the bytes.
    static func general(_ text: String) -> PromiseRequest? {
        guard let json = try? JSONValue.parse(Array(text.utf8), options: .requestBody) else { return nil }
        return try? PromiseController.promise.decode(PromiseRequest.self, json, references: references)
    }

    static func scanned(_ text: String) -> PromiseRequest? {
        PromiseBodyScanner.scan(Array(text.utf8), references: references)
    }

    static func same(_ a: PromiseRequest, _ b: PromiseRequest) -> Bool {
        a.zip == b.zip && a.lines == b.lines && a.at == b.at
    }

    /// The property every body must have.
    static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let fast = scanned(text) else { return }
        let slow = general(text)
        #expect(slow != nil, "scanner accepted what the general path refuses: \(text)", sourceLocation: sourceLocation)
        if let slow { #expect(same(fast, slow), "\(text)", sourceLocation: sourceLocation) }
    }

    @Test func plainBodiesTakeTheFastPathWithTheGeneralPathsValues() throws {
        for text in [
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1},{"sku":"B-2","qty":2}],"at":"2026-12-23T10:00:00-08:00"}"#,
            #" { "lines" : [ { "qty" : 10000 , "sku" : "c_3.x" } ] ,"at":"2026-12-23T18:00:00Z", "zip":"10001" } "#,
            "{\n\t\"zip\": \"98109\",\r\n\"lines\": [{\"sku\": \"D4\", \"qty\": 999}]\n}\n",
        ] {
            let fast = try #require(Self.scanned(text), "\(text)")
            let slow = try #require(Self.general(text), "\(text)")
            #expect(Self.same(fast, slow))
        }
        let fast = try #require(
            Self.scanned(#"{"zip":"98109","lines":[{"sku":"A1","qty":3}],"at":"2026-12-23T10:00:00-08:00"}"#))
        #expect(fast.zip == "98109")
        #expect(fast.lines == [OrderLine(sku: "A1", qty: 3)])
        #expect(fast.at == ISO8601.parse("2026-12-23T18:00:00Z"))
    }

    @Test func anythingNotPlainlyValidIsLeftToTheGeneralPath() {
        for text in [
            "", "{}", "[]", "null", #"{"zip":"98109"}"#, #"{"lines":[{"sku":"A1","qty":1}]}"#,
            #"{"zip":"98109","lines":[]}"#,
            #"{"zip":"98109","zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,  // duplicate member
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1,"qty":1}]}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1},{"sku":"A1","qty":2}]}"#,  // repeated SKU
            #"{"zip":"9810","lines":[{"sku":"A1","qty":1}]}"#, #"{"zip":"99999","lines":[{"sku":"A1","qty":1}]}"#,
            #"{"zip":98109,"lines":[{"sku":"A1","qty":1}]}"#,
            #"{"zip":"98109","lines":[{"sku":"ZZ","qty":1}]}"#,  // unknown SKU
            #"{"zip":"98109","lines":[{"sku":"A1","qty":0}]}"#, #"{"zip":"98109","lines":[{"sku":"A1","qty":10001}]}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":-1}]}"#, #"{"zip":"98109","lines":[{"sku":"A1","qty":01}]}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":2.0}]}"#, #"{"zip":"98109","lines":[{"sku":"A1","qty":2e0}]}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":"2"}]}"#, #"{"zip":"98109","lines":[{"sku":"A1"}]}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":99999999999999999999999999}]}"#,  // no overflow
            #"{"zip":"98109","lines":[{"sku":"A\u0031","qty":1}]}"#,  // an escape: the general path decodes it
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"at":null}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"at":"tomorrow"}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"at":"1999-12-31T23:59:00Z"}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"extra":1}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]} x"#, #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]"#,
            "\u{FEFF}" + #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,
            #"{"zip":"98109","lines":[{"sku":"Ä1","qty":1}]}"#,
            #"{"zip":"98109","lines":[{"sku":"A1","qty":1},]}"#, #"{"zip":"98109",}"#,
        ] {
            #expect(Self.scanned(text) == nil, "\(text)")
        }
        // 100 lines is the most; 101 is the general path's to refuse.
        let skus = (0..<101).map { "S\($0)" }
        let wide = ReferenceCheck(knowsSKU: { _ in true }, knowsZIP: { _ in true }, knowsShippingNode: { _ in true })
        func body(_ n: Int) -> String {
            #"{"zip":"98109","lines":["# + skus.prefix(n).map { #"{"sku":"\#($0)","qty":1}"# }.joined(separator: ",")
                + "]}"
        }
        #expect(PromiseBodyScanner.scan(Array(body(100).utf8), references: wide)?.lines.count == 100)
        #expect(PromiseBodyScanner.scan(Array(body(101).utf8), references: wide) == nil)
    }

    @Test func mutatedAndRandomBodiesNeverDisagree() {
        var rng = SeededGenerator(seed: 7)
        let zips = ["98109", "10001", "99999", "9810", ""]
        let skus = ["A1", "B-2", "c_3.x", "D4", "ZZ", "", "A1 "]
        let qtys = ["1", "2", "10000", "10001", "0", "-1", "01", "2.0", "1e2", "\"3\"", "null", "123456789012"]
        let ats = ["\"2026-12-23T10:00:00-08:00\"", "\"2026-12-23T18:00:00Z\"", "\"x\"", "null", "1"]
        let byteChoices = Array(#"{}[]":,0123456789 aAzZ-._\\"#.utf8)
        for _ in 0..<3_000 {
            var members: [String] = []
            if Int.random(in: 0..<10, using: &rng) > 0 {
                members.append(#""zip":"\#(zips.randomElement(using: &rng)!)""#)
            }
            if Int.random(in: 0..<10, using: &rng) > 0 {
                let lines = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                    #"{"sku":"\#(skus.randomElement(using: &rng)!)","qty":\#(qtys.randomElement(using: &rng)!)}"#
                }
                members.append(#""lines":[\#(lines.joined(separator: ","))]"#)
            }
            if Bool.random(using: &rng) { members.append(#""at":\#(ats.randomElement(using: &rng)!)"#) }
            members.shuffle(using: &rng)
            var text = Array(("{" + members.joined(separator: ",") + "}").utf8)
            Self.check(String(decoding: text, as: UTF8.self))
            // A few random edits of the same body.
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !text.isEmpty {
                let k = Int.random(in: 0..<text.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: text[k] = byteChoices.randomElement(using: &rng)!
                case 1: text.insert(byteChoices.randomElement(using: &rng)!, at: k)
                default: text.remove(at: k)
                }
            }
            Self.check(String(decoding: text, as: UTF8.self))
        }
    }
}
