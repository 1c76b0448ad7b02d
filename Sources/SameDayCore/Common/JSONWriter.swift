// The one way SameDay writes JSON: straight into UTF-8 bytes, member by member, with commas placed for the caller.
//
// Every answer of the HTTP API, every JSON line the CLI prints and the OpenAPI document are written through this
// type (or `JSONText`, its escaping primitive), so the escaping rules live in one place and a hot route (the
// promise) pays for no intermediate tree or `String`.

/// Writes compact JSON text into a byte buffer.
///
/// Containers are opened and closed explicitly; `JSONWriter` keeps track of whether a comma is due, so callers
/// never write one. Nesting is limited to 64 levels (a bit per level): deeper nesting is a programmer error.
public struct JSONWriter: Sendable {
    /// The UTF-8 text written so far.
    public private(set) var bytes: [UInt8]
    /// Bit `d` set: the container at depth `d` already has an element (a comma is due before the next).
    private var hasElement: UInt64 = 0
    private var depth = 0
    /// A member name was just written: the next value follows its colon without a comma.
    private var afterKey = false

    /// - Parameter capacity: bytes to reserve up front.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far, as a `String`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Containers

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        push()
    }

    public mutating func endObject() {
        pop()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        push()
    }

    public mutating func endArray() {
        pop()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a member name; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        JSONText.write(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes a member name known at compile time (ASCII, nothing to escape).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        JSONText.raw(name, to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterKey = true
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        separate()
        JSONText.write(value, to: &bytes)
    }

    public mutating func int(_ value: Int) {
        separate()
        JSONText.write(value, to: &bytes)
    }

    /// A finite number as Swift prints it (shortest round-trip form); a non-finite one as `null`.
    public mutating func double(_ value: Double) {
        separate()
        if value.isFinite {
            bytes.append(contentsOf: "\(value)".utf8)
        } else {
            JSONText.raw("null", to: &bytes)
        }
    }

    public mutating func bool(_ value: Bool) {
        separate()
        if value { JSONText.raw("true", to: &bytes) } else { JSONText.raw("false", to: &bytes) }
    }

    public mutating func null() {
        separate()
        JSONText.raw("null", to: &bytes)
    }

    /// Writes text that is already one complete JSON value (e.g. a stored document), as it is.
    public mutating func rawValue(_ json: some Collection<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// Writes a value with a custom writer (an instant on some clock, say) that appends exactly one JSON value.
    public mutating func value(_ write: (inout [UInt8]) -> Void) {
        separate()
        write(&bytes)
    }

    // MARK: Members

    public mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    public mutating func member(_ name: StaticString, _ value: Double) {
        key(name)
        double(value)
    }

    /// The member with `null` when `value` is nil.
    public mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    /// The member with `null` when `value` is nil.
    public mutating func member(_ name: StaticString, _ value: Int?) {
        key(name)
        if let value { int(value) } else { null() }
    }

    /// An array member whose elements `write` writes, one call per element.
    public mutating func array<C: Collection>(
        _ name: StaticString, _ elements: C, _ write: (inout JSONWriter, C.Element) -> Void
    ) {
        key(name)
        beginArray()
        for element in elements { write(&self, element) }
        endArray()
    }

    // MARK: Commas

    @inline(__always)
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if hasElement & bit != 0 { bytes.append(UInt8(ascii: ",")) } else { hasElement |= bit }
    }

    private mutating func push() {
        precondition(depth < 64, "JSONWriter nests at most 64 levels")
        depth += 1
        hasElement &= ~(1 << UInt64(depth - 1))
    }

    private mutating func pop() {
        precondition(depth > 0, "JSONWriter: a container was closed that was not open")
        depth -= 1
    }
}

extension JSONValue {
    /// Writes this value through `writer`; members keep their order, non-finite numbers are written `null`.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let b): writer.bool(b)
        case .integer(let i): writer.int(i)
        case .number(let d): writer.double(d)
        case .string(let s): writer.string(s)
        case .array(let elements):
            writer.beginArray()
            for element in elements { element.write(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.key)
                member.value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}

extension JSONValue {
    /// JSON text indented by two spaces per level, one member or element per line, ending with a newline: for
    /// files people read and diff (docs/openapi.json).
    public var prettyText: String {
        var out: [UInt8] = []
        writePretty(to: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    private func writePretty(to out: inout [UInt8], indent: Int) {
        func newline(_ level: Int) {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }
        switch self {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                element.writePretty(to: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                JSONText.write(member.key, to: &out)
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                member.value.writePretty(to: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        default:
            var writer = JSONWriter(capacity: 32)
            write(to: &writer)
            out.append(contentsOf: writer.bytes)
        }
    }
}
