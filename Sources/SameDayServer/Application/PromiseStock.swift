// The stock the promise and eligibility routes plan over: a read-mostly index kept in memory and kept current by
// the database's stock change feed.
//
// Reading the database for every promise would make the promise route as slow as a database round trip;
// promises are advice (an order re-plans inside its transaction), so they may read a cached index. The index is
// loaded whole once, at start (`StockFeedService`), in pages, after reading the feed's head. From then on it
// follows the change feed: the ledger, which every stock movement writes in the same transaction and which is
// stamped in commit order (`Store.stockChanges`), names the SKUs that moved, and only those are read again. So
// other processes' commits (a second server on the same database, the clock, auto-buys) show within the feed's
// polling interval, and the SKUs of every write this process makes are read again right after it commits, so a
// client sees its own orders and receipts in the next promise. Until the first load, routes read the database.
//
// Concurrency: the index is an immutable value behind a `Mutex`; readers copy it out (a reference count) and plan
// outside the lock. Re-reads are numbered: an older re-read never overwrites a newer one (a read that starts later
// sees at least as much committed data). The numbers are remembered per SKU only while re-reads are in flight.
//
// Memory: the index's 6 bytes per stocked (SKU, node) plus 4 per SKU (`StockIndex`); loading holds at most one
// page of rows besides 10 bytes per pair.

import Logging
import SameDayCore
import SameDayStore
import ServiceLifecycle
import Synchronization

/// Cached stock for promises and eligibility.
public final class PromiseStock: Sendable {
    private struct State {
        var index: StockIndex?
        /// Where the change feed is read on from: the head read before the last full load, then moved forward.
        var position: FeedPosition?
        var sequence = 0
        /// Re-reads started and not yet applied; `lastApplied` is emptied when none is left.
        var inFlight = 0
        var lastApplied: [SKU: Int] = [:]
        /// SKUs re-read while a full load was running; re-applied after it lands.
        var touchedDuringLoad: Set<SKU>?
        /// Full loads done, and SKUs re-read after writes or from the feed: what `/metrics` shows.
        var loads = 0
        var rereads = 0
    }

    /// Rows per page of the full load.
    static let pageSize = 100_000
    /// Ledger rows per read of the change feed, and SKUs per re-read.
    static let feedBatch = 5_000

    private let state = Mutex(State())
    let store: any Store
    let engine: PromiseEngine

    init(store: any Store, engine: PromiseEngine) {
        self.store = store
        self.engine = engine
    }

    /// The cached index, or nil before the first load.
    var index: StockIndex? { state.withLock { $0.index } }

    /// The change feed's position the index is current to (nil before the first load).
    var position: FeedPosition? { state.withLock { $0.position } }

    /// Loads every (node, SKU) row, page by page, and starts following the change feed from the head it had
    /// before the first page was read (changes committed during the load are read again, harmlessly).
    func loadAll() async throws {
        state.withLock { $0.touchedDuringLoad = [] }
        let head: FeedPosition
        let index: StockIndex
        do {
            head = try await store.feedHead()
            index = try await loadIndex()
        } catch {
            state.withLock { $0.touchedDuringLoad = nil }
            throw error
        }
        let touched = state.withLock { state -> Set<SKU> in
            state.index = index
            state.position = head
            state.loads += 1
            defer { state.touchedDuringLoad = nil }
            return state.touchedDuringLoad ?? []
        }
        if !touched.isEmpty { try await refresh(skus: Array(touched)) }
    }

    private func loadIndex() async throws -> StockIndex {
        var skus: [Int32] = []
        var nodes: [UInt16] = []
        var available: [Int32] = []
        var after: StockEntry?
        while true {
            let page = try await store.stockPage(after: after, limit: Self.pageSize)
            for entry in page {
                guard let s = engine.catalog.index(of: entry.sku), let n = engine.nodeIndex(of: entry.node) else {
                    continue
                }
                skus.append(Int32(s))
                nodes.append(UInt16(n))
                available.append(Int32(clamping: entry.available))
            }
            guard page.count == Self.pageSize else { break }
            after = page.last
        }
        return StockIndex(skuCount: engine.catalog.count, skus: skus, nodes: nodes, available: available)
    }

