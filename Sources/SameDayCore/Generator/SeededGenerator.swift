// A small deterministic pseudo-random generator: Core takes randomness as a value, never from a global source.

/// SplitMix64 (Steele, Lea and Flood, 2014): 64 bits of state, full period 2^64, passes BigCrush.
///
/// The same seed gives the same sequence on every platform and Swift version, so everything built from it
/// (the bundled network, the demo catalog) is reproducible byte for byte. Conforms to `RandomNumberGenerator`,
/// but prefer ``int(in:)`` and ``unit()`` over the standard library's `random(in:using:)`: their
/// algorithms are fixed here, while the standard library's may change between releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { self.state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in `0 ..< 1` with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `range` (Lemire's multiply-shift; the bias is below 2^-32 for ranges under 2^32).
    /// - Precondition: `range` is not empty.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// A generator for one independent stream derived from this seed and a label, so adding draws to one
    /// part of a generator does not shift the numbers another part sees.
    public func stream(_ label: String) -> SeededGenerator {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in label.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        var mixer = SeededGenerator(seed: state ^ hash)
        return SeededGenerator(seed: mixer.next())
    }
}
