// Storage temperatures, shared by the network, the catalog and packing.

/// A storage temperature: every SKU has one, and nodes, stations and containers say which they handle.
public enum Temperature: String, Sendable, Codable, CaseIterable, Comparable {
    case ambient, chilled, frozen

    public static func < (lhs: Temperature, rhs: Temperature) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// This temperature's bit in a `TemperatureSet`.
    @inlinable public var bit: UInt8 {
        switch self {
        case .ambient: return 1
        case .chilled: return 2
        case .frozen: return 4
        }
    }
}

/// A set of temperatures as bits, for the hot path.
public struct TemperatureSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ temperatures: [Temperature]) { self.rawValue = temperatures.reduce(0) { $0 | $1.bit } }
    @inlinable public func contains(_ t: Temperature) -> Bool { rawValue & t.bit != 0 }
    /// The temperatures in canonical order.
    public var members: [Temperature] { Temperature.allCases.filter { contains($0) } }
}

