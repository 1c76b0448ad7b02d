// Checks an answer against what the document says of it: the tests call this on every response they receive.

import HTTPTypes
import SameDayCore

/// The contract as a checker of answers.
public enum ContractCheck {
    /// What is wrong with an answer to `method path` (empty when it matches the document): an undocumented
    /// status, a wrong media type, or a body that breaks its schema (each problem with its JSON path).
    public static func problems(
        method: HTTPRequest.Method, path: String, status: Int, contentType: String?, body: [UInt8]
    ) -> [String] {
        guard let endpoint = endpoint(method: method, path: path) else {
            // Unrouted requests: any answer must still be problem+json (404 or 405).
            return (400..<600).contains(status) ? problemBody(contentType, body) : ["no endpoint for \(method) \(path)"]
        }
        if let success = endpoint.responses.first(where: { Int($0.status.code) == status }) {
            return successBody(success, contentType, body)
        }
        let documented = Set(endpoint.problemCodes.map { Int($0.status.code) })
        guard documented.contains(status) else {
            return ["\(method) \(endpoint.path) answered \(status), which the document does not list"]
        }
        var found = problemBody(contentType, body)
        if case .object = (try? JSONValue.parse(body, options: .requestBody)) ?? .null,
            let json = try? JSONValue.parse(body, options: .requestBody), case .string(let code)? = json["code"],
            let problem = ProblemCode(rawValue: code), !endpoint.problemCodes.contains(problem)
        {
            found.append("\(method) \(endpoint.path) answered code \(code), which the document does not list for it")
        }
        return found
    }

    /// The documented endpoint `method path` reaches, if any (a literal segment wins over a parameter).
    static func endpoint(method: HTTPRequest.Method, path: String) -> Endpoint? {
        let segments = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        let candidates = APIDescription.endpoints.filter { endpoint in
            let pattern = endpoint.path.split(separator: "/")
            return endpoint.method == method && pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return candidates.max { a, b in
            a.path.split(separator: "/").map { $0.hasPrefix("{") ? 0 : 1 }
                .lexicographicallyPrecedes(b.path.split(separator: "/").map { $0.hasPrefix("{") ? 0 : 1 })
        }
    }

    private static func successBody(_ response: SuccessResponse, _ contentType: String?, _ body: [UInt8]) -> [String] {
        switch response.content {
        case .empty:
            return body.isEmpty ? [] : ["a body where the document says none"]
        case .media(let type, _):
            return contentType == type ? [] : ["media type \(contentType ?? "none"), documented \(type)"]
        case .json(let name):
            guard contentType == "application/json" else { return ["media type \(contentType ?? "none"), not JSON"] }
            return validate(body, against: .ref(name))
        }
    }

    private static func problemBody(_ contentType: String?, _ body: [UInt8]) -> [String] {
        guard contentType == "application/problem+json" else {
            return ["a refusal as \(contentType ?? "no media type"), not application/problem+json"]
        }
        return validate(body, against: .ref(ProblemBody.schemaName))
    }

    private static func validate(_ body: [UInt8], against schema: JSONSchema) -> [String] {
        let json: JSONValue
        do {
            json = try JSONValue.parse(body, options: .requestBody)
        } catch {
            return ["the body is not JSON: \(error)"]
        }
        var problems = FieldProblems()
        var path = JSONPath()
        schema.validate(json, at: &path, into: &problems, resolve: ContractSchemas.schema(named:))
        return problems.list.map { "\($0.path) \($0.reason)" }
    }
}
