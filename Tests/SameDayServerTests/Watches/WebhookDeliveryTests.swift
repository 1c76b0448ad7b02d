// Webhooks end to end: a receiver on the loopback interface verifies every signature, is down for a while (503),
// then slow (no answer within the timeout), then up; every event reaches it, each customer's in event order.

import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SameDayCore
import SameDayServer
import SameDayStore
import Synchronization
import Testing

@testable import SameDayServer

/// A webhook receiver on 127.0.0.1: checks signatures, records what it acknowledged, answers as `mode` says.
final class Receiver: Sendable {
    enum Mode: Sendable {
        case up, down, slow
    }

    struct Received: Sendable {
        var eventID: Int
        var customer: String?
        var type: String
        var signatureValid: Bool
        var acknowledged: Bool
    }

    let secret: String
    let mode = Mutex(Mode.up)
    let received = Mutex<[Received]>([])

    init(secret: String) { self.secret = secret }

    /// Runs the receiver until the task is cancelled; `ready` gets its port.
    func run(ready: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        router.post("/hook") { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let bytes = Array(body.readableBytesView)
            let timestamp = request.headers[HTTPField.Name("SameDay-Timestamp")!] ?? ""
            let signature = request.headers[HTTPField.Name("SameDay-Signature")!] ?? ""
            let idHeader = request.headers[HTTPField.Name("SameDay-Event-Id")!] ?? ""
            let expected = "v1=" + Receiver.hmacHex(secret: self.secret, message: Array("\(timestamp).".utf8) + bytes)
            let json = try JSONValue.parse(bytes, options: .requestBody)
            let mode = self.mode.withLock { $0 }
            if mode == .slow { try await Task.sleep(for: .milliseconds(800)) }
            let ok = mode == .up
            self.received.withLock {
                $0.append(
                    Received(
                        eventID: Int(idHeader) ?? -1, customer: json["customer"]?.stringValue,
                        type: json["type"]?.stringValue ?? "",
                        signatureValid: signature == expected && json["id"]?.stringValue == idHeader
                            && abs((Int(timestamp) ?? 0) - Int(Date().timeIntervalSince1970)) < 300,
                        acknowledged: ok))
            }
            return Response(status: ok ? .noContent : .serviceUnavailable)
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ready(channel.localAddress?.port ?? 0) })
        try await app.runService()
    }

    static func hmacHex(secret: String, message: [UInt8]) -> String {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }
}

/// The receiver's port, shared with the task that starts it.
final class PortBox: Sendable {
    let value = Mutex(0)
}

@Suite(.serialized) struct WebhookDeliveryTests {
    static let secret = "whsec_0123456789abcdef"

    @Test func everyEventArrivesSignedInOrderPerCustomerAfterAnOutage() async throws {
        let receiver = Receiver(secret: Self.secret)
        let port = PortBox()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await receiver.run { value in port.value.withLock { $0 = value } } }
            while port.value.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(20)) }
            let url = "http://127.0.0.1:\(port.value.withLock { $0 })/hook"
            try await Harness.withApp(configure: { configuration in
                var settings = WebhookSettings()
                settings.pollInterval = .milliseconds(20)
                settings.timeout = .milliseconds(300)
                settings.retry = WebhookRetry(firstMillis: 50, capMillis: 200, windowMillis: 3_600_000)
                configuration.webhooks = settings
            }) { client, keys, _ in
                let hook = try await client.send(
                    .post, "/v1/webhooks", key: keys.operator,
                    json: #"{"url":"\#(url)","secret":"\#(Self.secret)","types":["order-placed","price-changed"]}"#)
                #expect(hook.status == .created, "\(hook.body)")
                let hookID = try #require(try parse(hook.body)["id"]?.stringValue)
                receiver.mode.withLock { $0 = .down }
                for i in 0..<6 {
                    _ = try await client.send(
                        .post, "/v1/orders", key: i % 2 == 0 ? keys.customer : keys.otherCustomer,
                        json: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,
                        headers: [HTTPField.Name("Idempotency-Key")!: "o\(i)"])
                }
                _ = try await client.send(
                    .put, "/v1/catalog/B7/price", key: keys.operator, json: #"{"priceCents":199}"#)
                try await Task.sleep(for: .milliseconds(400))
                receiver.mode.withLock { $0 = .slow }
                try await Task.sleep(for: .milliseconds(700))
                receiver.mode.withLock { $0 = .up }
                let events = try parse(try await client.send(.get, "/v1/events?limit=100", key: keys.operator).body)
                let expected = (events["events"]?.arrayValue ?? []).filter {
                    ["order-placed", "price-changed"].contains($0["type"]?.stringValue ?? "")
                }.compactMap { $0["id"]?.stringValue.flatMap { Int($0) } }
                #expect(expected.count == 7)
                let deadline = Date().addingTimeInterval(20)
                while Date() < deadline {
                    let acked = Set(receiver.received.withLock { $0 }.filter(\.acknowledged).map(\.eventID))
                    if acked.isSuperset(of: expected) { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                let received = receiver.received.withLock { $0 }
                #expect(Set(received.filter(\.acknowledged).map(\.eventID)) == Set(expected), "no event lost")
                #expect(received.allSatisfy { $0.signatureValid }, "every delivery signed")
                #expect(received.contains { !$0.acknowledged }, "the outage was seen")
                // In order per customer: what each customer's receiver acknowledged ascends.
                for customer in ["c1", "c2"] {
                    let order = received.filter { $0.acknowledged && $0.customer == customer }.map(\.eventID)
                    #expect(order == order.sorted(), "\(customer): \(order)")
                    #expect(Set(order).count == 3)
                }
                let deliveries = try parse(
                    try await client.send(.get, "/v1/webhooks/\(hookID)/deliveries", key: keys.operator).body)
                let states = (deliveries["deliveries"]?.arrayValue ?? []).compactMap { $0["state"]?.stringValue }
                #expect(states.count == 7)
                let retried = (deliveries["deliveries"]?.arrayValue ?? []).compactMap { $0["attempts"]?.intValue }
                #expect(retried.contains { $0 >= 2 }, "\(retried)")
            }
            group.cancelAll()
        }
    }

    @Test func theSignatureIsHMACSHA256OfTimestampDotBody() {
        let body = Array(#"{"id":"1"}"#.utf8)
        let signature = WebhookDeliverer.signature(secret: "key", timestamp: "1700000000", body: body)
        #expect(signature == Receiver.hmacHex(secret: "key", message: Array("1700000000.".utf8) + body))
        #expect(signature.count == 64)
        // RFC 4231 test case 2.
        #expect(
            Receiver.hmacHex(secret: "Jefe", message: Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test(arguments: [
        ("http://example.com", "example.com", 80, "/"),
        ("https://example.com:8443/a/b?c=d", "example.com", 8443, "/a/b?c=d"),
        ("http://127.0.0.1:9/x", "127.0.0.1", 9, "/x"), ("http://[::1]:8080/h", "::1", 8080, "/h"),
        ("HTTP://Example.com?q", "Example.com", 80, "/?q"),
    ])
    func webhookURLsParse(text: String, host: String, port: Int, target: String) {
        let url = WebhookURL(text)
        #expect(url?.host == host)
        #expect(url?.port == port)
        #expect(url?.target == target)
    }

    @Test(arguments: [
        "ftp://x", "http://", "http://a b", "http://u:p@h/", "http://h:0/", "http://h:65536/", "http://h/#f", "h/x",
        "http://[::1/", "http://h:8x/",
    ])
    func badWebhookURLsAreRefused(text: String) {
        #expect(WebhookURL(text) == nil)
    }
}
