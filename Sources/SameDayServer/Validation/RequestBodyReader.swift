// Reads a JSON request body: content type, size cap, syntax.

import HTTPTypes
import Hummingbird
import SameDayCore

/// Reads and parses JSON request bodies with the API's limits.
enum RequestBodyReader {
    /// Bodies larger than this are answered 413 `body-too-large`.
    static let maxBodyBytes = 1 << 20

    /// The parsed body. Throws 415 for a non-JSON content type, 413 over 1 MiB, 400 for malformed JSON.
    static func json(_ request: Request) async throws -> JSON {
        guard let contentType = request.headers[.contentType] else {
            throw APIError(
                .unsupportedMediaType, "The request has no Content-Type; send 'Content-Type: application/json'.")
        }
        let mediaType =
            contentType.split(separator: ";", maxSplits: 1).first.map {
                String($0).trimmingSpaces().lowercased()
            } ?? ""
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
        else {
            throw APIError(
                .unsupportedMediaType,
                "Content-Type '\(contentType.prefix(100))' is not accepted; send 'Content-Type: application/json'.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw APIError(.bodyTooLarge, "The body is \(length) bytes; at most 1 MiB (1,048,576 bytes) is accepted.")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw APIError(.bodyTooLarge, "The body is larger than 1 MiB (1,048,576 bytes).")
        }
        guard buffer.readableBytes > 0 else {
            throw APIError(.malformedJSON, "The body is empty; send a JSON object.")
        }
        do throws(JSONSyntaxError) {
            return try JSONValue.parse(buffer.readableBytesView, options: .requestBody)
        } catch {
            throw APIError(.malformedJSON, "The body is not valid JSON: \(error.message) at byte \(error.offset).")
        }
    }
}
