// The store: the one protocol both backends (SQLite, PostgreSQL) implement and one test suite checks.

import SameDayCore

/// What an order asks for; `Store.placeOrder` plans, reserves and records it in one transaction.
public struct OrderRequest: Sendable, Equatable {
    public var customer: CustomerID
    public var zip: ZIP
    public var lines: [OrderLine]
    /// The client's `Idempotency-Key` (1…`Limits.maxIdempotencyKeyBytes` bytes), scoped to the customer.
    public var idempotencyKey: String
    /// A fingerprint of the request body (`OrderRequest.fingerprint(zip:lines:)` or the server's own).
    public var requestHash: String
    /// The `deliverBy` the customer was shown, if any: placing refuses to deliver later (`promiseChanged`).
    public var promisedDeliverBy: Instant?
    /// The order instant (the server's clock, passed in).
    public var at: Instant

    public init(
        customer: CustomerID, zip: ZIP, lines: [OrderLine], idempotencyKey: String, requestHash: String? = nil,
        promisedDeliverBy: Instant? = nil, at: Instant
    ) {
        self.customer = customer
        self.zip = zip
        self.lines = lines
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash ?? Self.fingerprint(zip: zip, lines: lines)
        self.promisedDeliverBy = promisedDeliverBy
        self.at = at
    }
}

/// What an add to delivery asks for: `line` joining shipment `shipment` of one of `customer`'s orders;
/// `Store.addToShipment` decides and records it in one transaction.
public struct AddLineRequest: Sendable, Equatable {
    public var customer: CustomerID
    public var shipment: ShipmentID
    public var line: OrderLine
    /// The client's `Idempotency-Key`, scoped to the customer (shared with its orders' keys).
    public var idempotencyKey: String
    /// A fingerprint of the request (`AddLineRequest.fingerprint(shipment:line:)` unless given).
    public var requestHash: String
    /// The instant of the add (the server's clock, passed in).
    public var at: Instant

    public init(
        customer: CustomerID, shipment: ShipmentID, line: OrderLine, idempotencyKey: String,
        requestHash: String? = nil, at: Instant
    ) {
        self.customer = customer
        self.shipment = shipment
        self.line = line
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash ?? Self.fingerprint(shipment: shipment, line: line)
        self.at = at
    }

    /// What makes two adds the same request: the shipment, the SKU and the quantity (never equal to an order's
    /// fingerprint, so a key used for an order and then for an add is a reused key).
    public static func fingerprint(shipment: ShipmentID, line: OrderLine) -> String {
        APIKeys.sha256Hex("add|" + shipment.rawValue + "|" + line.sku.rawValue + ":" + String(line.qty))
    }
}

/// The network, catalog and inventory a new database starts from (spec/promise.md's files).
public struct ImportData: Sendable {
    public var network: Network
    /// The network file's text, kept so every process builds the same network from the database.
    public var networkJSON: String
    public var catalog: Catalog
    public var inventory: Inventory

    public init(network: Network, networkJSON: String, catalog: Catalog, inventory: Inventory) {
        self.network = network
        self.networkJSON = networkJSON
        self.catalog = catalog
        self.inventory = inventory
    }

    /// Parses and validates the three files.
    /// - Throws: `LoadError` naming the file and place of every problem.
    public static func load(
        networkJSON: [UInt8], networkFile: String, catalogCSV: [UInt8], catalogFile: String, inventoryCSV: [UInt8],
        inventoryFile: String
    ) throws(LoadError) -> ImportData {
        let network = try Network.load(json: networkJSON, file: networkFile)
        let catalog = try Catalog.load(csv: catalogCSV, file: catalogFile)
        let inventory = try Inventory.load(csv: inventoryCSV, file: inventoryFile, network: network, catalog: catalog)
        return ImportData(
            network: network, networkJSON: String(decoding: networkJSON, as: UTF8.self), catalog: catalog,
            inventory: inventory)
    }
}

/// What the database was set up with: enough for any process to rebuild the same `PromiseEngine`.
public struct StoredSetup: Sendable {
    public var networkName: String
    /// The network file's text, as imported.
    public var networkJSON: String
    /// The catalog as it is now (prices may have changed since the import).
    public var catalog: Catalog

    public init(networkName: String, networkJSON: String, catalog: Catalog) {
        self.networkName = networkName
        self.networkJSON = networkJSON
        self.catalog = catalog
    }
}

