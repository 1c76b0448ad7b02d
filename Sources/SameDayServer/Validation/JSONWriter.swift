// Serializes `JSON` to compact JSON text, and embeds pre-rendered JSON.

extension JSON {
    /// Compact JSON text of this value. Members keep their order.
    public var jsonText: String {
        var out = ""
        out.reserveCapacity(128)
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "null"
        case .string(let s): JSON.writeString(s, to: &out)
        case .array(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                element.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                JSON.writeString(member.key, to: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Appends `s` as a JSON string literal.
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// Builds a JSON object whose members may be pre-rendered JSON text (e.g. `Promise.json()`).
struct JSONObjectBuilder {
    private var text = "{"
    private var first = true

    mutating func add(_ key: String, _ value: JSON) {
        addRaw(key, value.jsonText)
    }

    mutating func add(_ key: String, _ value: String?) {
        add(key, value.map(JSON.string) ?? .null)
    }

    mutating func add(_ key: String, _ value: Int) {
        addRaw(key, String(value))
    }

    /// Adds a member whose value is already JSON text.
    mutating func addRaw(_ key: String, _ json: String) {
        if !first { text += "," }
        first = false
        JSON.writeString(key, to: &text)
        text += ":"
        text += json
    }

    func build() -> String { text + "}" }
}
