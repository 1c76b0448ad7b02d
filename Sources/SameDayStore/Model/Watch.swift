// Price watches as the store keeps them: a customer's standing order to buy (or be told about) a SKU when its price
// falls to a target.

import SameDayCore

/// A watch: `w_` and its number, twelve digits, so ids sort in creation order.
public struct WatchID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The id of watch number `number`.
    public init(number: UInt64) {
        let digits = String(number)
        self.init("w_" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits)
    }

    /// The watch's number, or nil when this is not a watch id.
    public var number: UInt64? {
        guard rawValue.hasPrefix("w_"), rawValue.utf8.count >= 14 else { return nil }
        let digits = rawValue.utf8.dropFirst(2)
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return UInt64(String(decoding: digits, as: UTF8.self))
    }
}

/// Where a watch is in its life: `active` until it is bought, notified, cancelled or expired. Only active watches
/// trigger.
public enum WatchStatus: String, Sendable, Codable, CaseIterable {
    case active, bought, notified, cancelled, expired
}

/// The last time an auto-buy could not be placed, and why (the watch stayed active).
public struct WatchAttempt: Sendable, Equatable {
    public var at: Instant
    /// `out-of-stock`, `not-deliverable` or `invalid-order` and a sentence, as the order would have been refused.
    public var reason: String

    public init(at: Instant, reason: String) {
        self.at = at
        self.reason = reason
    }
}

/// A price watch.
public struct Watch: Sendable, Equatable {
    public var id: WatchID
    public var customer: CustomerID
    public var sku: SKU
    /// Triggers when the SKU's price is at most this, in cents.
    public var targetPriceCents: Int
    public var qty: Int
    public var zip: ZIP
    /// Buy when triggered (true), or only tell the customer (false).
    public var autoBuy: Bool
    /// The status as stored; see `status(at:)` for an active watch past its expiry.
    public var storedStatus: WatchStatus
    public var createdAt: Instant
    public var expiresAt: Instant?
    /// The order an auto-buy placed.
    public var orderID: OrderID?
    public var lastAttempt: WatchAttempt?

    public init(
        id: WatchID, customer: CustomerID, sku: SKU, targetPriceCents: Int, qty: Int, zip: ZIP, autoBuy: Bool,
        status: WatchStatus, createdAt: Instant, expiresAt: Instant?, orderID: OrderID?, lastAttempt: WatchAttempt?
    ) {
        self.id = id
        self.customer = customer
        self.sku = sku
        self.targetPriceCents = targetPriceCents
        self.qty = qty
        self.zip = zip
        self.autoBuy = autoBuy
        self.storedStatus = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.orderID = orderID
        self.lastAttempt = lastAttempt
    }

    /// The status at `now`: an active watch whose `expiresAt` has come is expired, even before the sweep that
    /// records it (`expireWatches`) has run.
    public func status(at now: Instant) -> WatchStatus {
        if storedStatus == .active, let expiresAt, expiresAt <= now { return .expired }
        return storedStatus
    }
}

/// What `createWatch` is asked.
public struct WatchRequest: Sendable, Equatable {
    public var customer: CustomerID
    public var sku: SKU
    public var targetPriceCents: Int
    public var qty: Int
    public var zip: ZIP
    public var autoBuy: Bool
    public var expiresAt: Instant?
    /// The client's `Idempotency-Key`, scoped to the customer (watches have their own key space, apart from orders').
    public var idempotencyKey: String
    /// When it is created (the server's clock).
    public var at: Instant

    public init(
        customer: CustomerID, sku: SKU, targetPriceCents: Int, qty: Int, zip: ZIP, autoBuy: Bool, expiresAt: Instant?,
        idempotencyKey: String, at: Instant
    ) {
        self.customer = customer
        self.sku = sku
        self.targetPriceCents = targetPriceCents
        self.qty = qty
        self.zip = zip
        self.autoBuy = autoBuy
        self.expiresAt = expiresAt
        self.idempotencyKey = idempotencyKey
        self.at = at
    }

    /// A fingerprint of what is asked (not when): the same key with another fingerprint is `idempotencyKeyReused`.
    public var fingerprint: String {
        APIKeys.sha256Hex(
            "watch|\(sku.rawValue)|\(targetPriceCents)|\(qty)|\(zip.rawValue)|\(autoBuy)|"
                + (expiresAt.map { String($0.minutes) } ?? "-"))
    }
}

/// What `createWatch` answered: the watch, and whether it was created before under the same key.
public struct CreatedWatch: Sendable, Equatable {
    public var watch: Watch
    public var replayed: Bool

    public init(watch: Watch, replayed: Bool) {
        self.watch = watch
        self.replayed = replayed
    }
}

/// One page of watches, newest first.
public struct WatchPage: Sendable, Equatable {
    public var watches: [Watch]
    /// Pass as `after` for the next page; nil on the last.
    public var next: WatchID?

    public init(watches: [Watch], next: WatchID?) {
        self.watches = watches
        self.next = next
    }
}

/// What serving one triggered watch did (`serveWatches`).
public enum WatchOutcome: Sendable, Equatable {
    /// An order was placed and the watch is bought.
    case bought(OrderID)
    /// A notify-only watch is now notified.
    case notified
    /// The order could not be placed (the reason is recorded as `lastAttempt`); the watch stays active.
    case failed(String)
    /// The price is above the target now (it rose again, or the trigger was stale): nothing happened.
    case priceAboveTarget(Int)
    /// The watch is no longer active (bought, notified, cancelled or expired before this), or does not exist.
    case notActive(WatchStatus?)
    /// The database failed; nothing was written, and the watch must be served again.
    case error(String)

    /// Whether the watch has left the active set (it will never trigger again).
    public var ended: Bool {
        switch self {
        case .bought, .notified, .notActive: true
        case .failed, .priceAboveTarget, .error: false
        }
    }
}

/// An active watch as the worker's index needs it: which SKU, what target, and its serving order.
public struct ActiveWatch: Sendable, Equatable {
    public var number: UInt64
    public var sku: SKU
    public var targetCents: Int
    public var createdAt: Instant

    public init(number: UInt64, sku: SKU, targetCents: Int, createdAt: Instant) {
        self.number = number
        self.sku = sku
        self.targetCents = targetCents
        self.createdAt = createdAt
    }
}
