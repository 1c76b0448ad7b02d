// /v1/watches: price watches — create (idempotent), list, read, cancel.
//
// A customer key sees and changes only its own watches (another customer's answers 404, like a missing one); an
// operator key acts for any customer, naming it. Triggering happens in the watch worker, not here: creating a
// watch at or above the current price rings it, and it serves the watch right after the commit.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct WatchesController {
    let world: ServerWorld
    let store: any Store
    let metrics: ServerMetrics
    let watchWork: Doorbell
    let now: @Sendable () -> Instant

    static let endpoints = [create, list, get, cancel]

    func addRoutes(to api: inout API) {
        api.add(Self.create, create)
        api.add(Self.list, list)
        api.add(Self.get, get)
        api.add(Self.cancel, cancel)
    }

    static let create = Endpoint(
        .post, "/v1/watches", operationID: "createWatch", tag: "watches", summary: "Watch a SKU's price",
        description: "Triggers when the SKU's price is at or below the target — now, when its price changes, or "
            + "when its stock is received — while the watch is active. Auto-buy places an order for `qty` to `zip` "
            + "exactly as POST /v1/orders does, once, never above the target.",
        access: .roles([.operator, .customer]), parameters: [OrdersController.idempotencyKey],
        body: RequestSchema(name: WatchCreateRequest.schemaName, schema: WatchCreateRequest.schema),
        responses: [
            .json(
                WatchBody.self, status: .created,
                "The watch (also the same watch again for a retry with the same key).",
                headers: [.location, .replayed])
        ],
        problems: [.forbidden, .unknownSKU, .unknownZIP, .idempotencyKeyReused, .limitReached])

    /// Not optimized: Swift 6.3.1's release build crashes (signal 11 in LLVM's CoroSplit, `emitSetAndGetSwiftError
    /// ValueAround`) on this function, as on `InventoryController.move`; glue around two awaits.
    @_optimize(none)
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let key = try Self.create.parameters(request, context).string("Idempotency-Key") ?? ""
        let body = try await Self.create.body(WatchCreateRequest.self, request, world: world)
        let customer = try principal.customerNamed(inBody: body.customer, "watches")
        let at = now()
        if let expiresAt = body.expiresAt, expiresAt <= at {
            var problems = FieldProblems()
            problems.add(.invalidField, "expiresAt", "is not after now (\(ISO8601.format(at, offsetMinutes: 0)))")
            try problems.throwIfAny()
        }
        let created = try await store.createWatch(
            WatchRequest(
                customer: customer, sku: body.sku, targetPriceCents: body.targetPriceCents, qty: body.qty,
                zip: body.zip, autoBuy: body.autoBuy, expiresAt: body.expiresAt, idempotencyKey: key, at: at))
        var headers: HTTPFields = [.location: "/v1/watches/\(created.watch.id.rawValue)"]
        if created.replayed {
            headers[.idempotentReplayed] = "true"
        } else {
            metrics.recordWatchCreated()
            watchWork.ring()
        }
        return WatchBody(created.watch, now: at, world: world).response(status: .created, headers: headers)
    }


    static let list = Endpoint(
        .get, "/v1/watches", operationID: "listWatches", tag: "watches", summary: "Watches, newest first",
        description: "A customer key lists its own; an operator key lists every customer's, or one's with `customer`.",
        access: .roles([.operator, .customer]),
        parameters: [
            Parameter(
                "status", in: .query, .oneOf(WatchStatus.allCases.map(\.rawValue)), "Only watches in this status."),
            Parameter(
                "limit", in: .query, .integer(1...Limits.maxPageSize, example: Limits.defaultPageSize),
                "Watches per page (default \(Limits.defaultPageSize))."),
            Parameter(
                "after", in: .query, JSONSchema(.string(StringRule(minLength: 1, maxLength: Limits.maxOpaqueIDBytes))),
                "The `next` of the previous page."),
            Parameter("customer", in: .query, .id(), "Operator keys: only this customer's watches."),
        ],
        responses: [.json(WatchPageBody.self, "A page of watches; `next` is null on the last page.")],
        problems: [.forbidden, .notFound])

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try Self.list.parameters(request, context)
        let customer = try principal.customerScope(named: query.string("customer").map(CustomerID.init), "watches")
        let at = now()
        let page = try await store.watches(
            customer: customer, status: query.string("status").flatMap(WatchStatus.init(rawValue:)), at: at,
            limit: query.int("limit") ?? Limits.defaultPageSize, after: query.string("after").map(WatchID.init))
        return WatchPageBody(watches: page.watches.map { WatchBody($0, now: at, world: world) }, next: page.next)
            .response(capacity: 400 * page.watches.count + 64)
    }

    static let watchID = Parameter(
        "id", in: .path, JSONSchema(.string(StringRule(minLength: 1, maxLength: Limits.maxOpaqueIDBytes))),
        "The watch id.")

    static let get = Endpoint(
        .get, "/v1/watches/{id}", operationID: "getWatch", tag: "watches", summary: "One watch",
        description: "A customer key sees only its own watches; another customer's answers 404 like a missing one. "
            + "A cancelled watch stays readable, with status `cancelled`.",
        access: .roles([.operator, .customer]), parameters: [watchID],
        responses: [.json(WatchBody.self, "The watch.")], problems: [.forbidden, .notFound])

    static let cancel = Endpoint(
        .delete, "/v1/watches/{id}", operationID: "cancelWatch", tag: "watches", summary: "Cancel a watch",
        description: "Ends an active watch: it answers 200 with the watch, now `cancelled`, which stays readable "
            + "(GET answers it with that status; it is not deleted). Cancelling a cancelled watch answers it again; "
            + "a bought, notified or expired watch answers 409 too-late.",
        access: .roles([.operator, .customer]), parameters: [watchID],
        responses: [.json(WatchBody.self, "The cancelled watch.")], problems: [.forbidden, .notFound, .tooLate])

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, customer) = try scope(Self.get, request, context)
        return WatchBody(try await store.watch(id, customer: customer), now: now(), world: world).response()
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, customer) = try scope(Self.cancel, request, context)
        let at = now()
        let watch = try await store.cancelWatch(id, customer: customer, at: at)
        return WatchBody(watch, now: at, world: world).response()
    }

    /// The watch id of the path, and whose watches the caller may see (nil: any).
    private func scope(_ endpoint: Endpoint, _ request: Request, _ context: AppRequestContext) throws(APIError)
        -> (WatchID, CustomerID?)
    {
        let principal = try context.requirePrincipal()
        let id = try endpoint.parameters(request, context).string("id") ?? ""
        guard principal.role == .operator else {
            guard let own = principal.customer else { throw APIError(.notFound, "Watch '\(id)' does not exist.") }
            return (WatchID(id), own)
        }
        return (WatchID(id), nil)
    }
}
