// Builds JSON objects whose members may be pre-rendered JSON text (e.g. `Promise.json()`).

import SameDayCore

/// Builds a JSON object member by member; values are `JSON` values or JSON text rendered elsewhere.
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
        JSONText.write(key, to: &text)
        text += ":"
        text += json
    }

    func build() -> String { text + "}" }
}
