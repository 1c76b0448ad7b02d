// Many short strings stored back to back in one byte buffer: the catalog's SKU ids and names at ten million SKUs
// without ten million string objects.

/// A column of strings in one contiguous UTF-8 buffer, with the end offset of each.
///
/// Ends are kept as 32-bit numbers; the few positions where the buffer crosses a multiple of 4 GiB are listed in
/// `wraps`, so the column has no size limit and still costs 4 bytes per string beyond the text itself.
///
/// Bytes per string: its UTF-8 length + 4.
struct TextColumn: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    /// Each string's end offset, modulo 2^`wrapBits`.
    private var ends: [UInt32] = []
    /// Indexes of the strings whose end passed another multiple of 2^`wrapBits`, in ascending order.
    private var wraps: [Int] = []
    /// 32, except in tests, which wrap sooner to check the arithmetic without 4 GiB of text.
    private let wrapBits: Int

    init(wrapBits: Int = 32) {
        precondition((1...32).contains(wrapBits))
        self.wrapBits = wrapBits
    }

    var count: Int { ends.count }

    mutating func reserveCapacity(count: Int, bytes byteCount: Int) {
        ends.reserveCapacity(count)
        bytes.reserveCapacity(byteCount)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        let end = UInt64(bytes.count)
        while end >> wrapBits > UInt64(wraps.count) { wraps.append(ends.count) }
        ends.append(UInt32(truncatingIfNeeded: end & ((1 << wrapBits) - 1)))
    }

    /// The byte range of string `i`.
    /// - Complexity: O(1) below 4 GiB of text; O(w) beyond, over the w multiples of 4 GiB the buffer has passed.
    @inline(__always) func range(_ i: Int) -> Range<Int> {
        let start = i == 0 ? 0 : end(i - 1)
        return start..<end(i)
    }

    @inline(__always) private func end(_ i: Int) -> Int {
        var high = 0
        if !wraps.isEmpty {
            while high < wraps.count, wraps[high] <= i { high += 1 }
        }
        return Int(ends[i]) | (high << wrapBits)
    }

    /// String `i`.
    func string(_ i: Int) -> String {
        let r = range(i)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of string `i`.
    @inline(__always) func withBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let r = range(i)
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[r])) }
    }

    /// Bytes held, for the memory figures.
    var byteCount: Int { bytes.capacity + ends.capacity * 4 + wraps.capacity * 8 }
}
