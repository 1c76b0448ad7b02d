// The one JSON reader: strictness, positions of errors, the request-body options, and the writer.

import Testing

@testable import SameDayCore

@Suite struct JSONValueTests {
    private func parse(_ text: String, _ options: JSONParseOptions = .files) throws(JSONSyntaxError) -> JSONValue {
        try JSONValue.parse(Array(text.utf8), options: options)
    }

    private func syntaxError(_ bytes: [UInt8], _ options: JSONParseOptions = .files) -> JSONSyntaxError? {
        do {
            _ = try JSONValue.parse(bytes, options: options)
            return nil
        } catch {
            return error
        }
    }

    private func syntaxError(_ text: String, _ options: JSONParseOptions = .files) -> JSONSyntaxError? {
        syntaxError(Array(text.utf8), options)
    }

    @Test func valuesKeepIntegersExactAndMembersInOrder() throws {
        let value = try parse(#" {"z": 9007199254740993, "a": [0, -0.5, 1e2, "", "a\"b\\\/\b\f\n\r\t"], "m": null} "#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["z", "a", "m"])
        #expect(value["z"] == .integer(9_007_199_254_740_993))
        #expect(value["a"] == .array([.integer(0), .number(-0.5), .number(100), .string(""), .string("a\"b\\/\u{8}\u{c}\n\r\t")]))
        #expect(value["m"] == .null)
    }

    @Test func escapesDecodeToScalarsAndSurrogatePairsJoin() throws {
        #expect(try parse(#""\u00e9\u20AC\ud83d\ude00""#) == .string("é€😀"))
        #expect(syntaxError(#""\ud83d""#)?.message.contains("unpaired surrogate") == true)
        #expect(syntaxError(#""\ude00x""#)?.message.contains("unpaired surrogate") == true)
        #expect(syntaxError(#""\ud83d\u0041""#)?.message.contains("unpaired surrogate") == true)
        #expect(syntaxError(#""\u12G4""#) != nil)
        #expect(syntaxError(#""\x""#)?.message == "invalid escape")
    }

    @Test func invalidUTF8IsRefusedAtTheStringThatHoldsIt() {
        // 0xC3 0x28 is an invalid two-byte sequence; it sits in the second string, which starts at byte 6.
        let error = syntaxError(Array(#"["ok",""#.utf8) + [0xC3, 0x28] + Array(#""]"#.utf8))
        #expect(error?.offset == 6)
        #expect(error?.message == "a string is not valid UTF-8")
        // Also after an escape (the slow path).
        #expect(syntaxError(Array(#""\n"#.utf8) + [0xFF] + Array(#"""#.utf8)) != nil)
    }

    @Test func errorsNameLineColumnAndByteOffset() {
        let error = syntaxError("{\n  \"a\": 1,\n  \"b\" 2\n}")
        #expect(error?.line == 3)
        #expect(error?.column == 7)
        #expect(error?.offset == 18)
        #expect(error?.message == "':' is expected after a member name")
        #expect(syntaxError("")?.offset == 0)
        #expect(syntaxError("[1,]")?.offset == 3)
        #expect(syntaxError("[01]")?.message == "leading zeros are not allowed")
        #expect(syntaxError("{} x")?.message == "unexpected text after the JSON value")
        #expect(syntaxError("tru") != nil)
        #expect(syntaxError("nul") != nil)
        #expect(syntaxError("[1.]") != nil)
        #expect(syntaxError("[1e]") != nil)
        #expect(syntaxError("[-]") != nil)
        #expect(syntaxError("\"a\u{1}\"") != nil)
    }

    @Test func numbersBeyondDoubleRangeClampSoValidationCanNameThem() throws {
        #expect(try parse("1e999") == .number(.greatestFiniteMagnitude))
        #expect(try parse("-1e999") == .number(-.greatestFiniteMagnitude))
        // An integer literal beyond Int is a number, not an error.
        #expect(try parse("99999999999999999999") == .number(1e20))
    }

    @Test func depthLimitIsExactAndNeverRecursesPast() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: Never.self) { try parse(ok, .requestBody) }
        #expect(syntaxError(deep, .requestBody)?.message == "nesting deeper than 64 levels")
        #expect(syntaxError(deep, .requestBody)?.offset == 64)
        // Files allow 512 levels; a million brackets is refused quickly, not a stack overflow.
        #expect(throws: Never.self) { try parse(deep) }
        #expect(syntaxError(String(repeating: "[", count: 1_000_000))?.message == "nesting deeper than 512 levels")
    }

    @Test func duplicateMembersAreRefusedOnlyWhenAsked() throws {
        let text = #"{"zip":"98109","lines":[],"zip":"10001"}"#
        #expect(try parse(text)["zip"] == .string("98109"))
        let error = syntaxError(text, .requestBody)
        #expect(error?.message == #"duplicate member "zip""#)
        #expect(error?.offset == 26)
        // Same name in different objects is fine.
        #expect(throws: Never.self) { try parse(#"{"a":{"a":1},"b":{"a":2}}"#, .requestBody) }
    }

    @Test func byteOrderMarkIsSkippedInFilesOnly() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)
        #expect(try JSONValue.parse(bytes) == .array([.integer(1)]))
        #expect(syntaxError(bytes, .requestBody)?.offset == 0)
    }

    @Test func writerRoundTripsThroughTheReader() throws {
        let value = JSONValue.object([
            ("s", .string("quote\" back\\ nl\n tab\t ctl\u{1} é😀")), ("i", .integer(-42)), ("d", .number(2.5)),
            ("n", .null), ("b", .bool(false)), ("a", .array([.array([]), .object([])])),
        ])
        #expect(value.jsonText.contains(#"\u0001"#))
        #expect(try parse(value.jsonText) == value)
        #expect(JSONValue.number(.infinity).jsonText == "null")
        #expect(JSONText.quoted("a\"b") == #""a\"b""#)
    }

    /// Strings with nothing to escape are copied whole; any escape anywhere (first, last, in a long string) sends
    /// the string through the byte-by-byte path.
    @Test(arguments: [
        ("HH-00001", #""HH-00001""#), ("", #""""#), ("Socks, wool é😀", #""Socks, wool é😀""#),
        (String(repeating: "x", count: 300), "\"" + String(repeating: "x", count: 300) + "\""),
        ("\"a", #""\"a""#), ("a\\", #""a\\""#), ("line\n", #""line\n""#), ("\u{1}", #""\u0001""#),
        (String(repeating: "y", count: 200) + "\t", "\"" + String(repeating: "y", count: 200) + #"\t""#),
    ])
    func stringsAreWrittenWholeOrEscaped(_ text: String, _ expected: String) throws {
        var out: [UInt8] = [1]
        JSONText.write(text, to: &out)
        #expect(out == [1] + Array(expected.utf8))
        #expect(try parse(expected) == .string(text))
    }
}
