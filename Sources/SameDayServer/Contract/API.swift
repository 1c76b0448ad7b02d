// Registers endpoints with the router, and reads what an endpoint declares: its access, parameters and body.
//
// Every route goes through `API.add`, so the role check, parameter rules and body schema a handler relies on
// are exactly the ones the OpenAPI document prints.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

/// A handler of one endpoint.
typealias EndpointHandler = @Sendable (Request, AppRequestContext) async throws -> Response

/// The router being built, and the endpoints registered on it.
struct API {
    let router: Router<AppRequestContext>
    private(set) var endpoints: [Endpoint] = []

    init(router: Router<AppRequestContext>) {
        self.router = router
    }

    /// Registers `endpoint`; its access is checked before `handler` runs.
    mutating func add(_ endpoint: Endpoint, _ handler: @escaping EndpointHandler) {
        endpoints.append(endpoint)
        router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
            if case .roles(let roles) = endpoint.access {
                let principal = try context.requirePrincipal()
                guard roles.contains(principal.role) else {
                    let allowed = roles.map(\.rawValue).joined(separator: " or ")
                    throw APIError(
                        .forbidden,
                        "A \(principal.role.rawValue) key may not call \(endpoint.method.rawValue) \(endpoint.path); "
                            + "this needs an \(allowed) key.")
                }
            }
            return try await handler(request, context)
        }
    }
}

/// The parameters of one request, checked against their endpoint's rules.
struct ParameterValues: Sendable {
    private var values: [String: JSONValue]

    init(_ values: [String: JSONValue]) { self.values = values }

    func string(_ name: String) -> String? {
        if case .string(let s) = values[name] { return s }
        return nil
    }

    func int(_ name: String) -> Int? {
        if case .integer(let i) = values[name] { return i }
        return nil
    }

    func bool(_ name: String) -> Bool? {
        if case .bool(let b) = values[name] { return b }
        return nil
    }
}

extension Endpoint {
    /// Every declared parameter, checked against its schema.
    /// - Throws: `APIError` with the parameter's `missingCode` or `invalidCode`, naming it.
    func parameters(_ request: Request, _ context: AppRequestContext) throws(APIError) -> ParameterValues {
        var values: [String: JSONValue] = [:]
        for parameter in parameters {
            let text: String?
            switch parameter.location {
            case .path: text = context.parameters.get(parameter.name)
            case .query: text = request.uri.queryParameters[parameter.name[...]].map(String.init)
            case .header: text = HTTPField.Name(parameter.name).flatMap { request.headers.value(of: $0) }
            }
            guard let text else {
                if parameter.required {
                    throw APIError(
                        parameter.missingCode, "\(parameter.describedName) is required: \(parameter.description)")
                }
                continue
            }
            values[parameter.name] = try parameter.read(text)
        }
        return ParameterValues(values)
    }

    /// The body, read as JSON, checked against this endpoint's schema, then decoded as `T` (which checks what
    /// needs data: references to the catalog, the network, the ZIP table).
    /// - Throws: `APIError` 415, 413, 400 (`malformed-json`) or 422 listing every problem with its path.
    func body<T: RequestBody>(_ type: T.Type, _ request: Request, world: ServerWorld) async throws -> T {
        let json = try RequestBodyReader.json(from: try await RequestBodyReader.bytes(request))
        return try decode(T.self, json, references: world.references)
    }

    /// `body(_:_:world:)` for an already parsed body.
    func decode<T: RequestBody>(_ type: T.Type, _ json: JSONValue, references: ReferenceCheck) throws(APIError) -> T {
        var problems = FieldProblems()
        var path = JSONPath()
        T.schema.validate(json, at: &path, into: &problems, resolve: ContractSchemas.schema(named:))
        try problems.throwIfAny()
        let value = T(validated: json, references: references, problems: &problems)
        try problems.throwIfAny()
        guard let value else { throw APIError(.invalidField, "The body is invalid.") }
        return value
    }
}

extension Parameter {
    /// `query parameter 'limit'`, `header 'Idempotency-Key'`, `path segment 'id'`.
    var describedName: String {
        switch location {
        case .path: "path segment '\(name)'"
        case .query: "query parameter '\(name)'"
        case .header: "header '\(name)'"
        }
    }

    /// The parameter's text as the JSON value its schema describes, checked.
    func read(_ text: String) throws(APIError) -> JSONValue {
        let value: JSONValue
        switch schema.kind {
        case .integer:
            guard let int = Int(text) else {
                throw APIError(invalidCode, "\(describedName) must be an integer, got '\(text.prefix(32))'.")
            }
            value = .integer(int)
        case .boolean:
            guard text == "true" || text == "false" else {
                throw APIError(invalidCode, "\(describedName) must be true or false, got '\(text.prefix(32))'.")
            }
            value = .bool(text == "true")
        default:
            value = .string(text)
        }
        var problems = FieldProblems()
        var path = JSONPath(root: name)
        schema.validate(value, at: &path, into: &problems)
        if let problem = problems.list.first {
            throw APIError(invalidCode, "\(describedName) \(problem.reason.prefix(300)).")
        }
        return value
    }
}

extension FieldProblems {
    /// Throws the problems as one `APIError` (the first one's code), listing all of them in `errors`.
    func throwIfAny() throws(APIError) {
        guard let first = list.first else { return }
        let detail = list.map { "\($0.path) \($0.reason)" }.joined(separator: "; ")
        var writer = JSONWriter()
        writer.beginArray()
        for problem in list {
            writer.beginObject()
            writer.member("path", problem.path)
            writer.member("code", problem.code.rawValue)
            writer.member("reason", problem.reason)
            writer.endObject()
        }
        writer.endArray()
        throw APIError(first.code, detail, extensions: [("errors", writer.text)])
    }
}
