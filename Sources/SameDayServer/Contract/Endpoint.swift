// One operation of the HTTP API, described once: the router is built from these and the OpenAPI document is
// printed from them, so a route cannot exist undocumented or be documented differently from what it does.

import HTTPTypes
import SameDayCore
import SameDayStore

/// An operation: method, path, who may call it, its parameters, body, answers and refusals.
struct Endpoint: Sendable {
    /// Who may call it.
    enum Access: Sendable, Equatable {
        /// No key needed.
        case open
        /// A key of one of these roles; other roles get 403.
        case roles([Role])

        static let anyRole = Access.roles([.operator, .seller, .customer])
    }

    var method: HTTPRequest.Method
    /// The path in OpenAPI form: `/v1/orders/{id}`.
    var path: String
    var operationID: String
    /// The group the document files it under (`orders`, `inventory`, ...).
    var tag: String
    var summary: String
    var description: String
    var access: Access
    var parameters: [Parameter]
    /// The JSON body it reads, if any.
    var body: RequestSchema?
    /// What it answers when it succeeds.
    var responses: [SuccessResponse]
    /// Refusals beyond those its access, parameters and body imply (see `problemCodes`).
    var problems: [ProblemCode]
    /// Whether it reads or writes the database (so it may answer 503 `unavailable`).
    var usesDatabase: Bool

    init(
        _ method: HTTPRequest.Method, _ path: String, operationID: String, tag: String, summary: String,
        description: String = "", access: Access, parameters: [Parameter] = [], body: RequestSchema? = nil,
        responses: [SuccessResponse], problems: [ProblemCode] = [], usesDatabase: Bool = true
    ) {
        self.method = method
        self.path = path
        self.operationID = operationID
        self.tag = tag
        self.summary = summary
        self.description = description
        self.access = access
        self.parameters = parameters
        self.body = body
        self.responses = responses
        self.problems = problems
        self.usesDatabase = usesDatabase
    }

    /// The path as Hummingbird spells it: `/v1/orders/:id`.
    var routerPath: String {
        path.split(separator: "/").map { segment in
            segment.hasPrefix("{") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.reduce("") { $0 + "/" + $1 }
    }

    /// Every problem code it can answer, in `ProblemCode` order.
    var problemCodes: [ProblemCode] {
        var codes = Set(problems)
        codes.insert(.internalError)
        if usesDatabase { codes.insert(.unavailable) }
        if case .roles(let roles) = access {
            codes.insert(.unauthorized)
            if Set(roles) != Set(Role.allCases) { codes.insert(.forbidden) }
        }
        if body != nil {
            codes.formUnion([.malformedJSON, .bodyTooLarge, .unsupportedMediaType, .missingField, .invalidField])
            codes.insert(.unknownField)
        }
        for parameter in parameters { codes.formUnion(parameter.problemCodes) }
        return ProblemCode.allCases.filter(codes.contains)
    }
}

/// A path, query or header parameter with its exact rule.
struct Parameter: Sendable {
    enum Location: String, Sendable {
        case path, query, header
    }

    var name: String
    var location: Location
    var required: Bool
    var schema: JSONSchema
    var description: String
    /// The code a missing required parameter is refused with.
    var missingCode: ProblemCode
    /// The code a parameter breaking its rule is refused with.
    var invalidCode: ProblemCode

    init(
        _ name: String, in location: Location, required: Bool? = nil, _ schema: JSONSchema, _ description: String,
        missingCode: ProblemCode = .invalidParameter, invalidCode: ProblemCode? = nil
    ) {
        self.name = name
        self.location = location
        self.required = required ?? (location == .path)
        self.schema = schema
        self.description = description
        self.missingCode = missingCode
        self.invalidCode = invalidCode ?? (location == .path ? .notFound : .invalidParameter)
    }

    var problemCodes: [ProblemCode] { required ? [missingCode, invalidCode] : [invalidCode] }
}

/// A request body's schema, named in the document's components.
struct RequestSchema: Sendable {
    var name: String
    var schema: JSONSchema
}

/// A successful answer: status, what it carries and its headers.
struct SuccessResponse: Sendable {
    enum Content: Sendable {
        /// JSON of a named component schema.
        case json(String)
        /// Another media type, described in words (Prometheus text, SVG, HTML).
        case media(String, JSONSchema)
        /// No body.
        case empty
    }

    var status: HTTPResponse.Status
    var description: String
    var content: Content
    var headers: [ResponseHeader]

    init(
        _ status: HTTPResponse.Status = .ok, _ description: String, _ content: Content,
        headers: [ResponseHeader] = []
    ) {
        self.status = status
        self.description = description
        self.content = content
        self.headers = headers
    }

    /// A JSON answer whose body is `type`.
    static func json<T: ResponseBody>(
        _ type: T.Type, status: HTTPResponse.Status = .ok, _ description: String, headers: [ResponseHeader] = []
    ) -> SuccessResponse {
        SuccessResponse(status, description, .json(T.schemaName), headers: headers)
    }
}

/// A header an answer carries.
struct ResponseHeader: Sendable {
    var name: String
    var description: String
    var schema: JSONSchema
    var required: Bool

    static let location = ResponseHeader(
        name: "Location", description: "The new resource's path.", schema: .string(), required: true)
    static let replayed = ResponseHeader(
        name: "Idempotent-Replayed",
        description: "`true` when this answer repeats the first answer to the same Idempotency-Key and body.",
        schema: .oneOf(["true"]), required: false)
    static let retryAfter = ResponseHeader(
        name: "Retry-After", description: "Seconds to wait before retrying.", schema: .integer(minimum: 0),
        required: true)
    static let wwwAuthenticate = ResponseHeader(
        name: "WWW-Authenticate", description: "`Bearer`: how to authenticate.", schema: .string(), required: false)
    static let allow = ResponseHeader(
        name: "Allow", description: "The methods this path takes.", schema: .string(), required: true)
}
