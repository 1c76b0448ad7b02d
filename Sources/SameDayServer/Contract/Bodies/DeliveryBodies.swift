// Add to delivery as the API reads and shows it: a customer's upcoming deliveries, and which SKUs of a page can
// join one of them. Instants are on the clock of the order's ZIP, as orders' are.

import SameDayCore
import SameDayStore

/// `POST /v1/deliveries/eligibility`: `{"skus": [...]}`, 1 to `Limits.maxEligibilitySKUs` distinct catalog SKUs.
struct EligibilityRequest: RequestBody {
    var skus: [SKU]
    /// Their catalog indexes, by the same position.
    var skuIndexes: [Int]

    init(skus: [SKU], skuIndexes: [Int]) {
        self.skus = skus
        self.skuIndexes = skuIndexes
    }

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
        var indexes: [Int] = []
        skus.reserveCapacity(elements.count)
        indexes.reserveCapacity(elements.count)
        var ok = true
        for (position, element) in elements.enumerated() {
            guard let text = element.stringValue else { return nil }
            let sku = SKU(text)
            skus.append(sku)
            if let index = references.skuIndex(sku) {
                indexes.append(index)
            } else {
                problems.add(.unknownSKU, "skus[\(position)]", "'\(text)' is not in the catalog")
                indexes.append(-1)
                ok = false
            }
        }
        // Repeats found by sorting (catalog index, position) pairs: no hashing of the SKUs a second time.
        let order = indexes.indices.filter { indexes[$0] >= 0 }.sorted { (indexes[$0], $0) < (indexes[$1], $1) }
        for (a, b) in zip(order, order.dropFirst()) where indexes[a] == indexes[b] {
            problems.add(.repeatedSKU, "skus[\(b)]", "'\(skus[b].rawValue)' is already skus[\(a)]; ask once")
            ok = false
        }
        guard ok else { return nil }
        self.skus = skus
        self.skuIndexes = indexes
    }
}

/// `{"sku", "qty"}`: the item and units to add to a shipment (POST /v1/deliveries/{shipment}/lines).
struct AddLineBody: RequestBody {
    var line: OrderLine

    static let schemaName = "AddLineRequest"

    static var schema: JSONSchema { RequestFields.line }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        guard let text = json.member("sku")?.stringValue, let qty = json.member("qty")?.intValue else { return nil }
        guard references.knowsSKU(SKU(text)) else {
            problems.add(.unknownSKU, "sku", "'\(text)' is not in the catalog")
            return nil
        }
        self.line = OrderLine(sku: SKU(text), qty: qty)
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
                .init(
                    "lines",
                    .array(
                        .ref(OrderLineBody.schemaName), minItems: 1,
                        "Its lines with their prices; lines added after the order was placed are marked.")),
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
        OrderLineBody.writeLines(of: shipment, to: &writer)
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

/// A shipment eligibility answers name, with its instants rendered once per request (on the order ZIP's clock).
struct RenderedShipment: Sendable {
    var id: String
    /// Quoted JSON strings.
    var deliverBy: [UInt8]
    var addableUntil: [UInt8]

    init(_ shipment: JoinableShipment, zone: ZoneTable) {
        id = shipment.id
        deliverBy = []
        ISO8601.writeQuoted(shipment.deliverBy, in: zone, to: &deliverBy)
        addableUntil = []
        ISO8601.writeQuoted(shipment.modifiableUntil, in: zone, to: &addableUntil)
    }
}

/// One SKU's answer: addable with the delivery it can join, or not with the reason.
struct EligibilityResultBody: ResponseBody {
    var sku: SKU
    var answer: Eligibility
    /// Indexed as the answer's `.addable(shipment:)`.
    var shipments: [RenderedShipment]

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

    func write(to writer: inout JSONWriter) { Self.write(sku, answer, shipments, to: &writer) }

    /// Writes one result without building a value per SKU (the page's results share `shipments`).
    static func write(_ sku: SKU, _ answer: Eligibility, _ shipments: [RenderedShipment], to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", sku.rawValue)
        switch answer {
        case .addable(let k):
            writer.member("addable", true)
            writer.member("shipment", shipments[k].id)
            writer.key("deliverBy")
            writer.value { $0.append(contentsOf: shipments[k].deliverBy) }
            writer.key("addableUntil")
            writer.value { $0.append(contentsOf: shipments[k].addableUntil) }
        case .refused(let reason):
            writer.member("addable", false)
            writer.member("reason", reason.rawValue)
        case .noUpcomingDelivery:
            writer.member("addable", false)
            writer.member("reason", "no-upcoming-delivery")
        }
        writer.endObject()
    }
}

/// `{"results": [...]}`, one per SKU asked, in the request's order.
struct EligibilityBody: ResponseBody {
    var skus: [SKU]
    var answers: [Eligibility]
    var shipments: [RenderedShipment]

    static let schemaName = "Eligibility"

    static var schema: JSONSchema {
        .object([.init("results", .array(.ref(EligibilityResultBody.schemaName), "In the request's order."))])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("results")
        writer.beginArray()
        for i in skus.indices { EligibilityResultBody.write(skus[i], answers[i], shipments, to: &writer) }
        writer.endArray()
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
