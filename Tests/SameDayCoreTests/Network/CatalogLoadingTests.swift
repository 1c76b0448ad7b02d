// The catalog loader: RFC 4180 names, extra columns, and one test per rule, each at its line:column, with
// every violation of a file reported together.

import SameDayCore
import SameDayTestSupport
import Testing

let catalogHeader = "sku,name,lengthMm,widthMm,heightMm,weightG,priceCents,temperature\n"

/// The issues of loading `text` as a catalog, or none when it loads.
func catalogIssues(_ text: String) -> [LoadIssue] {
    do {
        _ = try Catalog.load(csv: Array(text.utf8), file: "cat.csv")
        return []
    } catch {
        return error.issues
    }
}

@Suite struct CatalogLoadingTests {
    @Test func quotedNamesFollowRFC4180() throws {
        let text =
            catalogHeader
            + "A1,\"Paper towels, 6 rolls\",300,200,250,1200,899,ambient\r\n"
            + "A2,\"The \"\"best\"\" soap\",80,60,250,700,399,ambient\r\n"
            + "A3,\"Two\nlines\",1,1,1,0,0,frozen\n"
            + "A4,\"\",1,1,1,0,0,chilled\n"
        let catalog = try Catalog.load(csv: Array(text.utf8), file: "cat.csv")
        #expect(catalog.items.map(\.name) == ["Paper towels, 6 rolls", "The \"best\" soap", "Two\nlines", ""])
        #expect(catalog.items.map(\.temperature) == [.ambient, .ambient, .frozen, .chilled])
        let a1 = try #require(catalog.item("A1"))
        #expect(
            a1
                == CatalogItem(
                    sku: "A1", name: "Paper towels, 6 rolls", lengthMm: 300, widthMm: 200, heightMm: 250, weightG: 1200,
                    priceCents: 899, temperature: .ambient))
        #expect(catalog.index(of: "A3") == 2)
    }

    @Test func extraColumnsAreIgnoredAndColumnsAreFoundByName() throws {
        let text =
            "color,temperature,priceCents,weightG,heightMm,widthMm,lengthMm,name,sku,notes\n"
            + "red,chilled,449,3900,260,150,150,Milk,M1,\"a, b\"\n"
        let catalog = try Catalog.load(csv: Array(text.utf8), file: "cat.csv")
        #expect(
            Array(catalog.items) == [
                CatalogItem(
                    sku: "M1", name: "Milk", lengthMm: 150, widthMm: 150, heightMm: 260, weightG: 3900, priceCents: 449,
                    temperature: .chilled)
            ])
    }

    // Row 2 is line 2; a field's column is its first byte: in "A1,Towels,0,..." lengthMm starts at column 11.
    @Test(arguments: [
        ("A 1,Towels,300,200,250,1200,899,ambient", "2:1", "sku 'A 1' is not a valid id"),
        ("A1,Towels,0,200,250,1200,899,ambient", "2:11", "lengthMm 0 must be ≥ 1"),
        ("A1,Towels,300,0,250,1200,899,ambient", "2:15", "widthMm 0 must be ≥ 1"),
        ("A1,Towels,300,200,-5,1200,899,ambient", "2:19", "heightMm -5 must be ≥ 1"),
        ("A1,Towels,300,200,250,-1,899,ambient", "2:23", "weightG -1 must be ≥ 0"),
        ("A1,Towels,300,200,250,1200,8.99,ambient", "2:28", "priceCents '8.99' is not a whole number"),
        ("A1,Towels,300,200,250,1200,899,warm", "2:32", "temperature 'warm' must be ambient, chilled or frozen"),
        ("A1,Towels,300,200,250,1200,899,", "2:32", "temperature '' must be ambient, chilled or frozen"),
        ("A1,Towels,300", "2:11", "missing widthMm"),
        ("A1,Towels,2147483648,200,250,1200,899,ambient", "2:11", "lengthMm 2147483648 must be ≤ 2147483647"),
        ("A1,Towels,300,200,250,1200,2147483648,ambient", "2:28", "priceCents 2147483648 must be ≤ 2147483647"),
    ])
    func eachBadFieldIsReportedAtItsLineAndColumn(row: String, location: String, message: String) {
        let issues = catalogIssues(catalogHeader + row + "\n")
        let hit = issues.first { $0.location == location && $0.message.contains(message) }
        #expect(hit != nil, "got \(issues.map(\.description))")
    }

    @Test func theLargestStoredValuesLoad() throws {
        let text = catalogHeader + "A1,Big,2147483647,2147483647,2147483647,2147483647,2147483647,ambient\n"
        let item = try #require(try Catalog.load(csv: Array(text.utf8), file: "cat.csv").item("A1"))
        #expect(
            [item.lengthMm, item.widthMm, item.heightMm, item.weightG, item.priceCents]
                == Array(repeating: 2_147_483_647, count: 5))
    }

    @Test func aRepeatedSkuNamesTheLineThatDefinedIt() {
        let issues = catalogIssues(
            catalogHeader + "A1,x,1,1,1,0,0,ambient\nB1,y,1,1,1,0,0,ambient\nA1,z,1,1,1,0,0,ambient\n")
        #expect(issues.map(\.description) == ["cat.csv:4:1: sku 'A1' is already defined on line 2"])
    }

    // The quoted name spans lines 2-3, so the next record starts on line 4.
    @Test func linesCountInsideQuotedFields() {
        let issues = catalogIssues(catalogHeader + "A1,\"two\nlines\",1,1,1,0,0,ambient\nA2,x,0,1,1,0,0,ambient\n")
        #expect(issues.map(\.location) == ["4:6"])
    }

    @Test func everyViolationIsReportedTogether() {
        let issues = catalogIssues(
            catalogHeader
                + "A1,ok,1,1,1,0,0,ambient\n"
                + "A 2,bad,0,1,1,-1,0,warm\n"
                + "A3,ok,1,1,1,0,x,frozen\n"
                + "A1,dup,1,1,1,0,0,ambient\n")
        #expect(issues.map(\.location) == ["3:1", "3:9", "3:15", "3:20", "4:15", "5:1"])
    }

    @Test func aHeaderLackingColumnsNamesEachMissingOne() {
        let issues = catalogIssues("sku,name,lengthMm,widthMm,heightMm\nA1,x,1,1,1\n")
        #expect(issues.map(\.location) == ["1:1", "1:1", "1:1"])
        #expect(issues.map(\.message).allSatisfy { $0.hasPrefix("header lacks column") })
        #expect(
            issues.map(\.message).map {
                $0.contains("'weightG'") || $0.contains("'priceCents'") || $0.contains("'temperature'")
            } == [true, true, true])
    }

    @Test func anEmptyFileNeedsAHeader() {
        #expect(catalogIssues("").map(\.description) == ["cat.csv:1:1: empty file: a header row is required"])
    }

    // The quote opening the name is at line 2, column 4.
    @Test func anUnterminatedQuoteIsReportedWhereItOpens() {
        let issues = catalogIssues(catalogHeader + "A1,\"Paper towels,300,200,250,1200,899,ambient\n")
        #expect(issues.map(\.location) == ["2:4"])
        #expect(issues.first?.message == "unterminated quoted field")
    }

    // "Paper" closes at column 10; the stray x is column 11.
    @Test func textAfterAClosingQuoteIsReported() {
        let issues = catalogIssues(catalogHeader + "A1,\"Paper\"x,300,200,250,1200,899,ambient\n")
        #expect(issues.map(\.location) == ["2:11"])
        #expect(issues.first?.message == "unexpected character after a closing quote")
    }

    @Test func aByteOrderMarkAndBlankLinesAreAccepted() throws {
        let text = "\u{FEFF}" + catalogHeader + "\nA1,x,1,1,1,0,0,ambient\n\n"
        let catalog = try Catalog.load(csv: Array(text.utf8), file: "cat.csv")
        #expect(catalog.items.map(\.sku) == ["A1"])
    }
}
