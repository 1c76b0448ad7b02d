// /v1/deliveries: a customer's upcoming deliveries and which SKUs can join one, through the production router.

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import SameDayStore
import Testing

@Suite struct DeliveriesRouteTests {
    static func idempotency(_ key: String) -> HTTPFields { [HTTPField.Name("Idempotency-Key")!: key] }

    /// Places B7 ×1 to 98109 for the harness's customer (it ships from SEA1, which picks after 120 minutes).
    static func placeMilk(_ client: some TestClientProtocol, _ keys: TestKeys) async throws -> JSONValue {
        let placed = try await client.send(
            .post, "/v1/orders", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"B7","qty":1}]}"#,
            headers: idempotency("milk"))
        #expect(placed.status == .created, "\(placed.body)")
        return try parse(placed.body)
    }

    static func results(_ body: String) throws -> [JSONValue] {
        guard case .array(let results) = try parse(body)["results"] else { throw TestFailure("no results: \(body)") }
        return results
    }

    @Test func anUpcomingShipmentIsListedAndTakesWhatItsNodeCanDeliverInTime() async throws {
        let clock = TestClock()
        try await Harness.withApp(clock: clock) { client, keys, _ in
            // Asked before the order (the answer is cached a second), then right after it: this server's own
            // order shows at once.
            let none = try Self.results(
                try await client.send(
                    .post, "/v1/deliveries/eligibility", key: keys.customer, json: #"{"skus":["A1"]}"#
                ).body)
            #expect(none.first?["reason"] == .string("no-upcoming-delivery"))
            let order = try await Self.placeMilk(client, keys)
            guard case .array(let shipments) = order["shipments"], let shipment = shipments.first,
                case .string(let shipmentID) = shipment["id"]
            else { throw TestFailure("no shipment: \(order)") }

            let list = try await client.send(.get, "/v1/deliveries", key: keys.customer)
            #expect(list.status == .ok, "\(list.body)")
            guard case .array(let deliveries) = try parse(list.body)["deliveries"], let delivery = deliveries.first
            else {
                throw TestFailure("no deliveries: \(list.body)")
            }
            #expect(deliveries.count == 1)
            #expect(delivery["shipment"] == .string(shipmentID))
            #expect(delivery["order"] == order["id"])
            #expect(delivery["node"] == .string("SEA1"))
            #expect(delivery["deliverBy"] == shipment["deliverBy"])
            #expect(delivery["addableUntil"] == shipment["modifiableUntil"])
            #expect(
                delivery["lines"]
                    == .array([.object([("sku", .string("B7")), ("qty", .integer(1)), ("priceCents", .integer(249))])]))

            // A1 (ambient) and LAST leave SEA1 on the same departure as the milk; all three can join.
            let asked = try await client.send(
                .post, "/v1/deliveries/eligibility", key: keys.customer, json: #"{"skus":["LAST","A1","B7"]}"#)
            #expect(asked.status == .ok, "\(asked.body)")
            let results = try Self.results(asked.body)
            #expect(results.map { $0["sku"] } == [.string("LAST"), .string("A1"), .string("B7")], "request order")
            for result in results {
                #expect(result["addable"] == .bool(true), "\(result)")
                #expect(result["shipment"] == .string(shipmentID))
                #expect(result["deliverBy"] == shipment["deliverBy"])
                #expect(result["addableUntil"] == shipment["modifiableUntil"])
                #expect(result["reason"] == nil)
            }

            // The operator asks for the customer by name and gets the same answers.
            let byOperator = try await client.send(
                .post, "/v1/deliveries/eligibility?customer=c1", key: keys.operator, json: #"{"skus":["A1"]}"#)
            #expect(try Self.results(byOperator.body).first?["shipment"] == .string(shipmentID), "\(byOperator.body)")

            // Sold out at SEA1: LAST can no longer join (the only upcoming shipment's reason).
            let adjusted = try await client.send(
                .post, "/v1/inventory/adjustments", key: keys.operator,
                json: #"{"node":"SEA1","sku":"LAST","delta":-10,"reason":"count"}"#)
            #expect(adjusted.status == .created, "\(adjusted.body)")
            let soldOut = try Self.results(
                try await client.send(
                    .post, "/v1/deliveries/eligibility", key: keys.customer, json: #"{"skus":["LAST"]}"#
                ).body)
            #expect(soldOut.first?["addable"] == .bool(false))
            #expect(soldOut.first?["reason"] == .string("out-of-stock"))

            // A minute before SEA1 starts picking it the shipment is upcoming; at that minute it is not.
            guard case .string(let until) = shipment["modifiableUntil"], let pickStarts = ISO8601.parse(until) else {
                throw TestFailure("no modifiableUntil")
            }
            clock.set(pickStarts - 1)
            let before = try parse(try await client.send(.get, "/v1/deliveries", key: keys.customer).body)
            guard case .array(let stillThere) = before["deliveries"] else { throw TestFailure("\(before)") }
            #expect(stillThere.count == 1)
            clock.set(pickStarts)
            let after = try parse(try await client.send(.get, "/v1/deliveries", key: keys.customer).body)
            #expect(after["deliveries"] == .array([]))
            let late = try Self.results(
                try await client.send(
                    .post, "/v1/deliveries/eligibility", key: keys.customer, json: #"{"skus":["A1"]}"#
                ).body)
            #expect(late.first?["reason"] == .string("no-upcoming-delivery"))
        }
    }

    @Test func aShipmentListsTheSKUsThatCanJoinItPageByPage() async throws {
        let clock = TestClock()
        try await Harness.withApp(clock: clock) { client, keys, _ in
            let order = try await Self.placeMilk(client, keys)
            guard case .array(let shipments) = order["shipments"], let shipment = shipments.first,
                case .string(let id) = shipment["id"], case .string(let until) = shipment["modifiableUntil"],
                let pickStarts = ISO8601.parse(until)
            else { throw TestFailure("no shipment: \(order)") }
            let url = "/v1/deliveries/\(id)/addable"
            let all = try parse(try await client.send(.get, url, key: keys.customer).body)
            // Everything SEA1 stocks can join (the milk's shipment is chilled-capable); ascending by SKU id, with
            // the units free at SEA1 (one milk is reserved) and the price now.
            #expect(
                all["items"]
                    == .array([
                        .object([
                            ("sku", .string("A1")), ("name", .string("Socks, wool")), ("priceCents", .integer(1299)),
                            ("available", .integer(100)),
                        ]),
                        .object([
                            ("sku", .string("B7")), ("name", .string("Milk 1L")), ("priceCents", .integer(249)),
                            ("available", .integer(19)),
                        ]),
                        .object([
                            ("sku", .string("LAST")), ("name", .string("Last units")), ("priceCents", .integer(999)),
                            ("available", .integer(10)),
                        ]),
                    ]), "\(all)")
            #expect(all["next"] == .null)
            let first = try parse(try await client.send(.get, url + "?limit=2", key: keys.customer).body)
            guard case .array(let firstItems) = first["items"] else { throw TestFailure("\(first)") }
            #expect(firstItems.map { $0["sku"] } == [.string("A1"), .string("B7")])
            #expect(first["next"] == .string("B7"))
            let second = try parse(try await client.send(.get, url + "?limit=2&after=B7", key: keys.customer).body)
            guard case .array(let secondItems) = second["items"] else { throw TestFailure("\(second)") }
            #expect(secondItems.map { $0["sku"] } == [.string("LAST")])
            #expect(second["next"] == .null)
            // An operator names the customer; another customer, or a shipment that does not exist, is not found.
            let byOperator = try await client.send(.get, url + "?customer=c1&limit=1", key: keys.operator)
            #expect(byOperator.status == .ok, "\(byOperator.body)")
            try expectProblem(
                try await client.send(.get, url, key: keys.otherCustomer), status: 404, code: "not-found")
            try expectProblem(
                try await client.send(.get, "/v1/deliveries/s_nope/addable", key: keys.customer), status: 404,
                code: "not-found")
            try expectProblem(try await client.send(.get, url + "?limit=0", key: keys.customer), status: 400)
            // Once SEA1 starts picking it, nothing can join.
            clock.set(pickStarts)
            try expectProblem(try await client.send(.get, url, key: keys.customer), status: 409, code: "too-late")
        }
    }

    @Test func anotherCustomerHasNoUpcomingDelivery() async throws {
        try await Harness.withApp { client, keys, _ in
            _ = try await Self.placeMilk(client, keys)
            let list = try await client.send(.get, "/v1/deliveries", key: keys.otherCustomer)
            #expect(try parse(list.body)["deliveries"] == .array([]))
            let asked = try await client.send(
                .post, "/v1/deliveries/eligibility", key: keys.otherCustomer, json: #"{"skus":["A1","B7"]}"#)
            for result in try Self.results(asked.body) {
                #expect(result["addable"] == .bool(false))
                #expect(result["reason"] == .string("no-upcoming-delivery"))
            }
            // A customer key cannot ask about someone else.
            try expectProblem(
                try await client.send(.get, "/v1/deliveries?customer=c1", key: keys.otherCustomer), status: 403,
                code: "forbidden")
        }
    }

    @Test func badQuestionsAreRefusedWithWhatIsWrong() async throws {
        try await Harness.withApp { client, keys, _ in
            let url = "/v1/deliveries/eligibility"
            try expectProblem(
                try await client.send(.post, url, key: keys.customer, json: #"{"skus":["A1","NOPE"]}"#), status: 422,
                code: "unknown-sku")
            try expectProblem(
                try await client.send(.post, url, key: keys.customer, json: #"{"skus":["A1","B7","A1"]}"#),
                status: 422, code: "repeated-sku")
            try expectProblem(
                try await client.send(.post, url, key: keys.customer, json: #"{"skus":[]}"#), status: 422)
            let tooMany = (0...Limits.maxEligibilitySKUs).map { _ in #""A1""# }.joined(separator: ",")
            try expectProblem(
                try await client.send(.post, url, key: keys.customer, json: #"{"skus":["# + tooMany + "]}"), status: 422
            )
            try expectProblem(
                try await client.send(.post, url, key: keys.operator, json: #"{"skus":["A1"]}"#), status: 400,
                code: "invalid-parameter")
            try expectProblem(
                try await client.send(.get, "/v1/deliveries", key: keys.seller), status: 403, code: "forbidden")
            try expectProblem(try await client.send(.get, "/v1/deliveries", key: nil), status: 401)
        }
    }
}

@Suite struct AddToDeliveryRouteTests {
    @Test func anAddableItemIsAddedAndTheOrderAnswerMarksIt() async throws {
        try await Harness.withApp { client, keys, _ in
            let order = try await DeliveriesRouteTests.placeMilk(client, keys)
            guard case .array(let shipments) = order["shipments"], let shipment = shipments.first,
                case .string(let id) = shipment["id"], case .string(let orderID) = order["id"]
            else { throw TestFailure("no shipment: \(order)") }
            // Eligibility says A1 can join; the add right after succeeds.
            let asked = try DeliveriesRouteTests.results(
                try await client.send(
                    .post, "/v1/deliveries/eligibility", key: keys.customer, json: #"{"skus":["A1"]}"#
                ).body)
            #expect(asked.first?["addable"] == .bool(true))
            let path = "/v1/deliveries/\(id)/lines"
            let added = try await client.send(
                .post, path, key: keys.customer, json: #"{"sku":"A1","qty":2}"#,
                headers: DeliveriesRouteTests.idempotency("add-1"))
            #expect(added.status == .ok, "\(added.body)")
            let body = try parse(added.body)
            #expect(body["id"] == .string(orderID))
            guard case .array(let after) = body["shipments"], case .array(let lines) = after.first?["lines"] else {
                throw TestFailure("\(added.body)")
            }
            #expect(lines.count == 2)
            #expect(lines.last?["sku"] == .string("A1"))
            #expect(lines.last?["added"] == .bool(true))
            #expect(lines.first?["added"] == nil, "the ordered line is not marked")
            #expect(after.first?["deliverBy"] == shipment["deliverBy"])
            let read = try await client.send(.get, "/v1/orders/\(orderID)", key: keys.customer)
            #expect(try parse(read.body) == body, "GET /v1/orders/{id} answers the same order")
            // "Your upcoming deliveries" shows the added line as the order does.
            let upcoming = try parse(try await client.send(.get, "/v1/deliveries", key: keys.customer).body)
            guard case .array(let deliveries) = upcoming["deliveries"],
                case .array(let listed) = deliveries.first?["lines"]
            else { throw TestFailure("\(upcoming)") }
            #expect(listed == lines, "GET /v1/deliveries lists the same lines, the added one marked")
            // The events feed (and so webhooks) tells of the add, with the order's new total.
            let feed = try parse(try await client.send(.get, "/v1/events", key: keys.customer).body)
            guard case .array(let events) = feed["events"] else { throw TestFailure("\(feed)") }
            let addedEvents = events.filter { $0["type"] == .string("order-line-added") }
            #expect(addedEvents.count == 1, "\(events)")
            #expect(addedEvents.first?["orderId"] == .string(orderID))
            #expect(addedEvents.first?["shipmentId"] == .string(id))
            #expect(addedEvents.first?["sku"] == .string("A1"))
            #expect(addedEvents.first?["totalCents"] == body["totalCents"])

            // A retry answers the first answer; the key with another body is refused.
            let retry = try await client.send(
                .post, path, key: keys.customer, json: #"{"sku":"A1","qty":2}"#,
                headers: DeliveriesRouteTests.idempotency("add-1"))
            #expect(retry.status == .ok)
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            _ = try expectProblem(
                try await client.send(
                    .post, path, key: keys.customer, json: #"{"sku":"A1","qty":3}"#,
                    headers: DeliveriesRouteTests.idempotency("add-1")), status: 422,
                code: "idempotency-key-reused")
            // Refusals name the rule; bad input names the field; another customer's shipment is not found.
            _ = try expectProblem(
                try await client.send(
                    .post, path, key: keys.customer, json: #"{"sku":"LAST","qty":11}"#,
                    headers: DeliveriesRouteTests.idempotency("add-2")), status: 409, code: "out-of-stock")
            _ = try expectProblem(
                try await client.send(
                    .post, path, key: keys.customer, json: #"{"sku":"NOPE","qty":1}"#,
                    headers: DeliveriesRouteTests.idempotency("add-3")), status: 422, code: "unknown-sku")
            _ = try expectProblem(
                try await client.send(
                    .post, path, key: keys.customer, json: #"{"sku":"A1","qty":0}"#,
                    headers: DeliveriesRouteTests.idempotency("add-4")), status: 422, code: "invalid-field")
            _ = try expectProblem(
                try await client.send(.post, path, key: keys.customer, json: #"{"sku":"A1","qty":1}"#),
                status: 400, code: "missing-idempotency-key")
            _ = try expectProblem(
                try await client.send(
                    .post, path, key: keys.otherCustomer, json: #"{"sku":"A1","qty":1}"#,
                    headers: DeliveriesRouteTests.idempotency("add-5")), status: 404, code: "not-found")
        }
    }
}
