// An RFC 4180 CSV reader that knows the line and column of every field.

/// One parsed CSV record with the position of each field.
public struct CSVRecord: Sendable {
    /// The fields' text, unquoted.
    public var fields: [String]
    /// The 1-based line on which the record starts.
    public var line: Int
    /// The 1-based column (in bytes) at which each field starts.
    public var columns: [Int]
}

/// Parses CSV text per RFC 4180: comma-separated, `"` quoting with `""` as an escaped quote,
/// CRLF or LF line ends, a quoted field may span lines. Blank lines are skipped.
public enum CSV {
    /// - Throws: `LoadError` for an unterminated quote or text after a closing quote.
    public static func parse(_ bytes: some Collection<UInt8>, file: String) throws(LoadError) -> [CSVRecord] {
        try records(Array(bytes), file: file, firstLine: 1).records
    }

    /// The records of `data`, whose first byte is on line `firstLine` (a BOM is skipped only on line 1), and the
    /// line after the last one: `CSVStream` parses a file piece by piece with it.
    static func records(
        _ data: [UInt8], file: String, firstLine: Int
    ) throws(LoadError) -> (records: [CSVRecord], nextLine: Int) {
        var records: [CSVRecord] = []
        var i = 0
        var line = firstLine
        var lineStart = 0
        // Skip a UTF-8 byte-order mark.
        if firstLine == 1, data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF {
            i = 3
            lineStart = 3
        }
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        while i < data.count {
            var fields: [String] = []
            var columns: [Int] = []
            let recordLine = line
            // Blank line?
            if data[i] == lf || (data[i] == cr && i + 1 < data.count && data[i + 1] == lf) {
                i += data[i] == lf ? 1 : 2
                line += 1
                lineStart = i
                continue
            }
            while true {
                columns.append(i - lineStart + 1)
                if i < data.count, data[i] == quote {
                    let openLine = line
                    let openColumn = i - lineStart + 1
                    i += 1
                    var field: [UInt8] = []
                    var closed = false
                    while i < data.count {
                        let b = data[i]
                        if b == quote {
                            if i + 1 < data.count, data[i + 1] == quote {
                                field.append(quote)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if b == lf {
                            line += 1
                            lineStart = i + 1
                        }
                        field.append(b)
                        i += 1
                    }
                    guard closed else {
                        throw LoadError([
                            LoadIssue(
                                file: file, line: openLine, column: openColumn, message: "unterminated quoted field")
                        ])
                    }
                    if i < data.count, data[i] != comma, data[i] != lf, data[i] != cr {
                        throw LoadError([
                            LoadIssue(
                                file: file, line: line, column: i - lineStart + 1,
                                message: "unexpected character after a closing quote")
                        ])
                    }
                    fields.append(String(decoding: field, as: UTF8.self))
                } else {
                    let start = i
                    while i < data.count, data[i] != comma, data[i] != lf, data[i] != cr { i += 1 }
                    fields.append(String(decoding: data[start..<i], as: UTF8.self))
                }
                if i < data.count, data[i] == comma {
                    i += 1
                    continue
                }
                // End of record.
                if i < data.count, data[i] == cr { i += 1 }
                if i < data.count, data[i] == lf { i += 1 }
                line += 1
                lineStart = i
                break
            }
            records.append(CSVRecord(fields: fields, line: recordLine, columns: columns))
        }
        return (records, line)
    }
}

/// A CSV file read against a header: finds required columns by name and reports missing ones.
public struct CSVTable: Sendable {
    public let file: String
    public let header: [String]
    public let rows: [CSVRecord]

    /// Parses `bytes` and checks that the header names every column in `required`.
    /// - Throws: `LoadError` naming each missing column, or an empty file.
    public init(_ bytes: some Collection<UInt8>, file: String, required: [String]) throws(LoadError) {
        let records = try CSV.parse(bytes, file: file)
        self.file = file
        self.header = try Self.header(records.first, file: file, required: required)
        self.rows = Array(records.dropFirst())
    }

    /// The header's column names, trimmed.
    /// - Throws: `LoadError` naming each column of `required` it lacks, or an empty file when there is no header.
    public static func header(_ first: CSVRecord?, file: String, required: [String]) throws(LoadError) -> [String] {
        guard let first else {
            throw LoadError([LoadIssue(file: file, line: 1, column: 1, message: "empty file: a header row is required")]
            )
        }
        let header = first.fields.map { $0.trimmingSpaces }
        let missing = required.filter { !header.contains($0) }
        if !missing.isEmpty {
            throw LoadError(
                missing.map {
                    LoadIssue(
                        file: file, line: first.line, column: 1,
                        message: "header lacks column '\($0)' (expected \(required.joined(separator: ",")))")
                })
        }
        return header
    }

    /// The index of column `name` in the header.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
