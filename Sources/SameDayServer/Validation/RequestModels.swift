// The validated inputs of each write route, parsed field by field from `JSON`.
//
// Limits come from Core's `Limits` (the OpenAPI schemas and the store read the same values).

import SameDayCore

/// What the server needs to check references in a request.
struct ReferenceCheck: Sendable {
    var knowsSKU: @Sendable (SKU) -> Bool
    var knowsZIP: @Sendable (ZIP) -> Bool
    var knowsShippingNode: @Sendable (NodeID) -> Bool
}

/// `POST /v1/promise` body.
struct PromiseBody {
    var zip: ZIP
    var lines: [OrderLine]
    var at: Instant?

    static let fields = ["zip", "lines", "at"]

    static func parse(_ body: JSON, references: ReferenceCheck) throws(APIError) -> PromiseBody {
        var v = FieldValidator()
        guard let members = v.object(body, "") else {
            try v.finish()
            throw APIError(.invalidField, "body must be a JSON object")
        }
        v.rejectUnknown(members, allowed: fields, "")
        let zip = parseZIP(members, &v, references)
        let lines = parseLines(members, &v, references)
        let at = parseInstant(members, "at", &v)
        try v.finish()
        guard let zip, let lines else { throw APIError(.invalidField, "The body is invalid.") }
        return PromiseBody(zip: zip, lines: lines, at: at)
    }
}

/// `POST /v1/orders` body.
struct OrderBody {
    var zip: ZIP
    var lines: [OrderLine]
    var customer: String?
    /// The `deliverBy` the customer was shown; placing refuses to deliver later (409 `promise-changed`).
    var promisedDeliverBy: Instant?

    static let fields = ["zip", "lines", "customer", "promisedDeliverBy"]

    static func parse(_ body: JSON, references: ReferenceCheck) throws(APIError) -> OrderBody {
        var v = FieldValidator()
        guard let members = v.object(body, "") else {
            try v.finish()
            throw APIError(.invalidField, "body must be a JSON object")
        }
        v.rejectUnknown(members, allowed: fields, "")
        let zip = parseZIP(members, &v, references)
        let lines = parseLines(members, &v, references)
        let customer = v.string(
            members, "customer", "", required: false, maxLength: 64, allowed: Identifiers.isIDByte,
            allowedDescription: Identifiers.ruleDescription)
        let promised = parseInstant(members, "promisedDeliverBy", &v)
        try v.finish()
        guard let zip, let lines else { throw APIError(.invalidField, "The body is invalid.") }
        return OrderBody(zip: zip, lines: lines, customer: customer, promisedDeliverBy: promised)
    }
}

/// `POST /v1/inventory/receipts` and `/adjustments` bodies.
struct StockMovementBody {
    var node: NodeID
    var sku: SKU
    /// Receipt: units received (> 0). Adjustment: signed change (≠ 0).
    var quantity: Int
    var reason: String

    static func parse(_ body: JSON, quantityField: String, references: ReferenceCheck) throws(APIError)
        -> StockMovementBody
    {
        var v = FieldValidator()
        guard let members = v.object(body, "") else {
            try v.finish()
            throw APIError(.invalidField, "body must be a JSON object")
        }
        v.rejectUnknown(members, allowed: ["node", "sku", quantityField, "reason"], "")
        let node = v.string(
            members, "node", "", maxLength: 64, allowed: Identifiers.isIDByte,
            allowedDescription: Identifiers.ruleDescription)
        if let node, !references.knowsShippingNode(NodeID(node)) {
            v.fail(.unknownNode, "node", "'\(node)' is not a shipping node of the network (see GET /v1/nodes)")
        }
        let sku = v.string(
            members, "sku", "", maxLength: 64, allowed: Identifiers.isIDByte,
            allowedDescription: Identifiers.ruleDescription)
        if let sku, !references.knowsSKU(SKU(sku)) {
            v.fail(.unknownSKU, "sku", "'\(sku)' is not in the catalog")
        }
        let quantity: Int?
        if quantityField == "qty" {
            quantity = v.int(members, "qty", "", range: 1...Limits.maxStockMovement, rangeHint: "units received")
        } else {
            quantity = v.int(
                members, quantityField, "", range: -Limits.maxStockMovement...Limits.maxStockMovement,
                rangeHint: "signed change of on-hand units")
            if quantity == 0 { v.fail(.invalidField, quantityField, "must not be 0") }
        }
        let reason = v.string(members, "reason", "", maxLength: Limits.maxTextBytes)
        try v.finish()
        guard let node, let sku, let quantity, let reason else { throw APIError(.invalidField, "The body is invalid.") }
        return StockMovementBody(node: NodeID(node), sku: SKU(sku), quantity: quantity, reason: reason)
    }
}

