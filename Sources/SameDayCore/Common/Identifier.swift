// Small tagged identifier types: one per kind of thing, so a SKU is never passed where a node is expected.

/// An identifier that wraps a string and encodes as that bare string.
public protocol StringIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String {
    init(_ rawValue: String)
}

extension StringIdentifier {
    public init(rawValue: String) { self.init(rawValue) }
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Whether `rawValue` matches the spec's id syntax `[A-Za-z0-9._-]{1,64}`.
    public var isWellFormed: Bool { Identifiers.isWellFormed(rawValue) }
}

/// Rules shared by every identifier kind.
public enum Identifiers {
    /// The spec's id syntax: `[A-Za-z0-9._-]{1,64}`.
    public static func isWellFormed(_ value: String) -> Bool { isWellFormed(bytes: value.utf8) }
}

/// A node of the network: a fulfillment center, same-day site, now-site or delivery station.
public struct NodeID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A stock-keeping unit: one sellable product.
public struct SKU: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A region: a self-sufficient group of nodes.
public struct RegionID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A 5-digit US ZIP code, kept as its text so leading zeros survive.
public struct ZIP: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Whether this is five ASCII digits.
    public var isFiveDigits: Bool {
        rawValue.utf8.count == 5 && rawValue.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
