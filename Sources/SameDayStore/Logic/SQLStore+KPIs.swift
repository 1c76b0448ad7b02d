// The figures' aggregates: additive counts kept in `kpi_counts` and `kpi_sku_units` by the transactions that
// place orders, move shipments and cancel orders (UPSERT-increments, in key order after every stock row lock), so
// reading a day sums that day's rows and never scans orders. Core's `FigureCounts` turns the sums into figures.
//
// Rows: one per (hour of placing on the network clock, shipping node, slot). An order's own counts (orders,
// speeds, requested units) go to the row of its first shipment's node (`''` for a refused order); each
// shipment's counts to its node's row. On PostgreSQL an order picks one of `postgresSlots` slots at random, so
// orders placed at once at one node rarely wait for each other's row; SQLite has one writer and uses slot 0.
//
// Late: the clock delivers a shipment at its `deliverBy` when it left its node in time; one that left after its
// `deliverBy` (`shipped_at > deliver_by`) is delivered late. Cancelled orders stay counted as placed
// (`cancelledOrders` counts them, their shipments move to status `cancelled`).

import SameDayCore

/// A column of `kpi_counts`.
enum KPIColumn: String, CaseIterable, Sendable {
    case orders
    case outOfStock = "out_of_stock"
    case notDeliverable = "not_deliverable"
    case speedNow = "speed_now"
    case speedSameDay = "speed_same_day"
    case speedNextDay = "speed_next_day"
    case speedStandard = "speed_standard"
    case requestedUnits = "requested_units"
    case units, shipments, containers
    case inRegionUnits = "in_region_units"
    case unitMetres = "unit_metres"
    case delivered
    case deliveredOnTime = "delivered_on_time"
    case deliveredLate = "delivered_late"
    case cancelledOrders = "cancelled_orders"
    case statusPlaced = "status_placed"
    case statusPicking = "status_picking"
    case statusShipped = "status_shipped"
    case statusDelivered = "status_delivered"
    case statusCancelled = "status_cancelled"

    /// The columns a node's counts have.
    static let nodeColumns: [KPIColumn] = [
        .units, .shipments, .containers, .delivered, .deliveredOnTime, .deliveredLate,
    ]

    static func speed(_ speed: Speed) -> KPIColumn {
        switch speed {
        case .now: .speedNow
        case .sameDay: .speedSameDay
        case .nextDay: .speedNextDay
        case .standard: .speedStandard
        }
    }

    static func status(_ status: ShipmentStatus) -> KPIColumn {
        switch status {
        case .placed: .statusPlaced
        case .picking: .statusPicking
        case .shipped: .statusShipped
        case .delivered: .statusDelivered
        case .cancelled: .statusCancelled
        }
    }
}

/// The key of one `kpi_counts` row.
struct KPIKey: Hashable, Sendable, Comparable {
    var hour: Int
    var node: String
    var slot: Int

    static func < (a: KPIKey, b: KPIKey) -> Bool {
        if a.hour != b.hour { return a.hour < b.hour }
        if a.node != b.node { return a.node.utf8.lexicographicallyPrecedes(b.node.utf8) }
        return a.slot < b.slot
    }
}

/// Increments of aggregate rows, written as one UPSERT per row in key order (two transactions touching the
/// same rows take their locks in the same order, after their stock rows).
struct KPIDeltas: Sendable {
    var rows: [KPIKey: [KPIColumn: Int]] = [:]
    /// Units ordered per (network-clock day, SKU).
    var skuUnits: [SKUDay: Int] = [:]

    struct SKUDay: Hashable, Sendable {
        var day: Int
        var sku: String
    }

    /// Slots a PostgreSQL order spreads its rows over.
    static let postgresSlots = 8

    var isEmpty: Bool { rows.isEmpty && skuUnits.isEmpty }

