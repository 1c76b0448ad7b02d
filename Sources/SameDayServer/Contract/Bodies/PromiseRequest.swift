// POST /v1/promise's body, and the pieces orders share with it (ZIP, lines, instants).

import SameDayCore

/// `{"zip", "lines", "at"}`: the delivery promise for lines to a ZIP, now or at `at`.
struct PromiseRequest: RequestBody {
    var zip: ZIP
    var lines: [OrderLine]
    var at: Instant?

    static let schemaName = "PromiseRequest"

    static var schema: JSONSchema {
        .object([
            .init("zip", RequestFields.zip),
            .init("lines", RequestFields.lines),
            .init(
                "at", RequestFields.instant("The order instant; the server's clock when absent.").orNull,
                required: false),
        ])
    }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        let zip = RequestFields.zip(json, references, &problems)
        let lines = RequestFields.lines(json, references, &problems)
        let at = RequestFields.instant(json, "at", &problems)
        guard let zip, let lines else { return nil }
        self.init(zip: zip, lines: lines, at: at)
    }

    init(zip: ZIP, lines: [OrderLine], at: Instant?) {
        self.zip = zip
        self.lines = lines
        self.at = at
    }
}

/// Fields several requests share: their schemas and the checks that need data.
enum RequestFields {
    static let zip = JSONSchema(
        .string(StringRule(minLength: 5, maxLength: 5, syntax: .zip)),
        description: "The destination: a 5-digit US ZIP code of the ZIP table.", examples: [.string("98109")])

    static let line = JSONSchema.object([
        .init("sku", .id("A SKU of the catalog.", example: "HH-00001")),
        .init("qty", .integer(1...Limits.maxQuantity, "units of one SKU per line", example: 1)),
    ])

    static let lines = JSONSchema.array(
        line, minItems: 1, maxItems: Limits.maxLines, "The lines; each SKU at most once.")

    static func instant(_ description: String) -> JSONSchema {
        JSONSchema.instant(description, example: "2026-12-24T10:00:00-08:00")
    }

    static func zip(_ json: JSONValue, _ references: ReferenceCheck, _ problems: inout FieldProblems) -> ZIP? {
        guard let text = json.member("zip")?.stringValue else { return nil }
        let zip = ZIP(text)
        guard references.knowsZIP(zip) else {
            problems.add(
                .unknownZIP, "zip", "'\(text)' is not in the ZIP table; SameDay delivers to US ZIPs with coordinates")
            return nil
        }
        return zip
    }

    static func lines(_ json: JSONValue, _ references: ReferenceCheck, _ problems: inout FieldProblems) -> [OrderLine]?
    {
        guard let elements = json.member("lines")?.arrayValue else { return nil }
        var lines: [OrderLine] = []
        lines.reserveCapacity(elements.count)
        var ok = true
        for (index, element) in elements.enumerated() {
            guard let text = element.member("sku")?.stringValue, let qty = element.member("qty")?.intValue else {
                ok = false
                continue
            }
            let sku = SKU(text)
            if !references.knowsSKU(sku) {
                problems.add(.unknownSKU, "lines[\(index)].sku", "'\(text)' is not in the catalog")
                ok = false
            } else if let first = lines.firstIndex(where: { $0.sku == sku }) {
                // A scan: at most `Limits.maxLines` lines, usually a few.
                problems.add(
                    .repeatedSKU, "lines[\(index)].sku",
                    "'\(text)' is already on lines[\(first)]; put the total qty on one line")
                ok = false
            }
            lines.append(OrderLine(sku: sku, qty: qty))
        }
        return ok ? lines : nil
    }

    /// An optional instant member, within `Limits.instantRange`.
    static func instant(_ json: JSONValue, _ key: String, _ problems: inout FieldProblems) -> Instant? {
        guard let text = json.member(key)?.stringValue else { return nil }
        guard let instant = ISO8601.parse(text), Limits.instantRange.contains(instant.minutes) else {
            problems.add(
                .invalidField, key,
                "must be an ISO 8601 instant with a UTC offset between 2000 and 2100, like 2026-12-24T10:00:00-08:00")
            return nil
        }
        return instant
    }
}
