// ServiceLifecycle names every service by interpolating it (`"\(service)"`) when the application starts. A struct
// is then described field by field, through reflection: the watch worker holds the world, so a ten-million-SKU
// catalog was written out item by item, for two minutes and gigabytes, before the server could listen. Each of
// the server's services names itself instead.

extension StockFeedService: CustomStringConvertible {
    var description: String { "StockFeedService" }
}

extension ShipmentClockService: CustomStringConvertible {
    var description: String { "ShipmentClockService" }
}

extension IdempotencySweepService: CustomStringConvertible {
    var description: String { "IdempotencySweepService" }
}

extension WatchWorker: CustomStringConvertible {
    var description: String { "WatchWorker" }
}

extension WebhookDeliverer: CustomStringConvertible {
    var description: String { "WebhookDeliverer" }
}
