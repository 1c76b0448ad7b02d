// Counting stored orders and shipments into the figures' aggregates from the raw tables: once for a database
// whose orders predate the aggregates (the backfill), and on demand to check the aggregates (`sameday check`,
// tests). Refused orders leave no row, so a recount has none of them.

import SameDayCore

extension SQLStore {
    func recountKPICounts(engine: PromiseEngine) async throws -> KPICounts {
        try await backend.read(Self.recount(engine: engine, onlyUncounted: false) { deltas, _ in .done(deltas.counts) })
    }

    func backfillKPICounts(engine: PromiseEngine) async throws -> Bool {
        let claim = SQL(
            "UPDATE settings SET value = 'done' WHERE key = 'kpi_backfill' AND value = 'due' RETURNING key")
        return try await backend.write(
            .query(claim) { claimed in
                guard !claimed.isEmpty else { return .done(false) }
                return Self.recount(engine: engine, onlyUncounted: true) { deltas, hours in
                    var writes = deltas.statements()
                    for (hour, ids) in hours.sorted(by: { $0.key < $1.key }) {
                        for start in stride(from: 0, to: ids.count, by: 500) {
                            let chunk = ids[start..<min(start + 500, ids.count)]
                            writes.append(
                                SQL(
                                    "UPDATE shipments SET kpi_hour = ? WHERE id IN (\(SQL.placeholders(chunk.count)))",
                                    [.int(hour)] + chunk.map { .text($0) }))
                        }
                    }
                    return .execute(writes) { .done(true) }
                }
            })
    }

    /// Reads every order with shipments (only those not yet counted, with `onlyUncounted`) and continues with their
    /// counts and the shipment ids per hour they count in.
    private static func recount<R>(
        engine: PromiseEngine, onlyUncounted: Bool,
        then next: @escaping @Sendable (KPIDeltas, [Int: [String]]) throws -> Script<R>
    ) -> Script<R> {
        let filter = onlyUncounted ? " WHERE s.kpi_hour IS NULL" : ""
        var batch = Batch(
            .shipments,
            SQL(
                """
                SELECT o.id AS order_id, o.zip AS zip, o.placed_at AS placed_at, o.status AS order_status,
                    o.speed AS speed, s.id AS id, s.node AS node, s.status AS status, s.deliver_by AS deliver_by,
                    s.shipped_at AS shipped_at
                FROM shipments s JOIN orders o ON o.id = s.order_id\(filter) ORDER BY o.seq, s.position
                """))
        batch.add(
            .lines,
            SQL(
                "SELECT l.shipment_id AS shipment_id, l.sku AS sku, l.qty AS qty FROM shipment_lines l "
                    + "JOIN shipments s ON s.id = l.shipment_id\(filter)"))
        batch.add(
            .containers,
            SQL(
                "SELECT c.shipment_id AS shipment_id, COUNT(*) AS n FROM shipment_containers c "
                    + "JOIN shipments s ON s.id = c.shipment_id\(filter) GROUP BY c.shipment_id"))
        return .batch(batch) { results in
            var units: [String: Int] = [:]
            var skus: [String: [(String, Int)]] = [:]
            for row in results[.lines] {
                let id = try row.text("shipment_id")
                units[id, default: 0] += try row.int("qty")
                skus[id, default: []].append((try row.text("sku"), try row.int("qty")))
            }
            var containers: [String: Int] = [:]
            for row in results[.containers] { containers[try row.text("shipment_id")] = try row.int("n") }
            let rows = try results[.shipments].map(StoredShipment.init(row:))
            var counter = Recounter(engine: engine)
            var start = 0
            while start < rows.count {
                var end = start + 1
                while end < rows.count && rows[end].order == rows[start].order { end += 1 }
                counter.add(rows[start..<end], units: units, containers: containers, skus: skus)
                start = end
            }
            return try next(counter.deltas, counter.hours)
        }
    }
}

/// One shipment with its order's columns, as the recount reads it.
private struct StoredShipment {
    var order: String
    var zip: String
    var placedAt: Int
    var orderCancelled: Bool
    var speed: Speed?
    var id: String
    var node: String
    var status: ShipmentStatus
    var deliverBy: Int
    var shippedAt: Int?

    init(row: SQLRow) throws {
        order = try row.text("order_id")
        zip = try row.text("zip")
        placedAt = try row.int("placed_at")
        orderCancelled = try row.text("order_status") == "cancelled"
        speed = try row.optionalText("speed").flatMap(Speed.init(rawValue:))
        id = try row.text("id")
        node = try row.text("node")
        status = ShipmentStatus(rawValue: try row.text("status")) ?? .placed
        deliverBy = try row.int("deliver_by")
        shippedAt = try row.optionalInt("shipped_at")
    }
}

/// Counts orders as the transactions that placed, moved and cancelled them did.
private struct Recounter {
    let engine: PromiseEngine
    let clock: ZoneTable
    var deltas = KPIDeltas()
    var hours: [Int: [String]] = [:]

    init(engine: PromiseEngine) {
        self.engine = engine
        self.clock = Figures.networkClock(engine)
    }

    mutating func add(
        _ shipments: ArraySlice<StoredShipment>, units: [String: Int], containers: [String: Int],
        skus: [String: [(String, Int)]]
    ) {
        guard let first = shipments.first, let speed = first.speed else { return }
        let at = Instant(minutes: first.placedAt)
        let hour = Figures.hourStart(of: at, on: clock)
        let facts = shipments.map {
            engine.shipmentFacts(
                node: NodeID($0.node), zip: ZIP(first.zip), units: units[$0.id] ?? 0, containers: containers[$0.id] ?? 0
            )
        }
        deltas.addOrder(
            OrderFacts(
                hour: hour, outcome: .placed(speed), requestedUnits: facts.reduce(0) { $0 + $1.units },
                shipments: facts),
            slot: 0)
        if first.orderCancelled {
            deltas.add(KPIKey(hour: hour.minutes, node: first.node, slot: 0), .cancelledOrders, 1)
        }
        let day = clock.localDay(of: at)
        for s in shipments {
            hours[hour.minutes, default: []].append(s.id)
            for (sku, qty) in skus[s.id] ?? [] { deltas.skuUnits[.init(day: day, sku: sku), default: 0] += qty }
            switch s.status {
            case .placed: break
            case .delivered:
                deltas.move(hour: hour.minutes, node: s.node, from: .placed, to: .shipped)
                deltas.deliver(hour: hour.minutes, node: s.node, late: (s.shippedAt ?? s.deliverBy) > s.deliverBy)
            default: deltas.move(hour: hour.minutes, node: s.node, from: .placed, to: s.status)
            }
        }
    }
}

extension Step {
    fileprivate static let shipments = Step("shipments")
    fileprivate static let lines = Step("lines")
    fileprivate static let containers = Step("containers")
}
