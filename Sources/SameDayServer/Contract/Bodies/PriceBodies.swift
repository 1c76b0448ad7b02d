// Prices: the change a seller or operator asks for, its answer, and a SKU's history. Instants are UTC.

import SameDayCore
import SameDayStore

/// `PUT /v1/catalog/{sku}/price`: `{"priceCents": n}`.
struct PriceRequest: RequestBody {
    var priceCents: Int

    static let schemaName = "PriceRequest"

    static var schema: JSONSchema {
        .object([
            .init(
                "priceCents",
                .integer(Limits.priceCentsRange, "The new price in cents ($0.01 to $1,000,000.00).", example: 1099))
        ])
    }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        guard let cents = json.member("priceCents")?.intValue else { return nil }
        self.priceCents = cents
    }
}

/// The answer to a price change: `{"sku", "priceCents", "changedAt"}`.
struct PriceChangeBody: ResponseBody {
    var change: PriceChange

    static let schemaName = "PriceChange"

    static var schema: JSONSchema {
        .object([
            .init("sku", .string()),
            .init("priceCents", .integer(minimum: 0, "The price now, in cents.")),
            .init(
                "changedAt",
                ResponseFields.instant(
                    "When the price became this (UTC); a repeat of the same price names the change "
                        + "that set it.")),
            .init("changed", .boolean("False when the SKU already had this price: nothing was recorded.")),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", change.sku.rawValue)
        writer.member("priceCents", change.priceCents)
        writer.key("changedAt")
        writer.string(ISO8601.format(change.changedAt, offsetMinutes: 0))
        writer.member("changed", change.changed)
        writer.endObject()
    }
}

/// `GET /v1/catalog/{sku}/prices`: `{"sku", "points": [{"at", "priceCents"}], "truncated"}`.
struct PriceHistoryBody: ResponseBody {
    var history: PriceHistory

    static let schemaName = "PriceHistory"

    static var schema: JSONSchema {
        .object([
            .init("sku", .string()),
            .init(
                "points",
                .array(
                    .object([
                        .init("at", ResponseFields.instant("From this instant on (UTC)…")),
                        .init("priceCents", .integer(minimum: 0, "…the SKU costs this, in cents.")),
                    ]), "Every change in the period, ascending; the first is the import price.")),
            .init(
                "truncated",
                .boolean("True when the period holds more than \(Limits.maxPricePoints) changes (the first are given).")
            ),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", history.sku.rawValue)
        writer.array("points", history.points) { w, point in
            w.beginObject()
            w.key("at")
            w.string(ISO8601.format(point.at, offsetMinutes: 0))
            w.member("priceCents", point.priceCents)
            w.endObject()
        }
        writer.member("truncated", history.truncated)
        writer.endObject()
    }
}