    mutating func add(_ key: KPIKey, _ column: KPIColumn, _ n: Int) {
        guard n != 0 else { return }
        rows[key, default: [:]][column, default: 0] += n
    }

    /// Counts an order placed or refused (its shipments as placed), in `slot`.
    mutating func addOrder(_ facts: OrderFacts, slot: Int) {
        let hour = facts.hour.minutes
        let orderKey = KPIKey(hour: hour, node: facts.shipments.first?.node.rawValue ?? "", slot: slot)
        add(orderKey, .orders, 1)
        add(orderKey, .requestedUnits, facts.requestedUnits)
        switch facts.outcome {
        case .unavailable(.outOfStock): add(orderKey, .outOfStock, 1)
        case .unavailable(.notDeliverable): add(orderKey, .notDeliverable, 1)
        case .placed(let speed): add(orderKey, .speed(speed), 1)
        }
        guard case .placed = facts.outcome else { return }
        for s in facts.shipments {
            let key = KPIKey(hour: hour, node: s.node.rawValue, slot: slot)
            add(key, .units, s.units)
            add(key, .shipments, 1)
            add(key, .containers, s.containers)
            if s.inRegion { add(key, .inRegionUnits, s.units) }
            add(key, .unitMetres, s.units * s.metres)
            add(key, .statusPlaced, 1)
        }
    }

    /// A shipment counted in `hour` moved from `from` to `to`.
    mutating func move(hour: Int, node: String, from: ShipmentStatus, to: ShipmentStatus) {
        let key = KPIKey(hour: hour, node: node, slot: 0)
        add(key, .status(from), -1)
        add(key, .status(to), 1)
    }

    /// A shipment counted in `hour` was delivered (from `shipped`), late or on time.
    mutating func deliver(hour: Int, node: String, late: Bool) {
        move(hour: hour, node: node, from: .shipped, to: .delivered)
        let key = KPIKey(hour: hour, node: node, slot: 0)
        add(key, .delivered, 1)
        add(key, late ? .deliveredLate : .deliveredOnTime, 1)
    }

    /// The UPSERTs: one statement for every `kpi_counts` row (rows in key order, each column it changes added; a
    /// statement per 100 rows), then one for the SKU rows in (day, SKU) order. Few statements: on PostgreSQL each
    /// is a round trip inside the order's transaction.
    func statements() -> [SQL] {
        var sqls: [SQL] = []
        let keys = rows.keys.sorted().filter { rows[$0]?.values.contains { $0 != 0 } ?? false }
        for start in stride(from: 0, to: keys.count, by: 100) {
            let chunk = keys[start..<min(start + 100, keys.count)]
            var used = Set<KPIColumn>()
            for key in chunk { for (column, n) in rows[key] ?? [:] where n != 0 { used.insert(column) } }
            let columns = KPIColumn.allCases.filter(used.contains)
            let row = "(" + SQL.placeholders(3 + columns.count) + ")"
            var values: [SQLValue] = []
            for key in chunk {
                values += [.int(key.hour), .text(key.node), .int(key.slot)]
                values += columns.map { .int(rows[key]?[$0] ?? 0) }
            }
            let names = columns.map(\.rawValue)
            sqls.append(
                SQL(
                    "INSERT INTO kpi_counts (hour, node, slot, \(names.joined(separator: ", "))) VALUES "
                        + Array(repeating: row, count: chunk.count).joined(separator: ", ")
                        + " ON CONFLICT (hour, node, slot) DO UPDATE SET "
                        + names.map { "\($0) = kpi_counts.\($0) + excluded.\($0)" }.joined(separator: ", "),
                    values))
        }
        let skuKeys = skuUnits.keys.filter { skuUnits[$0] != 0 }.sorted {
            $0.day != $1.day ? $0.day < $1.day : $0.sku.utf8.lexicographicallyPrecedes($1.sku.utf8)
        }
        for start in stride(from: 0, to: skuKeys.count, by: 100) {
            let chunk = skuKeys[start..<min(start + 100, skuKeys.count)]
            sqls.append(
                SQL(
                    "INSERT INTO kpi_sku_units (day, sku, units) VALUES "
                        + Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ")
                        + " ON CONFLICT (day, sku) DO UPDATE SET units = kpi_sku_units.units + excluded.units",
                    chunk.flatMap { [SQLValue.int($0.day), .text($0.sku), .int(skuUnits[$0] ?? 0)] }))
        }
        return sqls
    }

