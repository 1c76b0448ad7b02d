// The network as operators read it: a summary, its nodes, and catalog items.

import SameDayCore

/// `GET /v1/network`: name, regions, counts and the carrier.
struct NetworkSummaryBody: ResponseBody {
    var network: Network
    var zipCount: Int
    var skuCount: Int

    static let schemaName = "NetworkSummary"

    static var schema: JSONSchema {
        .object([
            .init("name", .string()),
            .init("regions", .array(.object([.init("id", .string()), .init("name", .string())]))),
            .init("nodeCount", .integer(minimum: 0)),
            .init("laneCount", .integer(minimum: 0)),
            .init("nodesByKind", JSONSchema(.map(.integer(minimum: 0)), description: "Nodes per kind.")),
            .init(
                "carrier",
                JSONSchema.object([
                    .init("pickup", .string("HH:MM on the shipping node's clock.")),
                    .init("deliversBy", .string("HH:MM on the destination's clock.")),
                    .init(
                        "transitDays",
                        .array(.object([.init("maxKm", .number()), .init("days", .integer(minimum: 0))]))),
                ]).orNull),
            .init("zipCount", .integer(minimum: 0)),
            .init("skuCount", .integer(minimum: 0)),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("name", network.name)
        writer.array("regions", network.regions) { w, region in
            w.beginObject()
            w.member("id", region.id.rawValue)
            w.member("name", region.name)
            w.endObject()
        }
        writer.member("nodeCount", network.nodes.count)
        writer.member("laneCount", network.lanes.count)
        writer.key("nodesByKind")
        writer.beginObject()
        for kind in NodeKind.allCases {
            writer.key(kind.rawValue)
            writer.int(network.nodes.count { $0.kind == kind })
        }
        writer.endObject()
        writer.key("carrier")
        if let carrier = network.carrier { Self.write(carrier, &writer) } else { writer.null() }
        writer.member("zipCount", zipCount)
        writer.member("skuCount", skuCount)
        writer.endObject()
    }

    private static func write(_ carrier: Carrier, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("pickup", carrier.pickup.description)
        writer.member("deliversBy", carrier.deliversBy.description)
        writer.array("transitDays", carrier.transitDays) { w, band in
            w.beginObject()
            w.member("maxKm", band.maxKm)
            w.member("days", band.days)
            w.endObject()
        }
        writer.endObject()
    }
}

/// A node as the network file describes it.
struct NodeBody: ResponseBody {
    var node: Node

    static let schemaName = "Node"

    static var schema: JSONSchema {
        .object([
            .init("id", .string()),
            .init("kind", .oneOf(NodeKind.allCases.map(\.rawValue))),
            .init("region", .string()),
            .init("lat", .number("Degrees north.")),
            .init("lon", .number("Degrees east.")),
            .init("timezone", .string("IANA time zone.")),
            .init("temperatures", .array(.oneOf(Temperature.allCases.map(\.rawValue)), minItems: 1)),
            .init(
                "processingMinutes", .integer(minimum: 0, "Shipping nodes: order to ready-to-ship."), required: false),
            .init("closedDates", .array(.string("YYYY-MM-DD")), required: false),
            .init("radiusKm", .number("Now-sites: delivery radius."), required: false),
            .init("promiseMinutes", .integer(minimum: 0, "Now-sites: minutes to the door."), required: false),
            .init(
                "openHours", .object([.init("open", .string("HH:MM")), .init("close", .string("HH:MM"))]),
                required: false),
            .init("sortMinutes", .integer(minimum: 0, "Stations: sorting time."), required: false),
            .init(
                "waves", .array(.object([.init("departs", .string("HH:MM")), .init("deliversBy", .string("HH:MM"))])),
                required: false),
            .init("zips", .array(.string()), required: false),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", node.id.rawValue)
        writer.member("kind", node.kind.rawValue)
        writer.member("region", node.region.rawValue)
        writer.member("lat", node.lat)
        writer.member("lon", node.lon)
        writer.member("timezone", node.timezone)
        writer.array("temperatures", node.temperatures.members) { $0.string($1.rawValue) }
        if node.kind.isShipping { writer.member("processingMinutes", node.processingMinutes) }
        if !node.closedDates.isEmpty { writer.array("closedDates", node.closedDates) { $0.string($1.description) } }
        if let radius = node.radiusKm { writer.member("radiusKm", radius) }
        if let minutes = node.promiseMinutes { writer.member("promiseMinutes", minutes) }
        if let hours = node.openHours {
            writer.key("openHours")
            writer.beginObject()
            writer.member("open", hours.open.description)
            writer.member("close", hours.close.description)
            writer.endObject()
        }
        if let sort = node.sortMinutes { writer.member("sortMinutes", sort) }
        if node.kind == .deliveryStation {
            writer.array("waves", node.waves) { w, wave in
                w.beginObject()
                w.member("departs", wave.departs.description)
                w.member("deliversBy", wave.deliversBy.description)
                w.endObject()
            }
            writer.array("zips", node.zips) { $0.string($1.rawValue) }
        }
        writer.endObject()
    }
}

/// A catalog item.
struct CatalogItemBody: ResponseBody {
    var item: CatalogItem

    static let schemaName = "CatalogItem"

    static var schema: JSONSchema {
        .object([
            .init("sku", .string()),
            .init("name", .string()),
            .init("lengthMm", .integer(minimum: 0)),
            .init("widthMm", .integer(minimum: 0)),
            .init("heightMm", .integer(minimum: 0)),
            .init("weightG", .integer(minimum: 0)),
            .init("priceCents", .integer(minimum: 0)),
            .init("temperature", .oneOf(Temperature.allCases.map(\.rawValue))),
            .init("seller", JSONSchema.string("The seller that owns it; null for the retailer's own.").orNull),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", item.sku.rawValue)
        writer.member("name", item.name)
        writer.member("lengthMm", item.lengthMm)
        writer.member("widthMm", item.widthMm)
        writer.member("heightMm", item.heightMm)
        writer.member("weightG", item.weightG)
        writer.member("priceCents", item.priceCents)
        writer.member("temperature", item.temperature.rawValue)
        writer.member("seller", item.seller)
        writer.endObject()
    }
}
