// Accessors the file loaders use on `JSONValue` (the shared JSON reader in JSONValue.swift).

extension JSONValue {
    /// Parses one JSON document, reporting malformed text as `file:line:column`.
    /// - Throws: `LoadError` with one issue at the first syntax error.
    public static func parse(_ bytes: some Collection<UInt8>, file: String) throws(LoadError) -> JSONValue {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw LoadError([LoadIssue(file: file, line: error.line, column: error.column, message: "malformed JSON: \(error.message)")])
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
}
