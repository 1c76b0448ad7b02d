// The promise answer: what `sameday promise --json` prints, written by Core's `Promise.writeJSON`.

import SameDayCore

/// A promise: available with its plan, or unavailable with each line's reason.
struct PromiseBody: ResponseBody {
    var promise: Promise

    static let schemaName = "Promise"

    static var schema: JSONSchema {
        JSONSchema(
            .anyOf([available, unavailable]),
            description: "The earliest delivery for the lines now (or at `at`), and until when to order for it.")
    }

    static var available: JSONSchema {
        .object([
            .init("available", JSONSchema(.boolean, description: "true")),
            .init("speed", .oneOf(Speed.allCases.map(\.rawValue), "now: within 2 h; same-day; next-day; standard.")),
            .init("deliverBy", ResponseFields.instant("The latest delivery of the plan's shipments.")),
            .init("orderBy", ResponseFields.instant("Order by this instant to keep this deliverBy.")),
            .init("shipments", .array(.ref(PlannedShipmentBody.schemaName), minItems: 1)),
        ])
    }

    static var unavailable: JSONSchema {
        .object([
            .init("available", JSONSchema(.boolean, description: "false")),
            .init(
                "unavailable",
                .array(
                    .object([
                        .init("sku", .string()),
                        .init("reason", .oneOf(["out-of-stock", "not-deliverable"])),
                    ]), minItems: 1, "Each line that cannot be promised, and why.")),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.value { promise.writeJSON(to: &$0) }
    }
}

/// One shipment of a promised plan.
enum PlannedShipmentBody {
    static let schemaName = "PlannedShipment"

    static var schema: JSONSchema {
        .object([
            .init("node", .string("The shipping node.")),
            .init("deliverBy", ResponseFields.instant("Delivered by, on the destination's clock.")),
            .init("orderBy", ResponseFields.instant("Order by this instant to keep this shipment's deliverBy.")),
            .init(
                "modifiableUntil",
                ResponseFields.instant("The node starts picking then: the last instant to change it.")),
            .init(
                "path",
                .oneOf(
                    DeliveryPath.allCases.map(\.rawValue),
                    "How it travels: now-site courier, a station's wave, or the carrier.")),
            .init("lines", .array(.ref(LineBody.schemaName), minItems: 1)),
        ])
    }
}

/// What responses share.
enum ResponseFields {
    static func instant(_ description: String) -> JSONSchema {
        JSONSchema(.string(StringRule(syntax: .instant, format: "date-time")), description: description)
    }
}
