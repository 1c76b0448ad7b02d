// One HTTP/1.1 POST over NIO, for webhook deliveries: connect (TLS for https), send the request, read the status
// line, close. Everything the webhook deliverer needs and nothing more: no redirects (a 3xx is not a 2xx, so it is
// retried like any refusal), no connection reuse (deliveries are few and each stands alone), one deadline for the
// whole exchange.
//
// Why not AsyncHTTPClient: the server's product build does not otherwise compile it (only HummingbirdTesting
// does), and it brings swift-nio-http2 and its own connection pool for a feature that sends one request at a time
// per customer. NIOHTTP1 and NIOSSL are already in the product (Hummingbird, PostgresNIO), so this costs nothing to
// build (docs/watches.md; the build time saved is not measured yet).

import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Sends webhook POSTs.
struct WebhookClient: Sendable {
    let group: any EventLoopGroup
    /// TLS for https endpoints: the system's trust roots, the endpoint's host name verified.
    let tls: NIOSSLContext?

    init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
        self.tls = try? NIOSSLContext(configuration: .makeClientConfiguration())
    }

    /// What an attempt got: the receiver's status, or why there is none.
    struct Answer: Sendable, Equatable {
        var status: Int?
        var error: String?
    }

    /// POSTs `body` to `url` with `headers`; gives up after `timeout` (connecting included).
    func post(_ url: WebhookURL, headers: [(String, String)], body: [UInt8], timeout: Duration) async -> Answer {
        let deadline = TimeAmount.nanoseconds(
            Int64(timeout.components.seconds) * 1_000_000_000
                + Int64(timeout.components.attoseconds / 1_000_000_000))
        let eventLoop = group.next()
        let result = eventLoop.makePromise(of: Int.self)
        let timer = eventLoop.scheduleTask(in: deadline) {
            result.fail(WebhookClientError.timedOut(timeout))
        }
        let tls = url.tls ? self.tls : nil
        if url.tls && tls == nil { result.fail(WebhookClientError.noTLS) }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(deadline)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        let sni =
                            url.host.contains(":") || url.host.allSatisfy({ $0.isNumber || $0 == "." })
                            ? nil : url.host
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: sni))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(StatusHandler(result: result))
                }
            }
        let connecting = bootstrap.connect(host: url.host, port: url.port)
        connecting.whenFailure { result.fail($0) }
        connecting.whenSuccess { channel in
            result.futureResult.whenComplete { _ in channel.close(promise: nil) }
            Self.send(url, headers: headers, body: body, on: channel)
        }
        do {
            let status = try await result.futureResult.get()
            timer.cancel()
            return Answer(status: status, error: (200..<300).contains(status) ? nil : "the receiver answered \(status)")
        } catch {
            timer.cancel()
            return Answer(status: nil, error: "\(error)")
        }
    }

    private static func send(_ url: WebhookURL, headers: [(String, String)], body: [UInt8], on channel: any Channel) {
        var fields = HTTPHeaders()
        fields.add(name: "Host", value: url.hostHeader)
        fields.add(name: "Content-Type", value: "application/json")
        fields.add(name: "Content-Length", value: String(body.count))
        fields.add(name: "Connection", value: "close")
        fields.add(name: "User-Agent", value: "SameDay-Webhooks/1")
        for (name, value) in headers { fields.add(name: name, value: value) }
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: url.target, headers: fields)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(channel.allocator.buffer(bytes: body))), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }
}

/// Completes the promise with the response's status as soon as its head arrives, or fails it when the
/// connection ends first or errs.
private final class StatusHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPClientResponsePart
    let result: EventLoopPromise<Int>

    init(result: EventLoopPromise<Int>) { self.result = result }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) { result.succeed(Int(head.status.code)) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        result.fail(WebhookClientError.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        result.fail(error)
        context.close(promise: nil)
    }
}

enum WebhookClientError: Error, CustomStringConvertible {
    case timedOut(Duration)
    case closed
    case noTLS

    var description: String {
        switch self {
        case .timedOut(let timeout): "no answer within \(timeout)"
        case .closed: "the connection closed before an answer"
        case .noTLS: "TLS is not available on this server"
        }
    }
}
