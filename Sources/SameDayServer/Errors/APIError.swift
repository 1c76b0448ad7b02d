// The one error type handlers throw, and the catalogue of stable problem codes.
//
// `ProblemMiddleware` is the one place that turns any error into an
// `application/problem+json` response; everything a handler can reject is
// expressed as an `APIError` with a stable `code` from `ProblemCode`.

import HTTPTypes

/// Stable machine-readable problem codes. The OpenAPI document lists every one.
public enum ProblemCode: String, CaseIterable, Sendable {
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
    case conflict = "conflict"
    case unavailable = "unavailable"
    case internalError = "internal-error"

    /// The HTTP status this code is always sent with.
    public var status: HTTPResponse.Status {
        switch self {
        case .malformedJSON, .invalidParameter, .missingIdempotencyKey, .invalidIdempotencyKey: .badRequest
        case .missingField, .invalidField, .unknownField, .unknownSKU, .unknownZIP, .unknownNode, .repeatedSKU,
            .idempotencyKeyReused, .notDeliverable:
            .unprocessableContent
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .outOfStock, .promiseChanged, .tooLate, .wouldGoNegative, .conflict: .conflict
        case .unavailable: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

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
        case .wouldGoNegative: "The adjustment would leave less stock than is reserved"
        case .conflict: "Conflict"
        case .unavailable: "Service unavailable"
        case .internalError: "Internal error"
        }
    }

    /// The problem `type` URI.
    public var typeURI: String { "urn:sameday:problem:\(rawValue)" }
}

/// A rejected request: a stable code, a sentence saying what to fix, and optional extra members.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var code: ProblemCode
    public var detail: String
    /// Extra problem members (already JSON text), e.g. `"errors"` or `"promise"`.
    public var extensions: [(key: String, json: String)]
    /// Extra response headers (e.g. `Allow`, `WWW-Authenticate`).
    public var headers: HTTPFields

    public init(
        _ code: ProblemCode, _ detail: String, extensions: [(key: String, json: String)] = [], headers: HTTPFields = [:]
    ) {
        self.code = code
        self.detail = detail
        self.extensions = extensions
        self.headers = headers
    }

    public var description: String { "\(code.rawValue): \(detail)" }

    /// The problem+json document.
    public var problemJSON: String {
        var object = JSONObjectBuilder()
        object.add("type", code.typeURI)
        object.add("title", code.title)
        object.add("status", Int(code.status.code))
        object.add("code", code.rawValue)
        object.add("detail", detail)
        for (key, json) in extensions { object.addRaw(key, json) }
        return object.build()
    }
}

extension APIError {
    static func notFound(_ what: String) -> APIError { APIError(.notFound, "\(what) does not exist") }
    static func forbidden(_ detail: String) -> APIError { APIError(.forbidden, detail) }
}
