// Add to delivery as the API reads and shows it: a customer's upcoming deliveries, and which SKUs of a page can
// join one of them. Instants are on the clock of the order's ZIP, as orders' are.

import SameDayCore
import SameDayStore

/// `POST /v1/deliveries/eligibility`: `{"skus": [...]}`, 1 to `Limits.maxEligibilitySKUs` distinct catalog SKUs.
struct EligibilityRequest: RequestBody {
    var skus: [SKU]

    static let schemaName = "EligibilityRequest"

    static var schema: JSONSchema {
        .object([
            .init(
                "skus",
                .array(
                    .id("A SKU of the catalog.", example: "HH-00001"), minItems: 1,
                    maxItems: Limits.maxEligibilitySKUs, "The SKUs of a page, each once; answered in this order."))
        ])
    }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        guard let elements = json.member("skus")?.arrayValue else { return nil }
        var skus: [SKU] = []
        skus.reserveCapacity(elements.count)
        var seen: [SKU: Int] = [:]
        var ok = true
        for (index, element) in elements.enumerated() {
            guard let text = element.stringValue else { return nil }
            let sku = SKU(text)
            if !references.knowsSKU(sku) {
                problems.add(.unknownSKU, "skus[\(index)]", "'\(text)' is not in the catalog")
                ok = false
            } else if let first = seen[sku] {
                problems.add(.repeatedSKU, "skus[\(index)]", "'\(text)' is already skus[\(first)]; ask once")
                ok = false
            } else {
                seen[sku] = index
            }
            skus.append(sku)
        }
        guard ok else { return nil }
        self.skus = skus
    }
}

/// One upcoming delivery: `{"shipment", "order", "node", "deliverBy", "addableUntil", "lines", "containers"}`.
struct DeliveryBody: ResponseBody {
    var order: Order
    var shipment: Shipment
    var zone: ZoneTable

    static let schemaName = "Delivery"

    static var schema: JSONSchema {
        .object(
            [
                .init(
                    "shipment", .string("The shipment id.")),
                .init("order", .string("The order it belongs to.")),
                .init("node", .string("The node it ships from.")),
                .init("deliverBy", ResponseFields.instant("Delivered by, on the destination's clock.")),
                .init(
                    "addableUntil",
                    ResponseFields.instant("Items can join it strictly before this: its node starts picking then.")),
                .init("lines", .array(.ref(LineBody.schemaName), minItems: 1)),
                .init("containers", .array(.ref(ContainerBody.schemaName), "The containers its units are packed in.")),
            ], "A shipment on its way that items can still join.")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("shipment", shipment.id.rawValue)
        writer.member("order", order.id.rawValue)
        writer.member("node", shipment.node.rawValue)
        for (key, value) in [("deliverBy", shipment.deliverBy), ("addableUntil", shipment.modifiableUntil)] {
            writer.key(key)
            writer.value { ISO8601.writeQuoted(value, in: zone, to: &$0) }
        }
        writer.array("lines", shipment.lines) { LineBody(line: $1).write(to: &$0) }
        writer.array("containers", shipment.containers) { ContainerBody(container: $1).write(to: &$0) }
        writer.endObject()
    }
}

/// `{"deliveries": [...]}`: a customer's upcoming deliveries, by `deliverBy`, then shipment id.
struct DeliveriesBody: ResponseBody {
    var deliveries: [DeliveryBody]

    static let schemaName = "Deliveries"

    static var schema: JSONSchema {
        .object([.init("deliveries", .array(.ref(DeliveryBody.schemaName), "Earliest deliverBy first."))])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.array("deliveries", deliveries) { $1.write(to: &$0) }
        writer.endObject()
    }
}

/// One SKU's answer: addable with the delivery it can join, or not with the reason.
struct EligibilityResultBody: ResponseBody {
    var sku: SKU
    /// The delivery it can join (with its zone), or nil.
    var joins: (shipment: JoinableShipment, zone: ZoneTable)?
    var reason: String?

    static let schemaName = "EligibilityResult"

    static var schema: JSONSchema {
        .object([
            .init("sku", .string()),
            .init("addable", .boolean("Whether it can join one of the customer's upcoming deliveries (qty 1).")),
            .init(
                "shipment", .string("When addable: the earliest-delivering shipment it can join."), required: false),
            .init("deliverBy", ResponseFields.instant("When addable: that shipment's deliverBy."), required: false),
            .init(
                "addableUntil", ResponseFields.instant("When addable: it can be added strictly before this."),
                required: false),
            .init(
                "reason",
                .oneOf(
                    JoinRefusal.allCases.map(\.rawValue) + ["no-upcoming-delivery"],
                    "When not addable: the reason of the customer's earliest-delivering upcoming shipment, or "
                        + "no-upcoming-delivery."),
                required: false),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", sku.rawValue)
        if let joins {
            writer.member("addable", true)
            writer.member("shipment", joins.shipment.id)
            for (key, value) in [
                ("deliverBy", joins.shipment.deliverBy), ("addableUntil", joins.shipment.modifiableUntil),
            ] {
                writer.key(key)
                writer.value { ISO8601.writeQuoted(value, in: joins.zone, to: &$0) }
            }
        } else {
            writer.member("addable", false)
            writer.member("reason", reason ?? JoinRefusal.later.rawValue)
        }
        writer.endObject()
    }
}

/// `{"results": [...]}`, one per SKU asked, in the request's order.
struct EligibilityBody: ResponseBody {
    var results: [EligibilityResultBody]

    static let schemaName = "Eligibility"

    static var schema: JSONSchema {
        .object([.init("results", .array(.ref(EligibilityResultBody.schemaName), "In the request's order."))])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.array("results", results) { $1.write(to: &$0) }
        writer.endObject()
    }
}

/// One SKU that can join a shipment: `{"sku", "name", "priceCents", "available"}`.
struct AddableItemBody: ResponseBody {
    var item: CatalogItem
    var priceCents: Int
    var available: Int

    static let schemaName = "AddableItem"

    static var schema: JSONSchema {
        .object([
            .init("sku", .string()),
            .init("name", .string()),
            .init("priceCents", .integer(minimum: 0, "Its price now, in cents.")),
            .init("available", .integer(minimum: 1, "Units free at the shipment's node.")),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", item.sku.rawValue)
        writer.member("name", item.name)
        writer.member("priceCents", priceCents)
        writer.member("available", available)
        writer.endObject()
    }
}

/// `{"items": [...], "next"}`: a page of the SKUs that can join a shipment, ascending by SKU id.
struct AddablePageBody: ResponseBody {
    var items: [AddableItemBody]
    var next: SKU?

    static let schemaName = "AddablePage"

    static var schema: JSONSchema {
        .object([
            .init("items", .array(.ref(AddableItemBody.schemaName), "Ascending by SKU id.")),
            .init("next", JSONSchema.string("Pass as `after` for the next page; null on the last.").orNull),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.array("items", items) { $1.write(to: &$0) }
        writer.member("next", next?.rawValue)
        writer.endObject()
    }
}
