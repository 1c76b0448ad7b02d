// The two sides of the wire contract as protocols: a response type writes its JSON and declares its schema; a
// request type declares its schema and reads a body that matches it (Hummingbird's `ResponseGenerator` and
// GRDB's `FetchableRecord` are the model: the type owns its encoding).

import HTTPTypes
import Hummingbird
import SameDayCore

/// A JSON answer: its schema (a component of the OpenAPI document) and how it writes itself.
protocol ResponseBody: Sendable {
    /// The component name in the OpenAPI document.
    static var schemaName: String { get }
    /// The exact shape `write(to:)` produces; tests check every answer against it.
    static var schema: JSONSchema { get }
    /// Writes this value as one JSON value.
    func write(to writer: inout JSONWriter)
}

extension ResponseBody {
    /// The HTTP response carrying this value as `application/json`.
    func response(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], capacity: Int = 512) -> Response {
        var writer = JSONWriter(capacity: capacity)
        write(to: &writer)
        return Response.json(writer.bytes, status: status, headers: headers)
    }

    /// The JSON text (for logs, stored answers and tests).
    var jsonText: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.text
    }
}

/// A JSON request body: its schema, and how to read a body that already matches it.
protocol RequestBody: Sendable {
    static var schemaName: String { get }
    /// The exact shape accepted; bodies are validated against it before `init(validated:references:problems:)`.
    static var schema: JSONSchema { get }
    /// Reads a body that matches `schema`, adding a problem (with its path) for each reference the data does not
    /// know (an unknown SKU, ZIP or node) or rule across fields (a repeated SKU); nil when any was added.
    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems)
}

extension Response {
    /// A JSON response from UTF-8 bytes.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// An array of `Element`s as a top-level JSON answer.
struct ListBody<Element: ResponseBody>: ResponseBody {
    var elements: [Element]

    static var schemaName: String { Element.schemaName + "List" }
    static var schema: JSONSchema { .array(.ref(Element.schemaName)) }

    func write(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in elements { element.write(to: &writer) }
        writer.endArray()
    }
}
