// /v1/deliveries: add to delivery — a customer's upcoming deliveries, and which SKUs of a page can join one.
//
// A customer key asks for itself; an operator key names the customer (`?customer=ID`). Eligibility reads the
// customer's upcoming shipments from the database and the stock from the promise route's cached index, and decides
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
    let now: @Sendable () -> Instant

    static let endpoints = [list, eligibility]

    func addRoutes(to api: inout API) {
        api.add(Self.list, list)
        api.add(Self.eligibility, eligibility)
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

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let customer = try Self.customer(Self.list, request, context)
        let at = now()
        let orders = try await store.ordersWithUpcomingShipments(customer: customer, at: at)
        var deliveries: [DeliveryBody] = []
        for order in orders {
            let zone = world.zone(of: order.zip)
            for shipment in order.shipments where shipment.status == .placed && at < shipment.modifiableUntil {
                deliveries.append(DeliveryBody(order: order, shipment: shipment, zone: zone))
            }
        }
        deliveries.sort {
            $0.shipment.deliverBy != $1.shipment.deliverBy
                ? $0.shipment.deliverBy < $1.shipment.deliverBy : $0.shipment.id.rawValue < $1.shipment.id.rawValue
        }
        return DeliveriesBody(deliveries: deliveries).response(capacity: 512 * deliveries.count + 32)
    }

    @Sendable func eligibility(_ request: Request, context: AppRequestContext) async throws -> Response {
        let customer = try Self.customer(Self.eligibility, request, context)
        let body = try await Self.eligibility.body(EligibilityRequest.self, request, world: world)
        let at = now()
        let orders = try await store.ordersWithUpcomingShipments(customer: customer, at: at)
        var shipments: [JoinableShipment] = []
        var zones: [String: ZoneTable] = [:]
        for order in orders {
            let zone = world.zone(of: order.zip)
            for s in order.shipments {
                shipments.append(
                    JoinableShipment(
                        id: s.id.rawValue, node: s.node, zip: order.zip, deliverBy: s.deliverBy,
                        modifiableUntil: s.modifiableUntil, placed: s.status == .placed))
                zones[s.id.rawValue] = zone
            }
        }
        let index: StockIndex
        if let cached = stock.index {
            index = cached
        } else {
            index = world.engine.makeStockIndex(try await store.stockSnapshot(skus: body.skus))
        }
        var decide = DeliveryEligibility(engine: world.engine, shipments: shipments, at: at)
        var results: [EligibilityResultBody] = []
        results.reserveCapacity(body.skus.count)
        for sku in body.skus {
            guard let s = world.catalog.index(of: sku) else {
                throw APIError(.unknownSKU, "'\(sku.rawValue)' is not in the catalog.")
            }
            switch decide.eligibility(sku: s, qty: 1, stock: index) {
            case .addable(let k):
                let shipment = decide.shipments[k]
                results.append(
                    EligibilityResultBody(
                        sku: sku, joins: (shipment, zones[shipment.id] ?? world.zone(of: shipment.zip)), reason: nil))
            case .refused(let reason):
                results.append(EligibilityResultBody(sku: sku, joins: nil, reason: reason.rawValue))
            case .noUpcomingDelivery:
                results.append(EligibilityResultBody(sku: sku, joins: nil, reason: "no-upcoming-delivery"))
            }
        }
        return EligibilityBody(results: results).response(capacity: 160 * results.count + 32)
    }

    /// Whose deliveries: a customer key's own customer, or the one an operator key names with `?customer=`.
    static func customer(_ endpoint: Endpoint, _ request: Request, _ context: AppRequestContext) throws(APIError)
        -> CustomerID
    {
        let principal = try context.requirePrincipal()
        let named = try endpoint.parameters(request, context).string("customer").map(CustomerID.init)
        switch principal.role {
        case .customer:
            guard let own = principal.customer else {
                throw APIError(.forbidden, "This customer key names no customer.")
            }
            if let named, named != own {
                throw APIError(.forbidden, "A customer key asks only about its own deliveries; omit 'customer'.")
            }
            return own
        default:
            guard let named else {
                throw APIError(
                    .invalidParameter, "query parameter 'customer' is required with an operator key: name the customer."
                )
            }
            return named
        }
    }
}