/// Durable state: catalog, stock and its ledger, orders and shipments, idempotency records, API keys.
///
/// The database is the authority for stock: every reservation is a conditional write inside the transaction
/// that records the order, so no two callers (threads or processes) can sell the last unit twice. Stock moves
/// only through functions that write the ledger in the same transaction. Each method is one transaction:
/// when it throws, nothing was written.
///
/// Time is always passed in (`at:`, `advance(to:)`); the store never reads a clock.
/// Methods throw `StoreError` only: the refusals a caller can act on, and for the database's own failures
/// `.unavailable` (retry later) or `.database` (the cause, never a password). No driver error type leaves the
/// store. Limits on input are `Limits`' (the same the HTTP validators and schemas read).
public protocol Store: Sendable {
    /// Runs the backend's background work (PostgreSQL's connection pool) until the task is cancelled.
    /// Start it before calling anything else (see `StoreLocation.withStore`).
    func run() async

    /// Brings the schema up to date (versioned migrations; safe to call from several processes at once).
    func migrate() async throws

    /// Imports the network, catalog and inventory when the database has none; returns false (and changes
    /// nothing) when it already has a network. Initial stock is written as `receipt` ledger rows.
    func importIfNew(_ data: ImportData, at: Instant) async throws -> Bool

    /// The network and catalog the database holds, or nil before an import.
    func setup() async throws -> StoredSetup?

    /// Places an order in one transaction: idempotency check, stock read (locked), plan with `engine` over that
    /// stock, reservation by conditional writes, order, shipments (each packed into containers by `packer`,
    /// SKU sizes from `engine.catalog`), ledger and idempotency record.
    /// - Parameter packer: the container catalog's packer; nil records no containers (a unit no container takes
    ///   ships in its own: packing never refuses an order).
    /// - Returns: the order, and whether it is a replay: for a repeat of a request with the same key and
    ///   fingerprint (while its idempotency record lives, see `purgeIdempotency`), the first answer, unchanged.
    /// - Throws: `StoreError.outOfStock`, `.notDeliverable`, `.promiseChanged`, `.idempotencyKeyReused`,
    ///   `.invalidOrder` (the engine's verdict on ZIP and lines), `.invalidInput` (key not
    ///   1…`Limits.maxIdempotencyKeyBytes` bytes, malformed customer id).
    func placeOrder(_ request: OrderRequest, engine: PromiseEngine, packer: Packer?) async throws -> PlacedOrder

    /// Adds `request.line` to an upcoming shipment of the customer's (add to delivery) in one transaction, as an
    /// order is placed: idempotency claim; the order, shipment and stock rows locked in the one lock order; the
    /// contract's four rules checked against them (`DeliveryEligibility`, the same code as eligibility answers);
    /// the units reserved (conditional write) and written to the ledger; the line added, or grown when the SKU is
    /// already one of the shipment's, at the catalog's price now; the shipment repacked preferring its containers
    /// (`ShipmentContainers.adding`); the order's total grown. Every `deliverBy` stays as it was.
    /// - Returns: the whole order after the add, and whether it is a replay of an earlier answer to the same key.
    /// - Throws: `StoreError.notFound` (no such shipment, or another customer's), `.cannotJoin` with the first
    ///   rule that fails, `.unknownSKU`, `.idempotencyKeyReused`, `.invalidInput` (quantity, key, customer id).
    func addToShipment(_ request: AddLineRequest, engine: PromiseEngine, packer: Packer?) async throws -> PlacedOrder

    /// Cancels an order and releases its stock, while none of its shipments is picking (`at` before every
    /// shipment's `modifiableUntil`). Cancelling a cancelled order returns it unchanged, and says so.
    /// - Parameter customer: the caller's customer; nil for an operator (any order).
    /// - Throws: `StoreError.notFound` (also for another customer's order), `.tooLate`.
    func cancelOrder(_ id: OrderID, customer: CustomerID?, at: Instant, actor: String) async throws -> CancelledOrder

    /// One order. - Throws: `StoreError.notFound` when absent or (with `customer`) not that customer's.
    func order(_ id: OrderID, customer: CustomerID?) async throws -> Order

    /// A customer's orders, newest first, `limit` (1…`Limits.maxPageSize`) at a time, after the order `after` of a
    /// previous page.
    func orders(customer: CustomerID, limit: Int, after: OrderID?) async throws -> OrderPage

    /// A customer's orders that have an upcoming shipment at `at` (status `placed`, `at` before its
    /// `modifiableUntil`: add to delivery), oldest first, at most `Limits.maxUpcomingOrders`.
    func ordersWithUpcomingShipments(customer: CustomerID, at: Instant) async throws -> [Order]

