// The operator dashboard's data: a day's figures (`GET /v1/kpis`, written by Core's `Figures.writeJSON`, the
// simulator's own JSON, with the dashboard's members appended) and a node's open shipments.

import SameDayCore
import SameDayStore

/// `GET /v1/kpis`: the figures of one network-clock day, plus the previous day's orders per hour, the day's
/// shipments by status, and what needs attention now. Instants are on the network clock.
struct KPIsBody: ResponseBody {
    var date: LocalDate
    var asOf: Instant
    var clock: ZoneTable
    var counts: KPICounts
    var previousDate: LocalDate
    /// The previous day's hours (every local hour of it) with their orders.
    var previousHours: [(hour: Instant, orders: Int)]
    var stockouts: [Stockout]
    var atRisk: [OpenShipment]

    static let schemaName = "KPIs"

    private static func ratio(_ description: String) -> JSONSchema {
        JSONSchema(.number(minimum: 0, maximum: nil), nullable: true, description: description)
    }

    static var schema: JSONSchema {
        let count = { (d: String) in JSONSchema.integer(minimum: 0, d) }
        let node = JSONSchema.object([
            .init("id", .id()), .init("units", count("Units of the day's orders from the node.")),
            .init("shipments", count("Shipments.")), .init("containers", count("Containers.")),
            .init("lateShipments", count("Delivered after their deliverBy, or overdue now.")),
        ])
        let hour = JSONSchema.object(
            [
                .init("hour", ResponseFields.instant("The hour's start.")), .init("orders", count("Orders placed.")),
                .init("unavailable", count("Orders refused.")),
            ]
                + Speed.allCases.map { .init($0.rawValue, count("Orders promised at this speed.")) }
                + [.init("units", count("Units placed."))])
        let opening = JSONSchema.object([
            .init("shipment", .id()), .init("order", .string()), .init("node", .id()),
            .init("deliverBy", ResponseFields.instant("What the customer is owed.")),
            .init("slackMinutes", .integer(minimum: nil, "Minutes from now to deliverBy (negative: overdue).")),
        ])
        return .object(
            [
                .init("orders", count("Orders placed or refused that day.")),
                .init("unavailableOrders", count("Orders no promise covered.")),
                .init("outOfStockOrders", count("Refused for stock.")),
                .init("notDeliverableOrders", count("Refused: no node can deliver.")),
                .init("units", count("Units of placed orders.")),
                .init("requestedUnits", count("Units asked for, placed or not.")),
                .init(
                    "speed", .object(Speed.allCases.map { .init($0.rawValue, ratio("Share of placed orders.")) })),
                .init("promisesKept", ratio("Share of shipments delivered by their deliverBy (of delivered or late).")),
                .init("lateShipments", count("Delivered late or overdue.")),
                .init("shipments", count("Shipments of placed orders.")),
                .init("containers", count("Containers packed.")),
                .init("shipmentsPerOrder", ratio("Shipments per placed order.")),
                .init("unitsPerContainer", ratio("Units per container.")),
                .init("containersPerOrder", ratio("Containers per placed order.")),
                .init("inRegionUnits", ratio("Share of units shipped from the destination's region.")),
                .init("kmPerUnit", ratio("Great-circle km node → destination per unit.")),
                .init("nodes", .array(node, "Shipping nodes with the day's shipments, by id.")),
                .init("hours", .array(hour, "From the first to the last hour with orders.")),
                .init("date", JSONSchema(.string(StringRule(syntax: .date, format: "date")))),
                .init("asOf", ResponseFields.instant("The server's clock.")),
                .init("cancelledOrders", count("The day's orders cancelled since.")),
                .init(
                    "previousDay",
                    .object([
                        .init("date", JSONSchema(.string(StringRule(syntax: .date, format: "date")))),
                        .init(
                            "hours",
                            .array(
                                .object([
                                    .init("hour", ResponseFields.instant("The hour's start.")),
                                    .init("orders", count("Orders placed or refused.")),
                                ]), "Every hour of the day before.")),
                    ])),
                .init(
                    "shipmentsByStatus",
                    .object(
                        ShipmentStatus.allCases.map { .init($0.rawValue, count("The day's shipments now \($0).")) })),
                .init(
                    "attention",
                    .object([
                        .init(
                            "stockouts",
                            .array(
                                .object([.init("node", .id()), .init("sku", .id())]),
                                "Nodes with none available of one of the day's 20 most ordered SKUs.")),
                        .init(
                            "atRisk",
                            .array(
                                opening,
                                "Not yet departed, with less time to deliverBy than their node's processing time.")),
                    ])),
            ], "The figures of the simulator (same code), with the dashboard's members.")
    }

