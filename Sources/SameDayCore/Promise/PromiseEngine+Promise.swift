// The public promise calls: full plans for orders, and an allocation-free single-line form for search pages.

/// A single-line promise, as plain values (no heap allocation), for the hot path.
public struct LinePromise: Sendable, Hashable {
    /// Whether some node can deliver the line.
    public var available: Bool
    /// When not available: why.
    public var reason: UnavailableReason?
    /// Dense index of the chosen node (see `PromiseEngine.nodeID(at:)`), or -1.
    public var node: Int
    public var deliverBy: Instant
    public var orderBy: Instant
    public var speed: Speed
    public var path: DeliveryPath

    static let outOfStock = LinePromise(
        available: false, reason: .outOfStock, node: -1, deliverBy: Instant(minutes: 0), orderBy: Instant(minutes: 0),
        speed: .standard, path: .carrier)
    static let notDeliverable = LinePromise(
        available: false, reason: .notDeliverable, node: -1, deliverBy: Instant(minutes: 0),
        orderBy: Instant(minutes: 0), speed: .standard, path: .carrier)
}

extension PromiseEngine {
    /// The promise for an order, planned over `stock` (spec/promise.md).
    /// - Throws: `PromiseError` for an unknown ZIP or SKU, a quantity below 1, a repeated SKU or no lines.
    public func promise(zip: ZIP, at t: Instant, lines: [OrderLine], stock: StockSnapshot) throws(PromiseError)
        -> Promise
    {
        // A small index whose rows are the order's lines (not the whole catalog): its size follows the order.
        var lineOf: [SKU: Int] = [:]
        for (i, line) in lines.enumerated() where lineOf[line.sku] == nil { lineOf[line.sku] = i }
        var triples: [(sku: Int, node: Int, available: Int)] = []
        for e in stock.entries {
            guard let row = lineOf[e.sku], let n = nodeIndexByID[e.node] else { continue }
            triples.append((row, n, e.available))
        }
        let index = StockIndex(skuCount: lines.count, entries: triples)
        return try promise(zip: zip, at: t, lines: lines, stock: index, rows: Array(0..<lines.count))
    }

    /// The promise for an order, planned over the stock index.
    /// - Throws: `PromiseError` for an unknown ZIP or SKU, a quantity below 1, a repeated SKU or no lines.
    public func promise(zip: ZIP, at t: Instant, lines: [OrderLine], stock: StockIndex) throws(PromiseError) -> Promise
    {
        try promise(zip: zip, at: t, lines: lines, stock: stock, rows: nil)
    }

