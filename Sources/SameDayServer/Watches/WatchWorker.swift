// The watch worker: buys (or notifies) every watch a change makes eligible, exactly once, after the change commits.
//
// It follows the events feed in commit order, from the position the database records for it (`feed_cursors`,
// name `watch-worker`), so after a crash it resumes where the last completed batch ended. The feed is the durable
// record of every trigger point — `price-changed`, `stock-received`, `watch-created` — written in the transaction
// of the change itself. The worker keeps the active watches in a `WatchIndex` (per SKU, by target price), loaded
// from the database at start and then kept in step with the same feed (`watch-created` adds, `watch-bought`,
// `-triggered`, `-cancelled`, `-expired` remove), so at every event the index holds exactly the watches active when
// that event committed. A price change then costs the worker one look at the SKU's highest target.
//
// Triggers are hints: each triggered watch is served by the store in a transaction of its own that locks the
// watch, checks it is still active, re-reads the price and buys only at or below target. Serving a watch twice
// (two server processes, a batch replayed after a crash) therefore buys it once. Within a batch of events the
// watches triggered on one SKU are served once, after the whole batch, in (createdAt, id) order, against the
// latest price the batch saw.

import Logging
import SameDayCore
import SameDayStore
import ServiceLifecycle

/// Serves triggered watches; a `Service` of the server (graceful shutdown: it finishes the batch in hand).
struct WatchWorker: Service {
    /// The name of its position in `feed_cursors` (shared by all server processes on one database).
    static let cursorName = "watch-worker"

    let store: any Store
    let world: ServerWorld
    let metrics: ServerMetrics
    let doorbell: Doorbell
    let now: @Sendable () -> Instant
    let settings: WatchWorkerSettings
    let logger: Logger

    func run() async throws {
        var state: WatchWorkerState?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var busy = false
            do {
                if state == nil { state = try await load() }
                if var current = state {
                    busy = try await step(&current)
                    try await housekeeping(&current)
                    state = current
                }
            } catch {
                logger.warning("watch worker: \(error); retrying")
                metrics.recordWatchWorkerError()
            }
            if busy { continue }
            await cancelWhenGracefulShutdown { await doorbell.wait(timeout: settings.pollInterval) }
        }
    }

    /// Loads the index: the position to resume from first, then the feed's end (at or after it), then the prices
    /// and active watches (which reflect at least that much). Events between the position and the end are served
    /// again without changing the index; those after the end change it.
    func load() async throws -> WatchWorkerState {
        let position = try await store.feedCursor(Self.cursorName) ?? .start
        let snapshot = try await store.feedHead()
        let catalog = world.catalog
        var index = WatchIndex(prices: try await store.prices(of: catalog, pageSize: settings.loadPageSize))
        var bySKU: [Int: [WatchIndex.Entry]] = [:]
        var after: UInt64 = 0
        while true {
            let page = try await store.activeWatches(afterNumber: after, limit: settings.loadPageSize)
            for watch in page {
                guard let sku = catalog.index(of: watch.sku) else { continue }
                bySKU[sku, default: []].append(
                    WatchIndex.Entry(targetCents: watch.targetCents, createdAt: watch.createdAt, number: watch.number))
            }
            guard let last = page.last, page.count == settings.loadPageSize else { break }
            after = last.number
        }
        for (sku, entries) in bySKU { index.load(sku: sku, entries) }
        metrics.setWatchIndex(active: index.count, bytes: index.allocatedBytes)
        logger.info(
            "watch worker loaded",
            metadata: ["active": "\(index.count)", "position": "\(position)", "snapshot": "\(snapshot.seq)"])
        return WatchWorkerState(index: index, snapshot: snapshot, position: position)
    }

    /// Reads the next events, serves the watches they trigger, and records the position. True when events were
    /// read (more may follow at once).
    func step(_ state: inout WatchWorkerState) async throws -> Bool {
        let events = try await store.events(after: state.position, customer: nil, limit: settings.batchSize)
        guard let last = events.last else { return false }
        var triggers = Triggers()
        for event in events { apply(event, to: &state, triggers: &triggers) }
        let served = try await serve(triggers, &state)
        state.position = last.position
        try await store.saveFeedCursor(Self.cursorName, last.position)
        metrics.recordWatchEvents(events.count)
        if served > 0 { metrics.setWatchIndex(active: state.index.count, bytes: state.index.allocatedBytes) }
        return true
    }

    /// Applies one event to the index (only past the snapshot, which already holds what came before) and collects
    /// the watches it triggers.
    func apply(_ event: Event, to state: inout WatchWorkerState, triggers: inout Triggers) {
        guard let skuID = event.sku, let sku = world.catalog.index(of: skuID) else { return }
        let fresh = event.position > state.snapshot
        switch event.type {
        case .priceChanged:
            guard let cents = event.priceCents else { return }
            if fresh { state.index.setPrice(sku: sku, cents: cents) }
            triggers.add(sku, state.index.triggered(sku: sku, atPrice: cents), event)
        case .stockReceived:
            triggers.add(sku, state.index.triggered(sku: sku, atPrice: state.index.price(sku: sku)), event)
        case .watchCreated:
            guard let number = event.watch?.number, let target = event.targetCents else { return }
            let entry = WatchIndex.Entry(targetCents: target, createdAt: event.at, number: number)
            if fresh { state.index.insert(sku: sku, entry) }
            if state.index.contains(sku: sku, number: number), target >= state.index.price(sku: sku) {
                triggers.add(sku, [entry], event)
            }
        case let type where type.endsWatch:
            if fresh, let number = event.watch?.number { state.index.remove(sku: sku, number: number) }
        default:
            return
        }
    }

    /// Serves the collected watches still active and at or above their SKU's price, per SKU in (createdAt, id)
    /// order; returns how many ended. Throws (so the batch is read again) when the database failed for any.
    func serve(_ triggers: Triggers, _ state: inout WatchWorkerState) async throws -> Int {
        var queue: [(sku: Int, entry: WatchIndex.Entry, recordedMillis: Int)] = []
        for sku in triggers.bySKU.keys.sorted() {
            let price = state.index.price(sku: sku)
            let due = (triggers.bySKU[sku] ?? [:]).values.filter {
                Int($0.entry.targetCents) >= price && state.index.contains(sku: sku, number: $0.entry.number)
            }
            queue += due.sorted { $0.entry.isServed(before: $1.entry) }.map { (sku, $0.entry, $0.recordedMillis) }
        }
        guard !queue.isEmpty else { return 0 }
        let outcomes = await store.serveWatches(
            queue.map { WatchID(number: $0.entry.number) }, at: now(), engine: world.engine, packer: world.packer)
        let servedAt = settings.nowMillis()
        var ended = 0
        var failure: String?
        for (item, outcome) in zip(queue, outcomes) {
            metrics.recordWatchOutcome(outcome, lagSeconds: Double(max(0, servedAt - item.recordedMillis)) / 1000)
            if case .error(let reason) = outcome { failure = reason }
            if outcome.ended {
                state.index.remove(sku: item.sku, number: item.entry.number)
                ended += 1
            }
        }
        if let failure { throw WatchWorkerError.serving(failure) }
        return ended
    }

    /// Records due expiries and refreshes the status counts, each at its interval.
    func housekeeping(_ state: inout WatchWorkerState) async throws {
        let clock = settings.nowMillis()
        if clock >= state.nextExpiryMillis {
            while try await store.expireWatches(at: now()) == 1_000 {}
            state.nextExpiryMillis = clock + settings.expiryIntervalMillis
        }
        if clock >= state.nextCountsMillis {
            metrics.setWatchCounts(try await store.watchCounts())
            state.nextCountsMillis = clock + settings.countsIntervalMillis
        }
    }
}