private func parseInstant(_ members: [(key: String, value: JSON)], _ key: String, _ v: inout FieldValidator) -> Instant?
{
    guard let text = v.string(members, key, "", required: false, maxLength: Limits.maxInstantBytes) else {
        return nil
    }
    guard let instant = ISO8601.parse(text), Limits.instantRange.contains(instant.minutes) else {
        v.fail(
            .invalidField, key,
            "must be an ISO 8601 instant with a UTC offset between 2000 and 2100, like 2026-12-24T10:00:00-08:00")
        return nil
    }
    return instant
}

private func parseZIP(_ members: [(key: String, value: JSON)], _ v: inout FieldValidator, _ references: ReferenceCheck)
    -> ZIP?
{
    guard
        let text = v.string(
            members, "zip", "", maxLength: 5, allowed: Characters.isDigitByte,
            allowedDescription: "5 digits, like \"98109\"")
    else { return nil }
    guard text.utf8.count == 5 else {
        v.fail(.invalidField, "zip", "must be 5 digits, like \"98109\"")
        return nil
    }
    let zip = ZIP(text)
    guard references.knowsZIP(zip) else {
        v.fail(.unknownZIP, "zip", "'\(text)' is not in the ZIP table; SameDay delivers to US ZIPs with coordinates")
        return nil
    }
    return zip
}

private let lineFields = ["sku", "qty"]

private func parseLines(
    _ members: [(key: String, value: JSON)], _ v: inout FieldValidator, _ references: ReferenceCheck
)
    -> [OrderLine]?
{
    guard let elements = v.array(members, "lines", "", minCount: 1, maxCount: Limits.maxLines) else { return nil }
    var lines: [OrderLine] = []
    lines.reserveCapacity(elements.count)
    var lineElement: [Int] = []  // the element index of each of `lines`, for a repeated SKU's message
    lineElement.reserveCapacity(elements.count)
    var ok = true
    for (index, element) in elements.enumerated() {
        func path() -> String { "lines[\(index)]" }  // built only for a problem
        guard let line = v.object(element, path()) else {
            ok = false
            continue
        }
        v.rejectUnknown(line, allowed: lineFields, path())
        let sku = v.string(
            line, "sku", path(), maxLength: 64, allowed: Identifiers.isIDByte,
            allowedDescription: Identifiers.ruleDescription)
        let qty = v.int(line, "qty", path(), range: 1...Limits.maxQuantity, rangeHint: "units of one SKU per line")
        guard let sku, let qty else {
            ok = false
            continue
        }
        let id = SKU(sku)
        if !references.knowsSKU(id) {
            v.fail(.unknownSKU, "\(path()).sku", "'\(sku)' is not in the catalog")
            ok = false
            continue
        }
        // A linear scan: at most `Limits.maxLines` lines, and usually a few.
        if let first = lines.firstIndex(where: { $0.sku == id }) {
            v.fail(
                .repeatedSKU, "\(path()).sku",
                "'\(sku)' is already on lines[\(lineElement[first])]; put the total qty on one line")
            ok = false
            continue
        }
        lines.append(OrderLine(sku: id, qty: qty))
        lineElement.append(index)
    }
    return ok ? lines : nil
}
