// Events: what happened, written in the same transaction as the change it describes, read in commit order.

import SameDayCore

/// The kinds of event. Customers see those naming them; operators see all.
public enum EventType: String, Sendable, Codable, CaseIterable {
    /// A SKU's price changed (no customer): `sku`, `priceCents`.
    case priceChanged = "price-changed"
    /// Units of a SKU arrived or were adjusted up where a watch waits (no customer): `sku`.
    case stockReceived = "stock-received"
    /// A watch was created: `watchId`, `sku`, `targetPriceCents`.
    case watchCreated = "watch-created"
    /// A notify-only watch triggered: `watchId`, `sku`, `priceCents`.
    case watchTriggered = "watch-triggered"
    /// An auto-buy placed its order: `watchId`, `sku`, `orderId`, `priceCents`.
    case watchBought = "watch-bought"
    /// An auto-buy could not be placed: `watchId`, `sku`, `reason`.
    case watchAttemptFailed = "watch-attempt-failed"
    /// A watch was cancelled: `watchId`, `sku`.
    case watchCancelled = "watch-cancelled"
    /// A watch reached its `expiresAt`: `watchId`, `sku`.
    case watchExpired = "watch-expired"
    /// An order was placed: `orderId`, `totalCents`.
    case orderPlaced = "order-placed"
    /// Units were added to an upcoming shipment (add to delivery): `orderId`, `shipmentId`, `sku`, and the
    /// order's new total (`totalCents`, as `order-placed`).
    case orderLineAdded = "order-line-added"
    /// A shipment moved: `orderId`, `shipmentId`, `status`.
    case shipmentStatus = "shipment-status"

    /// Whether a watch leaves the active set with this event.
    public var endsWatch: Bool {
        switch self {
        case .watchTriggered, .watchBought, .watchCancelled, .watchExpired: true
        default: false
        }
    }
}

/// A place in the events feed: the commit sequence number of the transaction that wrote an event, then its id.
/// Everything at or before a position that a reader has seen is all there will ever be before it.
public struct FeedPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seq: Int
    public var id: Int

    public init(seq: Int, id: Int) {
        self.seq = seq
        self.id = id
    }

    /// Before every event.
    public static let start = FeedPosition(seq: 0, id: 0)

    public static func < (lhs: FeedPosition, rhs: FeedPosition) -> Bool {
        lhs.seq != rhs.seq ? lhs.seq < rhs.seq : lhs.id < rhs.id
    }

    public var description: String { "\(seq)/\(id)" }
}

/// One event of the feed.
public struct Event: Sendable, Equatable {
    /// The event's id (unique, increasing in the order events were written, not committed: page by `position`).
    public var id: Int
    public var position: FeedPosition
    public var type: EventType
    /// The customer it concerns; nil for a price change or a receipt.
    public var customer: CustomerID?
    /// When it happened (the writer's clock).
    public var at: Instant
    /// The database's clock when the row was written, Unix milliseconds (trigger lag only).
    public var recordedMillis: Int
    public var sku: SKU?
    public var watch: WatchID?
    public var order: OrderID?
    public var shipment: ShipmentID?
    /// A shipment's new status.
    public var status: String?
    /// The new price (`price-changed`), the price paid or seen (`watch-bought`, `watch-triggered`), or the order's
    /// total (`order-placed`, `order-line-added`), in cents.
    public var priceCents: Int?
    /// A watch's target (`watch-created`), in cents.
    public var targetCents: Int?
    /// Why an auto-buy failed.
    public var reason: String?

    public init(
        id: Int, position: FeedPosition, type: EventType, customer: CustomerID?, at: Instant, recordedMillis: Int,
        sku: SKU? = nil, watch: WatchID? = nil, order: OrderID? = nil, shipment: ShipmentID? = nil,
        status: String? = nil, priceCents: Int? = nil, targetCents: Int? = nil, reason: String? = nil
    ) {
        self.id = id
        self.position = position
        self.type = type
        self.customer = customer
        self.at = at
        self.recordedMillis = recordedMillis
        self.sku = sku
        self.watch = watch
        self.order = order
        self.shipment = shipment
        self.status = status
        self.priceCents = priceCents
        self.targetCents = targetCents
        self.reason = reason
    }
}

/// One page of events in commit order.
public struct EventPage: Sendable, Equatable {
    public var events: [Event]
    /// The last event's id when more may follow now; nil when this page reached the end of the feed.
    public var next: Int?

    public init(events: [Event], next: Int?) {
        self.events = events
        self.next = next
    }
}

/// A price change's answer.
public struct PriceChange: Sendable, Equatable {
    public var sku: SKU
    public var priceCents: Int
    /// When the price became what it is.
    public var changedAt: Instant
    /// False when the SKU already had this price (nothing was written, nothing triggered).
    public var changed: Bool

    public init(sku: SKU, priceCents: Int, changedAt: Instant, changed: Bool) {
        self.sku = sku
        self.priceCents = priceCents
        self.changedAt = changedAt
        self.changed = changed
    }
}

/// A SKU's price changes within a period, and the price in effect when it starts.
public struct PriceHistory: Sendable, Equatable {
    public var sku: SKU
    /// Ascending by time (and by the order they were recorded within a minute).
    public var points: [PricePoint]
    /// The last change before the period, if the period has a start and a change precedes it.
    public var before: PricePoint?
    /// True when the period holds more than `Limits.maxPricePoints` changes (the first ones are given).
    public var truncated: Bool

    public init(sku: SKU, points: [PricePoint], before: PricePoint?, truncated: Bool) {
        self.sku = sku
        self.points = points
        self.before = before
        self.truncated = truncated
    }
}