    /// Reads the change feed from where the index is current to, re-reads the SKUs it names and moves the
    /// position on; returns the number of SKUs re-read (0 before the first load).
    @discardableResult
    func catchUp() async throws -> Int {
        guard var position = state.withLock({ $0.position }) else { return 0 }
        var reread = 0
        while true {
            let changes = try await store.stockChanges(after: position, limit: Self.feedBatch)
            if !changes.skus.isEmpty { try await refresh(skus: changes.skus) }
            reread += changes.skus.count
            position = changes.position
            state.withLock { state in
                if let current = state.position, current < position { state.position = position }
            }
            if changes.caughtUp { return reread }
        }
    }

    /// Re-reads the given SKUs after a write; a no-op before the first load.
    func refresh(skus: [SKU]) async throws {
        let sequence = state.withLock { state -> Int? in
            guard state.index != nil else { return nil }
            state.sequence += 1
            state.inFlight += 1
            state.touchedDuringLoad?.formUnion(skus)
            return state.sequence
        }
        guard let sequence else { return }
        let entries: [StockEntry]
        do {
            entries = try await store.stockSnapshot(skus: skus)
        } catch {
            state.withLock { state in
                state.inFlight -= 1
                if state.inFlight == 0 { state.lastApplied.removeAll() }
            }
            throw error
        }
        state.withLock { state in
            defer {
                state.inFlight -= 1
                if state.inFlight == 0 { state.lastApplied.removeAll() }
            }
            guard var index = state.index else { return }
            state.index = nil  // keep the buffer uniquely referenced while it is changed
            // SKUs a newer re-read already applied keep its values; a SKU with no row left is not cleared (rows
            // are never deleted).
            let fresh = Set(skus.filter { (state.lastApplied[$0] ?? 0) < sequence })
            for entry in entries where fresh.contains(entry.sku) {
                guard let sku = engine.catalog.index(of: entry.sku), let node = engine.nodeIndex(of: entry.node) else {
                    continue
                }
                index.setAvailable(sku: sku, node: node, entry.available)
            }
            if state.inFlight > 1 { for sku in fresh { state.lastApplied[sku] = sequence } }
            state.rereads += skus.count
            state.index = index
        }
    }
}

extension PromiseStock {
    /// Gauges and counters for `/metrics`, in the Prometheus text format.
    func renderMetrics() -> String {
        let (index, position, loads, rereads) = state.withLock { ($0.index, $0.position, $0.loads, $0.rereads) }
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ value: Int) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        metric(
            "sameday_stock_index_pairs", "gauge",
            "Stocked (SKU, node) pairs in the promise and eligibility stock index (0 before it is loaded).",
            index?.entryCount ?? 0)
        metric("sameday_stock_index_bytes", "gauge", "Bytes held by that index.", index?.byteCount ?? 0)
        metric(
            "sameday_stock_feed_seq", "gauge",
            "Commit sequence number of the stock change feed the index is current to.", position?.seq ?? 0)
        metric("sameday_catalog_skus", "gauge", "Items in the in-memory catalog.", engine.catalog.count)
        metric(
            "sameday_catalog_bytes", "gauge",
            "Bytes held by the in-memory catalog: ids, names, sizes, prices, codes and the id table.",
            engine.catalog.byteCount)
        metric("sameday_stock_full_loads_total", "counter", "Times the index was loaded whole.", loads)
        metric(
            "sameday_stock_sku_rereads_total", "counter",
            "SKUs read again after this process's writes or from the change feed.", rereads)
        return out
    }
}

/// Loads the promise stock at start (retrying until it succeeds), then reads the change feed every `interval`.
struct StockFeedService: Service {
    let stock: PromiseStock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        var failing = false
        func report(_ error: (any Error)?, _ what: String) {
            if let error, !failing {
                logger.warning("\(what) failed (retrying every \(interval)): \(error)")
            } else if error == nil, failing {
                logger.info("\(what) works again")
            }
            failing = error != nil
        }
        var loaded = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if loaded {
                    try await stock.catchUp()
                } else {
                    try await stock.loadAll()
                    loaded = true
                }
                report(nil, loaded ? "following the stock change feed" : "loading stock")
            } catch {
                report(error, loaded ? "following the stock change feed" : "loading stock")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
