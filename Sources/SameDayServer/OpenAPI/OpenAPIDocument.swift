// The OpenAPI 3.1 document, built from the endpoints the router is built from, their schemas and `ProblemCode`.
//
// Nothing here restates a rule: parameters, bodies and answers are the `Endpoint` and `JSONSchema` values the
// server checks requests with and writes answers by. `sameday openapi` prints it, `GET /openapi.json` serves
// it, and docs/openapi.json is a copy a test keeps equal.

import HTTPTypes
import SameDayCore
import SameDayStore

/// The API's OpenAPI description.
public enum OpenAPIDocument {
    /// The document as compact JSON text (what `GET /openapi.json` serves).
    public static let json: String = value.jsonText

    /// The document indented for people (what `sameday openapi` prints and docs/openapi.json holds).
    public static var prettyJSON: String { value.prettyText }

    /// The document as a JSON value.
    public static let value: JSONValue = build(APIDescription.endpoints)

    /// The document's bytes, as `GET /openapi.json` sends them.
    static let bytes: [UInt8] = Array(json.utf8)

    /// The document for `endpoints`.
    static func build(_ endpoints: [Endpoint]) -> JSONValue {
        .object([
            ("openapi", .string("3.1.0")),
            ("info", info),
            ("tags", .array(tags(endpoints))),
            ("security", .array([.object([("bearerKey", .array([]))])])),
            ("paths", paths(endpoints)),
            ("components", components),
            ("x-problem-codes", .array(ProblemCode.allCases.map(problemCodeEntry))),
        ])
    }

    private static let info = JSONValue.object([
        ("title", .string("SameDay")),
        ("version", .string("1")),
        (
            "description",
            .string(
                """
                The delivery promise, orders, stock and the network of a regionalized retail network. \
                Authenticate with `Authorization: Bearer <api key>` (roles operator, seller, customer). \
                Every refusal is application/problem+json with a stable `code` (listed in x-problem-codes). \
                Instants are ISO 8601 with the UTC offset of the place they belong to.
                """)
        ),
        ("license", .object([("name", .string("Apache 2.0")), ("identifier", .string("Apache-2.0"))])),
    ])

    private static func tags(_ endpoints: [Endpoint]) -> [JSONValue] {
        var seen: [String] = []
        for endpoint in endpoints where !seen.contains(endpoint.tag) { seen.append(endpoint.tag) }
        return seen.map { .object([("name", .string($0))]) }
    }

    private static func paths(_ endpoints: [Endpoint]) -> JSONValue {
        var order: [String] = []
        var operations: [String: [(key: String, value: JSONValue)]] = [:]
        for endpoint in endpoints {
            if operations[endpoint.path] == nil { order.append(endpoint.path) }
            operations[endpoint.path, default: []].append((endpoint.method.rawValue.lowercased(), operation(endpoint)))
        }
        return .object(order.map { ($0, .object(operations[$0] ?? [])) })
    }

    private static func operation(_ endpoint: Endpoint) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("operationId", .string(endpoint.operationID)),
            ("tags", .array([.string(endpoint.tag)])),
            ("summary", .string(endpoint.summary)),
        ]
        var description = endpoint.description
        if case .roles(let roles) = endpoint.access {
            description +=
                (description.isEmpty ? "" : "\n\n") + "Roles: \(roles.map(\.rawValue).joined(separator: ", "))."
        }
        if !description.isEmpty { members.append(("description", .string(description))) }
        if endpoint.access == .open { members.append(("security", .array([]))) }
        if !endpoint.parameters.isEmpty { members.append(("parameters", .array(endpoint.parameters.map(parameter)))) }
        if let body = endpoint.body {
            members.append(
                (
                    "requestBody",
                    .object([
                        ("required", .bool(true)),
                        (
                            "content",
                            .object([("application/json", .object([("schema", JSONSchema.ref(body.name).document)]))])
                        ),
                    ])
                ))
        }
        members.append(("responses", responses(endpoint)))
        return .object(members)
    }

    private static func parameter(_ parameter: Parameter) -> JSONValue {
        .object([
            ("name", .string(parameter.name)),
            ("in", .string(parameter.location.rawValue)),
            ("required", .bool(parameter.required)),
            ("description", .string(parameter.description)),
            ("schema", parameter.schema.document),
        ])
    }

    private static func responses(_ endpoint: Endpoint) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = endpoint.responses.map { response in
            (String(response.status.code), success(response))
        }
        var byStatus: [Int: [ProblemCode]] = [:]
        for code in endpoint.problemCodes { byStatus[Int(code.status.code), default: []].append(code) }
        for status in byStatus.keys.sorted() {
            members.append((String(status), problem(status, byStatus[status] ?? [])))
        }
        return .object(members)
    }

    private static func success(_ response: SuccessResponse) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("description", .string(response.description))]
        if !response.headers.isEmpty { members.append(("headers", headers(response.headers))) }
        switch response.content {
        case .json(let name):
            members.append(
                ("content", .object([("application/json", .object([("schema", JSONSchema.ref(name).document)]))])))
        case .media(let type, let schema):
            members.append(("content", .object([(type, .object([("schema", schema.document)]))])))
        case .empty:
            break
        }
        return .object(members)
    }

    private static func problem(_ status: Int, _ codes: [ProblemCode]) -> JSONValue {
        let text = codes.map { "`\($0.rawValue)`: \($0.title)" }.joined(separator: "; ")
        var members: [(key: String, value: JSONValue)] = [("description", .string(text))]
        if codes.contains(.unavailable) { members.append(("headers", headers([.retryAfter]))) }
        if codes.contains(.unauthorized) { members.append(("headers", headers([.wwwAuthenticate]))) }
        members.append(
            (
                "content",
                .object([
                    ("application/problem+json", .object([("schema", JSONSchema.ref(ProblemBody.schemaName).document)]))
                ])
            ))
        return .object(members)
    }

    private static func headers(_ headers: [ResponseHeader]) -> JSONValue {
        .object(
            headers.map { header in
                (
                    header.name,
                    .object([
                        ("description", .string(header.description)),
                        ("required", .bool(header.required)),
                        ("schema", header.schema.document),
                    ])
                )
            })
    }

    private static var components: JSONValue {
        .object([
            ("schemas", .object(ContractSchemas.all.map { ($0.name, $0.schema.document) })),
            (
                "securitySchemes",
                .object([
                    (
                        "bearerKey",
                        .object([
                            ("type", .string("http")), ("scheme", .string("bearer")),
                            (
                                "description",
                                .string("An API key made by `sameday keys create`; only its hash is stored.")
                            ),
                        ])
                    )
                ])
            ),
        ])
    }

    private static func problemCodeEntry(_ code: ProblemCode) -> JSONValue {
        .object([
            ("code", .string(code.rawValue)), ("status", .integer(Int(code.status.code))),
            ("title", .string(code.title)), ("type", .string(code.typeURI)),
        ])
    }
}
