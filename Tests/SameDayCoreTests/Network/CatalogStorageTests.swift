// The catalog's columnar storage: every SKU found at its index however the table grew, ids of every length,
// first index kept for a repeated SKU, sellers shared, and text offsets past their 32-bit width.

import Testing

@testable import SameDayCore

@Suite struct CatalogStorageTests {
    static let idBytes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-".utf8)

    /// `count` distinct SKU ids of 1 to 64 characters (every length, and many sharing long prefixes).
    static func ids(_ count: Int, seed: UInt64) -> [String] {
        var rng = SeededGenerator(seed: seed)
        var seen = Set<String>()
        var ids: [String] = []
        while ids.count < count {
            let length = ids.count < 64 ? ids.count + 1 : rng.int(in: 1...64)
            let prefix = rng.int(in: 0...1) == 0 ? "SKU-0000000000000000000000" : ""
            var bytes = Array(prefix.utf8.prefix(length))
            while bytes.count < length { bytes.append(idBytes[rng.int(in: 0...(idBytes.count - 1))]) }
            let id = String(decoding: bytes, as: UTF8.self)
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    static func item(_ id: String, _ n: Int, seller: String? = nil) -> CatalogItem {
        CatalogItem(
            sku: SKU(id), name: n % 7 == 0 ? "" : "Item \(n) — \(id)", lengthMm: 1 + n % 900, widthMm: 2 + n % 50,
            heightMm: 3 + n % 11, weightG: n % 5000, priceCents: n * 13 % 100_000,
            temperature: Temperature.allCases[n % 3], seller: seller)
    }

    @Test(arguments: [0, 1, 40_000])
    func everySKUIsFoundAtItsIndexWhateverTheTableStartedAt(capacity: Int) {
        let ids = Self.ids(40_000, seed: 7)
        let items = ids.enumerated().map { Self.item($1, $0) }
        var catalog = Catalog(minimumCapacity: capacity)
        for item in items { catalog.append(item) }
        #expect(catalog.count == items.count)
        #expect(catalog == Catalog(items: items))
        var wrong = 0
        for (i, id) in ids.enumerated() {
            if catalog.index(of: SKU(id)) != i || catalog.sku(at: i) != SKU(id) || catalog.item(at: i) != items[i] {
                wrong += 1
            }
        }
        #expect(wrong == 0)
        #expect(Array(catalog.items) == items)
        #expect(catalog.temperatures == items.map(\.temperature))
    }

    @Test func roomReservedPartWayKeepsEveryItemAndIndex() {
        let ids = Self.ids(20_000, seed: 5)
        let items = ids.enumerated().map { Self.item($1, $0) } + [Self.item(ids[3], 99)]
        var catalog = Catalog(minimumCapacity: 10)
        for (n, item) in items.enumerated() {
            if n == 500 { catalog.reserveCapacity(items.count) }
            catalog.append(item)
        }
        #expect(catalog == Catalog(items: items))
        #expect(ids.enumerated().allSatisfy { catalog.index(of: SKU($1)) == $0 })
        #expect(catalog.item(SKU(ids[3])) == items[3])
    }

    @Test func idsTheCatalogDoesNotHoldAreNotFound() {
        let ids = Self.ids(5_000, seed: 11)
        let catalog = Catalog(items: ids.prefix(4_000).enumerated().map { Self.item($1, $0) })
        let absent = ids.suffix(1_000).filter { catalog.index(of: SKU($0)) != nil }
        #expect(absent.isEmpty)
        // One byte more and one byte less than each held id, where that is not held too.
        let held = Set(ids.prefix(4_000))
        let near = held.flatMap { [$0 + "x", String($0.dropLast())] }.filter { !held.contains($0) }
        #expect(near.filter { catalog.index(of: SKU($0)) != nil }.isEmpty)
        #expect(catalog.index(of: SKU("")) == nil)
        #expect(Catalog(items: []).index(of: "A1") == nil)
        #expect(Catalog(items: []).count == 0)
    }

    @Test func aRepeatedSKUKeepsItsFirstIndex() {
        let catalog = Catalog(items: [Self.item("A1", 1), Self.item("B2", 2), Self.item("A1", 3)])
        #expect(catalog.count == 3)
        #expect(catalog.index(of: "A1") == 0)
        #expect(catalog.item("A1") == Self.item("A1", 1))
        #expect(catalog.item(at: 2) == Self.item("A1", 3))
    }

    @Test func sellersAreKeptPerItem() {
        let catalog = Catalog(items: [
            Self.item("A1", 1, seller: "acme"), Self.item("B2", 2), Self.item("C3", 3, seller: "zed"),
            Self.item("D4", 4, seller: "acme"),
        ])
        #expect((0..<4).map { catalog.seller(at: $0) } == ["acme", nil, "zed", "acme"])
        #expect(catalog.item("D4")?.seller == "acme")
    }

    @Test func theLargestValuesAreKept() {
        let big = Catalog.maximumValue
        let item = CatalogItem(
            sku: "A1", name: "n", lengthMm: big, widthMm: big, heightMm: big, weightG: big, priceCents: big,
            temperature: .frozen)
        #expect(Catalog(items: [item]).item("A1") == item)
        #expect(Catalog(items: [item]).priceCents(at: 0) == big)
    }

    /// With 4-bit offsets the buffer wraps every 16 bytes: strings across one wrap, several wraps, and none.
    @Test func textOffsetsWrapPastTheirWidth() {
        let strings =
            ["", "abc", "0123456789abcdef", "x", "a string of forty bytes, give or take...", "", "yz"]
            + (0..<200).map { "s\($0)" }
        var column = TextColumn(wrapBits: 4)
        var index = TextIndex()
        for (i, s) in strings.enumerated() {
            column.append(s)
            _ = index.insert(i, of: column)
        }
        #expect((0..<strings.count).map { column.string($0) } == strings)
        for (i, s) in strings.enumerated() where !s.isEmpty {
            var s = s
            #expect(s.withUTF8 { index.find(UnsafeRawBufferPointer($0), in: column) } == i)
        }
        var empty = ""
        #expect(empty.withUTF8 { index.find(UnsafeRawBufferPointer($0), in: column) } == 0)
    }

    @Test func theHashReadsEveryByte() {
        // Ids that differ only in their last byte, at every length up to 64: no two hash alike.
        var hashes = Set<UInt64>()
        for length in 1...64 {
            for last in Self.idBytes {
                var bytes = Array(repeating: UInt8(ascii: "A"), count: length - 1)
                bytes.append(last)
                hashes.insert(bytes.withUnsafeBytes { TextIndex.hash($0) })
            }
        }
        #expect(hashes.count == 64 * Self.idBytes.count)
    }
}