    /// The order a shipment belongs to. - Throws: `StoreError.notFound` when there is no such shipment or (with
    /// `customer`) its order is not that customer's.
    func order(ofShipment shipment: ShipmentID, customer: CustomerID?) async throws -> Order

    /// Moves every shipment along its schedule up to `now`: placed → picking at `modifiableUntil`, → shipped at
    /// `departsAt` (its units leave on hand and reserved, as `shipment` ledger rows), → delivered at `deliverBy`.
    /// A shipment whose stock rows hold fewer units than it carries stays and is reported in `stuck`; every
    /// other shipment moves.
    func advance(to now: Instant) async throws -> AdvanceReport

    /// Stock of one SKU at every node that has a row for it, by node id.
    /// - Throws: `StoreError.unknownSKU`.
    func stock(sku: SKU) async throws -> [StockLevel]

    /// Stock at one node, by SKU. - Throws: `StoreError.unknownNode`.
    func stock(node: NodeID) async throws -> [StockLevel]

    /// Available units per (node, SKU) for the given SKUs (all when nil): what a promise plans over.
    func stockSnapshot(skus: [SKU]?) async throws -> [StockEntry]

    /// A page of every (node, SKU)'s available units, ascending by SKU then node, after `after` (its `sku` and
    /// `node`; nil: from the start): how a process loads the whole stock without holding it twice.
    /// - Throws: `StoreError.invalidInput` when `limit` is not 1…1,000,000.
    func stockPage(after: StockEntry?, limit: Int) async throws -> [StockEntry]

    /// The SKUs whose stock moved in transactions committed after `position`, in commit order (the ledger is
    /// the stock's change feed: every movement writes a row, stamped at commit; `CommitFeed`). Reads at most
    /// `limit` ledger rows; start from `feedHead()` read before loading the stock.
    /// - Throws: `StoreError.invalidInput` when `limit` is not 1…1,000,000.
    func stockChanges(after position: FeedPosition, limit: Int) async throws -> StockChanges

    /// Records units arriving at a node (ledger `receipt`, on hand +qty).
    /// - Throws: `StoreError.invalidInput` (qty not 1…`Limits.maxStockMovement`, reason over
    ///   `Limits.maxTextBytes` UTF-8 bytes), `.unknownNode`, `.unknownSKU`.
    func receive(node: NodeID, sku: SKU, qty: Int, actor: String, reason: String, at: Instant) async throws
        -> StockLevel

    /// Corrects on hand by `delta` (ledger `adjustment`); a missing stock row is created. Concurrent adjustments
    /// of one row (present or not) each apply once.
    /// - Throws: `StoreError.wouldGoNegative` when on hand + delta < reserved, `.invalidInput` (delta 0 or beyond
    ///   ±`Limits.maxStockMovement`, reason over `Limits.maxTextBytes` UTF-8 bytes), `.unknownNode`, `.unknownSKU`.
    func adjust(node: NodeID, sku: SKU, delta: Int, actor: String, reason: String, at: Instant) async throws
        -> StockLevel

    /// The ledger, oldest first, optionally for one node and/or SKU, at most `limit` rows after row `afterID`.
    func ledger(node: NodeID?, sku: SKU?, afterID: Int?, limit: Int) async throws -> [LedgerEntry]

    /// Stores a new key's hash and returns the key (the only time it exists in clear).
    func createAPIKey(role: Role, customer: CustomerID?, seller: SellerID?, at: Instant) async throws
        -> (key: String, record: APIKey)

    /// The stored key whose hash matches `key`'s, if any and not revoked.
    func apiKey(matching key: String) async throws -> APIKey?

    /// Every stored key, revoked ones included, oldest first.
    func apiKeys() async throws -> [APIKey]

    /// Revokes the key whose hash starts with `id` (`APIKey.id`, 8–64 hex digits); revoking a revoked key
    /// returns it unchanged. - Throws: `StoreError.notFound`, `.invalidInput` (not hex, or names several keys).
    func revokeAPIKey(id: String, at: Instant) async throws -> APIKey

    /// Removes the idempotency records made before `before` (the server calls it periodically with its clock
    /// minus the records' time to live); their keys are free again. Returns how many were removed.
    func purgeIdempotency(before: Instant) async throws -> Int

    /// Shipments packed, their containers and units, over the whole database (cancelled orders included).
    func packingStats() async throws -> PackingStats

