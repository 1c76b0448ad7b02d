// A one-pass reader for the plainly valid eligibility body, `{"skus": ["A1", "B7", ...]}`: every SKU a well-formed
// id of the catalog, 1 to `Limits.maxEligibilitySKUs` of them, none twice. A product page asks on every view, and
// the general path (a JSON tree, the schema walked, then the references) cost more than the answer. Anything else —
// another key, an escape, an unknown or repeated SKU, too many — returns nil, and the general path reads the body
// and names every problem, so answers and error messages do not depend on which path ran.

import SameDayCore

enum EligibilityBodyScanner {
    static func scan(_ bytes: some Collection<UInt8>, references: ReferenceCheck) -> EligibilityRequest? {
        if let result = bytes.withContiguousStorageIfAvailable({ scan($0, references: references) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { scan($0, references: references) }
    }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>, references: ReferenceCheck) -> EligibilityRequest? {
        var i = 0
        func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }
        func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        /// A quoted string of id bytes only (so no escape can hide in it).
        func id() -> UnsafeBufferPointer<UInt8>.SubSequence? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < b.count, Identifiers.isIDByte(b[i]) { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "\""), i > start, i - start <= Identifiers.maxBytes else {
                return nil
            }
            i += 1
            return b[start..<(i - 1)]
        }
        guard take(UInt8(ascii: "{")), let key = id(), key.elementsEqual("skus".utf8), take(UInt8(ascii: ":")),
            take(UInt8(ascii: "["))
        else { return nil }
        var skus: [SKU] = []
        var indexes: [Int] = []
        skus.reserveCapacity(64)
        indexes.reserveCapacity(64)
        repeat {
            guard let text = id(), skus.count < Limits.maxEligibilitySKUs else { return nil }
            let sku = SKU(String(decoding: text, as: UTF8.self))
            guard let index = references.skuIndex(sku) else { return nil }
            skus.append(sku)
            indexes.append(index)
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "]")), take(UInt8(ascii: "}")) else { return nil }
        skipSpace()
        guard i == b.count else { return nil }
        let sorted = indexes.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) where a == b { return nil }
        return EligibilityRequest(skus: skus, skuIndexes: indexes)
    }
}
