// The stable problem codes: the one vocabulary every refusal is named in, from the store to the HTTP answer.
//
// Core knows the codes and their titles; the server alone knows which HTTP status each is sent with
// (`ProblemCode.status`), and the CLI maps any of them to exit status 2. A store error, a validation problem and a
// routing failure all end as one of these, and the OpenAPI document lists every one.

/// Stable machine-readable problem codes (problem+json `code`). The OpenAPI document lists every one.
public enum ProblemCode: String, CaseIterable, Sendable, Codable {
    case malformedJSON = "malformed-json"
    case missingField = "missing-field"
    case invalidField = "invalid-field"
    case unknownField = "unknown-field"
    case unknownSKU = "unknown-sku"
    case unknownZIP = "unknown-zip"
    case unknownNode = "unknown-node"
    case repeatedSKU = "repeated-sku"
    case invalidParameter = "invalid-parameter"
    case missingIdempotencyKey = "missing-idempotency-key"
    case invalidIdempotencyKey = "invalid-idempotency-key"
    case idempotencyKeyReused = "idempotency-key-reused"
    case bodyTooLarge = "body-too-large"
    case unsupportedMediaType = "unsupported-media-type"
    case unauthorized = "unauthorized"
    case forbidden = "forbidden"
    case notFound = "not-found"
    case methodNotAllowed = "method-not-allowed"
    case outOfStock = "out-of-stock"
    case notDeliverable = "not-deliverable"
    case promiseChanged = "promise-changed"
    case tooLate = "too-late"
    case wouldGoNegative = "would-go-negative"
    /// Add to delivery: the shipment's node does not hold the item's temperature.
    case temperature = "temperature"
    /// Add to delivery: the shipment's node cannot deliver the item by the shipment's `deliverBy`.
    case later = "later"
    case conflict = "conflict"
    /// A per-customer or per-server limit is reached (active watches, webhooks).
    case limitReached = "limit-reached"
    case unavailable = "unavailable"
    case internalError = "internal-error"

    /// Short human title, the same for every occurrence of the code.
    public var title: String {
        switch self {
        case .malformedJSON: "The body is not valid JSON"
        case .missingField: "A required field is missing"
        case .invalidField: "A field has an invalid value"
        case .unknownField: "The body has a field this route does not accept"
        case .unknownSKU: "Unknown SKU"
        case .unknownZIP: "Unknown ZIP code"
        case .unknownNode: "Unknown node"
        case .repeatedSKU: "A SKU appears on more than one line"
        case .invalidParameter: "A query parameter has an invalid value"
        case .missingIdempotencyKey: "The Idempotency-Key header is required"
        case .invalidIdempotencyKey: "The Idempotency-Key header is invalid"
        case .idempotencyKeyReused: "The Idempotency-Key was already used with another request"
        case .bodyTooLarge: "The body is too large"
        case .unsupportedMediaType: "The body must be application/json"
        case .unauthorized: "A valid API key is required"
        case .forbidden: "This API key's role may not do this"
        case .notFound: "Not found"
        case .methodNotAllowed: "Method not allowed"
        case .outOfStock: "Out of stock"
        case .notDeliverable: "Not deliverable"
        case .promiseChanged: "The promise can no longer be kept"
        case .tooLate: "Too late"
        case .temperature: "The shipment's node does not hold this item's temperature"
        case .later: "The item cannot arrive by the shipment's deliverBy"
        case .wouldGoNegative: "The adjustment would leave less stock than is reserved"
        case .conflict: "Conflict"
        case .limitReached: "A limit is reached"
        case .unavailable: "Service unavailable"
        case .internalError: "Internal error"
        }
    }

    /// The problem `type` URI.
    public var typeURI: String { "urn:sameday:problem:\(rawValue)" }
}
