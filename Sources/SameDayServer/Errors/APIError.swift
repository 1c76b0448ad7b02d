// The one error type handlers throw, and the catalogue of stable problem codes.
//
// `ProblemMiddleware` is the one place that turns any error into an
// `application/problem+json` response; everything a handler can reject is
// expressed as an `APIError` with a stable `code` from `ProblemCode`.

import HTTPTypes
import SameDayCore

extension ProblemCode {
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
        case .outOfStock, .promiseChanged, .tooLate, .wouldGoNegative, .conflict, .limitReached, .temperature, .later:
            .conflict
        case .unavailable: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

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

    /// The problem+json document (the `Problem` schema).
    public var problemJSON: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("type", code.typeURI)
        writer.member("title", code.title)
        writer.member("status", Int(code.status.code))
        writer.member("code", code.rawValue)
        writer.member("detail", detail)
        for (key, json) in extensions {
            writer.key(key)
            writer.rawValue(json.utf8)
        }
        writer.endObject()
        return writer.text
    }
}

extension APIError {
    static func notFound(_ what: String) -> APIError { APIError(.notFound, "\(what) does not exist") }
    static func forbidden(_ detail: String) -> APIError { APIError(.forbidden, detail) }
}
