// POST /v1/promise: the delivery promise for lines to a ZIP.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct PromiseController {
    let world: ServerWorld
    let store: any Store
    let metrics: ServerMetrics
    let now: @Sendable () -> Instant

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(use: promise)
    }

    /// Any role may ask for a promise.
    @Sendable func promise(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let body = try PromiseBody.parse(try await RequestBodyReader.json(request), references: world.references)
        let stock = StockSnapshot(try await store.stockSnapshot(skus: body.lines.map(\.sku)))
        let promise: Promise
        do {
            promise = try world.engine.promise(zip: body.zip, at: body.at ?? now(), lines: body.lines, stock: stock)
        } catch {
            throw APIError(error)
        }
        metrics.recordPromise(outcome: promise.available ? (promise.speed?.rawValue ?? "available") : "unavailable")
        return Render.json(promise.json())
    }
}

extension APIError {
    /// Maps the engine's input errors (normally caught earlier by validation).
    init(_ error: PromiseError) {
        switch error {
        case .unknownZIP(let zip): self.init(.unknownZIP, "zip '\(zip)' is not in the ZIP table")
        case .unknownSKU(let sku): self.init(.unknownSKU, "SKU '\(sku)' is not in the catalog")
        case .invalidQuantity(let sku, let qty): self.init(.invalidField, "SKU '\(sku)': qty \(qty) must be at least 1")
        case .repeatedSKU(let sku): self.init(.repeatedSKU, "SKU '\(sku)' appears on more than one line")
        case .noLines: self.init(.invalidField, "lines must have at least one element")
        }
    }
}