    /// The promise over `stock`, whose row for line `i` is `rows[i]` (nil: the line's catalog index).
    func promise(zip: ZIP, at t: Instant, lines: [OrderLine], stock: StockIndex, rows: [Int]?) throws(PromiseError)
        -> Promise
    {
        guard !lines.isEmpty else { throw .noLines }
        guard let zipIndex = zips.index(of: zip) else { throw .unknownZIP(zip) }
        var skuIndexes: [Int] = []
        skuIndexes.reserveCapacity(lines.count)
        for line in lines {
            guard let s = catalog.index(of: line.sku) else { throw .unknownSKU(line.sku) }
            guard line.qty >= 1 else { throw .invalidQuantity(line.sku, line.qty) }
            // A linear scan: orders have a few lines (the HTTP API takes at most 100).
            guard !skuIndexes.contains(s) else { throw .repeatedSKU(line.sku) }
            skuIndexes.append(s)
        }
        let stockRows = rows ?? skuIndexes
        let d = destination(zipIndex: zipIndex)
        let destZone = zones[d.zone]
        let now = t.minutes

        // Distances are computed once per node and only when used: by the now and carrier paths, and for the
        // nodes that make the plan search (most stocking nodes of a deep catalog never need one).
        var kmOfNode = [Double](repeating: -1, count: nodeCount)
        func distance(_ n: Int) -> Double {
            if kmOfNode[n] < 0 { kmOfNode[n] = distanceKm(node: n, d) }
            return kmOfNode[n]
        }
        // E(n) does not depend on the line, only on its temperature: lines stocked at the same node share one
        // evaluation (memo[n]: index into `evaluated`, -1 before the first; orders of one line skip the memo).
        var memo = lines.count > 1 ? [Int32](repeating: -1, count: nodeCount) : []
        var evaluated: [(temperature: Temperature, delivery: Delivery?)] = []
        if !memo.isEmpty { evaluated.reserveCapacity(stockRows.reduce(0) { $0 + stock.row($1).count }) }
        func earliest(_ n: Int, _ temp: Temperature) -> Delivery? {
            if !memo.isEmpty, memo[n] >= 0, evaluated[Int(memo[n])].temperature == temp {
                return evaluated[Int(memo[n])].delivery
            }
            let e = self.earliest(
                node: n, temperature: temp, d, distanceKm: pathsUseDistance(node: n, d) ? distance(n) : .infinity,
                at: now)
            if !memo.isEmpty {
                memo[n] = Int32(evaluated.count)
                evaluated.append((temp, e))
            }
            return e
        }
        // Candidates per line: (node, E).
        var perLine: [[(node: Int, delivery: Delivery)]] = []
        perLine.reserveCapacity(lines.count)
        var unavailable: [UnavailableLine] = []
        for (i, line) in lines.enumerated() {
            let s = skuIndexes[i]
            let temp = skuTemperature[s]
            var holds = false
            var options: [(node: Int, delivery: Delivery)] = []
            options.reserveCapacity(stock.row(stockRows[i]).count)
            for slot in stock.row(stockRows[i]) where stock.available(at: slot) >= line.qty {
                holds = true
                let n = stock.node(at: slot)
                guard n < nodeCount, kind[n].isShipping, let e = earliest(n, temp) else { continue }
                options.append((n, e))
            }
            if options.isEmpty {
                unavailable.append(UnavailableLine(sku: line.sku, reason: holds ? .notDeliverable : .outOfStock))
            }
            perLine.append(options)
        }
        guard unavailable.isEmpty else {
            return Promise(
                available: false, speed: nil, deliverBy: nil, orderBy: nil, shipments: [], unavailable: unavailable,
                destinationZone: destZone)
        }

        // Criterion 1: the promise's deliverBy is the latest of the lines' earliest deliveries.
        var deliverBy = Int.min
        for options in perLine {
            var earliestOfLine = Int.max
            for option in options { earliestOfLine = min(earliestOfLine, option.delivery.deliver) }
            deliverBy = max(deliverBy, earliestOfLine)
        }
        var candidateOfNode = [Int32](repeating: -1, count: nodeCount)
        let optionCount = perLine.reduce(0) { $0 + $1.count }
        var candidates: [PlanCandidate] = []
        candidates.reserveCapacity(optionCount)
        var candidateNode: [Int] = []
        candidateNode.reserveCapacity(optionCount)
        var allowed: [[Int]] = []
        allowed.reserveCapacity(lines.count)
        for options in perLine {
            var line: [Int] = []
            line.reserveCapacity(options.count)
            for option in options where option.delivery.deliver <= deliverBy {
                let n = option.node
                if candidateOfNode[n] < 0 {
                    candidateOfNode[n] = Int32(candidates.count)
                    candidates.append(
                        PlanCandidate(
                            inRegion: d.region >= 0 && region[n] == d.region, distanceKm: distance(n), rank: nodeRank[n]
                        ))
                    candidateNode.append(n)
                }
                line.append(Int(candidateOfNode[n]))
            }
            allowed.append(line)
        }
        let choice = PlanSearch(candidates: candidates, allowed: allowed).solve()

        // Shipments in order of their first line.
        var shipments: [PlannedShipment] = []
        var shipmentNodes: [Int] = []  // shipments' nodes, in order: a plan has few shipments
        var shipmentTemps: [TemperatureSet] = []
        for (i, c) in choice.enumerated() {
            let n = candidateNode[c]
            let delivery = perLine[i].first { $0.node == n }!.delivery
            let temperature = TemperatureSet(rawValue: skuTemperature[skuIndexes[i]].bit)
            if let k = shipmentNodes.firstIndex(of: n) {
                shipments[k].lines.append(lines[i])
                shipmentTemps[k].insert(temperature)
                if delivery.deliver > shipments[k].deliverBy.minutes {
                    shipments[k].deliverBy = Instant(minutes: delivery.deliver)
                    shipments[k].departsAt = Instant(minutes: delivery.departs)
                    shipments[k].pickStartsAt = Instant(minutes: delivery.pickStarts)
                    shipments[k].path = delivery.path
                }
            } else {
                shipmentNodes.append(n)
                shipmentTemps.append(temperature)
                shipments.append(
                    PlannedShipment(
                        node: nodeIDs[n], deliverBy: Instant(minutes: delivery.deliver), orderBy: t,
                        pickStartsAt: Instant(minutes: delivery.pickStarts),
                        departsAt: Instant(minutes: delivery.departs),
                        path: delivery.path, distanceKm: distance(n), lines: [lines[i]]))
            }
        }
        for k in shipments.indices {
            let n = shipmentNodes[k]
            shipments[k].orderBy = Instant(
                minutes: orderBy(
                    node: n, temperatures: shipmentTemps[k], d, distanceKm: distance(n), at: now, deliverBy: deliverBy))
        }
        let orderByAll = shipments.lazy.map(\.orderBy).min()!
        return Promise(
            available: true, speed: speed(from: now, to: deliverBy, zone: destZone),
            deliverBy: Instant(minutes: deliverBy), orderBy: orderByAll, shipments: shipments, unavailable: [],
            destinationZone: destZone)
    }

