// GET /v1/events: the events feed in commit order — a customer's own, or (operator) everyone's.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct EventsController {
    let store: any Store

    static let endpoints = [list]

    func addRoutes(to api: inout API) {
        api.add(Self.list, list)
    }

    static let list = Endpoint(
        .get, "/v1/events", operationID: "listEvents", tag: "events", summary: "Events in commit order",
        description: "Each event was written in the same transaction as the change it describes, and events appear "
            + "in the order their transactions committed: reading on from the last id seen misses none. A customer "
            + "key reads its own; an operator key reads all (or one customer's with `customer`).",
        access: .roles([.operator, .customer]),
        parameters: [
            Parameter(
                "after", in: .query,
                JSONSchema(
                    .string(
                        StringRule(
                            minLength: 1, maxLength: 19,
                            syntax: StringSyntax(pattern: "^[0-9]{1,19}$", words: "an event id (digits)") { utf8 in
                                (1...19).contains(utf8.count) && utf8.allSatisfy { (48...57).contains($0) }
                                    && Int(String(decoding: utf8, as: UTF8.self)) != nil
                            })), examples: [.string("42")]),
                "The id of the last event read (the previous page's `next`)."),
            Parameter(
                "limit", in: .query,
                .integer(1...Limits.maxEventPageSize, example: Limits.defaultEventPageSize),
                "Events per page (default \(Limits.defaultEventPageSize))."),
            Parameter("customer", in: .query, .id(), "Operator keys: only this customer's events."),
        ],
        responses: [.json(EventPageBody.self, "A page of events.")], problems: [.forbidden, .notFound])

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try Self.list.parameters(request, context)
        let customer = try principal.customerScope(named: query.string("customer").map(CustomerID.init), "events")
        let page = try await store.eventPage(
            after: query.string("after").flatMap { Int($0) }, customer: customer,
            limit: query.int("limit") ?? Limits.defaultEventPageSize)
        return EventPageBody(page: page).response(capacity: 200 * page.events.count + 64)
    }
}
