// Request bodies are read by Core's one JSON reader (`JSONValue`, with `JSONParseOptions.requestBody`) and
// then validated field by field (`FieldValidator`), so every problem is reported with its path
// (`lines[2].qty`) instead of a synthesized Codable's vague "data corrupted".

import SameDayCore

/// A parsed JSON value (Core's `JSONValue`).
typealias JSON = JSONValue

extension JSONValue {
    /// The JSON type name used in API error messages; unlike `typeName` it tells integers from other numbers,
    /// because a field that wants a whole number should say what it got.
    var typeDescription: String {
        switch self {
        case .integer: "an integer"
        case .number: "a number"
        default: typeName
        }
    }
}