    /// The counts these rows add up to (as reading them back from the table gives).
    var counts: KPICounts {
        var result = KPICounts()
        for (key, columns) in rows { result.add(hour: key.hour, node: key.node) { columns[$0] ?? 0 } }
        return result
    }
}

extension KPICounts {
    /// Adds a node's counts (`value` reads a column of `KPIColumn.nodeColumns`) to `figures.nodes` alone.
    mutating func addNode(_ node: NodeID, _ value: (KPIColumn) throws -> Int) rethrows {
        var n = figures.nodes[node] ?? NodeCounts()
        n.units += try value(.units)
        n.shipments += try value(.shipments)
        n.containers += try value(.containers)
        n.delivered += try value(.delivered)
        n.deliveredOnTime += try value(.deliveredOnTime)
        n.deliveredLate += try value(.deliveredLate)
        figures.nodes[node] = n
    }

    /// Adds one row's counts (`value` reads a column), in place: O(columns) per row, whatever the rows so far.
    mutating func add(hour: Int, node: String, _ value: (KPIColumn) throws -> Int) rethrows {
        var speed = SpeedCounts()
        for s in Speed.allCases { speed[s] = try value(.speed(s)) }
        let (units, shipments, containers) = (try value(.units), try value(.shipments), try value(.containers))
        let (delivered, onTime, late) = (try value(.delivered), try value(.deliveredOnTime), try value(.deliveredLate))
        let (orders, outOfStock, notDeliverable) = (
            try value(.orders), try value(.outOfStock), try value(.notDeliverable)
        )
        figures.orders += orders
        figures.outOfStockOrders += outOfStock
        figures.notDeliverableOrders += notDeliverable
        figures.speed = figures.speed + speed
        figures.requestedUnits += try value(.requestedUnits)
        figures.units += units
        figures.shipments += shipments
        figures.containers += containers
        figures.inRegionUnits += try value(.inRegionUnits)
        figures.unitMetres += try value(.unitMetres)
        figures.delivered += delivered
        figures.deliveredOnTime += onTime
        figures.deliveredLate += late
        var h = figures.hours[Instant(minutes: hour)] ?? HourCounts()
        h.orders += orders
        h.unavailable += outOfStock + notDeliverable
        h.speed = h.speed + speed
        h.units += units
        figures.hours[Instant(minutes: hour)] = h
        if !node.isEmpty { try addNode(NodeID(node), value) }
        cancelledOrders += try value(.cancelledOrders)
        for status in ShipmentStatus.allCases {
            shipmentsByStatus[status, default: 0] += try value(.status(status))
        }
    }
}

extension SQLStore {
    /// The slot an order's rows go to.
    static func kpiSlot(_ dialect: Dialect) -> Int {
        dialect == .postgres ? Int.random(in: 0..<KPIDeltas.postgresSlots) : 0
    }

    /// The aggregate writes of a placed order: its counts, and its units per SKU on its network-clock day.
    static func kpiWrites(placed order: Order, speed: Speed, engine: PromiseEngine, dialect: Dialect) -> [SQL] {
        let clock = Figures.networkClock(engine)
        var deltas = KPIDeltas()
        deltas.addOrder(facts(order, speed: speed, engine: engine, clock: clock), slot: kpiSlot(dialect))
        let day = clock.localDay(of: order.placedAt)
        for line in order.lines { deltas.skuUnits[.init(day: day, sku: line.sku.rawValue), default: 0] += line.qty }
        return deltas.statements()
    }

