// Large objects: duplicate member names are found at any distance, in time linear in the object's size.

import SameDayCore
import Testing

@Suite struct JSONLargeObjectTests {
    static func object(keys: Int, duplicateOf: Int? = nil) -> [UInt8] {
        var text = "{"
        for i in 0..<keys {
            if i > 0 { text += "," }
            text += "\"k\(i)\":0"
        }
        if let duplicateOf { text += ",\"k\(duplicateOf)\":1" }
        return Array((text + "}").utf8)
    }

    /// 90,000 distinct names in under 1 MiB: a quadratic check took ~25 s for 60,000 and stalled the server; the
    /// set-based check makes it linear (docs/performance.md has the timing).
    @Test func ninetyThousandDistinctNamesParse() throws {
        let body = Self.object(keys: 90_000)
        #expect(body.count < Limits.maxBodyBytes)
        let value = try JSONValue.parse(body, options: .requestBody)
        guard case .object(let members) = value else { throw Failure("not an object") }
        #expect(members.count == 90_000)
    }

    @Test(arguments: [3, 15, 16, 17, 5_000])
    func duplicatesAreFoundBeforeAndAfterTheSwitchToASet(keys: Int) {
        for earlier in [0, keys / 2, keys - 1] {
            #expect(throws: JSONSyntaxError.self) {
                try JSONValue.parse(Self.object(keys: keys, duplicateOf: earlier), options: .requestBody)
            }
        }
        #expect((try? JSONValue.parse(Self.object(keys: keys), options: .requestBody)) != nil)
    }

    @Test func theDuplicateIsNamedWithItsOffset() throws {
        let body = Self.object(keys: 40, duplicateOf: 33)
        do {
            _ = try JSONValue.parse(body, options: .requestBody)
            Issue.record("a duplicate was accepted")
        } catch {
            #expect(error.message == "duplicate member \"k33\"")
            #expect(error.offset == body.count - #""k33":1}"#.utf8.count)
        }
    }

    struct Failure: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }
}
