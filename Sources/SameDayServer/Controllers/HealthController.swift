// Routes that need no key: liveness, metrics, the OpenAPI document.

import HTTPTypes
import Hummingbird
import SameDayCore

struct HealthController {
    let metrics: ServerMetrics
    let stock: PromiseStock

    static let endpoints = [health, metricsEndpoint, openAPI]

    func addRoutes(to api: inout API) {
        api.add(Self.health) { _, _ in HealthBody().response(capacity: 16) }
        api.add(Self.metricsEndpoint) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.render() + stock.renderMetrics())))
        }
        api.add(Self.openAPI) { _, _ in Response.json(OpenAPIDocument.bytes) }
    }

    static let health = Endpoint(
        .get, "/health", operationID: "health", tag: "service", summary: "Liveness", access: .open,
        responses: [.json(HealthBody.self, "The server is up.")], usesDatabase: false)

    static let metricsEndpoint = Endpoint(
        .get, "/metrics", operationID: "metrics", tag: "service", summary: "Prometheus metrics", access: .open,
        responses: [
            SuccessResponse(
                .ok, "Counters and histograms in the Prometheus text format 0.0.4.",
                .media("text/plain; version=0.0.4; charset=utf-8", .string()))
        ], usesDatabase: false)

    static let openAPI = Endpoint(
        .get, "/openapi.json", operationID: "openAPI", tag: "service", summary: "This document", access: .open,
        responses: [SuccessResponse(.ok, "The OpenAPI 3.1 document.", .media("application/json", JSONSchema(.any)))],
        usesDatabase: false)
}
