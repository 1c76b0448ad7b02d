// The stock the promise route plans over: a read-mostly index, updated after each write of this process.
//
// Reading the database for every promise would make the promise route as slow as a database round trip;
// promises are advice (an order re-plans inside its transaction), so they may read a cached index.
// The index is loaded whole by `StockRefreshService` at start and every `stockRefreshInterval` (which
// picks up other processes' writes), and the SKUs of every write this process makes are re-read right
// after the write commits, so a client sees its own orders and receipts in the next promise.
// Until the first load, promises read the database directly.
//
// Concurrency: the index is an immutable value behind a `Mutex`; readers copy it out (a reference count)
// and plan outside the lock. A per-SKU sequence number makes sure an older re-read never overwrites a
// newer one: a read that starts later sees at least as much committed data.

import Logging
import SameDayCore
import SameDayStore
import ServiceLifecycle
import Synchronization

/// Cached stock for promises.
public final class PromiseStock: Sendable {
    private struct State {
        var index: StockIndex?
        var sequence = 0
        var lastApplied: [SKU: Int] = [:]
        /// SKUs re-read while a full load was running; re-applied after it lands.
        var touchedDuringLoad: Set<SKU>?
    }

    private let state = Mutex(State())
    let store: any Store
    let engine: PromiseEngine

    init(store: any Store, engine: PromiseEngine) {
        self.store = store
        self.engine = engine
    }

    /// The cached index, or nil before the first load.
    var index: StockIndex? { state.withLock { $0.index } }

    /// Loads every (node, SKU) row.
    func loadAll() async throws {
        state.withLock { $0.touchedDuringLoad = [] }
        let entries: [StockEntry]
        do {
            entries = try await store.stockSnapshot(skus: nil)
        } catch {
            state.withLock { $0.touchedDuringLoad = nil }
            throw error
        }
        let index = engine.makeStockIndex(entries)
        let touched = state.withLock { state -> Set<SKU> in
            state.index = index
            defer { state.touchedDuringLoad = nil }
            return state.touchedDuringLoad ?? []
        }
        if !touched.isEmpty { try await refresh(skus: Array(touched)) }
    }

    /// Re-reads the given SKUs after a write; a no-op before the first load.
    func refresh(skus: [SKU]) async throws {
        let sequence = state.withLock { state -> Int? in
            guard state.index != nil else { return nil }
            state.sequence += 1
            state.touchedDuringLoad?.formUnion(skus)
            return state.sequence
        }
        guard let sequence else { return }
        let entries = try await store.stockSnapshot(skus: skus)
        state.withLock { state in
            guard var index = state.index else { return }
            state.index = nil  // keep the buffer uniquely referenced while it is changed
            let fresh = Set(skus.filter { (state.lastApplied[$0] ?? 0) < sequence })
            for entry in entries where fresh.contains(entry.sku) {
                guard let sku = engine.catalog.index(of: entry.sku), let node = engine.nodeIndex(of: entry.node) else {
                    continue
                }
                index.setAvailable(sku: sku, node: node, entry.available)
            }
            for sku in fresh { state.lastApplied[sku] = sequence }
            state.index = index
        }
    }
}

/// Loads the promise stock at start and then every `interval`.
struct StockRefreshService: Service {
    let stock: PromiseStock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await stock.loadAll()
            } catch {
                logger.warning("loading stock for promises failed: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
