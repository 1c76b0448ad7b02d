// A CSV file fed in pieces parses to the records, lines and columns of the whole file at once.

import SameDayCore
import Testing

@Suite struct CSVStreamTests {
    static let text =
        "\u{FEFF}sku,name,price\r\n"
        + "A1,\"Paper towels, 6 rolls\",899\r\n"
        + "\n"
        + "B7,\"A \"\"quoted\"\" name\nover two lines\",999\n"
        + "C3,plain,12"

    static func streamed(_ bytes: [UInt8], chunk: Int) throws -> [CSVRecord] {
        var stream = CSVStream(file: "f.csv")
        var records: [CSVRecord] = []
        var start = 0
        while start < bytes.count {
            records += try stream.feed(bytes[start..<min(start + chunk, bytes.count)])
            start += chunk
        }
        return records + (try stream.finish())
    }

    @Test(arguments: [1, 2, 3, 5, 7, 16, 1000]) func anyChunkSizeGivesTheWholeFilesRecords(chunk: Int) throws {
        let bytes = Array(Self.text.utf8)
        let whole = try CSV.parse(bytes, file: "f.csv")
        let pieces = try Self.streamed(bytes, chunk: chunk)
        #expect(pieces.map(\.fields) == whole.map(\.fields))
        #expect(pieces.map(\.line) == whole.map(\.line))
        #expect(pieces.map(\.columns) == whole.map(\.columns))
        #expect(pieces.map(\.line) == [1, 2, 4, 6])
        #expect(pieces[0].fields == ["sku", "name", "price"])
    }

    @Test func anUnterminatedQuoteIsReportedWhereItOpens() throws {
        let bytes = Array("sku,name\nA1,ok\nB2,\"never closed\n".utf8)
        #expect(throws: LoadError([LoadIssue(file: "f.csv", line: 3, column: 4, message: "unterminated quoted field")]))
        {
            _ = try Self.streamed(bytes, chunk: 4)
        }
    }
}
