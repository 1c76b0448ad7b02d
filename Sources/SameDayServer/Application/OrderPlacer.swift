// Placing an order as `POST /v1/orders` does: the store's one order path (plan, reserve, record in one
// transaction, each shipment packed), then what this process does after a new commit. The route and the live
// traffic (`sameday serve --traffic N`) both place through it.

import SameDayCore
import SameDayStore

/// Places orders through the store and refreshes this process's caches after each new order.
struct OrderPlacer: Sendable {
    let world: ServerWorld
    let store: any Store
    let stock: PromiseStock
    let metrics: ServerMetrics
    /// The customers' upcoming shipments cache (nil: none to invalidate).
    let upcoming: UpcomingShipments?

    /// Places `request` with the world's engine and packer. - Throws: the store's refusals (`StoreError`).
    func place(_ request: SameDayStore.OrderRequest) async throws -> PlacedOrder {
        let placed = try await store.placeOrder(request, engine: world.engine, packer: world.packer)
        if !placed.replayed {
            metrics.recordOrderPlaced()
            metrics.recordPacked(placed.order.shipments.flatMap(\.containers))
            upcoming?.invalidate(request.customer)
            try? await stock.refresh(skus: request.lines.map(\.sku))
        }
        return placed
    }
}
