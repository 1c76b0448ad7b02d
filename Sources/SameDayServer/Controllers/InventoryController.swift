// /v1/inventory: stock per node of a SKU, receipts and adjustments (operator; sellers for their own SKUs).

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct InventoryController {
    let world: ServerWorld
    let store: any Store
    let stock: PromiseStock
    /// Rung after units arrive: a trigger point for the SKU's watches.
    let watchWork: Doorbell
    let now: @Sendable () -> Instant

    static let endpoints = [levels, receive, adjust]

    func addRoutes(to api: inout API) {
        api.add(Self.receive) { try await move($0, $1, Self.receive, ReceiptRequest.self) }
        api.add(Self.adjust) { try await move($0, $1, Self.adjust, AdjustmentRequest.self) }
        api.add(Self.levels, levels)
    }

    static let sku = Parameter("sku", in: .path, .id(example: "HH-00001"), "A SKU of the catalog.")

    static let levels = Endpoint(
        .get, "/v1/inventory/{sku}", operationID: "getInventory", tag: "inventory",
        summary: "Stock of a SKU at every node that has it", access: .roles([.operator, .seller]), parameters: [sku],
        responses: [.json(ListBody<StockLevelBody>.self, "Stock per node, by node id.")],
        problems: [.forbidden, .notFound])

    static let receive = Endpoint(
        .post, "/v1/inventory/receipts", operationID: "receiveStock", tag: "inventory",
        summary: "Record units arriving at a node", description: "A `receipt` row of the ledger; on hand grows.",
        access: .roles([.operator, .seller]),
        body: RequestSchema(name: ReceiptRequest.schemaName, schema: ReceiptRequest.schema),
        responses: [.json(StockMovementBody.self, status: .created, "The receipt and the stock after it.")],
        problems: [.forbidden, .unknownNode, .unknownSKU])

    static let adjust = Endpoint(
        .post, "/v1/inventory/adjustments", operationID: "adjustStock", tag: "inventory",
        summary: "Correct on-hand units at a node",
        description: "An `adjustment` row of the ledger; refused (409) when on hand would fall below what is reserved.",
        access: .roles([.operator, .seller]),
        body: RequestSchema(name: AdjustmentRequest.schemaName, schema: AdjustmentRequest.schema),
        responses: [.json(StockMovementBody.self, status: .created, "The adjustment and the stock after it.")],
        problems: [.forbidden, .unknownNode, .unknownSKU, .wouldGoNegative])

    @Sendable func levels(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let text = try Self.levels.parameters(request, context).string("sku") ?? ""
        guard let item = world.catalog.item(SKU(text)) else {
            throw APIError(.notFound, "SKU '\(text)' is not in the catalog.")
        }
        try Self.requireOwnership(principal, item)
        let levels = try await store.stock(sku: item.sku)
        return ListBody(elements: levels.map(StockLevelBody.init)).response()
    }

    /// Not optimized: Swift 6.3's release build crashes (signal 11 in LLVM, splitting the coroutine) on this
    /// function specialized for `AdjustmentRequest`; it is glue around two awaits, and a debug build's code costs
    /// nothing measurable here.
    @_optimize(none)
    private func move<Body: RequestBody & StockMovementCarrier>(
        _ request: Request, _ context: AppRequestContext, _ endpoint: Endpoint, _ type: Body.Type
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let movement = try await endpoint.body(Body.self, request, world: world).movement
        if let item = world.catalog.item(movement.sku) { try Self.requireOwnership(principal, item) }
        let level: StockLevel
        switch movement.kind {
        case .receipt:
            level = try await store.receive(
                node: movement.node, sku: movement.sku, qty: movement.quantity, actor: principal.actor,
                reason: movement.reason, at: now())
        case .adjustment:
            level = try await store.adjust(
                node: movement.node, sku: movement.sku, delta: movement.quantity, actor: principal.actor,
                reason: movement.reason, at: now())
        }
        try? await stock.refresh(skus: [movement.sku])
        if movement.quantity > 0 { watchWork.ring() }
        return StockMovementBody(movement: movement, level: level).response(status: .created)
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

/// A request that carries a stock movement.
protocol StockMovementCarrier {
    var movement: StockMovement { get }
}

extension ReceiptRequest: StockMovementCarrier {}
extension AdjustmentRequest: StockMovementCarrier {}
