// Prices: changing one (the catalog row, an appended history point and a `price-changed` event, in one
// transaction), reading the history, and the current prices.
//
// A price change does no watch work in its transaction: its event is the durable record of the work it creates,
// which the watch worker reads in commit order. So its cost does not depend on how many watches exist.

import SameDayCore

extension SQLStore {
    func setPrice(sku: SKU, priceCents: Int, actor: String, at: Instant) async throws -> PriceChange {
        guard Limits.priceCentsRange.contains(priceCents) else {
            throw StoreError.invalidInput(
                "priceCents \(priceCents) is out of range: use \(Limits.priceCentsRange.lowerBound) to "
                    + "\(Limits.priceCentsRange.upperBound)")
        }
        let current = SQL(
            "SELECT price_cents FROM catalog WHERE sku = ?" + dialect.forNoKeyUpdate, [.text(sku.rawValue)])
        return try await backend.write(
            .query(current) { rows in
                guard let row = rows.first else { throw StoreError.unknownSKU(sku) }
                guard try row.int("price_cents") != priceCents else {
                    // No change: nothing is written and nothing triggers; the answer names the last change.
                    return Self.lastChange(sku) { last in
                        .done(PriceChange(sku: sku, priceCents: priceCents, changedAt: last ?? at, changed: false))
                    }
                }
                return .execute(Self.priceWrites(sku: sku, priceCents: priceCents, actor: actor, at: at)) {
                    .done(PriceChange(sku: sku, priceCents: priceCents, changedAt: at, changed: true))
                }
            })
    }

    /// The catalog's new price, its history point and its event.
    private static func priceWrites(sku: SKU, priceCents: Int, actor: String, at: Instant) -> [SQL] {
        [
            SQL("UPDATE catalog SET price_cents = ? WHERE sku = ?", [.int(priceCents), .text(sku.rawValue)]),
            SQL(
                "INSERT INTO price_history (sku, price_cents, at_minute, actor) VALUES (?, ?, ?, ?)",
                [.text(sku.rawValue), .int(priceCents), .int(at.minutes), .text(actor)]),
            eventInsert(.priceChanged, customer: nil, at: at, sku: sku, priceCents: priceCents),
        ]
    }

    /// When the SKU's latest history point was recorded (nil for none).
    private static func lastChange<R>(_ sku: SKU, then next: @escaping @Sendable (Instant?) throws -> Script<R>)
        -> Script<R>
    {
        .query(
            SQL(
                "SELECT at_minute FROM price_history WHERE sku = ? ORDER BY at_minute DESC, id DESC LIMIT 1",
                [.text(sku.rawValue)])
        ) { rows in try next(try rows.first?.instant("at_minute")) }
    }

    func priceHistory(sku: SKU, from: Instant?, to: Instant?) async throws -> PriceHistory {
        var batch = Batch(.known, SQL("SELECT sku FROM catalog WHERE sku = ?", [.text(sku.rawValue)]))
        var points = SQL("SELECT at_minute, price_cents FROM price_history WHERE sku = ?", [.text(sku.rawValue)])
        if let from {
            points.text += " AND at_minute >= ?"
            points.values.append(.int(from.minutes))
            batch.add(
                .before,
                SQL(
                    """
                    SELECT at_minute, price_cents FROM price_history WHERE sku = ? AND at_minute < ?
                    ORDER BY at_minute DESC, id DESC LIMIT 1
                    """, [.text(sku.rawValue), .int(from.minutes)]))
        }
        if let to {
            points.text += " AND at_minute <= ?"
            points.values.append(.int(to.minutes))
        }
        points.text += " ORDER BY at_minute, id LIMIT ?"
        points.values.append(.int(Limits.maxPricePoints + 1))
        batch.add(.points, points)
        return try await backend.read(
            .batch(batch) { results in
                guard !results[.known].isEmpty else { throw StoreError.unknownSKU(sku) }
                let all = try results[.points].map(PricePoint.init(row:))
                return .done(
                    PriceHistory(
                        sku: sku, points: Array(all.prefix(Limits.maxPricePoints)),
                        before: try results[.before].first.map(PricePoint.init(row:)),
                        truncated: all.count > Limits.maxPricePoints))
            })
    }

    func prices(of catalog: Catalog, pageSize: Int) async throws -> [Int] {
        var prices = (0..<catalog.count).map { catalog.priceCents(at: $0) }
        try await catalogPages(
            columns: "sku, price_cents", pageSize: pageSize,
            read: { (sku: SKU(try $0.text("sku")), price: try $0.int("price_cents")) },
            each: { row in if let i = catalog.index(of: row.sku) { prices[i] = row.price } })
        return prices
    }

    func prices(skus: [SKU]) async throws -> [SKU: Int] {
        guard !skus.isEmpty else { return [:] }
        let sql = SQL(
            "SELECT sku, price_cents FROM catalog WHERE sku IN (\(SQL.placeholders(skus.count)))",
            skus.map { .text($0.rawValue) })
        return try await backend.read(
            .query(sql) { rows in
                var prices: [SKU: Int] = [:]
                prices.reserveCapacity(rows.count)
                for row in rows { prices[SKU(try row.text("sku"))] = try row.int("price_cents") }
                return .done(prices)
            })
    }
}

extension PricePoint {
    /// Columns `at_minute, price_cents`.
    init(row: SQLRow) throws {
        self.init(at: try row.instant("at_minute"), priceCents: try row.int("price_cents"))
    }
}

extension Step {
    fileprivate static let known = Step("known")
    fileprivate static let before = Step("before")
    fileprivate static let points = Step("points")
}
