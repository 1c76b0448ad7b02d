// The one JSON reader and writer of SameDay: strict RFC 8259, integers kept exact, syntax errors at a line,
// column and byte offset. The network and packing files read through it (naming file:line:column) and so do
// the HTTP request bodies (naming the byte offset, with duplicate members refused and a shallow nesting limit).

/// A parsed JSON value. Objects keep their members in file order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// An integer written without fraction or exponent, when it fits in `Int`.
    case integer(Int)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .integer(let i): hasher.combine(i)
        case .number(let d): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o):
            for (k, v) in o {
                hasher.combine(k)
                hasher.combine(v)
            }
        }
    }

    /// The member named `key` of an object (the first, if repeated).
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value as an exact integer: an integer literal, or a number with no fractional part (`300.0`).
    public var exactInteger: Int? {
        switch self {
        case .integer(let i): return i
        case .number(let d):
            guard d.isFinite, d.rounded() == d, abs(d) < 9.0e15 else { return nil }
            return Int(d)
        default: return nil
        }
    }
}

/// A syntax error in JSON text, at a 1-based line and column and a 0-based byte offset.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int
    public var message: String

    public var description: String { "malformed JSON at line \(line), column \(column): \(message)" }
}

/// How strictly `JSONValue.parse` reads.
public struct JSONParseOptions: Sendable {
    /// Deepest nesting of arrays and objects accepted; deeper documents are refused, never recursed into.
    public var maxDepth: Int
    /// Refuse an object that names a member twice (RFC 8259 leaves it to the reader; a request body must not be
    /// ambiguous). When false, the first of repeated members is the one the subscript returns.
    public var rejectDuplicateMembers: Bool
    /// Skip a UTF-8 byte order mark at the start (files written by some editors have one).
    public var allowByteOrderMark: Bool

    public init(maxDepth: Int = 512, rejectDuplicateMembers: Bool = false, allowByteOrderMark: Bool = true) {
        self.maxDepth = maxDepth
        self.rejectDuplicateMembers = rejectDuplicateMembers
        self.allowByteOrderMark = allowByteOrderMark
    }

    /// Files: deep nesting allowed, a byte order mark skipped.
    public static let files = JSONParseOptions()
    /// Request bodies: at most 64 levels, duplicate members refused, no byte order mark.
    public static let requestBody = JSONParseOptions(maxDepth: 64, rejectDuplicateMembers: true, allowByteOrderMark: false)
}

extension JSONValue {
    /// Parses one JSON document (RFC 8259). Strings must be valid UTF-8 and `\u` escapes well paired.
    /// Numbers beyond `Double`'s range read as ±`Double.greatestFiniteMagnitude` (validation then reports them
    /// as too large); integer literals that fit in `Int` stay exact.
    /// - Throws: `JSONSyntaxError` with the line, column and byte offset of the first syntax error.
    public static func parse(
        _ bytes: some Collection<UInt8>, options: JSONParseOptions = .files
    ) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(Array(bytes), options: options)
        if options.allowByteOrderMark { parser.skipBOM() }
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.atEnd else { throw parser.error("unexpected text after the JSON value") }
        return value
    }
}

struct JSONParser {
    let b: [UInt8]
    let options: JSONParseOptions
    var i = 0

    init(_ bytes: [UInt8], options: JSONParseOptions) {
        self.b = bytes
        self.options = options
    }

    var atEnd: Bool { i >= b.count }

    mutating func skipBOM() {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
    }