    /// The facts of a stored order (as placed: every shipment counted with its lines and containers).
    static func facts(_ order: Order, speed: Speed, engine: PromiseEngine, clock: ZoneTable) -> OrderFacts {
        let shipments = order.shipments.map {
            engine.shipmentFacts(
                node: $0.node, zip: order.zip, units: $0.lines.reduce(0) { $0 + $1.qty },
                containers: $0.containers.count)
        }
        return OrderFacts(
            hour: Figures.hourStart(of: order.placedAt, on: clock), outcome: .placed(speed),
            requestedUnits: shipments.reduce(0) { $0 + $1.units }, shipments: shipments)
    }

    /// Counts an order the order path refused, in a small transaction of its own (the refusal wrote nothing).
    func countRefusal(_ request: OrderRequest, reason: UnavailableReason, engine: PromiseEngine) async throws {
        let clock = Figures.networkClock(engine)
        var deltas = KPIDeltas()
        deltas.addOrder(
            OrderFacts(
                hour: Figures.hourStart(of: request.at, on: clock), outcome: .unavailable(reason),
                requestedUnits: request.lines.reduce(0) { $0 + $1.qty }, shipments: []),
            slot: Self.kpiSlot(dialect))
        try await backend.write(.execute(deltas.statements()) { .done(()) })
    }

    // MARK: Reads

    func kpiCounts(from: Instant, to: Instant, overdueAt: Instant?) async throws -> KPICounts {
        // SQLite or PostgreSQL sums the day's rows twice, by hour and by node, so this process reads 24 + nodes
        // rows rather than hours × nodes × slots.
        let sums = KPIColumn.allCases.map { "CAST(SUM(\($0.rawValue)) AS BIGINT) AS \($0.rawValue)" }
        let nodeSums = KPIColumn.nodeColumns.map { "CAST(SUM(\($0.rawValue)) AS BIGINT) AS \($0.rawValue)" }
        let range: [SQLValue] = [.int(from.minutes), .int(to.minutes)]
        var batch = Batch(
            .counts,
            SQL(
                "SELECT hour, \(sums.joined(separator: ", ")) FROM kpi_counts WHERE hour >= ? AND hour < ? "
                    + "GROUP BY hour", range))
        batch.add(
            .nodes,
            SQL(
                "SELECT node, \(nodeSums.joined(separator: ", ")) FROM kpi_counts WHERE hour >= ? AND hour < ? "
                    + "AND node <> '' GROUP BY node", range))
        batch.add(
            .overdue,
            overdueAt.map {
                [
                    SQL(
                        """
                        SELECT node, COUNT(*) AS n FROM shipments
                        WHERE status IN ('placed', 'picking', 'shipped') AND deliver_by < ? AND kpi_hour >= ?
                            AND kpi_hour < ?
                        GROUP BY node
                        """, [.int($0.minutes)] + range)
                ]
            } ?? [])
        return try await backend.read(
            .batch(batch) { results in
                var counts = KPICounts()
                for row in results[.counts] {
                    try counts.add(hour: try row.int("hour"), node: "") { try row.optionalInt($0.rawValue) ?? 0 }
                }
                for row in results[.nodes] {
                    try counts.addNode(NodeID(try row.text("node"))) { try row.optionalInt($0.rawValue) ?? 0 }
                }
                for row in results[.overdue] {
                    let node = NodeID(try row.text("node"))
                    for _ in 0..<(try row.int("n")) { counts.figures.addOverdue(node: node) }
                }
                return .done(counts)
            })
    }

