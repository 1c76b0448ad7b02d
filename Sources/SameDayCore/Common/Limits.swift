// Every limit on input, in one place: request validation, the store and the OpenAPI schemas read these values,
// so a limit is written once and the three can never disagree ("put a limit on everything").

/// The limits SameDay puts on what it accepts. Lengths of text are in UTF-8 bytes, never in characters.
public enum Limits {
    /// Lines per promise or order.
    public static let maxLines = 100
    /// Units per line (`qty`).
    public static let maxQuantity = 10_000
    /// Units per receipt, and the magnitude of an adjustment's `delta`.
    public static let maxStockMovement = 1_000_000
    /// UTF-8 bytes of a free-text field (`reason`).
    public static let maxTextBytes = 200
    /// Bytes of an `Idempotency-Key` header (printable ASCII, so bytes are characters).
    public static let maxIdempotencyKeyBytes = 200
    /// Bytes of an ISO 8601 instant field (`at`, `promisedDeliverBy`).
    public static let maxInstantBytes = 64
    /// Earliest and latest instants accepted (2000-01-01 … 2100-01-01 UTC, in minutes since the epoch).
    public static let instantRange = 15_778_080...68_374_080
    /// Bytes of a request body (1 MiB).
    public static let maxBodyBytes = 1_048_576
    /// Nesting depth of a request body's JSON.
    public static let maxJSONDepth = 64
    /// Page size of list routes: default and maximum.
    public static let defaultPageSize = 50
    public static let maxPageSize = 200
    /// Bytes of an opaque id accepted in a path or cursor (order and shipment ids are shorter).
    public static let maxOpaqueIDBytes = 200
    /// Validation problems reported at once in a problem document's `errors`.
    public static let maxReportedProblems = 20

    // MARK: Prices, watches, events, webhooks

    /// A price in cents: 1 to 100,000,000 ($1,000,000.00).
    public static let priceCentsRange = 1...100_000_000
    /// Points one price-history answer carries at most (`truncated` says when more exist).
    public static let maxPricePoints = 10_000
    /// Active watches one customer may have at once (each costs the server memory until it ends).
    public static let maxActiveWatchesPerCustomer = 10_000
    /// Orders with upcoming shipments read for one customer's deliveries (add to delivery).
    public static let maxUpcomingOrders = 100
    /// SKUs in one eligibility question (a product or search page).
    public static let maxEligibilitySKUs = 200
    /// Webhook endpoints registered at once.
    public static let maxWebhooks = 100
    /// Bytes of a webhook's URL.
    public static let maxURLBytes = 2_048
    /// Bytes of a webhook's signing secret.
    public static let webhookSecretBytes = 16...200
    /// Events one page of `GET /v1/events` carries at most (and by default).
    public static let maxEventPageSize = 1_000
    public static let defaultEventPageSize = 100
}

extension Identifiers {
    /// The spec's id syntax `[A-Za-z0-9._-]{1,64}`, as a regular expression (for schemas and messages).
    public static let pattern = "^[A-Za-z0-9._-]{1,64}$"
    /// The id syntax in words, for error messages.
    public static let ruleDescription = "1–64 characters from A–Z, a–z, 0–9, '.', '_' and '-'"
    /// Longest id, in bytes.
    public static let maxBytes = 64

    /// Whether `byte` may appear in an id.
    @inlinable public static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// Whether `bytes` (UTF-8) is a well-formed id.
    @inlinable public static func isWellFormed(bytes: some Collection<UInt8>) -> Bool {
        (1...maxBytes).contains(bytes.count) && bytes.allSatisfy(isIDByte)
    }
}
