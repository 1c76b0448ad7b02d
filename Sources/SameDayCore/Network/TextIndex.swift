// The catalog's SKU lookup: an open-addressing table of positions into a `TextColumn`, so finding a SKU's dense
// index hashes and compares bytes in place, with no string object per SKU.

/// A hash table from the strings of a `TextColumn` to the index of their first occurrence.
///
/// Linear probing over 32-bit slots, kept at most 3/4 full: 5.3 to 10.7 bytes per string.
struct TextIndex: Sendable, Equatable {
    /// Column index + 1 of the string in each slot, 0 for an empty slot.
    private var slots: [UInt32]
    private var used = 0

    init(minimumCapacity: Int = 0) {
        slots = Array(repeating: 0, count: Self.slotCount(for: minimumCapacity))
    }

    private static func slotCount(for count: Int) -> Int {
        var n = 16
        while n * 3 < count * 4 { n *= 2 }
        return n
    }

    /// Adds string `i` of `column` unless an equal string is already in; returns whether it was added.
    /// `i` must be a position `column` has.
    mutating func insert(_ i: Int, of column: TextColumn) -> Bool {
        precondition(i < Int(UInt32.max), "a catalog holds fewer than 2³² SKUs")
        if (used + 1) * 4 > slots.count * 3 { grow(column) }
        let found = column.withBytes(i) { key in probe(key, in: column) }
        guard case .empty(let slot) = found else { return false }
        slots[slot] = UInt32(i + 1)
        used += 1
        return true
    }

    /// The index of the first string of `column` equal to `key`'s bytes.
    /// - Complexity: O(1) expected.
    @inline(__always) func find(_ key: UnsafeRawBufferPointer, in column: TextColumn) -> Int? {
        if case .found(let i) = probe(key, in: column) { return i }
        return nil
    }

    private enum Probe {
        case found(Int)
        case empty(Int)
    }

    @inline(__always) private func probe(_ key: UnsafeRawBufferPointer, in column: TextColumn) -> Probe {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        return slots.withUnsafeBufferPointer { slots in
            column.bytes.withUnsafeBytes { text in
                while true {
                    let entry = Int(slots[slot])
                    if entry == 0 { return .empty(slot) }
                    let r = column.range(entry - 1)
                    if r.count == key.count
                        && (key.count == 0
                            || memcmpEqual(text.baseAddress! + r.lowerBound, key.baseAddress!, key.count))
                    {
                        return .found(entry - 1)
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private mutating func grow(_ column: TextColumn) {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = column.withBytes(Int(entry) - 1) { Int(truncatingIfNeeded: Self.hash($0)) } & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// A 64-bit hash of `bytes`, eight bytes at a time (multiply and xor-shift mixing, as in SplitMix64).
    @inline(__always) static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: n &+ 1)
        var i = 0
        while i &+ 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift &+= 8
            i &+= 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    /// Bytes held, for the memory figures.
    var byteCount: Int { slots.capacity * 4 }
}

@inline(__always) private func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i &+ 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i &+= 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i &+= 1
    }
    return true
}
