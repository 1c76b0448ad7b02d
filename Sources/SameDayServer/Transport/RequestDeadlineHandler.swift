// Deadlines on reading a request: a client must send a whole request head, then its whole body, in bounded time.
//
// Hummingbird's `idleTimeout` closes a connection on which nothing is read for a while, but a client that sends
// one byte of its headers every few seconds ("slowloris") is never idle, and ties up a connection for as long as
// it likes; enough of them exhaust the server's file descriptors. This handler sits after HTTP decoding: it starts
// a timer when a connection opens (and when the last answer has been written, for the next request on a kept-alive
// connection), replaces it with a body timer when a request head is complete, and stops timing while the request
// is being answered; a timer that fires closes the connection. Requests that arrive in time are answered as usual,
// however long the answer takes.

import NIOCore
import NIOHTTPTypes

/// Closes a connection whose next request head, or current request body, takes longer than allowed.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The time allowed from opening a connection to a complete first request head.
    let headTimeout: TimeAmount
    /// The time allowed from the end of one request to the complete head of the next (kept-alive connections).
    let keepAliveTimeout: TimeAmount
    /// The time allowed from a request head to the end of its body.
    let bodyTimeout: TimeAmount

    private var timer: Scheduled<Void>?
    /// A request head has arrived and its end has not.
    private var reading = false
    /// Requests whose answer has not been written to its end.
    private var unanswered = 0

    init(headTimeout: TimeAmount, keepAliveTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headTimeout = headTimeout
        self.keepAliveTimeout = keepAliveTimeout
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(headTimeout, context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(headTimeout, context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            reading = true
            unanswered += 1
            arm(bodyTimeout, context)
        case .body:
            break
        case .end:
            reading = false
            disarm()  // the request is whole: answering it takes what it takes
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            if unanswered == 0, !reading { arm(keepAliveTimeout, context) }
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }

    private func arm(_ timeout: TimeAmount, _ context: ChannelHandlerContext) {
        timer?.cancel()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) {
            channel.close(promise: nil)
        }
    }
}
