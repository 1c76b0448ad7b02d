// JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as Swift values: the one statement of a wire shape.
//
// A request type declares its schema and the server validates bodies with that very value
// (`JSONSchema+Validation.swift`), and the OpenAPI document prints it (`JSONSchema+Document.swift`), so the
// document can never accept what the server refuses or refuse what it accepts, apart from checks that need data
// (an unknown SKU, a repeated line), which only narrow it. Responses declare theirs the same way and the tests
// check every answer against them.
//
// Only the keywords SameDay needs are modelled; each is checked exactly as the standard defines it, except that
// strings may also carry a cap in UTF-8 bytes (`StringRule.maxBytes`, printed as `x-maxBytes`), which is never
// looser than `maxLength`.

/// A JSON Schema.
public struct JSONSchema: Sendable {
    /// What the value must be.
    public indirect enum Kind: Sendable {
        case string(StringRule)
        case integer(minimum: Int?, maximum: Int?)
        case number(minimum: Double?, maximum: Double?)
        case boolean
        /// Exactly the JSON `null`.
        case null
        case array(items: JSONSchema, minItems: Int, maxItems: Int?)
        case object([Property], additionalProperties: Bool)
        /// A map with string keys and values of one schema (`additionalProperties: schema`).
        case map(JSONSchema)
        /// A named schema of the document's `components` (written as a `$ref`).
        case reference(String)
        /// Valid when any of these is.
        case anyOf([JSONSchema])
        /// Any JSON value.
        case any
    }

    public var kind: Kind
    /// `null` is accepted too (written as a type list with `"null"`).
    public var nullable: Bool
    public var description: String?
    /// Example values (the first is what the documentation shows, and fuzzers start from).
    public var examples: [JSONValue]

    public init(_ kind: Kind, nullable: Bool = false, description: String? = nil, examples: [JSONValue] = []) {
        self.kind = kind
        self.nullable = nullable
        self.description = description
        self.examples = examples
    }

    /// One member of an object schema.
    public struct Property: Sendable {
        public var name: String
        public var schema: JSONSchema
        public var required: Bool

        public init(_ name: String, _ schema: JSONSchema, required: Bool = true) {
            self.name = name
            self.schema = schema
            self.required = required
        }
    }
}

/// What a string must be: lengths, a byte cap, a pattern, a format, or one of some values.
public struct StringRule: Sendable {
    public var minLength: Int
    /// Most Unicode code points (JSON Schema's `maxLength`).
    public var maxLength: Int?
    /// Most UTF-8 bytes (`x-maxBytes`): what the server enforces for free text, never looser than `maxLength`.
    public var maxBytes: Int?
    /// The syntax, checked byte by byte by `check` and printed as `pattern` (a regular expression that says the
    /// same; a test holds the two to each other).
    public var syntax: StringSyntax?
    /// JSON Schema `format` (documentation only: `syntax` is what is checked).
    public var format: String?
    /// The only values allowed (JSON Schema `enum`).
    public var allowed: [String]?

    public init(
        minLength: Int = 0, maxLength: Int? = nil, maxBytes: Int? = nil, syntax: StringSyntax? = nil,
        format: String? = nil, allowed: [String]? = nil
    ) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.maxBytes = maxBytes
        self.syntax = syntax
        self.format = format
        self.allowed = allowed
    }
}

/// A string syntax with both forms: a byte-level check for the server, a regular expression for the document.
public struct StringSyntax: Sendable {
    /// The regular expression (ECMA 262, anchored) the document prints.
    public var pattern: String
    /// Says what the syntax is, for error messages ("must be …").
    public var words: String
    /// Whether a string (its UTF-8 bytes) has this syntax.
    public var check: @Sendable (String.UTF8View) -> Bool

    public init(pattern: String, words: String, check: @escaping @Sendable (String.UTF8View) -> Bool) {
        self.pattern = pattern
        self.words = words
        self.check = check
    }
}

extension StringSyntax {
    /// The spec's ids: `[A-Za-z0-9._-]{1,64}`.
    public static let id = StringSyntax(pattern: Identifiers.pattern, words: Identifiers.ruleDescription) {
        Identifiers.isWellFormed(bytes: $0)
    }

