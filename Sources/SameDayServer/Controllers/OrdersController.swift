// /v1/orders: place (idempotent), read, list, cancel.
//
// Customers see only their own orders: another customer's order is answered exactly like a missing one (404), so
// ids cannot be probed.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct OrdersController {
    let world: ServerWorld
    let store: any Store
    let stock: PromiseStock
    let upcoming: UpcomingShipments
    let metrics: ServerMetrics
    let now: @Sendable () -> Instant

    static let endpoints = [place, list, get, cancel]

    func addRoutes(to api: inout API) {
        api.add(Self.place, place)
        api.add(Self.list, list)
        api.add(Self.get, get)
        api.add(Self.cancel, cancel)
    }

    // MARK: Place

    static let idempotencyKey = Parameter(
        "Idempotency-Key", in: .header, required: true,
        JSONSchema(
            .string(
                StringRule(
                    minLength: 1, maxLength: Limits.maxIdempotencyKeyBytes,
                    syntax: .printableASCII(maxBytes: Limits.maxIdempotencyKeyBytes))),
            examples: [.string("7f3c2a")]),
        "Makes a retry safe: the same key with the same body answers the first order again; "
            + "with another body, 422 idempotency-key-reused. Scoped to the customer.",
        missingCode: .missingIdempotencyKey, invalidCode: .invalidIdempotencyKey)

    static let place = Endpoint(
        .post, "/v1/orders", operationID: "placeOrder", tag: "orders", summary: "Place an order",
        description: "Placed at the plan the promise gives at commit time, with stock reserved by conditional writes "
            + "(never oversold) and each shipment packed into containers.",
        access: .roles([.operator, .customer]), parameters: [idempotencyKey],
        body: RequestSchema(name: OrderRequest.schemaName, schema: OrderRequest.schema),
        responses: [
            .json(
                OrderBody.self, status: .created, "The order (also the first answer repeated for a retry).",
                headers: [.location, .replayed])
        ],
        problems: [
            .forbidden, .unknownSKU, .unknownZIP, .repeatedSKU, .notDeliverable, .idempotencyKeyReused, .outOfStock,
            .promiseChanged,
        ])

    @Sendable func place(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let key = try Self.place.parameters(request, context).string("Idempotency-Key") ?? ""
        let body = try await Self.place.body(OrderRequest.self, request, world: world)
        let customer = try principal.customerNamed(inBody: body.customer, "orders")
        // The store scopes the key to the customer, so two customers' keys never collide.
        let placer = OrderPlacer(world: world, store: store, stock: stock, metrics: metrics, upcoming: upcoming)
        let placed = try await placer.place(
            SameDayStore.OrderRequest(
                customer: customer, zip: body.zip, lines: body.lines, idempotencyKey: key,
                promisedDeliverBy: body.promisedDeliverBy, at: now()))
        let order = placed.order
        var headers: HTTPFields = [.location: "/v1/orders/\(order.id.rawValue)"]
        if placed.replayed { headers[.idempotentReplayed] = "true" }
        return OrderBody(order, world: world).response(status: .created, headers: headers)
    }

    // MARK: List

    static let list = Endpoint(
        .get, "/v1/orders", operationID: "listOrders", tag: "orders", summary: "A customer's orders, newest first",
        access: .roles([.operator, .customer]),
        parameters: [
            Parameter(
                "limit", in: .query, .integer(1...Limits.maxPageSize, example: Limits.defaultPageSize),
                "Orders per page (default \(Limits.defaultPageSize))."),
            Parameter(
                "after", in: .query,
                JSONSchema(.string(StringRule(minLength: 1, maxLength: Limits.maxOpaqueIDBytes))),
                "The `next` of the previous page."),
            Parameter(
                "customer", in: .query, .id(),
                "Whose orders: required with an operator key; a customer key may only name itself."),
        ],
        responses: [.json(OrderPageBody.self, "A page of orders; `next` is null on the last page.")],
        problems: [.forbidden, .notFound])

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try Self.list.parameters(request, context)
        guard
            let customer = try principal.customerScope(
                named: query.string("customer").map(CustomerID.init), "orders")
        else {
            throw APIError(.invalidParameter, "An operator key must name the customer: GET /v1/orders?customer=ID.")
        }
        let page = try await store.orders(
            customer: customer, limit: query.int("limit") ?? Limits.defaultPageSize,
            after: query.string("after").map(OrderID.init))
        return OrderPageBody(orders: page.orders.map { OrderBody($0, world: world) }, next: page.next)
            .response(capacity: 1024 * page.orders.count + 64)
    }

    // MARK: Get, cancel

    static let orderID = Parameter(
        "id", in: .path, JSONSchema(.string(StringRule(minLength: 1, maxLength: Limits.maxOpaqueIDBytes))),
        "The order id.")

    static let get = Endpoint(
        .get, "/v1/orders/{id}", operationID: "getOrder", tag: "orders", summary: "One order",
        description: "A customer key sees only its own orders; another customer's answers 404 like a missing one.",
        access: .roles([.operator, .customer]), parameters: [orderID],
        responses: [.json(OrderBody.self, "The order.")], problems: [.forbidden, .notFound])

    static let cancel = Endpoint(
        .post, "/v1/orders/{id}/cancel", operationID: "cancelOrder", tag: "orders",
        summary: "Cancel an order and release its stock",
        description: "Possible while none of its shipments is picking; cancelling a cancelled order answers it again.",
        access: .roles([.operator, .customer]), parameters: [orderID],
        responses: [.json(OrderBody.self, "The cancelled order.")], problems: [.forbidden, .notFound, .tooLate])

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let order = try await visibleOrder(Self.get, request, context)
        return OrderBody(order, world: world).response()
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let order = try await visibleOrder(Self.cancel, request, context)
        let cancelled = try await store.cancelOrder(
            order.id, customer: principal.role == .operator ? nil : principal.customer, at: now(),
            actor: principal.actor)
        if !cancelled.alreadyCancelled {
            metrics.recordOrderCancelled()
            upcoming.invalidate(order.customer)
            try? await stock.refresh(skus: order.lines.map(\.sku))
        }
        return OrderBody(cancelled.order, world: world).response()
    }

    /// The order named by the path, if the caller may see it; 404 otherwise (also for another customer's).
    private func visibleOrder(_ endpoint: Endpoint, _ request: Request, _ context: AppRequestContext) async throws
        -> Order
    {
        let principal = try context.requirePrincipal()
        let id = try endpoint.parameters(request, context).string("id") ?? ""
        let customer = principal.role == .operator ? nil : principal.customer
        if principal.role != .operator && customer == nil { throw APIError(.notFound, "Order '\(id)' does not exist.") }
        return try await store.order(OrderID(id), customer: customer)
    }
}

extension HTTPField.Name {
    /// Set (to `true`) on an answer that repeats the first answer to the same Idempotency-Key and body.
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!  // a valid token: never nil
}
