// Reads a JSON request body: content type, size cap, syntax.

import HTTPTypes
import Hummingbird
import SameDayCore

/// Reads and parses JSON request bodies with the API's limits.
enum RequestBodyReader {
    /// Bodies larger than this are answered 413 `body-too-large`.
    static let maxBodyBytes = 1 << 20

    /// The parsed body. Throws 415 for a non-JSON content type, 413 over 1 MiB, 400 for malformed JSON.
    static func json(_ request: Request) async throws -> JSONValue {
        try json(from: try await bytes(request))
    }

    /// The body's bytes, unparsed. Throws 415 for a non-JSON content type, 413 over 1 MiB.
    static func bytes(_ request: Request) async throws -> ByteBuffer {
        guard let contentType = request.headers.value(of: .contentType) else {
            throw APIError(
                .unsupportedMediaType, "The request has no Content-Type; send 'Content-Type: application/json'.")
        }
        guard isJSON(mediaType: contentType) else {
            throw APIError(
                .unsupportedMediaType,
                "Content-Type '\(contentType.prefix(100))' is not accepted; send 'Content-Type: application/json'.")
        }
        if let length = request.headers.value(of: .contentLength).flatMap(Int.init), length > maxBodyBytes {
            throw APIError(.bodyTooLarge, "The body is \(length) bytes; at most 1 MiB (1,048,576 bytes) is accepted.")
        }
        var request = request
        do {
            return try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw APIError(.bodyTooLarge, "The body is larger than 1 MiB (1,048,576 bytes).")
        }
    }

    /// The body parsed. Throws 400 for an empty body or malformed JSON.
    static func json(from buffer: ByteBuffer) throws(APIError) -> JSONValue {
        guard buffer.readableBytes > 0 else {
            throw APIError(.malformedJSON, "The body is empty; send a JSON object.")
        }
        do throws(JSONSyntaxError) {
            return try JSONValue.parse(buffer.readableBytesView, options: .requestBody)
        } catch {
            throw APIError(.malformedJSON, "The body is not valid JSON: \(error.message) at byte \(error.offset).")
        }
    }

    /// Whether a Content-Type names JSON: `application/json` or `application/<anything>+json`, in any case, with
    /// any parameters after `;` and spaces or tabs around the type.
    static func isJSON(mediaType contentType: String) -> Bool {
        if contentType == "application/json" { return true }  // what nearly every client sends
        var bytes = Substring(contentType).utf8
        if let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")) { bytes = bytes[..<semicolon] }
        func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        while let b = bytes.first, isSpace(b) { bytes = bytes.dropFirst() }
        while let b = bytes.last, isSpace(b) { bytes = bytes.dropLast() }
        func lowered(_ b: UInt8) -> UInt8 { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b }
        func hasPrefix(_ p: String) -> Bool {
            bytes.count >= p.utf8.count && zip(bytes, p.utf8).allSatisfy { lowered($0) == $1 }
        }
        func hasSuffix(_ p: String) -> Bool {
            bytes.count >= p.utf8.count && zip(bytes.suffix(p.utf8.count), p.utf8).allSatisfy { lowered($0) == $1 }
        }
        let application = "application/"
        return (bytes.count == "application/json".utf8.count && hasPrefix("application/json"))
            || (hasPrefix(application) && hasSuffix("+json") && bytes.count >= application.utf8.count + 5)
    }
}