    func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        var k = 0
        while k < min(i, b.count) {
            if b[k] == UInt8(ascii: "\n") {
                line += 1
                lineStart = k + 1
            }
            k += 1
        }
        return JSONSyntaxError(line: line, column: i - lineStart + 1, offset: i, message: message)
    }

    mutating func skipWhitespace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < options.maxDepth else { throw error("nesting deeper than \(options.maxDepth) levels") }
        guard i < b.count else { throw error("unexpected end of input: a value is expected") }
        switch b[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [(key: String, value: JSONValue)] = []
            // Duplicate names are found by a scan while the object is small and by a set once it is not, so an
            // object of n members costs O(n), not O(n²) (a 1 MiB body of 90,000 names must not stall a server).
            var names: Set<String>?
            skipWhitespace()
            if i < b.count, b[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw error("a member name in quotes is expected") }
                let keyOffset = i
                let key = try parseString()
                if options.rejectDuplicateMembers, Self.isDuplicate(key, in: members, names: &names) {
                    i = keyOffset
                    throw error("duplicate member \"\(key.prefix(64))\"")
                }
                skipWhitespace()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw error("':' is expected after a member name") }
                i += 1
                skipWhitespace()
                let value = try parseValue(depth: depth + 1)
                members.append((key, value))
                skipWhitespace()
                guard i < b.count else { throw error("unexpected end of input in an object") }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if b[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(members)
                }
                throw error("',' or '}' is expected in an object")
            }
        case UInt8(ascii: "["):
            i += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if i < b.count, b[i] == UInt8(ascii: "]") {
                i += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard i < b.count else { throw error("unexpected end of input in an array") }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if b[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(elements)
                }
                throw error("',' or ']' is expected in an array")
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error("unexpected character: a value is expected")
        }
    }

    /// Whether `key` is already a member; switches from a scan to `names` at 16 members.
    static func isDuplicate(
        _ key: String, in members: [(key: String, value: JSONValue)], names: inout Set<String>?
    ) -> Bool {
        if names == nil, members.count < 16 { return members.contains { $0.key == key } }
        var set = names ?? Set(members.map(\.key))
        names = nil  // keeps `set` uniquely referenced, so the insert does not copy it
        let inserted = set.insert(key).inserted
        names = set
        return !inserted
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        let matches =
            i + count <= b.count
            && word.withUTF8Buffer { w in w.indices.allSatisfy { b[i + $0] == w[$0] } }
        guard matches else { throw error("invalid literal") }
        i += count
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
        guard i > digitsStart else { throw error("a digit is expected") }
        if b[digitsStart] == UInt8(ascii: "0"), i - digitsStart > 1 { throw error("leading zeros are not allowed") }
        var isInteger = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            let f = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > f else { throw error("a digit is expected after '.'") }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            let e = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > e else { throw error("a digit is expected in the exponent") }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        if isInteger, let v = Int(text) { return .integer(v) }
        guard let d = Double(text) else { throw error("invalid number") }
        if !d.isFinite { return .number(d < 0 ? -.greatestFiniteMagnitude : .greatestFiniteMagnitude) }
        return .number(d)
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let opening = i
        i += 1  // opening quote
        var runStart = i
        var out: [UInt8] = []
        var escaped = false
        while true {
            guard i < b.count else { throw error("unterminated string") }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                if !escaped {  // the common case: no escapes, one copy
                    let string = String(validating: b[runStart..<i], as: UTF8.self)
                    i += 1
                    guard let string else {
                        i = opening
                        throw error("a string is not valid UTF-8")
                    }
                    return string
                }
                out.append(contentsOf: b[runStart..<i])
                i += 1
                break
            }
            if c < 0x20 { throw error("control character in a string") }
            if c == UInt8(ascii: "\\") {
                escaped = true
                out.append(contentsOf: b[runStart..<i])
                i += 1
                guard i < b.count else { throw error("unterminated escape") }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate in a \\u escape")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("unpaired surrogate in a \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid unicode escape") }
                    out.append(contentsOf: String(Character(u)).utf8)
                default:
                    throw error("invalid escape")
                }
                runStart = i
                continue
            }
            i += 1
        }
        guard let string = String(validating: out, as: UTF8.self) else {
            i = opening
            throw error("a string is not valid UTF-8")
        }
        return string
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= b.count else { throw error("a 4-digit hex escape is expected") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}

/// Writing JSON text.
public enum JSONText {
    /// `s` as a quoted JSON string.
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        write(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a quoted JSON string.
    public static func write(_ s: String, to out: inout String) {
        out += quoted(s)
    }

    /// Appends `s` as a quoted JSON string in UTF-8: `"` and `\` escaped, control characters as `\n`, `\r`,
    /// `\t` or `\u001f`; everything else (multi-byte characters included) as it is.
    public static func write(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (ids, names) need no escape: one scan, then one copy.
        let plain =
            s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    return false
                }
                out.append(contentsOf: bytes)
                return true
            } ?? false
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends ASCII text (keys, literals, numbers already formatted) as it is.
    @inline(__always)
    public static func raw(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends an integer in decimal.
    @inline(__always)
    public static func write(_ value: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }
}

extension JSONValue {
    /// Compact JSON text of this value; members keep their order, non-finite numbers are written `null`.
    public var jsonText: String {
        var writer = JSONWriter(capacity: 128)
        write(to: &writer)
        return writer.text
    }
}

extension JSONValue {
    /// A member's value of an object already validated against a schema (nil when absent or null).
    public func member(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key {
            if case .null = member.value { return nil }
            return member.value
        }
        return nil
    }

    /// The string value, if this is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer value of a number with no fraction.
    public var intValue: Int? { exactInteger }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}
