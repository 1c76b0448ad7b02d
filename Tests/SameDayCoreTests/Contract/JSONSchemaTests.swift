// The schema validator keeps JSON Schema's meaning, and each string syntax's byte check says what its pattern says.

import Foundation
import SameDayCore
import Testing

@Suite struct JSONSchemaTests {
    static func problems(_ schema: JSONSchema, _ json: String) throws -> [FieldProblem] {
        let value = try JSONValue.parse(Array(json.utf8), options: .requestBody)
        var problems = FieldProblems()
        var path = JSONPath()
        schema.validate(value, at: &path, into: &problems)
        return problems.list
    }

    static let line = JSONSchema.object([
        .init("sku", .id()), .init("qty", .integer(1...10, "units")),
        .init("note", JSONSchema.text(maxBytes: 8).orNull, required: false),
    ])

    @Test func validBodiesHaveNoProblems() throws {
        #expect(try Self.problems(Self.line, #"{"sku":"A1","qty":1}"#).isEmpty)
        #expect(try Self.problems(Self.line, #"{"sku":"A1","qty":10,"note":null}"#).isEmpty)
        // JSON Schema's integer includes numbers with a zero fraction.
        #expect(try Self.problems(Self.line, #"{"sku":"A1","qty":2.0}"#).isEmpty)
    }

