// /v1/inventory: stock per node of a SKU, receipts and adjustments (operator; sellers for their own SKUs).

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct InventoryController {
    let world: ServerWorld
    let store: any Store
    let stock: PromiseStock
    let now: @Sendable () -> Instant

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("receipts", use: receive)
        group.post("adjustments", use: adjust)
        group.get(":sku", use: stock)
    }

    @Sendable func stock(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try principal.require(.operator, .seller, to: "read inventory")
        guard let text = context.parameters.get("sku"), Identifiers.isWellFormed(text) else {
            throw APIError(.invalidParameter, "The SKU in the path must be \(Identifiers.ruleDescription).")
        }
        let sku = SKU(text)
        guard let item = world.catalog.item(sku) else {
            throw APIError(.notFound, "SKU '\(text)' is not in the catalog.")
        }
        try Self.requireOwnership(principal, item)
        let levels = try await store.stock(sku: sku)
        return Render.json(Render.stockLevels(levels))
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await move(request, context, quantityField: "qty")
    }

    @Sendable func adjust(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await move(request, context, quantityField: "delta")
    }

    private func move(_ request: Request, _ context: AppRequestContext, quantityField: String) async throws -> Response
    {
        let principal = try context.requirePrincipal()
        try principal.require(.operator, .seller, to: "change inventory")
        let body = try StockMovementBody.parse(
            try await RequestBodyReader.json(request), quantityField: quantityField, references: world.references)
        if let item = world.catalog.item(body.sku) { try Self.requireOwnership(principal, item) }
        let level: StockLevel
        if quantityField == "qty" {
            level = try await store.receive(
                node: body.node, sku: body.sku, qty: body.quantity, actor: principal.actor, reason: body.reason,
                at: now())
        } else {
            level = try await store.adjust(
                node: body.node, sku: body.sku, delta: body.quantity, actor: principal.actor, reason: body.reason,
                at: now())
        }
        try? await stock.refresh(skus: [body.sku])
        var o = JSONObjectBuilder()
        o.add("node", level.node.rawValue)
        o.add("sku", level.sku.rawValue)
        o.add("kind", quantityField == "qty" ? "receipt" : "adjustment")
        o.add("delta", body.quantity)
        o.add("reason", body.reason)
        o.add("onHand", level.onHand)
        o.add("reserved", level.reserved)
        o.add("available", level.available)
        return Render.json(o.build(), status: .created)
    }

    /// Sellers act only on the SKUs whose catalog `seller` is theirs.
    static func requireOwnership(_ principal: Principal, _ item: CatalogItem) throws(APIError) {
        guard principal.role == .seller else { return }
        guard let seller = principal.seller, item.seller == seller.rawValue else {
            throw APIError(
                .forbidden, "SKU '\(item.sku)' belongs to another seller; a seller key acts only on its own SKUs.")
        }
    }
}
