// The promise route's fast path: one pass over the body's bytes for the bodies clients send nearly always,
// without building a JSON tree.
//
// The promise route is the hot one (a search page asks for many promises), and parsing a small body into a tree
// and then validating the tree costs about as much as planning the promise. `PromiseBodyScanner` accepts only
// bodies that are plainly valid — every string plain ASCII without escapes, every number a plain integer, every
// member known and present once — and returns nil for anything else, so that the general path
// (`JSONValue.parse`, the `PromiseRequest` schema and `PromiseRequest(validated:)`) reads the body and names every problem. It never decides that a body
// is wrong, and when it returns a body it is the one the general path returns (PromiseBodyScannerTests checks
// both on valid, mutated and random bodies).

import SameDayCore

enum PromiseBodyScanner {
    /// The body, or nil when it is not a plainly valid promise body (then the general path decides).
    static func scan(_ bytes: some Collection<UInt8>, references: ReferenceCheck) -> PromiseRequest? {
        // A request body is one contiguous buffer; anything else is copied once.
        if let result = bytes.withContiguousStorageIfAvailable({ scan($0, references: references) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { scan($0, references: references) }
    }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>, references: ReferenceCheck) -> PromiseRequest? {
        var r = Reader(b: b)
        guard r.take(UInt8(ascii: "{")) else { return nil }
        var zip: ZIP?
        var lines: [OrderLine]?
        var at: Instant?
        repeat {
            guard let key = r.plainString() else { return nil }
            guard r.take(UInt8(ascii: ":")) else { return nil }
            if key.elementsEqual("zip".utf8) {
                guard zip == nil, let digits = r.plainString(), digits.count == 5,
                    digits.allSatisfy(Characters.isDigitByte)
                else { return nil }
                let candidate = ZIP(String(decoding: digits, as: UTF8.self))
                guard references.knowsZIP(candidate) else { return nil }
                zip = candidate
            } else if key.elementsEqual("lines".utf8) {
                guard lines == nil, let parsed = r.lines(references) else { return nil }
                lines = parsed
            } else if key.elementsEqual("at".utf8) {
                guard at == nil, let text = r.plainString(), text.count <= Limits.maxInstantBytes else { return nil }
                let string = String(decoding: text, as: UTF8.self)
                guard StringSyntax.instant.check(string.utf8), let instant = ISO8601.parse(string),
                    Limits.instantRange.contains(instant.minutes)
                else { return nil }
                at = instant
            } else {
                return nil
            }
        } while r.take(UInt8(ascii: ","))
        guard r.take(UInt8(ascii: "}")), r.atEnd, let zip, let lines else { return nil }
        return PromiseRequest(zip: zip, lines: lines, at: at)
    }

    /// A cursor that skips JSON whitespace before each token.
    private struct Reader {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }

        /// Consumes `byte` (after whitespace) when it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }

        /// Only whitespace is left.
        var atEnd: Bool {
            mutating get {
                skipSpace()
                return i == b.count
            }
        }

        /// A string of printable ASCII without escapes: its bytes between the quotes.
        mutating func plainString() -> UnsafeBufferPointer<UInt8>.SubSequence? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return b[start..<(i - 1)]
                }
                guard c >= 0x20, c < 0x7F, c != UInt8(ascii: "\\") else { return nil }
                i += 1
            }
            return nil
        }

        /// A non-negative integer of at most 9 digits, without a leading zero, fraction or exponent.
        mutating func plainInteger() -> Int? {
            skipSpace()
            let start = i
            var value = 0
            while i < b.count, Characters.isDigitByte(b[i]) {
                guard i - start < 9 else { return nil }  // longer numbers are the general path's to judge
                value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
                i += 1
            }
            let digits = i - start
            guard digits >= 1, digits <= 9, !(digits > 1 && b[start] == UInt8(ascii: "0")) else { return nil }
            // A number continues with a fraction or an exponent: the general path reads those.
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                return nil
            }
            return value
        }

        /// `[{"sku": …, "qty": …}, …]`: 1 to `Limits.maxLines` lines of known, distinct SKUs.
        mutating func lines(_ references: ReferenceCheck) -> [OrderLine]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var lines: [OrderLine] = []
            repeat {
                guard lines.count < Limits.maxLines, take(UInt8(ascii: "{")) else { return nil }
                var sku: SKU?
                var qty: Int?
                repeat {
                    guard let key = plainString(), take(UInt8(ascii: ":")) else { return nil }
                    if key.elementsEqual("sku".utf8) {
                        guard sku == nil, let text = plainString(), Identifiers.isWellFormed(bytes: text) else {
                            return nil
                        }
                        let candidate = SKU(String(decoding: text, as: UTF8.self))
                        guard references.knowsSKU(candidate), !lines.contains(where: { $0.sku == candidate }) else {
                            return nil
                        }
                        sku = candidate
                    } else if key.elementsEqual("qty".utf8) {
                        guard qty == nil, let n = plainInteger(), (1...Limits.maxQuantity).contains(n) else {
                            return nil
                        }
                        qty = n
                    } else {
                        return nil
                    }
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")), let sku, let qty else { return nil }
                lines.append(OrderLine(sku: sku, qty: qty))
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")) else { return nil }
            return lines
        }
    }
}

/// Character classes used by the scanner (ASCII, tested byte by byte on UTF-8).
enum Characters {
    static func isDigitByte(_ a: UInt8) -> Bool { a >= 0x30 && a <= 0x39 }
}