    @Test(arguments: [
        (#"{"qty":1}"#, "sku", ProblemCode.missingField),
        (#"{"sku":null,"qty":1}"#, "sku", .missingField),
        (#"{"sku":"A1","qty":0}"#, "qty", .invalidField),
        (#"{"sku":"A1","qty":11}"#, "qty", .invalidField),
        (#"{"sku":"A1","qty":1.5}"#, "qty", .invalidField),
        (#"{"sku":"A1","qty":"1"}"#, "qty", .invalidField),
        (#"{"sku":"A 1","qty":1}"#, "sku", .invalidField),
        (#"{"sku":"","qty":1}"#, "sku", .invalidField),
        (#"{"sku":"A1","qty":1,"x":2}"#, "x", .unknownField),
        (#"{"sku":"A1","qty":1,"note":"123456789"}"#, "note", .invalidField),
    ])
    func eachViolationIsNamedByItsPath(json: String, path: String, code: ProblemCode) throws {
        let found = try Self.problems(Self.line, json)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.path == path)
        #expect(found.first?.code == code)
    }

    @Test func rangesSayTheirBoundsAndHint() throws {
        let found = try Self.problems(Self.line, #"{"sku":"A1","qty":0}"#)
        #expect(found.first?.reason == "is 0; it must be between 1 and 10 (units)")
    }

    /// Text is capped in UTF-8 bytes: 3 emoji are 3 characters but 12 bytes, over an 8-byte cap.
    @Test func textIsCappedInBytesNotCharacters() throws {
        #expect(try Self.problems(Self.line, #"{"sku":"A1","qty":1,"note":"😀😀"}"#).isEmpty)  // 8 bytes
        let over = try Self.problems(Self.line, #"{"sku":"A1","qty":1,"note":"😀😀😀"}"#)
        #expect(over.first?.reason.contains("12 bytes") == true, "\(over)")
        // A family emoji is one grapheme cluster of 7 scalars, 25 bytes.
        #expect(try Self.problems(Self.line, #"{"sku":"A1","qty":1,"note":"👨‍👩‍👧‍👦"}"#).count == 1)
    }

    @Test func arraysPathsAndLimits() throws {
        let lines = JSONSchema.array(Self.line, minItems: 1, maxItems: 2)
        #expect(try Self.problems(lines, "[]").first?.reason == "must have at least 1 element")
        #expect(try Self.problems(lines, #"[{"sku":"A","qty":1},{"sku":"B","qty":1},{"sku":"C","qty":1}]"#).count == 1)
        let nested = try Self.problems(lines, #"[{"sku":"A","qty":1},{"sku":"B","qty":0}]"#)
        #expect(nested.map(\.path) == ["[1].qty"])
    }

    @Test func problemsStopAtTheLimit() throws {
        let many = "[" + (0..<100).map { _ in #"{"qty":0}"# }.joined(separator: ",") + "]"
        let found = try Self.problems(.array(Self.line), many)
        #expect(found.count == Limits.maxReportedProblems)
    }

    @Test func anyOfAcceptsEitherAndNamesTheRuleOtherwise() throws {
        let delta = JSONSchema(.anyOf([.integer(-5...(-1)), .integer(1...5)]), description: "not 0")
        #expect(try Self.problems(delta, "-5").isEmpty)
        #expect(try Self.problems(delta, "5").isEmpty)
        #expect(try Self.problems(delta, "0").first?.reason == "must be not 0")
        #expect(try Self.problems(delta, "6").count == 1)
    }

    @Test func referencesResolveAndNullableReferencesTakeNull() throws {
        let value = try JSONValue.parse(Array(#"{"a":null,"b":{"sku":"X","qty":3}}"#.utf8))
        let schema = JSONSchema.object([.init("a", JSONSchema.ref("Line").orNull), .init("b", .ref("Line"))])
        var problems = FieldProblems()
        var path = JSONPath()
        schema.validate(value, at: &path, into: &problems) { $0 == "Line" ? Self.line : nil }
        #expect(problems.isEmpty, "\(problems.list)")
    }

    /// Each syntax's byte check accepts exactly what its regular expression does, on edge and random strings.
    @Test(arguments: [
        ("id", StringSyntax.id), ("zip", .zip), ("key", .printableASCII(maxBytes: 200)), ("instant", .instant),
        ("date", .date),
    ])
    func syntaxChecksAgreeWithTheirPatterns(name: String, syntax: StringSyntax) throws {
        let regex = try Regex(syntax.pattern)
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("0123456789-:TZ+._ aZ\u{7F}\u{1F}é😀")
        var samples = [
            "", "A", String(repeating: "a", count: 64), String(repeating: "a", count: 65), "98109", "9810", "981090",
            "2026-12-24T10:00:00-08:00", "2026-12-24T10:00Z", "2026-12-24T10:00:00.123456789Z",
            "2026-12-24T10:00:00.1234567890Z", "2026-12-24 10:00Z", "2026-12-24T10:00:00,5Z", "2026-12-24",
            "2026-13-01", "2026-02-30T10:00Z", String(repeating: "k", count: 200), String(repeating: "k", count: 201),
        ]
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...30, using: &generator)
            samples.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" }))
        }
        for sample in samples {
            let byRegex = sample.wholeMatch(of: regex) != nil
            let byCheck = syntax.check(sample.utf8)
            // A check may refuse more than its pattern only for a value that is not a real date (2026-13-01).
            if byCheck { #expect(byRegex, "\(name): check accepts \(sample.debugDescription), the pattern does not") }
            if byRegex && !byCheck {
                #expect(["instant", "date"].contains(name), "\(name): pattern accepts \(sample.debugDescription)")
            }
        }
    }

    @Test func documentsPrintTheKeywordsTheValidatorChecks() {
        let text = Self.line.document.jsonText
        #expect(text.contains(#""required":["sku","qty"]"#), "\(text)")
        #expect(text.contains(#""additionalProperties":false"#))
        #expect(text.contains(#""minimum":1,"maximum":10"#))
        #expect(text.contains(#""type":["string","null"]"#))
        #expect(text.contains(#""x-maxBytes":8"#))
        #expect(text.contains(#""pattern":"^[A-Za-z0-9._-]{1,64}$""#))
    }
}

@Suite struct JSONWriterTests {
    @Test func commasAndNestingAreWrittenForTheCaller() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("a", 1)
        writer.array("b", [1, 2, 3]) { $0.int($1) }
        writer.key("c")
        writer.beginObject()
        writer.endObject()
        writer.member("d", nil as String?)
        writer.member("e", "q\"\n")
        writer.key("f")
        writer.beginArray()
        writer.beginArray()
        writer.endArray()
        writer.bool(true)
        writer.endArray()
        writer.endObject()
        #expect(writer.text == #"{"a":1,"b":[1,2,3],"c":{},"d":null,"e":"q\"\n","f":[[],true]}"#)
    }

    @Test func prettyTextParsesBackToTheSameValue() throws {
        let value = try JSONValue.parse(Array(#"{"a":[1,{"b":null},[]],"c":{},"d":"é\t","e":-1.5}"#.utf8))
        let pretty = value.prettyText
        #expect(pretty.hasSuffix("}\n"))
        #expect(pretty.contains("\n  \"a\": [\n    1,"))
        #expect(try JSONValue.parse(Array(pretty.utf8)) == value)
    }
}
