// POST /v1/promise: the delivery promise for lines to a ZIP.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct PromiseController {
    let world: ServerWorld
    let store: any Store
    let stock: PromiseStock
    let metrics: ServerMetrics
    let now: @Sendable () -> Instant

    static let endpoints = [promise]

    func addRoutes(to api: inout API) {
        api.add(Self.promise, promise)
    }

    static let promise = Endpoint(
        .post, "/v1/promise", operationID: "promise", tag: "promise", summary: "The delivery promise",
        description: "The earliest delivery of the lines to the ZIP if ordered now (or at `at`), the order-by instant "
            + "that keeps it, and the plan of shipments behind it, over the stock as this server last saw it.",
        access: .anyRole, body: RequestSchema(name: PromiseRequest.schemaName, schema: PromiseRequest.schema),
        responses: [.json(PromiseBody.self, "The promise: available with its plan, or each line's reason.")],
        problems: [.unknownSKU, .unknownZIP, .repeatedSKU])

    /// Any role may ask for a promise.
    @Sendable func promise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bytes = try await RequestBodyReader.bytes(request)
        // Plainly valid bodies in one pass; the general path for the rest, which names every problem.
        let body =
            try PromiseBodyScanner.scan(bytes.readableBytesView, references: world.references)
            ?? Self.promise.decode(
                PromiseRequest.self, try RequestBodyReader.json(from: bytes), references: world.references)
        let at = body.at ?? now()
        let promise: Promise
        do {
            if let index = stock.index {
                promise = try world.engine.promise(zip: body.zip, at: at, lines: body.lines, stock: index)
            } else {
                let snapshot = StockSnapshot(try await store.stockSnapshot(skus: body.lines.map(\.sku)))
                promise = try world.engine.promise(zip: body.zip, at: at, lines: body.lines, stock: snapshot)
            }
        } catch let error as PromiseError {
            throw APIError(error.problemCode, error.description)
        }
        metrics.recordPromise(
            outcome: promise.available ? (promise.speed.map { $0.rawValue } ?? "available") : "unavailable")
        var out: [UInt8] = []
        promise.writeJSON(to: &out)
        return Response.json(out)
    }
}