    /// Checks DESIGN.md's invariants and returns every violation (empty when the database is consistent).
    func checkInvariants() async throws -> [Violation]

    /// Closes connections. The store is unusable afterwards.
    func close() async throws

    // MARK: The figures' aggregates (issue 13; SQLStore+KPIs, +KPIRecount)

    /// The counts of orders placed (or refused) in the hours from `from` (inclusive) to `to` (exclusive), summed
    /// from the aggregate rows the order, clock and cancel transactions keep: no scan of orders. With
    /// `overdueAt`, the range's shipments not delivered although their `deliverBy` is before it are counted
    /// overdue (an indexed read of open shipments).
    func kpiCounts(from: Instant, to: Instant, overdueAt: Instant?) async throws -> KPICounts

    /// Orders placed or refused in each hour from `from` (inclusive) to `to` (exclusive) that has any.
    func ordersPerHour(from: Instant, to: Instant) async throws -> [Instant: Int]

    /// Nodes with no unit available (a stock row with on hand − reserved ≤ 0) of one of the `topSKUs` SKUs with
    /// the most units ordered on `day` (the network clock's day), by node then SKU, at most `Limits.maxPageSize`.
    func stockouts(day: LocalDate, topSKUs: Int) async throws -> [Stockout]

    /// Shipments not yet departed (placed or picking) with less time to their `deliverBy` than their node's
    /// processing minutes at `now`, soonest `deliverBy` first, at most `limit`.
    func shipmentsAtRisk(now: Instant, processingMinutes: [NodeID: Int], limit: Int) async throws -> [OpenShipment]

    /// A node's shipments not yet delivered (placed, picking or shipped), soonest `deliverBy` first, at most `limit`.
    func openShipments(node: NodeID, limit: Int) async throws -> [OpenShipment]

    /// The aggregates recounted from the stored orders and shipments (refused orders leave no row: none counted).
    func recountKPICounts(engine: PromiseEngine) async throws -> KPICounts

    /// Counts the orders stored before the aggregates existed into them, once per database (later calls, and
    /// concurrent ones in other processes, return false and write nothing).
    func backfillKPICounts(engine: PromiseEngine) async throws -> Bool

    // MARK: Prices, watches, events and webhooks (issue 11; SQLStore+Prices, +Watches, +WatchBuys, +Events,
    // +Webhooks)

    /// Sets a SKU's price: the catalog row, an appended price-history point and a `price-changed` event, in one
    /// transaction (the event is the durable record of the watch work the change creates). Setting the price it
    /// already has writes nothing and answers `changed: false` with the last change's instant.
    /// - Throws: `StoreError.unknownSKU`, `.invalidInput` (price outside `Limits.priceCentsRange`).
    func setPrice(sku: SKU, priceCents: Int, actor: String, at: Instant) async throws -> PriceChange

    /// A SKU's price changes from `from` to `to` (inclusive, minutes), ascending, at most `Limits.maxPricePoints`,
    /// and the change in effect at `from`. - Throws: `StoreError.unknownSKU`.
    func priceHistory(sku: SKU, from: Instant?, to: Instant?) async throws -> PriceHistory

    /// Current prices in cents of the given SKUs.
    func prices(skus: [SKU]) async throws -> [SKU: Int]

    /// The current price in cents of every item of `catalog`, by its dense index, read from the database in pages
    /// of `pageSize` rows (an item the database does not hold keeps `catalog`'s price).
    func prices(of catalog: Catalog, pageSize: Int) async throws -> [Int]

    /// Creates a watch (and its `watch-created` event), or answers the one created before with the same key.
    /// - Throws: `StoreError.unknownSKU`, `.idempotencyKeyReused`, `.limitReached` (the customer's active watches
    ///   at `Limits.maxActiveWatchesPerCustomer`), `.invalidInput` (target, qty, key, customer, expiry not after now).
    func createWatch(_ request: WatchRequest) async throws -> CreatedWatch

    /// One watch. - Throws: `StoreError.notFound` when absent or (with `customer`) not that customer's.
    func watch(_ id: WatchID, customer: CustomerID?) async throws -> Watch

    /// Watches, newest first, of one customer or all, optionally only those whose status at `at` is `status`.
    func watches(customer: CustomerID?, status: WatchStatus?, at: Instant, limit: Int, after: WatchID?)
        async throws -> WatchPage

    /// Cancels an active watch (`watch-cancelled` event); a cancelled one is answered unchanged.
    /// - Throws: `StoreError.notFound`, `.tooLate` (bought, notified or expired).
    func cancelWatch(_ id: WatchID, customer: CustomerID?, at: Instant) async throws -> Watch

