// Webhook endpoints and their deliveries as the operator registers and reads them.

import SameDayCore
import SameDayStore

/// `POST /v1/webhooks`: `{"url", "secret", "types"}`.
struct WebhookRequest: RequestBody {
    var url: String
    var secret: String
    var types: [EventType]

    static let schemaName = "WebhookRequest"

    static var schema: JSONSchema {
        .object([
            .init(
                "url",
                JSONSchema(
                    .string(StringRule(minLength: 8, maxLength: Limits.maxURLBytes, maxBytes: Limits.maxURLBytes)),
                    description: "Where events are POSTed: \(WebhookURL.rule).",
                    examples: [.string("https://example.com/sameday/events")])),
            .init(
                "secret",
                JSONSchema(
                    .string(
                        StringRule(
                            minLength: Limits.webhookSecretBytes.lowerBound,
                            maxLength: Limits.webhookSecretBytes.upperBound,
                            syntax: .printableASCII(maxBytes: Limits.webhookSecretBytes.upperBound))),
                    description: "Signs every delivery (HMAC-SHA256); \(Limits.webhookSecretBytes.lowerBound) to "
                        + "\(Limits.webhookSecretBytes.upperBound) printable ASCII characters. Never shown again.",
                    examples: [.string("whsec_4f1c2b0e9a7d6c5b")])),
            .init(
                "types",
                JSONSchema.array(
                    .oneOf(EventType.allCases.map(\.rawValue)), minItems: 1, maxItems: EventType.allCases.count,
                    "Only these event types; absent or null: all."
                ).orNull, required: false),
        ])
    }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        guard let url = json.member("url")?.stringValue, let secret = json.member("secret")?.stringValue else {
            return nil
        }
        if WebhookURL(url) == nil { problems.add(.invalidField, "url", "must be \(WebhookURL.rule)") }
        var types: [EventType] = []
        for (index, element) in (json.member("types")?.arrayValue ?? []).enumerated() {
            guard let type = element.stringValue.flatMap(EventType.init(rawValue:)) else { continue }
            if types.contains(type) {
                problems.add(.invalidField, "types[\(index)]", "'\(type.rawValue)' is listed twice")
            }
            types.append(type)
        }
        guard WebhookURL(url) != nil else { return nil }
        self.url = url
        self.secret = secret
        self.types = types
    }
}

/// A registered endpoint (never its secret).
struct WebhookBody: ResponseBody {
    var webhook: Webhook

    static let schemaName = "Webhook"

    static var schema: JSONSchema {
        .object([
            .init("id", .string("The endpoint's id.", example: "wh_3f2a9c1d0b8e7f6a")),
            .init("url", .string()),
            .init(
                "types", .array(.oneOf(EventType.allCases.map(\.rawValue)), "The event types it receives; [] for all.")),
            .init("createdAt", ResponseFields.instant("When it was registered (UTC).")),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", webhook.id.rawValue)
        writer.member("url", webhook.url)
        writer.array("types", webhook.types) { $0.string($1.rawValue) }
        writer.key("createdAt")
        writer.string(ISO8601.format(webhook.createdAt, offsetMinutes: 0))
        writer.endObject()
    }
}

/// `GET /v1/webhooks`: `{"webhooks": [...]}`.
struct WebhookListBody: ResponseBody {
    var webhooks: [Webhook]

    static let schemaName = "WebhookList"

    static var schema: JSONSchema {
        .object([.init("webhooks", .array(.ref(WebhookBody.schemaName), "Oldest first."))])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.array("webhooks", webhooks) { WebhookBody(webhook: $1).write(to: &$0) }
        writer.endObject()
    }
}

/// `GET /v1/webhooks/{id}/deliveries`: the endpoint's latest deliveries, newest first.
struct WebhookDeliveriesBody: ResponseBody {
    var webhook: WebhookID
    var deliveries: [WebhookDelivery]

    static let schemaName = "WebhookDeliveries"

    static var schema: JSONSchema {
        let time = { (text: String) in
            JSONSchema(.string(StringRule(format: "date-time")), description: text + " (UTC, milliseconds)")
        }
        let delivery = JSONSchema.object([
            .init("eventId", .string()),
            .init(
                "customer", JSONSchema.string("The customer of the event; its events are delivered in order.").orNull),
            .init(
                "state",
                .oneOf(
                    DeliveryState.allCases.map(\.rawValue),
                    "pending (to be tried at nextAttemptAt), delivered (a 2xx answer), failed (given up after 24 h).")),
            .init("attempts", .integer(minimum: 0)),
            .init("lastAttemptAt", time("The last attempt").orNull),
            .init("nextAttemptAt", time("The next attempt, while pending").orNull),
            .init("lastStatus", JSONSchema.integer(minimum: 0, "The receiver's last HTTP status.").orNull),
            .init("lastError", JSONSchema.string("What went wrong last.").orNull),
            .init("deliveredAt", time("When a 2xx acknowledged it").orNull),
        ])
        return .object([
            .init("webhookId", .string()),
            .init("deliveries", .array(delivery, "Newest first.")),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("webhookId", webhook.rawValue)
        writer.array("deliveries", deliveries) { w, delivery in
            w.beginObject()
            w.member("eventId", String(delivery.eventID))
            w.member("customer", delivery.group.isEmpty ? nil : delivery.group)
            w.member("state", delivery.state.rawValue)
            w.member("attempts", delivery.attempts)
            w.member("lastAttemptAt", delivery.lastAttemptMillis.map(Self.time))
            w.member("nextAttemptAt", delivery.state == .pending ? Self.time(delivery.nextAttemptMillis) : nil)
            w.member("lastStatus", delivery.lastStatus)
            w.member("lastError", delivery.lastError)
            w.member("deliveredAt", delivery.deliveredMillis.map(Self.time))
            w.endObject()
        }
        writer.endObject()
    }

    /// `2026-12-23T18:00:05.123Z` for Unix milliseconds.
    static func time(_ millis: Int) -> String {
        let minutes = CivilCalendar.floorDiv(millis, 60_000)
        let rest = millis - minutes * 60_000
        let base = ISO8601.format(Instant(minutes: minutes), offsetMinutes: 0)
        // `base` ends in `:00+00:00`; replace the seconds and offset.
        let prefix = base.prefix(17)
        let seconds = rest / 1000
        let milli = rest % 1000
        return
            "\(prefix)\(seconds < 10 ? "0" : "")\(seconds).\(String(repeating: "0", count: 3 - String(milli).count))\(milli)Z"
    }
}