    /// The speed class of a delivery at `deliverBy` for an order at `t`, on the destination's clock.

    func speed(from t: Int, to deliverBy: Int, zone z: ZoneTable) -> Speed {
        if deliverBy &- t <= 120 { return .now }
        let days = z.localDay(of: Instant(minutes: deliverBy)) &- z.localDay(of: Instant(minutes: t))
        return days <= 0 ? .sameDay : days == 1 ? .nextDay : .standard
    }

    /// The promise for one SKU (by catalog index) to one ZIP (by ZIP table index): no heap allocation.
    /// Returns an unavailable promise for an out-of-range index or a quantity below 1.
    /// - Complexity: O(k) path evaluations for the k nodes stocking the SKU.

    public func linePromise(zipIndex: Int, at t: Instant, sku s: Int, qty: Int, stock: StockIndex) -> LinePromise {
        guard zipIndex >= 0, zipIndex < zips.count, s >= 0, s < skuTemperature.count, qty >= 1 else {
            return .outOfStock
        }
        let d = destination(zipIndex: zipIndex)
        let temp = skuTemperature[s]
        let now = t.minutes
        var holds = false
        var bestNode = -1
        var best = Delivery(deliver: 0, departs: 0, pickStarts: 0, path: .carrier)
        var bestInRegion = false
        var bestKm = 0.0
        for slot in stock.row(s) where stock.available(at: slot) >= qty {
            holds = true
            let n = stock.node(at: slot)
            guard n < nodeCount, kind[n].isShipping else { continue }
            // The distance only when a path reads it or a tie needs it (-1: not computed yet).
            var km = pathsUseDistance(node: n, d) ? distanceKm(node: n, d) : -1
            guard let e = earliest(node: n, temperature: temp, d, distanceKm: km < 0 ? .infinity : km, at: now) else {
                continue
            }
            let inRegion = d.region >= 0 && region[n] == d.region
            let better: Bool
            if bestNode < 0 || e.deliver != best.deliver {
                better = bestNode < 0 || e.deliver < best.deliver
            } else if inRegion != bestInRegion {
                better = inRegion
            } else {
                if km < 0 { km = distanceKm(node: n, d) }
                if bestKm < 0 { bestKm = distanceKm(node: bestNode, d) }
                better = km != bestKm ? km < bestKm : nodeRank[n] < nodeRank[bestNode]
            }
            if better {
                bestNode = n
                best = e
                bestInRegion = inRegion
                bestKm = km
            }
        }
        guard bestNode >= 0 else { return holds ? .notDeliverable : .outOfStock }
        if bestKm < 0 { bestKm = distanceKm(node: bestNode, d) }
        let cutoff = orderBy(
            node: bestNode, temperatures: TemperatureSet(rawValue: temp.bit), d, distanceKm: bestKm, at: now,
            deliverBy: best.deliver)
        return LinePromise(
            available: true, reason: nil, node: bestNode, deliverBy: Instant(minutes: best.deliver),
            orderBy: Instant(minutes: cutoff), speed: speed(from: now, to: best.deliver, zone: zones[d.zone]),
            path: best.path)
    }

    /// Single-line promises for many SKUs to one ZIP (a search-results page), written into `results`
    /// (which is cleared first; reuse it across calls to avoid allocation).
    /// - Throws: `PromiseError.unknownZIP`.
    public func linePromises(
        zip: ZIP, at t: Instant, skus: [SKU], qty: Int = 1, stock: StockIndex, into results: inout [LinePromise]
    ) throws(PromiseError) {
        guard let z = zips.index(of: zip) else { throw .unknownZIP(zip) }
        results.removeAll(keepingCapacity: true)
        for sku in skus {
            results.append(linePromise(zipIndex: z, at: t, sku: catalog.index(of: sku) ?? -1, qty: qty, stock: stock))
        }
    }
}