    func ordersPerHour(from: Instant, to: Instant) async throws -> [Instant: Int] {
        let sql = SQL(
            """
            SELECT hour, CAST(SUM(orders) AS BIGINT) AS orders FROM kpi_counts WHERE hour >= ? AND hour < ?
            GROUP BY hour
            """, [.int(from.minutes), .int(to.minutes)])
        return try await backend.read(
            .query(sql) { rows in
                var hours: [Instant: Int] = [:]
                for row in rows { hours[Instant(minutes: try row.int("hour"))] = try row.optionalInt("orders") ?? 0 }
                return .done(hours)
            })
    }

    func stockouts(day: LocalDate, topSKUs: Int) async throws -> [Stockout] {
        let top = SQL(
            "SELECT sku FROM kpi_sku_units WHERE day = ? AND units > 0 ORDER BY units DESC, sku LIMIT ?",
            [.int(day.day), .int(topSKUs)])
        return try await backend.read(
            .query(top) { rows in
                let skus = try rows.map { try $0.text("sku") }
                guard !skus.isEmpty else { return .done([]) }
                let empty = SQL(
                    """
                    SELECT node, sku FROM stock WHERE sku IN (\(SQL.placeholders(skus.count)))
                        AND on_hand - reserved <= 0 ORDER BY node, sku LIMIT ?
                    """, skus.map { .text($0) } + [.int(Limits.maxPageSize)])
                return .query(empty) { rows in
                    .done(try rows.map { Stockout(node: NodeID(try $0.text("node")), sku: SKU(try $0.text("sku"))) })
                }
            })
    }

    func shipmentsAtRisk(now: Instant, processingMinutes: [NodeID: Int], limit: Int) async throws -> [OpenShipment] {
        let horizon = now + (processingMinutes.values.max() ?? 0)
        let candidates = SQL(
            """
            SELECT \(Self.openShipmentColumns) FROM shipments s
            WHERE s.status IN ('placed', 'picking') AND s.deliver_by < ? ORDER BY s.deliver_by, s.id LIMIT ?
            """, [.int(horizon.minutes), .int(Limits.maxPageSize * 10)])
        return try await backend.read(
            .query(candidates) { rows in
                let open = try rows.map(OpenShipment.init(row:))
                let risky = open.filter { $0.deliverBy.minutes - now.minutes < processingMinutes[$0.node] ?? 0 }
                return .done(Array(risky.prefix(limit)))
            })
    }

    func openShipments(node: NodeID, limit: Int) async throws -> [OpenShipment] {
        let sql = SQL(
            """
            SELECT \(Self.openShipmentColumns) FROM shipments s
            WHERE s.node = ? AND s.status IN ('placed', 'picking', 'shipped') ORDER BY s.deliver_by, s.id LIMIT ?
            """, [.text(node.rawValue), .int(limit)])
        return try await backend.read(.query(sql) { .done(try $0.map(OpenShipment.init(row:))) })
    }

    static var openShipmentColumns: String {
        """
        s.id AS id, s.order_id AS order_id, s.node AS node, s.status AS status, s.deliver_by AS deliver_by,
        s.modifiable_until AS modifiable_until,
        (SELECT CAST(COALESCE(SUM(l.qty), 0) AS BIGINT) FROM shipment_lines l WHERE l.shipment_id = s.id) AS units
        """
    }
}

extension OpenShipment {
    /// Columns `SQLStore.openShipmentColumns`.
    init(row: SQLRow) throws {
        let status = try row.text("status")
        guard let parsed = ShipmentStatus(rawValue: status) else {
            throw StoreError.database("shipment \(try row.text("id")) has status '\(status)'")
        }
        self.init(
            id: ShipmentID(try row.text("id")), order: OrderID(try row.text("order_id")),
            node: NodeID(try row.text("node")), status: parsed, deliverBy: Instant(minutes: try row.int("deliver_by")),
            modifiableUntil: Instant(minutes: try row.int("modifiable_until")), units: try row.int("units"))
    }
}

extension Step {
    fileprivate static let counts = Step("counts")
    fileprivate static let overdue = Step("overdue")
    fileprivate static let nodes = Step("nodes")
}
