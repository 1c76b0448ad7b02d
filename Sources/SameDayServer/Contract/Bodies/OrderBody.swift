// An order as the API shows it: its shipments, lines and containers, instants on the destination's clock.

import SameDayCore
import SameDayStore

/// An order answer (`POST /v1/orders`, `GET /v1/orders/{id}`, cancel).
struct OrderBody: ResponseBody {
    var order: Order
    /// The destination's clock.
    var zone: ZoneTable

    init(_ order: Order, world: ServerWorld) {
        self.order = order
        self.zone = world.zone(of: order.zip)
    }

    static let schemaName = "Order"

    static var schema: JSONSchema {
        .object(
            [
                .init("id", .string("The order id.", example: "o_ce3a6d272c56a54a0976e4fb")),
                .init("customer", .string("The customer it is for.")),
                .init("zip", .string("The destination ZIP.")),
                .init(
                    "status",
                    .oneOf(
                        ShipmentStatus.allCases.map(\.rawValue),
                        "cancelled, or the least advanced status of its shipments.")),
                .init(
                    "deliverBy", ResponseFields.instant("What the customer is owed: the latest shipment's deliverBy.")),
                .init("orderBy", ResponseFields.instant("The promise's order-by when it was placed.")),
                .init("placedAt", ResponseFields.instant("When it was placed (the server's clock).")),
                .init("speed", .oneOf(Speed.allCases.map(\.rawValue), "The promised speed."), required: false),
                .init("shipments", .array(.ref(ShipmentBody.schemaName), minItems: 1)),
                .init(
                    "totalCents",
                    .integer(minimum: 0, "What the order costs: its lines' quantities times their unit prices.")),
            ], "An order and its shipments.")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", order.id.rawValue)
        writer.member("customer", order.customer.rawValue)
        writer.member("zip", order.zip.rawValue)
        writer.member("status", order.status.rawValue)
        instant("deliverBy", order.deliverBy, &writer)
        instant("orderBy", order.orderBy, &writer)
        instant("placedAt", order.placedAt, &writer)
        if let speed = order.speed { writer.member("speed", speed) }
        writer.key("shipments")
        writer.beginArray()
        for shipment in order.shipments { ShipmentBody(shipment: shipment, zone: zone).write(to: &writer) }
        writer.endArray()
        writer.member("totalCents", order.totalCents)
        writer.endObject()
    }

    private func instant(_ key: StaticString, _ value: Instant, _ writer: inout JSONWriter) {
        writer.key(key)
        writer.value { ISO8601.writeQuoted(value, in: zone, to: &$0) }
    }
}

/// One shipment of an order.
struct ShipmentBody: ResponseBody {
    var shipment: Shipment
    var zone: ZoneTable

    static let schemaName = "Shipment"

    static var schema: JSONSchema {
        .object([
            .init("id", .string("The shipment id.")),
            .init("node", .string("The shipping node.")),
            .init("status", .oneOf(ShipmentStatus.allCases.map(\.rawValue))),
            .init("deliverBy", ResponseFields.instant("Delivered by, on the destination's clock.")),
            .init("orderBy", ResponseFields.instant("The order-by of this shipment's promise.")),
            .init(
                "modifiableUntil",
                ResponseFields.instant(
                    "Its node starts picking it then: it can be cancelled or changed strictly before.")),
            .init("lines", .array(.ref(OrderLineBody.schemaName), minItems: 1)),
            .init("containers", .array(.ref(ContainerBody.schemaName), "The containers its units are packed in.")),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", shipment.id.rawValue)
        writer.member("node", shipment.node.rawValue)
        writer.member("status", shipment.status.rawValue)
        for (key, value) in [
            ("deliverBy", shipment.deliverBy), ("orderBy", shipment.orderBy),
            ("modifiableUntil", shipment.modifiableUntil),
        ] {
            writer.key(key)
            writer.value { ISO8601.writeQuoted(value, in: zone, to: &$0) }
        }
        OrderLineBody.writeLines(of: shipment, to: &writer)
        writer.array("containers", shipment.containers) { ContainerBody(container: $1).write(to: &$0) }
        writer.endObject()
    }
}

/// A line: a SKU and its quantity.
struct LineBody: ResponseBody {
    var line: OrderLine

    static let schemaName = "Line"

    static var schema: JSONSchema {
        .object([.init("sku", .string()), .init("qty", .integer(minimum: 1))])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", line.sku.rawValue)
        writer.member("qty", line.qty)
        writer.endObject()
    }
}

/// A line of an order: a SKU, its quantity and the unit price it was bought at; `"added": true` when the line was
/// added after the order was placed (add to delivery), and `addedQty` when units were added to it.
struct OrderLineBody: ResponseBody {
    var line: OrderLine
    var priceCents: Int
    /// Units added after the order was placed (0: the line as ordered).
    var addedQty: Int = 0

    static let schemaName = "OrderLine"

    static var schema: JSONSchema {
        .object([
            .init("sku", .string()),
            .init("qty", .integer(minimum: 1)),
            .init("priceCents", .integer(minimum: 0, "The unit price it was bought at, in cents.")),
            .init(
                "added", .boolean("Present, and true, when the line was added after the order was placed."),
                required: false),
            .init(
                "addedQty",
                .integer(minimum: 1, "Units added to the line after the order was placed (present when some were)."),
                required: false),
        ])
    }

    /// A shipment's `"lines"` member: each line with its price and what was added to it. The order answer and
    /// `GET /v1/deliveries` both write lines with it.
    static func writeLines(of shipment: Shipment, to writer: inout JSONWriter) {
        writer.array("lines", shipment.lines.indices) { w, index in
            OrderLineBody(
                line: shipment.lines[index], priceCents: shipment.priceCents(ofLine: index) ?? 0,
                addedQty: shipment.addedQty(ofLine: index)
            ).write(to: &w)
        }
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", line.sku.rawValue)
        writer.member("qty", line.qty)
        writer.member("priceCents", priceCents)
        if addedQty > 0 {
            if addedQty == line.qty { writer.member("added", true) }
            writer.member("addedQty", addedQty)
        }
        writer.endObject()
    }
}

/// A packed container of a shipment.
struct ContainerBody: ResponseBody {
    var container: ShipmentContainer

    static let schemaName = "Container"

    static var schema: JSONSchema {
        .object([
            .init(
                "box",
                JSONSchema.string("The container's id in the box catalog; null for a unit shipped in its own.").orNull),
            .init("units", .integer(minimum: 1)),
            .init("weightG", .integer(minimum: 0, "Grams, the empty container included.")),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("box", container.box?.rawValue)
        writer.member("units", container.units)
        writer.member("weightG", container.weightG)
        writer.endObject()
    }
}

/// A page of a customer's orders, newest first.
struct OrderPageBody: ResponseBody {
    var orders: [OrderBody]
    var next: OrderID?

    static let schemaName = "OrderPage"

    static var schema: JSONSchema {
        .object([
            .init("orders", .array(.ref(OrderBody.schemaName))),
            .init("next", JSONSchema.string("Pass as `after` for the next page; null on the last.").orNull),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.array("orders", orders) { $1.write(to: &$0) }
        writer.member("next", next?.rawValue)
        writer.endObject()
    }
}
