// Builds the application: the one function the `serve` command and the tests both call.

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import SameDayCore
import SameDayStore
import ServiceLifecycle

/// How to run the server.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The clock read at the edge: `at` defaults to it, and shipments advance to it.
    public var now: @Sendable () -> Instant
    /// How often shipments are advanced to `now()`; nil disables the background service (tests).
    public var advanceInterval: Duration?
    /// How often the stock index of the promise and eligibility routes reads the stock change feed (it is loaded
    /// whole once, at start): other processes' writes show within about this long, this process's own at once.
    /// nil: those routes read the database each time.
    public var stockFeedInterval: Duration?
    /// How long an authenticated key is remembered before it is looked up again (at most 1 s: a revoked key
    /// stops working within it).
    public var keyCacheTTL: Duration
    public var logLevel: Logger.Level
    /// How long a client may take, from opening a connection, to send a whole request head (slowloris defence).
    public var headTimeout: Duration = .seconds(10)
    /// How long a kept-alive connection may wait, after its last answer, for the next whole request head.
    public var keepAliveTimeout: Duration = .seconds(60)
    /// How long a client may take to send a request's body after its head.
    public var bodyTimeout: Duration = .seconds(30)
    /// How long an idempotency record (and so a replayable answer) is kept: `sameday serve --idempotency-hours`.
    public var idempotencyTTL: Duration
    /// How often records older than `idempotencyTTL` are removed; nil disables the sweep (tests).
    public var idempotencySweepInterval: Duration?
    /// The watch worker that buys triggered watches; nil runs none (tests that drive it themselves).
    public var watchWorker: WatchWorkerSettings? = WatchWorkerSettings()
    /// The webhook deliverer; nil runs none.
    public var webhooks: WebhookSettings? = WebhookSettings()
    /// Live demonstration traffic (`sameday serve --traffic N`); nil places none.
    public var traffic: TrafficSettings?

    public init(
        host: String = "127.0.0.1", port: Int = 8080,
        now: @escaping @Sendable () -> Instant = AppConfiguration.systemNow,
        advanceInterval: Duration? = .seconds(15), stockFeedInterval: Duration? = .milliseconds(200),
        keyCacheTTL: Duration = .seconds(1), logLevel: Logger.Level = .info,
        idempotencyTTL: Duration = .seconds(86_400),
        idempotencySweepInterval: Duration? = .seconds(600)
    ) {
        self.host = host
        self.port = port
        self.now = now
        self.advanceInterval = advanceInterval
        self.stockFeedInterval = stockFeedInterval
        self.keyCacheTTL = keyCacheTTL
        self.logLevel = logLevel
        self.idempotencyTTL = idempotencyTTL
        self.idempotencySweepInterval = idempotencySweepInterval
    }

    /// The system clock, rounded down to the minute.
    @Sendable public static func systemNow() -> Instant {
        Instant(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
    }

    /// The system clock in Unix milliseconds.
    @Sendable public static func systemMillis() -> Int {
        Int((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// Everything a router needs.
public struct AppDependencies: Sendable {
    public var world: ServerWorld
    public var store: any Store
    public var metrics: ServerMetrics
    /// The promise route's stock.
    public let stock: PromiseStock
    /// Rung by handlers after a commit that may trigger watches (price change, new watch, stock received).
    public let watchWork = Doorbell()

    public init(world: ServerWorld, store: any Store, metrics: ServerMetrics = ServerMetrics()) {
        self.world = world
        self.store = store
        self.metrics = metrics
        self.stock = PromiseStock(store: store, engine: world.engine)
    }
}

/// The application `sameday serve` runs and the tests drive.
public func buildApplication(
    _ configuration: AppConfiguration, dependencies: AppDependencies,
    onServerRunning: @escaping @Sendable () async -> Void = {}
) -> some ApplicationProtocol {
    var logger = Logger(label: "sameday")
    logger.logLevel = configuration.logLevel
    let router = buildRouter(configuration, dependencies: dependencies)
    let timeouts = (
        head: TimeAmount(configuration.headTimeout), keepAlive: TimeAmount(configuration.keepAliveTimeout),
        body: TimeAmount(configuration.bodyTimeout)
    )
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [
            RequestDeadlineHandler(
                headTimeout: timeouts.head, keepAliveTimeout: timeouts.keepAlive, bodyTimeout: timeouts.body)
        ],
        idleTimeout: timeouts.keepAlive,
        httpDecoderConfiguration: .init(
            maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100))
    var app = Application(
        router: router,
        server: .http1(configuration: http1),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "SameDay"),
        onServerRunning: { _ in await onServerRunning() },
        logger: logger
    )
    if let interval = configuration.stockFeedInterval {
        app.addServices(StockFeedService(stock: dependencies.stock, interval: interval, logger: logger))
    }
    if let interval = configuration.advanceInterval {
        app.addServices(
            ShipmentClockService(store: dependencies.store, now: configuration.now, interval: interval, logger: logger))
    }
    if let interval = configuration.idempotencySweepInterval {
        app.addServices(
            IdempotencySweepService(configuration, store: dependencies.store, interval: interval, logger: logger))
    }
    if let settings = configuration.watchWorker {
        app.addServices(
            WatchWorker(
                store: dependencies.store, world: dependencies.world, metrics: dependencies.metrics,
                doorbell: dependencies.watchWork, now: configuration.now, settings: settings, logger: logger))
    }
    if let settings = configuration.traffic, settings.ordersPerSecond > 0 {
        let d = dependencies
        let placer = OrderPlacer(world: d.world, store: d.store, stock: d.stock, metrics: d.metrics, upcoming: nil)
        app.addServices(
            TrafficService(
                settings: settings, placer: placer, now: configuration.now, tick: TrafficService.sleepingTicks(),
                logger: logger))
    }
    if let settings = configuration.webhooks {
        app.addServices(
            WebhookDeliverer(
                store: dependencies.store, metrics: dependencies.metrics, client: WebhookClient(), settings: settings,
                logger: logger))
    }
    return app
}

/// Builds the application and runs it until SIGTERM or SIGINT, which stop accepting connections, let the
/// requests in flight finish, and return.
public func runApplication(
    _ configuration: AppConfiguration, dependencies: AppDependencies,
    onServerRunning: @escaping @Sendable () async -> Void = {}
) async throws {
    let app = buildApplication(configuration, dependencies: dependencies, onServerRunning: onServerRunning)
    try await app.runService()
}

/// The router with every endpoint registered — the one place routes are mounted.
public func buildRouter(_ configuration: AppConfiguration, dependencies: AppDependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let routes = RouteTable(APIDescription.endpoints)
    router.add(middleware: ProblemMiddleware(metrics: dependencies.metrics, routes: routes))
    router.add(
        middleware: AuthMiddleware(
            authenticator: StoreKeyAuthenticator(store: dependencies.store),
            cache: PrincipalCache(ttl: configuration.keyCacheTTL)))
    var api = API(router: router)
    let world = dependencies.world
    let store = dependencies.store
    let metrics = dependencies.metrics
    let stock = dependencies.stock
    let now = configuration.now
    HealthController(metrics: metrics, stock: stock).addRoutes(to: &api)
    PromiseController(world: world, store: store, stock: stock, metrics: metrics, now: now).addRoutes(to: &api)
    let upcoming = UpcomingShipments()
    OrdersController(world: world, store: store, stock: stock, upcoming: upcoming, metrics: metrics, now: now)
        .addRoutes(to: &api)
    InventoryController(world: world, store: store, stock: stock, watchWork: dependencies.watchWork, now: now)
        .addRoutes(to: &api)
    NetworkController(world: world, store: store).addRoutes(to: &api)
    PricesController(world: world, store: store, metrics: metrics, watchWork: dependencies.watchWork, now: now)
        .addRoutes(to: &api)
    WatchesController(world: world, store: store, metrics: metrics, watchWork: dependencies.watchWork, now: now)
        .addRoutes(to: &api)
    EventsController(store: store).addRoutes(to: &api)
    WebhooksController(world: world, store: store, now: now).addRoutes(to: &api)
    DeliveriesController(
        world: world, store: store, stock: stock, upcoming: upcoming, metrics: metrics, now: now
    ).addRoutes(to: &api)
    KPIsController(world: world, store: store, now: now).addRoutes(to: &api)
    DashboardController().addRoutes(to: &api)
    return router
}
