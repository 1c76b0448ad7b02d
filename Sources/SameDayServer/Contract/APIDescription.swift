// Every endpoint of the API, in the order the document lists them.

/// The API as data: what `buildRouter` registers and `OpenAPIDocument` prints.
enum APIDescription {
    static let endpoints: [Endpoint] =
        HealthController.endpoints + PromiseController.endpoints + OrdersController.endpoints
        + InventoryController.endpoints + NetworkController.endpoints + PricesController.endpoints
        + WatchesController.endpoints + EventsController.endpoints + WebhooksController.endpoints
        + DeliveriesController.endpoints + KPIsController.endpoints + DashboardController.endpoints
}
