// /v1/webhooks (operator): register endpoints events are POSTed to, list and remove them, and read the state of
// their deliveries.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct WebhooksController {
    let world: ServerWorld
    let store: any Store
    let now: @Sendable () -> Instant

    static let endpoints = [create, list, delete, deliveries]

    func addRoutes(to api: inout API) {
        api.add(Self.create, create)
        api.add(Self.list, list)
        api.add(Self.delete, delete)
        api.add(Self.deliveries, deliveries)
    }

    static let create = Endpoint(
        .post, "/v1/webhooks", operationID: "createWebhook", tag: "webhooks", summary: "Register a webhook endpoint",
        description: "Every event written from now on (of `types`, or all) is POSTed to `url` as its JSON, with "
            + "headers `SameDay-Event-Id`, `SameDay-Timestamp` (Unix seconds) and `SameDay-Signature: v1=<hex "
            + "HMAC-SHA256 of \"<timestamp>.<body>\" keyed by the secret>`. Any 2xx acknowledges; anything else, or no "
            + "answer within 10 s, is retried with exponential backoff (1 s doubling to 1 h) for 24 hours. Delivery "
            + "is at least once, and in event order per customer.",
        access: .roles([.operator]),
        body: RequestSchema(name: WebhookRequest.schemaName, schema: WebhookRequest.schema),
        responses: [
            .json(WebhookBody.self, status: .created, "The endpoint (without its secret).", headers: [.location])
        ],
        problems: [.forbidden, .limitReached])

    static let list = Endpoint(
        .get, "/v1/webhooks", operationID: "listWebhooks", tag: "webhooks", summary: "The registered endpoints",
        access: .roles([.operator]), responses: [.json(WebhookListBody.self, "The endpoints, oldest first.")],
        problems: [.forbidden])

    static let webhookID = Parameter(
        "id", in: .path, JSONSchema(.string(StringRule(minLength: 1, maxLength: Limits.maxOpaqueIDBytes))),
        "The endpoint's id.")

    static let delete = Endpoint(
        .delete, "/v1/webhooks/{id}", operationID: "deleteWebhook", tag: "webhooks", summary: "Remove an endpoint",
        description: "No more deliveries go to it; its delivery records are removed with it.",
        access: .roles([.operator]), parameters: [webhookID],
        responses: [.json(WebhookBody.self, "The removed endpoint.")], problems: [.forbidden, .notFound])

    static let deliveries = Endpoint(
        .get, "/v1/webhooks/{id}/deliveries", operationID: "listWebhookDeliveries", tag: "webhooks",
        summary: "The state of an endpoint's latest deliveries", access: .roles([.operator]),
        parameters: [
            webhookID,
            Parameter(
                "limit", in: .query, .integer(1...Limits.maxPageSize, example: Limits.defaultPageSize),
                "Deliveries to show (default \(Limits.defaultPageSize))."),
        ],
        responses: [.json(WebhookDeliveriesBody.self, "The latest deliveries, newest first.")],
        problems: [.forbidden, .notFound])

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await Self.create.body(WebhookRequest.self, request, world: world)
        let webhook = try await store.createWebhook(url: body.url, secret: body.secret, types: body.types, at: now())
        return WebhookBody(webhook: webhook).response(
            status: .created, headers: [.location: "/v1/webhooks/\(webhook.id.rawValue)/deliveries"])
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        WebhookListBody(webhooks: try await store.webhooks()).response()
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Self.delete.parameters(request, context).string("id") ?? ""
        return WebhookBody(webhook: try await store.deleteWebhook(WebhookID(id), at: now())).response()
    }

    @Sendable func deliveries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try Self.deliveries.parameters(request, context)
        let id = WebhookID(query.string("id") ?? "")
        let deliveries = try await store.webhookDeliveries(id, limit: query.int("limit") ?? Limits.defaultPageSize)
        return WebhookDeliveriesBody(webhook: id, deliveries: deliveries).response(
            capacity: 256 * deliveries.count + 64)
    }
}
