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

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(use: promise)
    }

    /// Any role may ask for a promise.
    @Sendable func promise(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let bytes = try await RequestBodyReader.bytes(request)
        // Plainly valid bodies in one pass; the general path for the rest, which names every problem.
        let body =
            try PromiseBodyScanner.scan(bytes.readableBytesView, references: world.references)
            ?? PromiseBody.parse(try RequestBodyReader.json(from: bytes), references: world.references)
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
            throw APIError(error)
        }
        metrics.recordPromise(outcome: promise.available ? (promise.speed?.rawValue ?? "available") : "unavailable")
        var out: [UInt8] = []
        promise.writeJSON(to: &out)
        return Render.json(bytes: out)
    }
}

extension APIError {
    /// Maps the engine's input errors (normally caught earlier by validation).
    init(_ error: PromiseError) {
        self.init(error.problemCode, error.description)
    }
}
