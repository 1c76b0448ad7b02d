// The inventory loader: stock only at known shipping nodes, of known SKUs, at nodes handling the SKU's
// temperature, `available` a whole number >= 0, each at its line:column and all reported together.
//
// Against the tiny network (SEA1 ambient+chilled, SEA-NOW1 ambient, DSE2 a station) and the test catalog
// (A1 ambient, M1 chilled, F1 frozen, ...).

import SameDayCore
import SameDayTestSupport
import Testing

/// The issues of loading `rows` (after the header) as an inventory, or none when it loads.
func inventoryIssues(_ rows: String) throws -> [LoadIssue] {
    let network = try PromiseFixtures.tinyNetwork()
    let catalog = try PromiseFixtures.catalog()
    do {
        _ = try Inventory.load(
            csv: Array(("node,sku,available\n" + rows).utf8), file: "inv.csv", network: network, catalog: catalog)
        return []
    } catch {
        return error.issues
    }
}

@Suite struct InventoryLoadingTests {
    @Test func validStockLoads() throws {
        let inventory = try Inventory.load(
            csv: Array("sku,available,node,extra\nA1,5,SEA1,x\nM1,0,SEA1,y\nA1,2,SEA-NOW1,z\n".utf8), file: "inv.csv",
            network: try PromiseFixtures.tinyNetwork(), catalog: try PromiseFixtures.catalog())
        #expect(
            inventory.entries == [
                StockEntry(node: "SEA1", sku: "A1", available: 5), StockEntry(node: "SEA1", sku: "M1", available: 0),
                StockEntry(node: "SEA-NOW1", sku: "A1", available: 2),
            ])
    }

    // Columns: node at 1; sku after "SEA1," at 6 (after "SEA-NOW1," at 10); available after "SEA1,A1," at 9.
    @Test(arguments: [
        ("XX1,A1,3", "2:1", "unknown node 'XX1'"),
        ("DSE2,A1,3", "2:1", "'DSE2' is a delivery-station: only shipping nodes hold stock"),
        ("SEA1,ZZ9,3", "2:6", "unknown sku 'ZZ9'"),
        ("SEA1,F1,3", "2:6", "sku 'F1' is frozen but node 'SEA1' does not handle it"),
        ("SEA-NOW1,M1,3", "2:10", "sku 'M1' is chilled but node 'SEA-NOW1' does not handle it"),
        ("SEA1,A1,-1", "2:9", "available -1 must be ≥ 0"),
        ("SEA1,A1,1.5", "2:9", "available '1.5' is not a whole number"),
        ("SEA1,A1,", "2:9", "available '' is not a whole number"),
    ])
    func eachBadRowIsReportedAtItsLineAndColumn(row: String, location: String, message: String) throws {
        let issues = try inventoryIssues(row + "\n")
        #expect(issues.map(\.location) == [location], "got \(issues.map(\.description))")
        #expect(issues.first?.message == message)
        #expect(issues.first?.file == "inv.csv")
    }

    @Test func aRepeatedNodeAndSkuNamesTheLineThatGaveIt() throws {
        let issues = try inventoryIssues("SEA1,A1,3\nSEA1,M1,1\nSEA1,A1,4\n")
        #expect(issues.map(\.description) == ["inv.csv:4:1: stock of 'A1' at 'SEA1' is already given on line 2"])
    }

    @Test func everyViolationIsReportedTogether() throws {
        let issues = try inventoryIssues("XX1,A1,3\nSEA1,A1,3\nDSE2,ZZ9,-2\nSEA1,F1,1\nSEA1,A1,3\n")
        #expect(issues.map(\.location) == ["2:1", "4:1", "4:6", "4:10", "5:6", "6:1"])
    }

    @Test func aHeaderLackingAColumnIsReported() throws {
        let error = #expect(throws: LoadError.self) {
            _ = try Inventory.load(
                csv: Array("node,sku\nSEA1,A1\n".utf8), file: "inv.csv", network: try PromiseFixtures.tinyNetwork(),
                catalog: try PromiseFixtures.catalog())
        }
        #expect(
            error?.issues.map(\.description) == [
                "inv.csv:1:1: header lacks column 'available' (expected node,sku,available)"
            ])
    }
}
