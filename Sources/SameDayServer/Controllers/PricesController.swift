// Prices: change one (operator, or the seller owning the SKU), read a SKU's history as JSON or as a step chart.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct PricesController {
    let world: ServerWorld
    let store: any Store
    let metrics: ServerMetrics
    /// Rung after a price change commits: the watch worker reads the new event at once.
    let watchWork: Doorbell
    let now: @Sendable () -> Instant

    static let endpoints = [setPrice, history, chart]

    func addRoutes(to api: inout API) {
        api.add(Self.setPrice, setPrice)
        api.add(Self.history, history)
        api.add(Self.chart, chart)
    }

    static let setPrice = Endpoint(
        .put, "/v1/catalog/{sku}/price", operationID: "setPrice", tag: "prices", summary: "Change a SKU's price",
        description: "Records the change in the SKU's price history and, in the same transaction, the event that "
            + "triggers its price watches (served by the server's watch worker right after). Setting the price the "
            + "SKU already has changes nothing (`changed: false`).",
        access: .roles([.operator, .seller]), parameters: [InventoryController.sku],
        body: RequestSchema(name: PriceRequest.schemaName, schema: PriceRequest.schema),
        responses: [.json(PriceChangeBody.self, "The price now and when it was set.")],
        problems: [.forbidden, .notFound])

    static let period = [
        Parameter(
            "from", in: .query, RequestFields.instant("Only changes at or after this instant."),
            "The period's start (default: the first change)."),
        Parameter(
            "to", in: .query, RequestFields.instant("Only changes at or before this instant."),
            "The period's end (default: now)."),
    ]

    static let history = Endpoint(
        .get, "/v1/catalog/{sku}/prices", operationID: "getPriceHistory", tag: "prices",
        summary: "A SKU's price history", access: .anyRole, parameters: [InventoryController.sku] + period,
        responses: [.json(PriceHistoryBody.self, "The changes in the period, ascending.")],
        problems: [.notFound, .invalidParameter])

    static let chart = Endpoint(
        .get, "/v1/catalog/{sku}/prices.svg", operationID: "getPriceChart", tag: "prices",
        summary: "A SKU's price history as a step chart",
        description: "The price over the period as an SVG step chart, its lowest and highest price marked.",
        access: .anyRole, parameters: [InventoryController.sku] + period,
        responses: [
            SuccessResponse(
                .ok, "An SVG document.", .media("image/svg+xml", .string("An SVG step chart of the price.")))
        ],
        problems: [.notFound, .invalidParameter])

    @Sendable func setPrice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let item = try catalogItem(Self.setPrice, request, context)
        try InventoryController.requireOwnership(principal, item)
        let body = try await Self.setPrice.body(PriceRequest.self, request, world: world)
        let change = try await store.setPrice(
            sku: item.sku, priceCents: body.priceCents, actor: principal.actor, at: now())
        if change.changed {
            metrics.recordPriceChange()
            watchWork.ring()
        }
        return PriceChangeBody(change: change).response()
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (sku, from, to) = try period(Self.history, request, context)
        let history = try await store.priceHistory(sku: sku, from: from, to: to)
        return PriceHistoryBody(history: history).response(capacity: 64 * history.points.count + 64)
    }

    @Sendable func chart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (sku, from, to) = try period(Self.chart, request, context)
        let history = try await store.priceHistory(sku: sku, from: from, to: to)
        let end = to ?? max(now(), (history.points.last?.at ?? now()) + 1)
        let start = from ?? history.points.first?.at ?? end - 60
        let svg = PriceChart.svg(
            sku: sku.rawValue, points: history.points, before: history.before, from: start, to: end)
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: svg)))
    }

    /// The SKU of the path, and the period of the query (`from` not after `to`).
    private func period(_ endpoint: Endpoint, _ request: Request, _ context: AppRequestContext) throws(APIError)
        -> (SKU, Instant?, Instant?)
    {
        let item = try catalogItem(endpoint, request, context)
        let query = try endpoint.parameters(request, context)
        let from = try Self.instant(query, "from")
        let to = try Self.instant(query, "to")
        if let from, let to, from > to {
            throw APIError(.invalidParameter, "query parameter 'from' is after 'to'.")
        }
        return (item.sku, from, to)
    }

    private static func instant(_ query: ParameterValues, _ name: String) throws(APIError) -> Instant? {
        guard let text = query.string(name) else { return nil }
        guard let instant = ISO8601.parse(text), Limits.instantRange.contains(instant.minutes) else {
            throw APIError(
                .invalidParameter, "query parameter '\(name)' must be an ISO 8601 instant between 2000 and 2100.")
        }
        return instant
    }

    private func catalogItem(_ endpoint: Endpoint, _ request: Request, _ context: AppRequestContext)
        throws(APIError) -> CatalogItem
    {
        let text = try endpoint.parameters(request, context).string("sku") ?? ""
        guard let item = world.catalog.item(SKU(text)) else {
            throw APIError(.notFound, "SKU '\(text)' is not in the catalog.")
        }
        return item
    }
}
