// POST /v1/orders's body.

import SameDayCore
import SameDayStore

/// `{"zip", "lines", "customer", "promisedDeliverBy"}`: an order, placed at the plan the promise gives at commit.
struct OrderRequest: RequestBody {
    var zip: ZIP
    var lines: [OrderLine]
    /// The customer the order is for (operator keys only; a customer key orders for itself).
    var customer: CustomerID?
    /// The `deliverBy` the customer was shown; placing refuses to deliver later (409 `promise-changed`).
    var promisedDeliverBy: Instant?

    static let schemaName = "OrderRequest"

    static var schema: JSONSchema {
        .object([
            .init("zip", RequestFields.zip),
            .init("lines", RequestFields.lines),
            .init(
                "customer",
                JSONSchema.id(
                    "The customer the order is for: required with an operator key; a customer key may only name itself."
                ).orNull,
                required: false),
            .init(
                "promisedDeliverBy",
                RequestFields.instant(
                    "The deliverBy the customer was shown; the order is refused (409 promise-changed) rather than placed later."
                ).orNull,
                required: false),
        ])
    }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        let zip = RequestFields.zip(json, references, &problems)
        let lines = RequestFields.lines(json, references, &problems)
        let promised = RequestFields.instant(json, "promisedDeliverBy", &problems)
        guard let zip, let lines else { return nil }
        self.zip = zip
        self.lines = lines
        self.customer = json.member("customer")?.stringValue.map(CustomerID.init)
        self.promisedDeliverBy = promised
    }
}
