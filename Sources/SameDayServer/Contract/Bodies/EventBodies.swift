// Events as the API and the webhooks send them: `{"id", "at", "type", "customer", …}` with the members of their
// type. Instants are UTC.

import SameDayCore
import SameDayStore

/// One event. The same JSON is the body of its webhook POST.
struct EventBody: ResponseBody {
    var event: Event

    static let schemaName = "Event"

    static var schema: JSONSchema {
        .object(
            [
                .init("id", .string("The event's id: pass as `after` to read the events after it.", example: "42")),
                .init("at", ResponseFields.instant("When it happened (UTC).")),
                .init("type", .oneOf(EventType.allCases.map(\.rawValue))),
                .init(
                    "customer", JSONSchema.string("The customer it concerns; null for a price or stock event.").orNull),
                .init("sku", .string(), required: false),
                .init("watchId", .string(), required: false),
                .init("orderId", .string(), required: false),
                .init("shipmentId", .string(), required: false),
                .init(
                    "status", .oneOf(ShipmentStatus.allCases.map(\.rawValue), "A shipment's new status."),
                    required: false),
                .init(
                    "priceCents",
                    .integer(
                        minimum: 0,
                        "The new price (price-changed) or the price bought or seen at (watch-bought, "
                            + "watch-triggered)."), required: false),
                .init("targetPriceCents", .integer(minimum: 1, "The watch's target."), required: false),
                .init(
                    "totalCents",
                    .integer(minimum: 0, "The order's total (order-placed), or its new total (order-line-added)."),
                    required: false),
                .init("reason", .string("Why an auto-buy could not be placed."), required: false),
            ], "Something that happened, in commit order.")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", String(event.id))
        writer.key("at")
        writer.string(ISO8601.format(event.at, offsetMinutes: 0))
        writer.member("type", event.type.rawValue)
        writer.member("customer", event.customer?.rawValue)
        if let sku = event.sku { writer.member("sku", sku.rawValue) }
        if let watch = event.watch { writer.member("watchId", watch.rawValue) }
        if let order = event.order { writer.member("orderId", order.rawValue) }
        if let shipment = event.shipment { writer.member("shipmentId", shipment.rawValue) }
        if let status = event.status { writer.member("status", status) }
        if let cents = event.priceCents {
            if event.type == .orderPlaced || event.type == .orderLineAdded {
                writer.member("totalCents", cents)
            } else {
                writer.member("priceCents", cents)
            }
        }
        if let target = event.targetCents { writer.member("targetPriceCents", target) }
        if let reason = event.reason { writer.member("reason", reason) }
        writer.endObject()
    }
}

/// A page of events in commit order.
struct EventPageBody: ResponseBody {
    var page: EventPage

    static let schemaName = "EventPage"

    static var schema: JSONSchema {
        .object([
            .init("events", .array(.ref(EventBody.schemaName))),
            .init(
                "next",
                JSONSchema.string(
                    "Pass as `after` for the next page; null when this page reached the end (poll again later with "
                        + "the last event's id)."
                ).orNull),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.array("events", page.events) { EventBody(event: $1).write(to: &$0) }
        writer.member("next", page.next.map { String($0) })
        writer.endObject()
    }
}