    func write(to writer: inout JSONWriter) {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        Figures(counts: counts.figures, clock: clock).writeJSON(to: &out) { out in writeExtra(&out) }
        writer.rawValue(out)
    }

    private func writeExtra(_ out: inout [UInt8]) {
        var w = JSONWriter(capacity: 2048)
        w.beginObject()
        w.member("date", date.description)
        w.key("asOf")
        w.value { ISO8601.writeQuoted(asOf, in: clock, to: &$0) }
        w.member("cancelledOrders", counts.cancelledOrders)
        w.key("previousDay")
        w.beginObject()
        w.member("date", previousDate.description)
        w.key("hours")
        w.beginArray()
        for (hour, orders) in previousHours {
            w.beginObject()
            w.key("hour")
            w.value { ISO8601.writeQuoted(hour, in: clock, to: &$0) }
            w.member("orders", orders)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.key("shipmentsByStatus")
        w.beginObject()
        for status in ShipmentStatus.allCases {
            w.key(status.rawValue)
            w.int(counts.shipmentsByStatus[status] ?? 0)
        }
        w.endObject()
        writeAttention(&w)
        w.endObject()
        // The members without the object's braces, after the figures' own.
        out.append(UInt8(ascii: ","))
        out.append(contentsOf: w.bytes.dropFirst().dropLast())
    }

    private func writeAttention(_ w: inout JSONWriter) {
        w.key("attention")
        w.beginObject()
        w.key("stockouts")
        w.beginArray()
        for s in stockouts {
            w.beginObject()
            w.member("node", s.node.rawValue)
            w.member("sku", s.sku.rawValue)
            w.endObject()
        }
        w.endArray()
        w.key("atRisk")
        w.beginArray()
        for s in atRisk {
            w.beginObject()
            w.member("shipment", s.id.rawValue)
            w.member("order", s.order.rawValue)
            w.member("node", s.node.rawValue)
            w.key("deliverBy")
            w.value { ISO8601.writeQuoted(s.deliverBy, in: clock, to: &$0) }
            w.member("slackMinutes", s.deliverBy.minutes - asOf.minutes)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

/// `GET /v1/nodes/{id}/shipments`: a node's shipments not yet delivered.
struct NodeShipmentsBody: ResponseBody {
    var shipments: [OpenShipment]
    var clock: ZoneTable

    static let schemaName = "NodeShipments"

    static var schema: JSONSchema {
        .object([
            .init(
                "shipments",
                .array(
                    .object([
                        .init("id", .string()), .init("order", .string()),
                        .init("status", .oneOf(["placed", "picking", "shipped"])),
                        .init("deliverBy", ResponseFields.instant("What the customer is owed.")),
                        .init("modifiableUntil", ResponseFields.instant("It can be changed strictly before.")),
                        .init("units", .integer(minimum: 0, "Units in it.")),
                    ]), "Soonest deliverBy first."))
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("shipments")
        writer.beginArray()
        for s in shipments {
            writer.beginObject()
            writer.member("id", s.id.rawValue)
            writer.member("order", s.order.rawValue)
            writer.member("status", s.status.rawValue)
            writer.key("deliverBy")
            writer.value { ISO8601.writeQuoted(s.deliverBy, in: clock, to: &$0) }
            writer.key("modifiableUntil")
            writer.value { ISO8601.writeQuoted(s.modifiableUntil, in: clock, to: &$0) }
            writer.member("units", s.units)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}
