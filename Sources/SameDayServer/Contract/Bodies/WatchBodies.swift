// Watches as the API reads and shows them. Instants are on the clock of the watch's delivery ZIP, as orders' are.

import SameDayCore
import SameDayStore

/// `POST /v1/watches`: `{"sku", "targetPriceCents", "qty", "zip", "autoBuy", "expiresAt", "customer"}`.
struct WatchCreateRequest: RequestBody {
    var sku: SKU
    var targetPriceCents: Int
    var qty: Int
    var zip: ZIP
    var autoBuy: Bool
    var expiresAt: Instant?
    /// Whose watch (operator keys only; a customer key watches for itself).
    var customer: CustomerID?

    static let schemaName = "WatchRequest"

    static var schema: JSONSchema {
        .object([
            .init("sku", .id("A SKU of the catalog.", example: "HH-00001")),
            .init(
                "targetPriceCents",
                .integer(Limits.priceCentsRange, "Trigger when the price is at most this, in cents.", example: 999)),
            .init("qty", .integer(1...Limits.maxQuantity, "Units to buy.", example: 1)),
            .init("zip", RequestFields.zip),
            .init("autoBuy", .boolean("Buy when triggered (true), or only notify (false).")),
            .init(
                "expiresAt",
                RequestFields.instant("After this the watch is expired; absent or null: it never expires.").orNull,
                required: false),
            .init(
                "customer",
                JSONSchema.id(
                    "The customer the watch is for: required with an operator key; a customer key may only name itself."
                ).orNull,
                required: false),
        ])
    }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        let zip = RequestFields.zip(json, references, &problems)
        let expiresAt = RequestFields.instant(json, "expiresAt", &problems)
        guard let sku = json.member("sku")?.stringValue, let target = json.member("targetPriceCents")?.intValue,
            let qty = json.member("qty")?.intValue, case .bool(let autoBuy)? = json.member("autoBuy")
        else { return nil }
        if !references.knowsSKU(SKU(sku)) { problems.add(.unknownSKU, "sku", "'\(sku)' is not in the catalog") }
        guard let zip else { return nil }
        self.sku = SKU(sku)
        self.targetPriceCents = target
        self.qty = qty
        self.zip = zip
        self.autoBuy = autoBuy
        self.expiresAt = expiresAt
        self.customer = json.member("customer")?.stringValue.map(CustomerID.init)
    }
}

/// A watch: `{"id", "customer", "sku", "targetPriceCents", "qty", "zip", "autoBuy", "status", "createdAt",
/// "expiresAt", "orderId", "lastAttempt"}`.
struct WatchBody: ResponseBody {
    var watch: Watch
    /// The status is as of this instant (an active watch past its expiry shows `expired`).
    var now: Instant
    var zone: ZoneTable

    init(_ watch: Watch, now: Instant, world: ServerWorld) {
        self.watch = watch
        self.now = now
        self.zone = world.zone(of: watch.zip)
    }

    static let schemaName = "Watch"

    static var schema: JSONSchema {
        .object(
            [
                .init("id", .string("The watch id: `w_` and 12 digits, in creation order.", example: "w_000000000001")),
                .init("customer", .string("Whose watch it is.")),
                .init("sku", .string()),
                .init("targetPriceCents", .integer(minimum: 1)),
                .init("qty", .integer(minimum: 1)),
                .init("zip", .string()),
                .init("autoBuy", .boolean()),
                .init(
                    "status",
                    .oneOf(
                        WatchStatus.allCases.map(\.rawValue),
                        "active until bought (auto-buy), notified (notify-only), cancelled or expired.")),
                .init("createdAt", ResponseFields.instant("When it was created.")),
                .init("expiresAt", ResponseFields.instant("When it expires; null: never.").orNull),
                .init("orderId", JSONSchema.string("The order an auto-buy placed; null until bought.").orNull),
                .init(
                    "lastAttempt",
                    JSONSchema.object(
                        [
                            .init("at", ResponseFields.instant("When an auto-buy last failed.")),
                            .init("reason", .string("Why: the problem code and a sentence.")),
                        ], "The last auto-buy that could not be placed; the watch stayed active. null: none."
                    ).orNull),
            ], "A price watch.")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", watch.id.rawValue)
        writer.member("customer", watch.customer.rawValue)
        writer.member("sku", watch.sku.rawValue)
        writer.member("targetPriceCents", watch.targetPriceCents)
        writer.member("qty", watch.qty)
        writer.member("zip", watch.zip.rawValue)
        writer.member("autoBuy", watch.autoBuy)
        writer.member("status", watch.status(at: now).rawValue)
        instant("createdAt", watch.createdAt, &writer)
        instant("expiresAt", watch.expiresAt, &writer)
        writer.member("orderId", watch.orderID?.rawValue)
        writer.key("lastAttempt")
        if let attempt = watch.lastAttempt {
            writer.beginObject()
            instant("at", attempt.at, &writer)
            writer.member("reason", attempt.reason)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.endObject()
    }

    private func instant(_ key: StaticString, _ value: Instant?, _ writer: inout JSONWriter) {
        writer.key(key)
        guard let value else { return writer.null() }
        writer.value { ISO8601.writeQuoted(value, in: zone, to: &$0) }
    }
}

/// A page of watches, newest first.
struct WatchPageBody: ResponseBody {
    var watches: [WatchBody]
    var next: WatchID?

    static let schemaName = "WatchPage"

    static var schema: JSONSchema {
        .object([
            .init("watches", .array(.ref(WatchBody.schemaName))),
            .init("next", JSONSchema.string("Pass as `after` for the next page; null on the last.").orNull),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.array("watches", watches) { $1.write(to: &$0) }
        writer.member("next", next?.rawValue)
        writer.endObject()
    }
}
