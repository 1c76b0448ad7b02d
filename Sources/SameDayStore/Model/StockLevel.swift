// Stock as the store reports it, and the ledger's movements.

import SameDayCore

/// Units of one SKU at one node.
public struct StockLevel: Sendable, Equatable, Codable {
    public var node: NodeID
    public var sku: SKU
    /// Units physically at the node.
    public var onHand: Int
    /// Units held for open order lines (not yet shipped).
    public var reserved: Int
    /// Units that can still be promised: `onHand - reserved`.
    public var available: Int { onHand - reserved }

    public init(node: NodeID, sku: SKU, onHand: Int, reserved: Int) {
        self.node = node
        self.sku = sku
        self.onHand = onHand
        self.reserved = reserved
    }
}

/// Why stock moved. Every change of `onHand` or `reserved` is one ledger entry of one of these kinds.
public enum LedgerKind: String, Sendable, Codable, CaseIterable {
    /// Units arrived: on hand +qty.
    case receipt
    /// A count was corrected: on hand +delta (either sign).
    case adjustment
    /// An order line was placed: reserved +qty.
    case reservation
    /// An order line was cancelled: reserved −qty.
    case release
    /// A shipment left: on hand −qty and reserved −qty.
    case shipment
}

/// One append-only ledger row.
public struct LedgerEntry: Sendable, Equatable, Codable {
    public var id: Int
    public var node: NodeID
    public var sku: SKU
    public var kind: LedgerKind
    public var onHandDelta: Int
    public var reservedDelta: Int
    /// Who moved it (`import`, `operator`, a key's role and owner, `clock`).
    public var actor: String
    public var reason: String
    public var at: Instant
    public var order: OrderID?

    public init(
        id: Int, node: NodeID, sku: SKU, kind: LedgerKind, onHandDelta: Int, reservedDelta: Int, actor: String,
        reason: String, at: Instant, order: OrderID?
    ) {
        self.id = id
        self.node = node
        self.sku = sku
        self.kind = kind
        self.onHandDelta = onHandDelta
        self.reservedDelta = reservedDelta
        self.actor = actor
        self.reason = reason
        self.at = at
        self.order = order
    }
}

/// One broken invariant found by `Store.checkInvariants()` (`sameday check`).
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// reserved < 0 or reserved > on hand.
        case reservedOutOfRange = "reserved-out-of-range"
        /// reserved differs from the open order lines at the node.
        case reservedNotOpenLines = "reserved-not-open-lines"
        /// on hand or reserved differs from the ledger's sum.
        case ledgerMismatch = "ledger-mismatch"
        /// A packed shipment's containers hold other units than its lines: per SKU where the containers record
        /// their placements, in all (`sku` is `*`) where they record counts only or their `units` disagree.
        case containersNotLines = "containers-not-lines"
        /// An order's `totalCents` is not the sum of its lines' quantities times their unit prices (`node` and
        /// `sku` are `*`; the message names the order).
        case orderTotal = "order-total"
        /// A watch and its order disagree: bought without an order (or an order without being bought), an order
        /// of another customer, SKU or quantity, a line above the target, one order for two watches, or an
        /// auto-buy order no watch claims (`node` is `*`; the message names the watch or order).
        case watchOrder = "watch-order"
    }

    public var kind: Kind
    public var node: NodeID
    /// The SKU concerned; `*` for a violation about every unit of a shipment.
    public var sku: SKU
    public var message: String

    public init(kind: Kind, node: NodeID, sku: SKU, message: String) {
        self.kind = kind
        self.node = node
        self.sku = sku
        self.message = message
    }

    public var description: String { "\(kind.rawValue) \(node)/\(sku): \(message)" }
}

/// What `Store.stockChanges` read: the SKUs whose stock moved, and where to read on from.
public struct StockChanges: Sendable, Equatable {
    /// Each SKU once, in the commit order of its first movement read.
    public var skus: [SKU]
    /// The position of the last ledger row read (the position read after when none was).
    public var position: FeedPosition
    /// Whether fewer than `limit` rows were read: the reader has caught up with what is committed.
    public var caughtUp: Bool

    public init(skus: [SKU], position: FeedPosition, caughtUp: Bool) {
        self.skus = skus
        self.position = position
        self.caughtUp = caughtUp
    }
}