/// How the worker paces itself.
public struct WatchWorkerSettings: Sendable {
    /// The longest wait between two reads of the feed (a commit in this process rings the worker at once).
    public var pollInterval: Duration = .milliseconds(250)
    /// Events read per batch.
    public var batchSize = 1_000
    /// Active watches read per query when loading the index.
    public var loadPageSize = 20_000
    /// How often expired watches are recorded (their status reads `expired` at once regardless).
    public var expiryIntervalMillis = 30_000
    /// How often the counts by status are read for `/metrics`.
    public var countsIntervalMillis = 15_000
    /// The wall clock in Unix milliseconds (trigger lag).
    public var nowMillis: @Sendable () -> Int = AppConfiguration.systemMillis

    public init() {}
}

/// What the worker holds between batches.
struct WatchWorkerState: Sendable {
    var index: WatchIndex
    /// The feed's end when the index was loaded: events up to it are already in the index.
    var snapshot: FeedPosition
    /// The last event handled.
    var position: FeedPosition
    var nextExpiryMillis = 0
    var nextCountsMillis = 0
}

/// The watches a batch of events triggered, per SKU index, each with the first triggering event's time.
struct Triggers {
    var bySKU: [Int: [UInt64: (entry: WatchIndex.Entry, recordedMillis: Int)]] = [:]

    mutating func add(_ sku: Int, _ entries: [WatchIndex.Entry], _ event: Event) {
        guard !entries.isEmpty else { return }
        for entry in entries where bySKU[sku]?[entry.number] == nil {
            bySKU[sku, default: [:]][entry.number] = (entry, event.recordedMillis)
        }
    }
}

enum WatchWorkerError: Error, CustomStringConvertible {
    case serving(String)

    var description: String {
        switch self {
        case .serving(let reason): "serving a triggered watch failed (the batch will be read again): \(reason)"
        }
    }
}
