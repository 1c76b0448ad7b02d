// The byte-level readers of request headers and the log line format, on their own.

import HTTPTypes
import Logging
import Testing

@testable import SameDayServer

@Suite struct HeaderParsingTests {
    @Test func bearerKeys() {
        #expect(AuthMiddleware.bearerKey("Bearer abc") == "abc")
        #expect(AuthMiddleware.bearerKey("bearer abc") == "abc")
        #expect(AuthMiddleware.bearerKey("BEARER abc") == "abc")
        #expect(AuthMiddleware.bearerKey("  Bearer \t abc \t ") == "abc")
        #expect(AuthMiddleware.bearerKey("Bearer a b") == "a b")  // looked up as is, and not found
        #expect(AuthMiddleware.bearerKey("Bearer") == nil)
        #expect(AuthMiddleware.bearerKey("Bearer ") == nil)
        #expect(AuthMiddleware.bearerKey("Bearer \t ") == nil)
        #expect(AuthMiddleware.bearerKey("Bearer\tabc") == nil)
        #expect(AuthMiddleware.bearerKey("Basic dXNlcjpwYXNz") == nil)
        #expect(AuthMiddleware.bearerKey("Bearerabc") == nil)
        #expect(AuthMiddleware.bearerKey("Béarer abc") == nil)
        #expect(AuthMiddleware.bearerKey("") == nil)
        // 512 bytes is the longest key; 513 is refused.
        #expect(AuthMiddleware.bearerKey("Bearer " + String(repeating: "k", count: 512))?.utf8.count == 512)
        #expect(AuthMiddleware.bearerKey("Bearer " + String(repeating: "k", count: 513)) == nil)
        #expect(AuthMiddleware.bearerKey("Bearer " + String(repeating: "é", count: 256))?.utf8.count == 512)
        #expect(AuthMiddleware.bearerKey("Bearer " + String(repeating: "é", count: 256) + "k") == nil)
    }

    @Test func jsonMediaTypes() {
        for accepted in [
            "application/json", "Application/JSON", "application/json; charset=utf-8", " application/json ",
            "application/problem+json", "application/vnd.sameday+JSON;v=1", "application/+json",
        ] {
            #expect(RequestBodyReader.isJSON(mediaType: accepted), "\(accepted)")
        }
        for refused in [
            "", "text/plain", "application/jsonx", "application/xml", "text/json", "application/json+xml",
            "application/", "json", "applicationXjson", "application/jso",
        ] {
            #expect(!RequestBodyReader.isJSON(mediaType: refused), "\(refused)")
        }
    }

    @Test func headerValues() {
        var fields: HTTPFields = [.contentType: "application/json"]
        #expect(fields.value(of: .contentType) == "application/json")
        #expect(fields.value(of: .authorization) == nil)
        // A repeated field reads as HTTPFields joins it, so a doubled Authorization is never one valid key.
        fields.append(HTTPField(name: .authorization, value: "Bearer a"))
        fields.append(HTTPField(name: .authorization, value: "Bearer b"))
        #expect(fields.value(of: .authorization) == "Bearer a, Bearer b")
        #expect(AuthMiddleware.bearerKey(fields.value(of: .authorization)!) == "a, Bearer b")
    }

    @Test func logLinesRenderMetadataSortedWithExplicitValuesWinning() {
        var handler = ServerLogHandler(label: "sameday", metadataProvider: nil)
        handler[metadataKey: "hb.request.id"] = "42"
        handler[metadataKey: "b"] = "logger"
        let event = LogEvent(
            level: .warning, message: "stock load failed", metadata: ["b": "explicit", "a": "1"],
            source: "SameDayServer",
            file: #fileID, function: #function, line: #line)
        #expect(
            handler.line(for: event, timestamp: "T")
                == "T warning sameday: a=1 b=explicit hb.request.id=42 [SameDayServer] stock load failed")
        let bare = LogEvent(
            level: .info, message: "listening", metadata: nil, source: "S", file: #fileID, function: #function,
            line: #line)
        #expect(
            ServerLogHandler(label: "", metadataProvider: nil).line(for: bare, timestamp: "T")
                == "T info: [S] listening")
        #expect(ServerLogHandler.timestamp().utf8.count >= 24)
    }
}
