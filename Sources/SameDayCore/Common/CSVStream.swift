// CSV read piece by piece: a file too large to hold in memory (a catalog of ten million SKUs) is fed in chunks and
// parsed with the same rules, lines and columns as `CSV.parse`. Core still takes bytes; the caller reads the file.

/// A CSV parser fed a file's bytes in chunks of any size.
///
/// A record is parsed once the line end that closes it has arrived (a quoted field may span lines and chunks), so
/// every record, line and column is the one `CSV.parse` gives for the whole file. Memory: the chunk and at most
/// one unfinished record.
public struct CSVStream: Sendable {
    /// The file's name as the user gave it, for error messages.
    public let file: String
    /// Bytes received and not yet parsed: they start at a record's start, on line `nextLine`.
    private var pending: [UInt8] = []
    private var nextLine = 1
    /// How far `pending` has been scanned for record ends, and whether that point is inside a quoted field.
    private var scanned = 0
    private var inQuotes = false

    public init(file: String) { self.file = file }

    /// The records that `chunk` completes, in file order.
    /// - Throws: `LoadError` (one issue) for an unterminated quote or text after a closing quote.
    public mutating func feed(_ chunk: some Collection<UInt8>) throws(LoadError) -> [CSVRecord] {
        pending.append(contentsOf: chunk)
        // The last line feed outside quotes ends the complete records; a doubled quote toggles twice.
        var end = 0
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n")
        pending.withUnsafeBufferPointer { bytes in
            var i = scanned
            while i < bytes.count {
                let b = bytes[i]
                if b == quote {
                    inQuotes.toggle()
                } else if b == lf, !inQuotes {
                    end = i + 1
                }
                i += 1
            }
        }
        scanned = pending.count
        guard end > 0 else { return [] }
        let complete = Array(pending[..<end])
        pending.removeSubrange(..<end)
        scanned -= end
        return try parse(complete)
    }

    /// The records left when the file has ended (a last record without a line end).
    /// - Throws: `LoadError` as `feed` does, for an unterminated quote at the end of the file.
    public mutating func finish() throws(LoadError) -> [CSVRecord] {
        let rest = pending
        pending = []
        scanned = 0
        return try parse(rest)
    }

    private mutating func parse(_ bytes: [UInt8]) throws(LoadError) -> [CSVRecord] {
        let parsed = try CSV.records(bytes, file: file, firstLine: nextLine)
        nextLine = parsed.nextLine
        return parsed.records
    }
}