    /// Records the expiry of up to 1,000 active watches whose `expiresAt` has come (`watch-expired` events); returns
    /// how many.
    func expireWatches(at: Instant) async throws -> Int

    /// Serves triggered watches, each in a transaction of its own, in the given order: an auto-buy places its order
    /// through the same path as `placeOrder` with its target as the price cap and is marked bought; a notify-only
    /// watch is marked notified; a watch no longer active, expired or now above target is left as it is; an order
    /// that cannot be placed leaves the watch active with its `lastAttempt`. Never throws: a database failure is
    /// that watch's `.error` outcome (nothing written for it).
    func serveWatches(_ ids: [WatchID], at: Instant, engine: PromiseEngine, packer: Packer?) async -> [WatchOutcome]

    /// Active watches with a number above `afterNumber`, by number, at most `limit`: how the worker loads its index.
    func activeWatches(afterNumber: UInt64, limit: Int) async throws -> [ActiveWatch]

    /// How many watches have each status (as stored).
    func watchCounts() async throws -> [WatchStatus: Int]

    /// Events after `position` in commit order, of one customer or all, at most `limit` (1…10 × the page maximum).
    func events(after position: FeedPosition, customer: CustomerID?, limit: Int) async throws -> [Event]

    /// A page of events after the event `after` (by id; nil from the start), of one customer or all.
    /// - Throws: `StoreError.notFound` when `after` is no event (of that customer).
    func eventPage(after: Int?, customer: CustomerID?, limit: Int) async throws -> EventPage

    /// The feed's end now: every event at or before it is committed and visible.
    func feedHead() async throws -> FeedPosition

    /// How far the reader `name` has handled the feed (nil before it saved a position).
    func feedCursor(_ name: String) async throws -> FeedPosition?

    /// Records that reader `name` has handled the feed up to `position` (never moves it back).
    func saveFeedCursor(_ name: String, _ position: FeedPosition) async throws

    /// Registers a webhook endpoint; events from now on go to it. - Throws: `StoreError.limitReached`.
    func createWebhook(url: String, secret: String, types: [EventType], at: Instant) async throws -> Webhook

    /// The registered endpoints, oldest first.
    func webhooks() async throws -> [Webhook]

    /// Removes an endpoint and its deliveries. - Throws: `StoreError.notFound`.
    func deleteWebhook(_ id: WebhookID, at: Instant) async throws -> Webhook

    /// An endpoint's latest deliveries, newest first. - Throws: `StoreError.notFound`.
    func webhookDeliveries(_ id: WebhookID, limit: Int) async throws -> [WebhookDelivery]

    /// Writes the pending deliveries of up to `limit` new events per endpoint; returns how many were written.
    func enqueueWebhookDeliveries(nowMillis: Int, limit: Int) async throws -> Int

    /// Leases up to `limit` deliveries due at `nowMillis`, each the earliest pending of its endpoint and customer.
    func claimWebhookDeliveries(nowMillis: Int, leaseMillis: Int, limit: Int) async throws -> [ClaimedDelivery]

    /// Records attempts: delivered (2xx), or retried after `retry`'s backoff, or failed after its window.
    func recordWebhookDeliveries(
        _ attempts: [(claimed: ClaimedDelivery, result: DeliveryResult)], nowMillis: Int, retry: WebhookRetry
    ) async throws

    /// Removes delivered and failed deliveries last tried before `millis`; returns how many.
    func purgeWebhookDeliveries(before millis: Int) async throws -> Int
}

extension Store {
    /// `placeOrder` with the fields spelled out.
    public func placeOrder(
        customer: CustomerID, zip: ZIP, lines: [OrderLine], idempotencyKey: String, requestHash: String? = nil,
        promisedDeliverBy: Instant? = nil, at: Instant, engine: PromiseEngine, packer: Packer? = nil
    ) async throws -> PlacedOrder {
        try await placeOrder(
            OrderRequest(
                customer: customer, zip: zip, lines: lines, idempotencyKey: idempotencyKey, requestHash: requestHash,
                promisedDeliverBy: promisedDeliverBy, at: at),
            engine: engine, packer: packer)
    }

    /// `placeOrder` without a container catalog: shipments record no containers.
    public func placeOrder(_ request: OrderRequest, engine: PromiseEngine) async throws -> PlacedOrder {
        try await placeOrder(request, engine: engine, packer: nil)
    }
}