    /// Five ASCII digits.
    public static let zip = StringSyntax(pattern: "^[0-9]{5}$", words: "5 digits, like \"98109\"") { utf8 in
        utf8.count == 5 && utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Printable ASCII, `count` bytes at most (an `Idempotency-Key`).
    public static func printableASCII(maxBytes: Int) -> StringSyntax {
        StringSyntax(
            pattern: "^[\\x20-\\x7E]{1,\(maxBytes)}$", words: "1–\(maxBytes) printable ASCII characters"
        ) { utf8 in
            (1...maxBytes).contains(utf8.count) && utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        }
    }

    /// An instant as SameDay reads it: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` and `Z` or `±HH:MM`.
    public static let instant = StringSyntax(
        pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$",
        words: "an ISO 8601 instant with a UTC offset, like 2026-12-24T10:00:00-08:00"
    ) { utf8 in InstantSyntax.matches(utf8) && ISO8601.parse(String(utf8)) != nil }

    /// A calendar date `YYYY-MM-DD`.
    public static let date = StringSyntax(
        pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", words: "a date YYYY-MM-DD, like 2026-12-24"
    ) { utf8 in
        utf8.count == 10
            && utf8.enumerated().allSatisfy { i, b in
                i == 4 || i == 7 ? b == UInt8(ascii: "-") : (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            } && LocalDate(parsing: String(utf8)) != nil
    }
}

// MARK: Building schemas

extension JSONSchema {
    /// An id of the spec's syntax.
    public static func id(_ description: String? = nil, example: String? = nil) -> JSONSchema {
        JSONSchema(
            .string(StringRule(minLength: 1, maxLength: Identifiers.maxBytes, syntax: .id)), description: description,
            examples: example.map { [.string($0)] } ?? [])
    }

    /// Free text of 1…`maxBytes` UTF-8 bytes.
    public static func text(maxBytes: Int, _ description: String? = nil, example: String? = nil) -> JSONSchema {
        JSONSchema(
            .string(StringRule(minLength: 1, maxLength: maxBytes, maxBytes: maxBytes)), description: description,
            examples: example.map { [.string($0)] } ?? [])
    }

    /// Any string (what a response sends; no rule beyond its type).
    public static func string(_ description: String? = nil, example: String? = nil) -> JSONSchema {
        JSONSchema(.string(StringRule()), description: description, examples: example.map { [.string($0)] } ?? [])
    }

    /// One of `values`.
    public static func oneOf(_ values: [String], _ description: String? = nil) -> JSONSchema {
        JSONSchema(.string(StringRule(allowed: values)), description: description)
    }

    /// An instant, ISO 8601 with its UTC offset.
    public static func instant(_ description: String? = nil, example: String? = nil) -> JSONSchema {
        JSONSchema(
            .string(StringRule(minLength: 1, maxLength: Limits.maxInstantBytes, syntax: .instant, format: "date-time")),
            description: description, examples: example.map { [.string($0)] } ?? [])
    }

    /// An integer within `range`.
    public static func integer(_ range: ClosedRange<Int>, _ description: String? = nil, example: Int? = nil)
        -> JSONSchema
    {
        JSONSchema(
            .integer(minimum: range.lowerBound, maximum: range.upperBound), description: description,
            examples: example.map { [.integer($0)] } ?? [])
    }

    /// An integer with no bounds beyond `minimum` (what responses send).
    public static func integer(minimum: Int? = nil, _ description: String? = nil) -> JSONSchema {
        JSONSchema(.integer(minimum: minimum, maximum: nil), description: description)
    }

    /// Any number.
    public static func number(_ description: String? = nil) -> JSONSchema {
        JSONSchema(.number(minimum: nil, maximum: nil), description: description)
    }

    public static func boolean(_ description: String? = nil) -> JSONSchema {
        JSONSchema(.boolean, description: description)
    }

    /// An array of `items`.
    public static func array(
        _ items: JSONSchema, minItems: Int = 0, maxItems: Int? = nil, _ description: String? = nil
    ) -> JSONSchema {
        JSONSchema(.array(items: items, minItems: minItems, maxItems: maxItems), description: description)
    }

    /// An object with exactly these members (no others).
    public static func object(_ properties: [Property], _ description: String? = nil) -> JSONSchema {
        JSONSchema(.object(properties, additionalProperties: false), description: description)
    }

    /// The named component schema.
    public static func ref(_ name: String) -> JSONSchema { JSONSchema(.reference(name)) }

    /// This schema, also accepting `null`.
    public var orNull: JSONSchema {
        var copy = self
        copy.nullable = true
        return copy
    }

    /// This schema with a description.
    public func described(_ text: String) -> JSONSchema {
        var copy = self
        copy.description = text
        return copy
    }
}

/// The instant pattern, checked byte by byte (the same language as `StringSyntax.instant.pattern`).
enum InstantSyntax {
    static func matches(_ utf8: String.UTF8View) -> Bool {
        let b = Array(utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= b.count && range.allSatisfy { b[$0] >= UInt8(ascii: "0") && b[$0] <= UInt8(ascii: "9") }
        }
        guard b.count >= 17, digits(0..<4), b[4] == UInt8(ascii: "-"), digits(5..<7), b[7] == UInt8(ascii: "-"),
            digits(8..<10), b[10] == UInt8(ascii: "T"), digits(11..<13), b[13] == UInt8(ascii: ":"), digits(14..<16)
        else { return false }
        var i = 16
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard digits((i + 1)..<(i + 3)) else { return false }
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                let start = i + 1
                var end = start
                while end < b.count, end - start < 10, b[end] >= UInt8(ascii: "0"), b[end] <= UInt8(ascii: "9") {
                    end += 1
                }
                guard (1...9).contains(end - start) else { return false }
                i = end
            }
        }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return false }
        return i + 6 == b.count && digits((i + 1)..<(i + 3)) && b[i + 3] == UInt8(ascii: ":")
            && digits((i + 4)..<(i + 6))
    }
}
