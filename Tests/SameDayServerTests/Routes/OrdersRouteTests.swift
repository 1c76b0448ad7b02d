import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import SameDayStore
import Testing

@Suite struct OrdersRouteTests {
    static let body = #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#

    static func idempotency(_ key: String) -> HTTPFields { [HTTPField.Name("Idempotency-Key")!: key] }

    @Test func placeGetListCancel() async throws {
        try await Harness.withApp { client, keys, _ in
            // B7 ships from SEA1, which starts picking after its processing time, so it can still be cancelled.
            let placed = try await client.send(
                .post, "/v1/orders", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"B7","qty":1}]}"#,
                headers: Self.idempotency("k1"))
            #expect(placed.status == .created, "\(placed.body)")
            let order = try parse(placed.body)
            guard case .string(let id) = order["id"] else { throw TestFailure("no id: \(placed.body)") }
            #expect(order["customer"] == .string("c1"))
            #expect(order["zip"] == .string("98109"))
            #expect(order["status"] == .string("placed"))
            for field in ["deliverBy", "orderBy", "shipments"] { #expect(order[field] != nil, "\(field)") }
            guard case .array(let shipments) = order["shipments"], let shipment = shipments.first else {
                throw TestFailure("no shipments")
            }
            for field in ["id", "node", "status", "deliverBy", "modifiableUntil", "lines"] {
                #expect(shipment[field] != nil, "\(field)")
            }

            let fetched = try await client.send(.get, "/v1/orders/\(id)", key: keys.customer)
            #expect(fetched.status == .ok)
            #expect(try parse(fetched.body)["id"] == .string(id))

            let list = try await client.send(.get, "/v1/orders?limit=10", key: keys.customer)
            #expect(list.status == .ok)
            guard case .array(let orders) = try parse(list.body)["orders"] else { throw TestFailure("no orders") }
            #expect(orders.count == 1)

            let cancelled = try await client.send(.post, "/v1/orders/\(id)/cancel", key: keys.customer)
            #expect(cancelled.status == .ok, "\(cancelled.body)")
            #expect(try parse(cancelled.body)["status"] == .string("cancelled"))
        }
    }

    @Test func anotherCustomersOrderIsNotFound() async throws {
        try await Harness.withApp { client, keys, _ in
            let placed = try parse(
                try await client.send(
                    .post, "/v1/orders", key: keys.customer, json: Self.body, headers: Self.idempotency("k")
                ).body)
            guard case .string(let id) = placed["id"] else { throw TestFailure("no id") }
            let theirs = try await client.send(.get, "/v1/orders/\(id)", key: keys.otherCustomer)
            let missing = try await client.send(.get, "/v1/orders/o_doesnotexist", key: keys.otherCustomer)
            try expectProblem(theirs, status: 404, code: "not-found")
            try expectProblem(missing, status: 404, code: "not-found")
            try expectProblem(
                try await client.send(.post, "/v1/orders/\(id)/cancel", key: keys.otherCustomer), status: 404)
            // The operator sees every order.
            #expect(try await client.send(.get, "/v1/orders/\(id)", key: keys.operator).status == .ok)
        }
    }

    @Test func sameKeySameBodyIsOneOrder() async throws {
        try await Harness.withApp { client, keys, _ in
            let first = try await client.send(
                .post, "/v1/orders", key: keys.customer, json: Self.body, headers: Self.idempotency("same"))
            let again = try await client.send(
                .post, "/v1/orders", key: keys.customer, json: Self.body, headers: Self.idempotency("same"))
            #expect(first.status == .created)
            #expect(again.status == .created)
            #expect(try parse(first.body)["id"] == parse(again.body)["id"])
            let other = try await client.send(
                .post, "/v1/orders", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"A1","qty":2}]}"#,
                headers: Self.idempotency("same"))
            try expectProblem(other, status: 422, code: "idempotency-key-reused")
        }
    }

    @Test func retryStormWithOneKeyPlacesOneOrder() async throws {
        try await Harness.withApp { client, keys, store in
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let r = try await client.send(
                            .post, "/v1/orders", key: keys.customer, json: Self.body, headers: Self.idempotency("storm")
                        )
                        guard case .string(let id) = try parse(r.body)["id"] else {
                            return "status \(r.status.code): \(r.body)"
                        }
                        return id
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1, "\(ids)")
            let page = try await store.orders(customer: .init("c1"), limit: 100, after: nil)
            #expect(page.orders.count == 1)
        }
    }

    @Test func idempotencyKeyIsRequiredAndBounded() async throws {
        try await Harness.withApp { client, keys, _ in
            try expectProblem(
                try await client.send(.post, "/v1/orders", key: keys.customer, json: Self.body), status: 400,
                code: "missing-idempotency-key")
            try expectProblem(
                try await client.send(
                    .post, "/v1/orders", key: keys.customer, json: Self.body,
                    headers: Self.idempotency(String(repeating: "k", count: 201))),
                status: 400, code: "invalid-idempotency-key")
            let longest = try await client.send(
                .post, "/v1/orders", key: keys.customer, json: Self.body,
                headers: Self.idempotency(String(repeating: "k", count: 200)))
            #expect(longest.status == .created)
        }
    }

    @Test func operatorMustNameTheCustomer() async throws {
        try await Harness.withApp { client, keys, _ in
            try expectProblem(
                try await client.send(
                    .post, "/v1/orders", key: keys.operator, json: Self.body, headers: Self.idempotency("op")),
                status: 422, code: "missing-field")
            let placed = try await client.send(
                .post, "/v1/orders", key: keys.operator,
                json: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"customer":"c9"}"#,
                headers: Self.idempotency("op"))
            #expect(placed.status == .created)
            #expect(try parse(placed.body)["customer"] == .string("c9"))
            try expectProblem(
                try await client.send(
                    .post, "/v1/orders", key: keys.customer,
                    json: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}],"customer":"c9"}"#,
                    headers: Self.idempotency("c")),
                status: 403, code: "forbidden")
        }
    }

    @Test func outOfStockIs409() async throws {
        try await Harness.withApp { client, keys, _ in
            let response = try await client.send(
                .post, "/v1/orders", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"LAST","qty":11}]}"#,
                headers: Self.idempotency("big"))
            try expectProblem(response, status: 409, code: "out-of-stock")
        }
    }

    @Test func cancelAfterPickingIsTooLate() async throws {
        let clock = TestClock()
        try await Harness.withApp(clock: clock) { client, keys, store in
            let placed = try parse(
                try await client.send(
                    .post, "/v1/orders", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"B7","qty":1}]}"#,
                    headers: Self.idempotency("late")
                ).body)
            guard case .string(let id) = placed["id"] else { throw TestFailure("no id") }
            clock.advance(minutes: 24 * 60)
            _ = try await store.advance(to: clock.now)
            try expectProblem(
                try await client.send(.post, "/v1/orders/\(id)/cancel", key: keys.customer), status: 409,
                code: "too-late")
        }
    }

    @Test func listPagingAndParameters() async throws {
        try await Harness.withApp { client, keys, _ in
            for i in 0..<3 {
                let r = try await client.send(
                    .post, "/v1/orders", key: keys.customer, json: Self.body, headers: Self.idempotency("p\(i)"))
                #expect(r.status == .created)
            }
            let first = try parse(try await client.send(.get, "/v1/orders?limit=2", key: keys.customer).body)
            guard case .array(let page1) = first["orders"], case .string(let next) = first["next"] else {
                throw TestFailure("no next")
            }
            #expect(page1.count == 2)
            let second = try parse(
                try await client.send(.get, "/v1/orders?limit=2&after=\(next)", key: keys.customer).body)
            guard case .array(let page2) = second["orders"] else { throw TestFailure("no orders") }
            #expect(page2.count == 1)
            #expect(second["next"] == .null)
            try expectProblem(
                try await client.send(.get, "/v1/orders?limit=0", key: keys.customer), status: 400,
                code: "invalid-parameter")
            try expectProblem(
                try await client.send(.get, "/v1/orders?limit=abc", key: keys.customer), status: 400,
                code: "invalid-parameter")
            try expectProblem(
                try await client.send(.get, "/v1/orders", key: keys.operator), status: 400, code: "invalid-parameter")
            #expect(try await client.send(.get, "/v1/orders?customer=c1", key: keys.operator).status == .ok)
        }
    }
}
