// JSON renderings of store values, with instants on the destination's (or node's) clock.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

enum Render {
    /// A 200/201 JSON response from JSON text.
    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A 200 JSON response from JSON text in UTF-8.
    static func json(bytes: [UInt8]) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func lines(_ lines: [OrderLine]) -> String {
        JSON.array(lines.map { .object([("sku", .string($0.sku.rawValue)), ("qty", .integer($0.qty))]) }).jsonText
    }

    /// A shipment's containers: box id (null for a unit in its own container), units and weight.
    static func containers(_ containers: [ShipmentContainer]) -> String {
        JSON.array(
            containers.map { container in
                JSON.object([
                    ("box", container.box.map { JSON.string($0.rawValue) } ?? JSON.null),
                    ("units", .integer(container.units)), ("weightG", .integer(container.weightG)),
                ])
            }
        ).jsonText
    }

    static func order(_ order: Order, world: ServerWorld) -> String {
        let zone = world.zone(of: order.zip)
        var o = JSONObjectBuilder()
        o.add("id", order.id.rawValue)
        o.add("customer", order.customer.rawValue)
        o.add("zip", order.zip.rawValue)
        o.add("status", order.status.rawValue)
        o.add("deliverBy", ISO8601.format(order.deliverBy, in: zone))
        o.add("orderBy", ISO8601.format(order.orderBy, in: zone))
        o.add("placedAt", ISO8601.format(order.placedAt, in: zone))
        if let speed = order.speed { o.add("speed", speed) }
        var shipments = "["
        for (i, shipment) in order.shipments.enumerated() {
            if i > 0 { shipments += "," }
            var s = JSONObjectBuilder()
            s.add("id", shipment.id.rawValue)
            s.add("node", shipment.node.rawValue)
            s.add("status", shipment.status.rawValue)
            s.add("deliverBy", ISO8601.format(shipment.deliverBy, in: zone))
            s.add("orderBy", ISO8601.format(shipment.orderBy, in: zone))
            s.add("modifiableUntil", ISO8601.format(shipment.modifiableUntil, in: zone))
            s.addRaw("lines", lines(shipment.lines))
            s.addRaw("containers", containers(shipment.containers))
            shipments += s.build()
        }
        shipments += "]"
        o.addRaw("shipments", shipments)
        return o.build()
    }

    static func stockLevel(_ level: StockLevel) -> String {
        var o = JSONObjectBuilder()
        o.add("node", level.node.rawValue)
        o.add("sku", level.sku.rawValue)
        o.add("onHand", level.onHand)
        o.add("reserved", level.reserved)
        o.add("available", level.available)
        return o.build()
    }

    static func stockLevels(_ levels: [StockLevel]) -> String {
        "[" + levels.map(stockLevel).joined(separator: ",") + "]"
    }

    static func node(_ node: Node) -> String {
        var o = JSONObjectBuilder()
        o.add("id", node.id.rawValue)
        o.add("kind", node.kind.rawValue)
        o.add("region", node.region.rawValue)
        o.addRaw("lat", "\(node.lat)")
        o.addRaw("lon", "\(node.lon)")
        o.add("timezone", node.timezone)
        o.addRaw("temperatures", JSON.array(node.temperatures.members.map { JSON.string($0.rawValue) }).jsonText)
        if node.kind.isShipping { o.add("processingMinutes", node.processingMinutes) }
        if !node.closedDates.isEmpty {
            o.addRaw("closedDates", JSON.array(node.closedDates.map { .string($0.description) }).jsonText)
        }
        if let radius = node.radiusKm { o.addRaw("radiusKm", "\(radius)") }
        if let minutes = node.promiseMinutes { o.add("promiseMinutes", minutes) }
        if let hours = node.openHours {
            o.addRaw(
                "openHours",
                JSON.object([("open", .string(hours.open.description)), ("close", .string(hours.close.description))])
                    .jsonText)
        }
        if let sort = node.sortMinutes { o.add("sortMinutes", sort) }
        if node.kind == .deliveryStation {
            o.addRaw(
                "waves",
                JSON.array(
                    node.waves.map {
                        .object([
                            ("departs", .string($0.departs.description)),
                            ("deliversBy", .string($0.deliversBy.description)),
                        ])
                    }
                ).jsonText)
            o.addRaw("zips", JSON.array(node.zips.map { .string($0.rawValue) }).jsonText)
        }
        return o.build()
    }

    static func catalogItem(_ item: CatalogItem) -> String {
        var o = JSONObjectBuilder()
        o.add("sku", item.sku.rawValue)
        o.add("name", item.name)
        o.add("lengthMm", item.lengthMm)
        o.add("widthMm", item.widthMm)
        o.add("heightMm", item.heightMm)
        o.add("weightG", item.weightG)
        o.add("priceCents", item.priceCents)
        o.add("temperature", item.temperature.rawValue)
        o.add("seller", item.seller)
        return o.build()
    }
}
