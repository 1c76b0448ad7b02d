// Every named schema of the API: the `components` of the OpenAPI document, and what `$ref`s resolve to.

import SameDayCore

/// The API's named schemas.
enum ContractSchemas {
    /// Every component, by name, in the document's order.
    static let all: [(name: String, schema: JSONSchema)] = [
        (ProblemBody.schemaName, ProblemBody.schema),
        (FieldProblemBody.schemaName, FieldProblemBody.schema),
        (HealthBody.schemaName, HealthBody.schema),
        (PromiseRequest.schemaName, PromiseRequest.schema),
        (PromiseBody.schemaName, PromiseBody.schema),
        (PlannedShipmentBody.schemaName, PlannedShipmentBody.schema),
        (OrderRequest.schemaName, OrderRequest.schema),
        (OrderBody.schemaName, OrderBody.schema),
        (ShipmentBody.schemaName, ShipmentBody.schema),
        (LineBody.schemaName, LineBody.schema),
        (OrderLineBody.schemaName, OrderLineBody.schema),
        (ContainerBody.schemaName, ContainerBody.schema),
        (OrderPageBody.schemaName, OrderPageBody.schema),
        (StockLevelBody.schemaName, StockLevelBody.schema),
        (ListBody<StockLevelBody>.schemaName, ListBody<StockLevelBody>.schema),
        (ReceiptRequest.schemaName, ReceiptRequest.schema),
        (AdjustmentRequest.schemaName, AdjustmentRequest.schema),
        (StockMovementBody.schemaName, StockMovementBody.schema),
        (NetworkSummaryBody.schemaName, NetworkSummaryBody.schema),
        (NodeBody.schemaName, NodeBody.schema),
        (ListBody<NodeBody>.schemaName, ListBody<NodeBody>.schema),
        (CatalogItemBody.schemaName, CatalogItemBody.schema),
        (PriceRequest.schemaName, PriceRequest.schema),
        (PriceChangeBody.schemaName, PriceChangeBody.schema),
        (PriceHistoryBody.schemaName, PriceHistoryBody.schema),
        (WatchCreateRequest.schemaName, WatchCreateRequest.schema),
        (WatchBody.schemaName, WatchBody.schema),
        (WatchPageBody.schemaName, WatchPageBody.schema),
        (EventBody.schemaName, EventBody.schema),
        (EventPageBody.schemaName, EventPageBody.schema),
        (WebhookRequest.schemaName, WebhookRequest.schema),
        (WebhookBody.schemaName, WebhookBody.schema),
        (WebhookListBody.schemaName, WebhookListBody.schema),
        (WebhookDeliveriesBody.schemaName, WebhookDeliveriesBody.schema),
        (EligibilityRequest.schemaName, EligibilityRequest.schema),
        (AddLineBody.schemaName, AddLineBody.schema),
        (DeliveryBody.schemaName, DeliveryBody.schema),
        (DeliveriesBody.schemaName, DeliveriesBody.schema),
        (EligibilityResultBody.schemaName, EligibilityResultBody.schema),
        (EligibilityBody.schemaName, EligibilityBody.schema),
        (AddableItemBody.schemaName, AddableItemBody.schema),
        (AddablePageBody.schemaName, AddablePageBody.schema),
        (KPIsBody.schemaName, KPIsBody.schema),
        (NodeShipmentsBody.schemaName, NodeShipmentsBody.schema),
    ]

    private static let byName: [String: JSONSchema] = Dictionary(
        all.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })

    /// The component called `name`.
    static func schema(named name: String) -> JSONSchema? { byName[name] }
}
