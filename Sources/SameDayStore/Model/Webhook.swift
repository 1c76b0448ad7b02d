// Webhook endpoints and the state of their deliveries.

import SameDayCore

/// A webhook endpoint: `wh_` and 16 hex digits.
public struct WebhookID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An endpoint events are POSTed to, signed with its secret.
public struct Webhook: Sendable, Equatable {
    public var id: WebhookID
    public var url: String
    /// The event types it receives; empty for all.
    public var types: [EventType]
    public var createdAt: Instant

    public init(id: WebhookID, url: String, types: [EventType], createdAt: Instant) {
        self.id = id
        self.url = url
        self.types = types
        self.createdAt = createdAt
    }

    /// Whether events of `type` go to this endpoint.
    public func receives(_ type: EventType) -> Bool { types.isEmpty || types.contains(type) }
}

/// Where one event's delivery to one endpoint is.
public enum DeliveryState: String, Sendable, Codable, CaseIterable {
    /// Not acknowledged yet: it is tried (again) at `nextAttemptMillis`.
    case pending
    /// A 2xx answer acknowledged it.
    case delivered
    /// Still refused after retrying for `WebhookRetry.window`: it is given up, and the customer's later events
    /// follow.
    case failed
}

/// One event's delivery to one endpoint. Times are Unix milliseconds.
public struct WebhookDelivery: Sendable, Equatable {
    public var webhook: WebhookID
    public var eventID: Int
    public var position: FeedPosition
    /// The customer the event concerns ('' for none): deliveries of one customer go out in event order.
    public var group: String
    public var state: DeliveryState
    public var attempts: Int
    public var firstAttemptMillis: Int?
    public var lastAttemptMillis: Int?
    public var nextAttemptMillis: Int
    /// The last answer's HTTP status, if the receiver answered.
    public var lastStatus: Int?
    /// What went wrong last (no connection, a timeout, a non-2xx status).
    public var lastError: String?
    public var deliveredMillis: Int?

    public init(
        webhook: WebhookID, eventID: Int, position: FeedPosition, group: String, state: DeliveryState, attempts: Int,
        firstAttemptMillis: Int?, lastAttemptMillis: Int?, nextAttemptMillis: Int, lastStatus: Int?,
        lastError: String?, deliveredMillis: Int?
    ) {
        self.webhook = webhook
        self.eventID = eventID
        self.position = position
        self.group = group
        self.state = state
        self.attempts = attempts
        self.firstAttemptMillis = firstAttemptMillis
        self.lastAttemptMillis = lastAttemptMillis
        self.nextAttemptMillis = nextAttemptMillis
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.deliveredMillis = deliveredMillis
    }
}

/// A delivery claimed for sending: where to, the secret to sign with, and the event.
public struct ClaimedDelivery: Sendable, Equatable {
    public var webhook: WebhookID
    public var url: String
    public var secret: String
    public var event: Event
    /// Attempts made before this one.
    public var attempts: Int
    public var firstAttemptMillis: Int?

    public init(webhook: WebhookID, url: String, secret: String, event: Event, attempts: Int, firstAttemptMillis: Int?)
    {
        self.webhook = webhook
        self.url = url
        self.secret = secret
        self.event = event
        self.attempts = attempts
        self.firstAttemptMillis = firstAttemptMillis
    }
}

/// How one attempt went.
public struct DeliveryResult: Sendable, Equatable {
    public var webhook: WebhookID
    public var eventID: Int
    /// The receiver's HTTP status, if it answered.
    public var status: Int?
    /// What went wrong, if it did not answer 2xx.
    public var error: String?

    public init(webhook: WebhookID, eventID: Int, status: Int?, error: String?) {
        self.webhook = webhook
        self.eventID = eventID
        self.status = status
        self.error = error
    }

    /// Any 2xx acknowledges.
    public var acknowledged: Bool { status.map { (200..<300).contains($0) } ?? false }
}

/// When a refused delivery is tried again: exponential backoff from `first`, doubling up to `cap`, for at least
/// `window` after the first attempt.
public struct WebhookRetry: Sendable, Equatable {
    /// The wait after the first failure, in milliseconds.
    public var firstMillis: Int
    /// The longest wait between two attempts, in milliseconds.
    public var capMillis: Int
    /// How long after its first attempt a delivery is retried before it is given up, in milliseconds.
    public var windowMillis: Int

    public init(firstMillis: Int = 1_000, capMillis: Int = 3_600_000, windowMillis: Int = 24 * 3_600_000) {
        self.firstMillis = firstMillis
        self.capMillis = capMillis
        self.windowMillis = windowMillis
    }

    /// The wait after the `attempts`-th failed attempt (1 for the first): first × 2^(attempts − 1), capped.
    public func delayMillis(afterAttempts attempts: Int) -> Int {
        var delay = firstMillis
        for _ in 1..<max(1, attempts) {
            delay *= 2
            if delay >= capMillis { return capMillis }
        }
        return min(delay, capMillis)
    }
}
