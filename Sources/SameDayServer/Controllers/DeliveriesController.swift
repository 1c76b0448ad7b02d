// /v1/deliveries: add to delivery — a customer's upcoming deliveries, and which SKUs of a page can join one.
//
// A customer key asks for itself; an operator key names the customer (`?customer=ID`). Eligibility reads the
// customer's upcoming shipments through `UpcomingShipments` (cached a second) and the stock from the promise
// route's cached index, and decides
// with Core's `DeliveryEligibility` (rules 1–4, the engine's own E(n, t)); like a promise it is advice, re-checked
// by the add inside its transaction.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct DeliveriesController {
    let world: ServerWorld
    let store: any Store
    let stock: PromiseStock
    let upcoming: UpcomingShipments
    let metrics: ServerMetrics
    let now: @Sendable () -> Instant

    static let endpoints = [list, eligibility, addable, addLine]

    func addRoutes(to api: inout API) {
        api.add(Self.list, list)
        api.add(Self.eligibility, eligibility)
        api.add(Self.addable, addable)
        api.add(Self.addLine, addLine)
    }

    static let customer = Parameter(
        "customer", in: .query, .id(), "Operator keys: the customer asked about (required). Customer keys: omit.")

    static let list = Endpoint(
        .get, "/v1/deliveries", operationID: "listDeliveries", tag: "deliveries",
        summary: "The customer's upcoming deliveries",
        description: "Shipments still `placed` whose node has not started picking them (the server's clock is "
            + "before their `addableUntil`), earliest `deliverBy` first, then shipment id.",
        access: .roles([.operator, .customer]), parameters: [customer],
        responses: [.json(DeliveriesBody.self, "The upcoming deliveries; an empty list when there are none.")],
        problems: [.forbidden, .invalidParameter])

    static let eligibility = Endpoint(
        .post, "/v1/deliveries/eligibility", operationID: "deliveryEligibility", tag: "deliveries",
        summary: "Which SKUs can join an upcoming delivery",
        description: "For each SKU (one unit, at the server's clock): the earliest-delivering upcoming shipment of "
            + "the customer it can join — its node holds the SKU's temperature, has a unit free, and can deliver it "
            + "to the order's ZIP by the shipment's `deliverBy` — or why not.",
        access: .roles([.operator, .customer]), parameters: [customer],
        body: RequestSchema(name: EligibilityRequest.schemaName, schema: EligibilityRequest.schema),
        responses: [.json(EligibilityBody.self, "One result per SKU, in the request's order.")],
        problems: [.forbidden, .invalidParameter, .unknownSKU, .repeatedSKU])

    static let shipmentID = Parameter(
        "shipment", in: .path, JSONSchema(.string(StringRule(minLength: 1, maxLength: Limits.maxOpaqueIDBytes))),
        "The shipment id.")

    static let addLine = Endpoint(
        .post, "/v1/deliveries/{shipment}/lines", operationID: "addToDelivery", tag: "deliveries",
        summary: "Add an item to an upcoming delivery",
        description: "One transaction against the database's stock, like an order: the shipment must still be "
            + "upcoming, its node must hold the item's temperature and have `qty` units free, and must deliver it to "
            + "the order's ZIP by the shipment's `deliverBy`; the first rule that fails is the 409's `code` "
            + "(`too-late`, `temperature`, `out-of-stock`, `later`). The units are reserved, the line added (or the "
            + "SKU's line grown) at today's price, the shipment repacked preferring its containers; every "
            + "`deliverBy` stays. Answers the whole order.",
        access: .roles([.operator, .customer]), parameters: [shipmentID, customer, OrdersController.idempotencyKey],
        body: RequestSchema(name: AddLineBody.schemaName, schema: AddLineBody.schema),
        responses: [
            .json(
                OrderBody.self,
                "The whole order after the add (also the first answer repeated for a retry with the same key).",
                headers: [.replayed])
        ],
        problems: [
            .forbidden, .invalidParameter, .notFound, .unknownSKU, .idempotencyKeyReused, .tooLate, .temperature,
            .outOfStock, .later,
        ])

    static let addable = Endpoint(
        .get, "/v1/deliveries/{shipment}/addable", operationID: "addableItems", tag: "deliveries",
        summary: "The SKUs that can join a shipment",
        description: "The catalog's SKUs that can join the shipment now (one unit: its node holds the temperature, "
            + "has a unit free, and can deliver it to the order's ZIP by the shipment's `deliverBy`), ascending by "
            + "SKU id, a page at a time. A shipment no longer upcoming answers 409 `too-late`.",
        access: .roles([.operator, .customer]),
        parameters: [
            Parameter(
                "shipment", in: .path,
                JSONSchema(.string(StringRule(minLength: 1, maxLength: Limits.maxOpaqueIDBytes))),
                "The shipment id."),
            customer,
            Parameter(
                "limit", in: .query, .integer(1...Limits.maxEligibilitySKUs, example: Limits.defaultPageSize),
                "SKUs per page (default \(Limits.defaultPageSize))."),
            Parameter("after", in: .query, .id(), "The `next` of the previous page: SKU ids after this one."),
        ],
        responses: [.json(AddablePageBody.self, "A page of SKUs; `next` is null on the last.")],
        problems: [.forbidden, .invalidParameter, .notFound, .tooLate])

    /// SKUs examined per page at most: a page of a catalog whose SKUs mostly cannot join stops there and names
    /// where to go on (`next`), so one request never scans ten million SKUs.
    static let maxExamined = 200_000

    @Sendable func addable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let customer = try Self.customer(Self.addable, request, context)
        let query = try Self.addable.parameters(request, context)
        let id = ShipmentID(query.string("shipment") ?? "")
        let limit = query.int("limit") ?? Limits.defaultPageSize
        let order: Order
        do {
            order = try await store.order(ofShipment: id, customer: customer)
        } catch StoreError.notFound {
            throw APIError(.notFound, "No shipment '\(id.rawValue)' of customer '\(customer.rawValue)'.")
        }
        guard let shipment = order.shipments.first(where: { $0.id == id }) else {
            throw APIError(.notFound, "No shipment '\(id.rawValue)'.")
        }
        let at = now()
        let joinable = shipment.joinable(zip: order.zip)
        guard joinable.isUpcoming(at: at) else {
            throw APIError(
                .tooLate, "Shipment '\(id.rawValue)' is no longer upcoming: its node started picking it, or it left.")
        }
        let index: StockIndex
        if let cached = stock.index {
            index = cached
        } else {
            index = world.engine.makeStockIndex(try await store.stockSnapshot(skus: nil))
        }
        var decide = DeliveryEligibility(engine: world.engine, shipments: [joinable], at: at)
        let node = world.engine.nodeIndex(of: shipment.node) ?? -1
        var found: [Int] = []
        var position = query.string("after").map { world.skuPosition(after: $0) } ?? 0
        let end = min(world.skusByID.count, position + Self.maxExamined)
        var next: SKU?
        while position < end {
            let s = Int(world.skusByID[position])
            position += 1
            if decide.refusal(sku: s, qty: 1, shipment: 0, stock: index) == nil {
                if found.count == limit {
                    next = world.catalog.sku(at: found[limit - 1])
                    break
                }
                found.append(s)
            }
        }
        if next == nil, position < world.skusByID.count, position == end {
            // Stopped by the scan's bound, not the catalog's end: go on after the last SKU examined.
            next = world.catalog.sku(at: Int(world.skusByID[position - 1]))
        }
        let skus = found.map { world.catalog.sku(at: $0) }
        let prices = try await store.prices(skus: skus)
        let items = found.map { s in
            let item = world.catalog.item(at: s)
            return AddableItemBody(
                item: item, priceCents: prices[item.sku] ?? item.priceCents,
                available: index.available(sku: s, node: node))
        }
        return AddablePageBody(items: items, next: next).response(capacity: 96 * items.count + 64)
    }

    // Swift 6.3.1's release build crashes in LLVM CoroSplit on this function; unoptimised it builds.
    @_optimize(none) @Sendable func addLine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let customer = try Self.customer(Self.addLine, request, context)
        let parameters = try Self.addLine.parameters(request, context)
        let key = parameters.string("Idempotency-Key") ?? ""
        let shipment = ShipmentID(parameters.string("shipment") ?? "")
        let body = try await Self.addLine.body(AddLineBody.self, request, world: world)
        let added: PlacedOrder
        do {
            added = try await store.addToShipment(
                AddLineRequest(
                    customer: customer, shipment: shipment, line: body.line, idempotencyKey: key, at: now()),
                engine: world.engine, packer: world.packer)
        } catch StoreError.notFound {
            throw APIError(.notFound, "No shipment '\(shipment.rawValue)' of customer '\(customer.rawValue)'.")
        }
        var headers: HTTPFields = [:]
        if added.replayed {
            headers[.idempotentReplayed] = "true"
        } else {
            metrics.recordLineAdded()
            upcoming.invalidate(customer)
            try? await stock.refresh(skus: [body.line.sku])
        }
        return OrderBody(added.order, world: world).response(headers: headers)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let customer = try Self.customer(Self.list, request, context)
        let at = now()
        let orders = try await store.ordersWithUpcomingShipments(customer: customer, at: at)
        // Upcoming and ordered by the same definitions eligibility uses (`JoinableShipment`).
        var upcoming: [(joinable: JoinableShipment, body: DeliveryBody)] = []
        for order in orders {
            let zone = world.zone(of: order.zip)
            for shipment in order.shipments {
                let joinable = shipment.joinable(zip: order.zip)
                guard joinable.isUpcoming(at: at) else { continue }
                upcoming.append((joinable, DeliveryBody(order: order, shipment: shipment, zone: zone)))
            }
        }
        upcoming.sort { $0.joinable.precedes($1.joinable) }
        let deliveries = upcoming.map(\.body)
        return DeliveriesBody(deliveries: deliveries).response(capacity: 512 * deliveries.count + 32)
    }

    @Sendable func eligibility(_ request: Request, context: AppRequestContext) async throws -> Response {
        let customer = try Self.customer(Self.eligibility, request, context)
        let bytes = try await RequestBodyReader.bytes(request)
        // Plainly valid bodies in one pass; the general path for the rest, which names every problem.
        let body =
            try EligibilityBodyScanner.scan(bytes.readableBytesView, references: world.references)
            ?? Self.eligibility.decode(
                EligibilityRequest.self, try RequestBodyReader.json(from: bytes), references: world.references)
        let at = now()
        let entry = try await upcoming.shipments(of: customer, world: world, store: store, at: at)
        let (shipments, zones) = (entry.shipments, entry.zones)
        let index: StockIndex
        if let cached = stock.index {
            index = cached
        } else {
            index = world.engine.makeStockIndex(try await store.stockSnapshot(skus: body.skus))
        }
        var decide = DeliveryEligibility(engine: world.engine, shipments: shipments, at: at)
        var answers: [Eligibility] = []
        answers.reserveCapacity(body.skuIndexes.count)
        for s in body.skuIndexes { answers.append(decide.eligibility(sku: s, qty: 1, stock: index)) }
        let rendered = decide.shipments.prefix(decide.upcomingCount).map {
            RenderedShipment($0, zone: zones[$0.id] ?? world.zone(of: $0.zip))
        }
        return EligibilityBody(skus: body.skus, answers: answers, shipments: rendered)
            .response(capacity: 160 * answers.count + 32)
    }

    /// Whose deliveries: a customer key's own customer, or the one an operator key names with `?customer=`.
    static func customer(_ endpoint: Endpoint, _ request: Request, _ context: AppRequestContext) throws(APIError)
        -> CustomerID
    {
        let principal = try context.requirePrincipal()
        let named = try endpoint.parameters(request, context).string("customer").map(CustomerID.init)
        guard let customer = try principal.customerScope(named: named, "deliveries") else {
            throw APIError(
                .invalidParameter, "query parameter 'customer' is required with an operator key: name the customer.")
        }
        return customer
    }
}
