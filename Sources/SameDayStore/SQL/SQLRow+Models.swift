// Rows into the store's values: each model is decoded in one `init(row:)`, by column name.
//
// The statements that feed them select (or alias) exactly these column names; a missing column or a value of
// another type throws `SQLDecodingError` naming the column and the statement.

import Foundation
import SameDayCore

extension SQLRow {
    /// The value of an enumeration stored as its raw text in column `name`.
    /// - Throws: `SQLDecodingError` when the text is not one of `E`'s cases.
    func `enum`<E: RawRepresentable>(_ type: E.Type, _ name: String) throws(SQLDecodingError) -> E
    where E.RawValue == String {
        let raw = try text(name)
        guard let value = E(rawValue: raw) else {
            throw SQLDecodingError(column: name, problem: "\"\(raw)\" is not a known \(E.self)", sql: columns.sql)
        }
        return value
    }

    /// The instant (minutes since the epoch) in column `name`.
    func instant(_ name: String) throws(SQLDecodingError) -> Instant { Instant(minutes: try int(name)) }
}

extension StockLevel {
    /// Columns `node, sku, on_hand, reserved`.
    init(row: SQLRow) throws {
        self.init(
            node: NodeID(try row.text("node")), sku: SKU(try row.text("sku")), onHand: try row.int("on_hand"),
            reserved: try row.int("reserved"))
    }

    var key: StockKey { StockKey(node: node.rawValue, sku: sku.rawValue) }
}

extension StockEntry {
    /// Columns `node, sku, available`.
    init(row: SQLRow) throws {
        self.init(
            node: NodeID(try row.text("node")), sku: SKU(try row.text("sku")), available: try row.int("available"))
    }
}

extension LedgerEntry {
    /// Columns `id, node, sku, kind, on_hand_delta, reserved_delta, actor, reason, at_minute, order_id`.
    init(row: SQLRow) throws {
        self.init(
            id: try row.int("id"), node: NodeID(try row.text("node")), sku: SKU(try row.text("sku")),
            kind: try row.enum(LedgerKind.self, "kind"), onHandDelta: try row.int("on_hand_delta"),
            reservedDelta: try row.int("reserved_delta"), actor: try row.text("actor"), reason: try row.text("reason"),
            at: try row.instant("at_minute"), order: try row.optionalText("order_id").map(OrderID.init))
    }
}

extension APIKey {
    /// Columns `hash, role, customer, seller, created_at, revoked_at`.
    init(row: SQLRow) throws {
        self.init(
            hash: try row.text("hash"), role: try row.enum(Role.self, "role"),
            customer: try row.optionalText("customer").map(CustomerID.init),
            seller: try row.optionalText("seller").map(SellerID.init), createdAt: try row.instant("created_at"),
            revokedAt: try row.optionalInt("revoked_at").map(Instant.init(minutes:)))
    }
}

extension CatalogItem {
    /// Columns `sku, name, length_mm, width_mm, height_mm, weight_g, price_cents, temperature, seller`; the numbers
    /// in `0...Catalog.maximumValue`, what a `Catalog` holds.
    init(row: SQLRow) throws {
        let range = 0...Catalog.maximumValue
        self.init(
            sku: SKU(try row.text("sku")), name: try row.text("name"), lengthMm: try row.int("length_mm", in: range),
            widthMm: try row.int("width_mm", in: range), heightMm: try row.int("height_mm", in: range),
            weightG: try row.int("weight_g", in: range), priceCents: try row.int("price_cents", in: range),
            temperature: try row.enum(Temperature.self, "temperature"), seller: try row.optionalText("seller"))
    }
}

extension OrderLine {
    /// Columns `sku, qty`.
    init(row: SQLRow) throws {
        self.init(sku: SKU(try row.text("sku")), qty: try row.int("qty"))
    }
}

extension ShipmentContainer {
    /// Columns `box, units, weight_g, placements` (placements as `PlacementList` JSON).
    init(row: SQLRow, decoder: JSONDecoder) throws {
        self.init(
            box: try row.optionalText("box").map(ContainerID.init), units: try row.int("units"),
            weightG: try row.int("weight_g"),
            placements: try decoder.decode(PlacementList.self, from: Data(try row.text("placements").utf8)).placements)
    }
}

extension Shipment {
    /// Columns `id, node, status, deliver_by, order_by, modifiable_until, departs_at`; lines, their prices and
    /// containers come from their own tables.
    init(
        row: SQLRow, lines: [OrderLine], containers: [ShipmentContainer], linePriceCents: [Int] = [],
        lineAddedQty: [Int] = []
    ) throws {
        self.init(
            id: ShipmentID(try row.text("id")), node: NodeID(try row.text("node")),
            status: try row.enum(ShipmentStatus.self, "status"), deliverBy: try row.instant("deliver_by"),
            orderBy: try row.instant("order_by"), modifiableUntil: try row.instant("modifiable_until"),
            departsAt: try row.instant("departs_at"), lines: lines, containers: containers,
            linePriceCents: linePriceCents, lineAddedQty: lineAddedQty)
    }
}

extension Order {
    /// Columns `id, customer, zip, status, placed_at, deliver_by, order_by, speed` and, when selected,
    /// `total_cents`; the order's status is `cancelled` or the least advanced of its shipments'.
    init(row: SQLRow, shipments: [Shipment]) throws {
        let status: OrderStatus =
            try row.text("status") == "cancelled" ? .cancelled : (shipments.map(\.status).min() ?? .placed)
        self.init(
            id: OrderID(try row.text("id")), customer: CustomerID(try row.text("customer")),
            zip: ZIP(try row.text("zip")), status: status, placedAt: try row.instant("placed_at"),
            deliverBy: try row.instant("deliver_by"), orderBy: try row.instant("order_by"),
            speed: try row.optionalText("speed"), shipments: shipments,
            totalCents: row["total_cents"] == nil ? 0 : try row.int("total_cents"))
    }
}

extension PackingStats {
    /// Columns `shipments, containers, units, own_containers`.
    init(row: SQLRow) throws {
        self.init(
            shipments: try row.int("shipments"), containers: try row.int("containers"), units: try row.int("units"),
            ownContainers: try row.int("own_containers"))
    }
}
