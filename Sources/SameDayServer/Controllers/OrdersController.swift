// /v1/orders: place (idempotent), read, list, cancel.
//
// Customers see only their own orders: another customer's order is answered
// exactly like a missing one (404), so ids cannot be probed.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct OrdersController {
    let world: ServerWorld
    let store: any Store
    let stock: PromiseStock
    let metrics: ServerMetrics
    let now: @Sendable () -> Instant

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(use: place)
        group.get(use: list)
        group.get(":id", use: get)
        group.post(":id/cancel", use: cancel)
    }

    @Sendable func place(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try principal.require(.operator, .customer, to: "place orders")
        let key = try Self.idempotencyKey(request)
        let body = try OrderBody.parse(try await RequestBodyReader.json(request), references: world.references)
        let customer: CustomerID
        switch principal.role {
        case .customer:
            guard let own = principal.customer else {
                throw APIError(.forbidden, "This customer key names no customer.")
            }
            if let named = body.customer, named != own.rawValue {
                throw APIError(.forbidden, "A customer key places orders only for itself; omit 'customer'.")
            }
            customer = own
        default:
            guard let named = body.customer else {
                throw APIError(
                    .missingField, "customer is required with an operator key: name the customer the order is for.",
                    extensions: [
                        (
                            "errors",
                            #"[{"path":"customer","code":"missing-field","reason":"is required with an operator key"}]"#
                        )
                    ])
            }
            customer = CustomerID(named)
        }
        // The store scopes the key to the customer, so two customers' keys never collide.
        let placed = try await store.placeOrder(
            customer: customer, zip: body.zip, lines: body.lines, idempotencyKey: key,
            promisedDeliverBy: body.promisedDeliverBy, at: now(), engine: world.engine, packer: world.packer)
        let order = placed.order
        var headers: HTTPFields = [.location: "/v1/orders/\(order.id.rawValue)"]
        if placed.replayed {
            headers[HTTPField.Name("Idempotent-Replayed")!] = "true"
        } else {
            metrics.recordOrderPlaced()
            metrics.recordPacked(order.shipments.flatMap(\.containers))
            try? await stock.refresh(skus: body.lines.map(\.sku))
        }
        return Render.json(Render.order(order, world: world), status: .created, headers: headers)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try principal.require(.operator, .customer, to: "read orders")
        let order = try await visibleOrder(context, principal)
        return Render.json(Render.order(order, world: world))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try principal.require(.operator, .customer, to: "list orders")
        let query = request.uri.queryParameters
        var limit = 50
        if let text = query["limit"] {
            guard let value = Int(String(text)), (1...200).contains(value) else {
                throw APIError(.invalidParameter, "limit must be an integer from 1 to 200, got '\(text.prefix(32))'.")
            }
            limit = value
        }
        var after: OrderID?
        if let text = query["after"] {
            guard (1...200).contains(text.count) else {
                throw APIError(.invalidParameter, "after must be the 'next' value of the previous page.")
            }
            after = OrderID(String(text))
        }
        let customer: CustomerID
        if principal.role == .customer {
            guard let own = principal.customer else {
                throw APIError(.forbidden, "This customer key names no customer.")
            }
            if let named = query["customer"], String(named) != own.rawValue {
                throw APIError(.forbidden, "A customer key lists only its own orders; omit 'customer'.")
            }
            customer = own
        } else if let named = query["customer"] {
            guard Identifiers.isWellFormed(String(named)) else {
                throw APIError(.invalidParameter, "customer must be \(Identifiers.ruleDescription).")
            }
            customer = CustomerID(String(named))
        } else {
            throw APIError(.invalidParameter, "An operator key must name the customer: GET /v1/orders?customer=ID.")
        }
        let page = try await store.orders(customer: customer, limit: limit, after: after)
        var o = JSONObjectBuilder()
        o.addRaw("orders", "[" + page.orders.map { Render.order($0, world: world) }.joined(separator: ",") + "]")
        o.add("next", page.next?.rawValue)
        return Render.json(o.build())
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try principal.require(.operator, .customer, to: "cancel orders")
        let order = try await visibleOrder(context, principal)
        let cancelled = try await store.cancelOrder(
            order.id, customer: principal.role == .operator ? nil : principal.customer, at: now(),
            actor: principal.actor)
        if !cancelled.alreadyCancelled {
            metrics.recordOrderCancelled()
            try? await stock.refresh(skus: order.lines.map(\.sku))
        }
        return Render.json(Render.order(cancelled.order, world: world))
    }

    /// The order named by the path, if the caller may see it; 404 otherwise (also for another customer's).
    private func visibleOrder(_ context: AppRequestContext, _ principal: Principal) async throws -> Order {
        guard let id = context.parameters.get("id"), (1...200).contains(id.count) else {
            throw APIError.notFound("This order")
        }
        let customer = principal.role == .operator ? nil : principal.customer
        if principal.role != .operator && customer == nil { throw APIError(.notFound, "Order '\(id)' does not exist.") }
        return try await store.order(OrderID(id), customer: customer)
    }

    /// The `Idempotency-Key` header: required, 1–200 printable ASCII characters.
    static func idempotencyKey(_ request: Request) throws(APIError) -> String {
        guard let key = request.headers[HTTPField.Name("Idempotency-Key")!] else {
            throw APIError(
                .missingIdempotencyKey,
                "Send an 'Idempotency-Key' header (1–200 characters, e.g. a UUID) so a retried order is placed once.")
        }
        guard (1...Limits.maxIdempotencyKeyBytes).contains(key.utf8.count),
            key.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        else {
            throw APIError(
                .invalidIdempotencyKey,
                "The Idempotency-Key must be 1–200 printable ASCII characters; got \(key.utf8.count) bytes.")
        }
        return key
    }
}
