// Reading and writing spec/pack.md's files: every bad field named by its JSON path, all of them at once.

import Foundation
import SameDayCore
import Testing

@Suite struct PackingFormatTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func aContainerCatalogReadsWithDefaults() throws {
        let boxes = try PackingFormat.containers(
            from: bytes(
                #"[{"id": "S1", "kind": "box", "lengthMm": 230, "widthMm": 300, "heightMm": 240, "maxLoadG": 15000, "emptyWeightG": 160, "costCents": 45}, {"id": "M1", "kind": "mailer", "lengthMm": 250, "widthMm": 200, "heightMm": 40, "maxLoadG": 2000, "emptyWeightG": 20}]"#
            ), file: "boxes.json")
        #expect(boxes.count == 2)
        #expect(boxes[0] == Container(id: "S1", kind: .box, lengthMm: 230, widthMm: 300, heightMm: 240, maxLoadG: 15000, emptyWeightG: 160, costCents: 45))
        #expect(boxes[1].costCents == 0)
        #expect(boxes[1].kind == .mailer)
    }

    @Test func everyBadContainerFieldIsReportedWithItsPath() {
        #expect(
            throws: LoadError([
                LoadIssue(file: "b.json", location: "[0].kind", message: #"must be one of box, mailer, insulated (got "crate")"#),
                LoadIssue(file: "b.json", location: "[0].lengthMm", message: "must be an integer ≥ 1 and ≤ 10000 (got 0)"),
                LoadIssue(file: "b.json", location: "[1].maxLoadG", message: "is required (an integer ≥ 0)"),
                LoadIssue(file: "b.json", location: "[2].id", message: #""A" repeats the id of [0]"#),
            ])
        ) {
            try PackingFormat.containers(
                from: bytes(
                    #"[{"id":"A","kind":"crate","lengthMm":0,"widthMm":1,"heightMm":1,"maxLoadG":1},"#
                        + #"{"id":"B","lengthMm":1,"widthMm":1,"heightMm":1},"#
                        + #"{"id":"A","lengthMm":1,"widthMm":1,"heightMm":1,"maxLoadG":1}]"#), file: "b.json")
        }
    }

    @Test func itemsReadWithDefaultFlagsAndAmbientTemperature() throws {
        let items = try PackingFormat.items(
            from: bytes(#"[{"sku": "A1", "lengthMm": 210, "widthMm": 297, "heightMm": 8, "weightG": 300, "qty": 9}]"#),
            file: "i.json")
        #expect(items == [Item(sku: "A1", lengthMm: 210, widthMm: 297, heightMm: 8, weightG: 300, qty: 9)])
    }

    @Test func allFlagsAndTemperaturesRead() throws {
        let items = try PackingFormat.items(
            from: bytes(
                #"[{"sku":"F","lengthMm":1,"widthMm":2,"heightMm":3,"weightG":0,"upright":true,"fragile":true,"ownContainer":true,"temperature":"frozen","hazmat":true,"note":"extra fields are allowed"}]"#
            ), file: "i.json")
        #expect(
            items == [
                Item(
                    sku: "F", lengthMm: 1, widthMm: 2, heightMm: 3, weightG: 0, upright: true, fragile: true,
                    ownContainer: true, temperature: .frozen, hazmat: true)
            ])
    }

    @Test(arguments: [
        (#"[{"sku":"A","lengthMm":1,"widthMm":1,"heightMm":1,"weightG":-1}]"#, "[0].weightG", "must be an integer ≥ 0 and ≤ 1000000000 (got -1)"),
        (#"[{"sku":"A","lengthMm":1,"widthMm":1,"heightMm":1,"weightG":1,"qty":0}]"#, "[0].qty", "must be an integer ≥ 1 and ≤ 100000 (got 0)"),
        (#"[{"sku":"A","lengthMm":1.5,"widthMm":1,"heightMm":1,"weightG":1}]"#, "[0].lengthMm", "must be an integer ≥ 1 and ≤ 10000 (got 1.5)"),
        (#"[{"sku":"A","lengthMm":"5","widthMm":1,"heightMm":1,"weightG":1}]"#, "[0].lengthMm", #"must be an integer ≥ 1 and ≤ 10000 (got "5")"#),
        (#"[{"sku":"A","lengthMm":1,"widthMm":1,"heightMm":1,"weightG":1,"temperature":"warm"}]"#, "[0].temperature", #"must be one of ambient, chilled, frozen (got "warm")"#),
        (#"[{"sku":"A","lengthMm":1,"widthMm":1,"heightMm":1,"weightG":1,"fragile":"yes"}]"#, "[0].fragile", "must be true or false, not a string"),
        (#"[{"sku":"A B","lengthMm":1,"widthMm":1,"heightMm":1,"weightG":1}]"#, "[0].sku", #""A B" must match [A-Za-z0-9._-]{1,64}"#),
        (#"[{"lengthMm":1,"widthMm":1,"heightMm":1,"weightG":1}]"#, "[0].sku", "is required"),
        (#"[7]"#, "[0]", "must be an object, not a number"),
        (#"{"sku":"A"}"#, "", "must be a JSON array of items, not an object"),
    ])
    func aBadItemFieldIsNamedByItsPath(json: String, path: String, message: String) {
        #expect(throws: LoadError([LoadIssue(file: "i.json", location: path, message: message)])) {
            try PackingFormat.items(from: bytes(json), file: "i.json")
        }
    }

    @Test func allProblemsAreReportedNotJustTheFirst() throws {
        do {
            _ = try PackingFormat.items(
                from: bytes(#"[{"sku":"A","lengthMm":0,"widthMm":0,"heightMm":1,"weightG":1},{"sku":"B","lengthMm":1,"widthMm":1,"heightMm":1}]"#),
                file: "i.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.map(\.location) == ["[0].lengthMm", "[0].widthMm", "[1].weightG"])
        }
    }

    @Test func malformedJSONNamesLineAndColumn() {
        #expect(throws: LoadError([LoadIssue(file: "i.json", location: "2:3", message: "unexpected character: a value is expected")])) {
            try PackingFormat.items(from: bytes("[1,\n  ]"), file: "i.json")
        }
    }

    @Test func repeatedIdenticalLinesMergeAndConflictingOnesAreAnError() throws {
        let line = #"{"sku":"A","lengthMm":1,"widthMm":2,"heightMm":3,"weightG":4,"qty":2}"#
        let merged = try PackingFormat.items(from: bytes("[\(line),\(line)]"), file: "i.json")
        #expect(merged.map(\.qty) == [4])
        #expect(throws: LoadError.self) {
            try PackingFormat.items(
                from: bytes("[\(line),{\"sku\":\"A\",\"lengthMm\":9,\"widthMm\":2,\"heightMm\":3,\"weightG\":4}]"),
                file: "i.json")
        }
    }

    @Test func ordersAreReadPerLineAndABadLineDoesNotStopTheOthers() throws {
        let text = """
            {"id": "o1", "items": [{"sku":"A","lengthMm":1,"widthMm":2,"heightMm":3,"weightG":4}]}

            {"id": "o2", "items": [{"sku":"A","lengthMm":0,"widthMm":2,"heightMm":3,"weightG":4}]}
            not json
            {"id": "o4", "items": []}
            """
        let orders = PackingFormat.orders(from: bytes(text), file: "o.jsonl")
        #expect(orders.map(\.id) == ["o1", "o2", nil, "o4"])
        #expect((try? orders[0].items.get())?.count == 1)
        guard case .failure(let e) = orders[1].items else {
            Issue.record("order o2 should fail")
            return
        }
        #expect(e.issues.first?.location == "line 3.items[0].lengthMm")
        #expect((try? orders[3].items.get()) == [])
    }

    @Test func theOutputHasTheSpecsShape() throws {
        let box = Container(id: "S1", lengthMm: 300, widthMm: 300, heightMm: 300, maxLoadG: 1000, emptyWeightG: 160)
        let packing = Packing(
            containers: [
                PackedContainer(
                    container: box, weightG: 460,
                    placements: [Placement(sku: "A1", x: 0, y: 0, z: 0, lengthMm: 297, widthMm: 210, heightMm: 8)])
            ], lowerBound: 1)
        #expect(
            PackingFormat.json(packing)
                == #"{"containers":[{"box":"S1","weightG":460,"placements":[{"sku":"A1","x":0,"y":0,"z":0,"lengthMm":297,"widthMm":210,"heightMm":8}]}],"lowerBound":1}"#
        )
        #expect(PackingFormat.json(packing, id: "o\"1").hasPrefix(#"{"id":"o\"1","containers":"#))
        #expect(PackingFormat.errorJSON(id: nil, message: "bad") == #"{"id":null,"error":"bad"}"#)
    }

    @Test func jsonTextRoundTripsThroughTheReader() throws {
        let value = try JSONValue.parse(bytes(#"{"a":[1,-2.5e3,true,null,"x\u00e9\n"],"b":{}}"#))
        #expect(value["a"] == .array([.integer(1), .number(-2500), .bool(true), .null, .string("xé\n")]))
        #expect(value["b"] == .object([]))
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(bytes("[01]")) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(bytes("[1,]")) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(bytes("")) }
    }

    @Test func theBundledCatalogIsValidAndLargeEnough() throws {
        // The catalog under Data/ is read as the CLI reads it.
        let here = #filePath
        let root = here.components(separatedBy: "/Tests/")[0]
        let catalog = try PackingFormat.containers(
            from: [UInt8](try #require(FileManager.default.contents(atPath: root + "/Data/boxes.json"))), file: "boxes.json")
        #expect(catalog.count >= 15)
        #expect(catalog.contains { $0.kind == .mailer })
        #expect(catalog.filter { $0.kind == .insulated }.count >= 2)
    }
}
