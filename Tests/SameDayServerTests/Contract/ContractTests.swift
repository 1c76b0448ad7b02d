// The contract is whole: every reference resolves, every example is valid, the committed document is the one the
// server builds, and every endpoint lists what its traits imply.

import Foundation
import HTTPTypes
import SameDayCore
import Testing

@testable import SameDayServer

@Suite struct ContractTests {
    /// docs/openapi.json is `sameday openapi`'s output: regenerate it with `swift run sameday openapi > docs/openapi.json`.
    @Test func theCommittedDocumentIsTheOneTheServerBuilds() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/openapi.json"), encoding: .utf8)
        #expect(committed == OpenAPIDocument.prettyJSON, "docs/openapi.json is stale: run swift run sameday openapi > docs/openapi.json")
    }

    @Test func componentNamesAreUniqueAndEveryReferenceResolves() {
        let names = ContractSchemas.all.map(\.name)
        #expect(Set(names).count == names.count)
        var references: [String] = []
        for (_, schema) in ContractSchemas.all { Self.collectReferences(schema, into: &references) }
        for endpoint in APIDescription.endpoints {
            for response in endpoint.responses { if case .json(let name) = response.content { references.append(name) } }
            if let body = endpoint.body { references.append(body.name) }
        }
        for name in references { #expect(ContractSchemas.schema(named: name) != nil, "unresolved: \(name)") }
    }

    @Test func everyExampleIsValidForItsSchema() {
        var checked = 0
        for (name, schema) in ContractSchemas.all {
            Self.walk(schema) { schema in
                for example in schema.examples {
                    var problems = FieldProblems()
                    var path = JSONPath()
                    schema.validate(example, at: &path, into: &problems, resolve: ContractSchemas.schema(named:))
                    #expect(problems.isEmpty, "\(name): example \(example.jsonText): \(problems.list)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 10)
    }

    @Test func operationIDsAndMethodPathPairsAreUnique() {
        let ids = APIDescription.endpoints.map(\.operationID)
        #expect(Set(ids).count == ids.count)
        let routes = APIDescription.endpoints.map { "\($0.method) \($0.path)" }
        #expect(Set(routes).count == routes.count)
    }

    /// A body implies 400/413/415/422; a key implies 401; a database implies 503; path parameters imply 404.
    @Test func everyEndpointListsWhatItsTraitsImply() {
        for endpoint in APIDescription.endpoints {
            let statuses = Set(endpoint.problemCodes.map { Int($0.status.code) })
            #expect(statuses.contains(500), "\(endpoint.operationID)")
            if endpoint.body != nil { #expect(statuses.isSuperset(of: [400, 413, 415, 422]), "\(endpoint.operationID)") }
            if endpoint.access != .open { #expect(statuses.contains(401), "\(endpoint.operationID)") }
            if endpoint.usesDatabase { #expect(statuses.contains(503), "\(endpoint.operationID)") }
            if endpoint.parameters.contains(where: { $0.location == .path }) {
                #expect(statuses.contains(404), "\(endpoint.operationID)")
            }
        }
    }

    @Test func theDocumentStatesTheIdempotencyKeyRule() throws {
        let document = OpenAPIDocument.value
        guard case .array(let parameters)? = document["paths"]?["/v1/orders"]?["post"]?["parameters"] else {
            throw TestFailure("no parameters on POST /v1/orders")
        }
        let key = try #require(parameters.first { $0["name"] == .string("Idempotency-Key") })
        #expect(key["required"] == .bool(true))
        #expect(key["schema"]?["maxLength"] == .integer(Limits.maxIdempotencyKeyBytes))
        #expect(key["schema"]?["pattern"] == .string("^[\\x20-\\x7E]{1,200}$"))
    }

    static func walk(_ schema: JSONSchema, _ visit: (JSONSchema) -> Void) {
        visit(schema)
        switch schema.kind {
        case .array(let items, _, _): walk(items, visit)
        case .object(let properties, _): for property in properties { walk(property.schema, visit) }
        case .map(let values): walk(values, visit)
        case .anyOf(let options): for option in options { walk(option, visit) }
        default: break
        }
    }

    static func collectReferences(_ schema: JSONSchema, into names: inout [String]) {
        walk(schema) { if case .reference(let name) = $0.kind { names.append(name) } }
    }
}
