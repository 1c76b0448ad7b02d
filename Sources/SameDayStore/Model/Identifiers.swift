// Identifiers the store adds to Core's: customers, sellers, orders and shipments.

import SameDayCore

/// A customer: whoever places orders and owns them.
public struct CustomerID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A seller: owns SKUs (catalog column `seller`), their stock and prices.
public struct SellerID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An order, as the store names it (`o_` and 24 hex digits).
public struct OrderID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A shipment: the order's id, a dash and the shipment's position in the order (`o_…-1`).
public struct ShipmentID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
