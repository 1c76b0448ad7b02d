// GET /v1/kpis and GET /v1/nodes/{id}/shipments: the dashboard's data.

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayStore
import Testing

@testable import SameDayServer

@Suite struct KPIsRouteTests {
    static func idempotency(_ key: String) -> HTTPFields { [HTTPField.Name("Idempotency-Key")!: key] }

    static func place(
        _ client: any TestClientProtocol, _ keys: TestKeys, _ json: String, key: String
    ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        try await client.send(.post, "/v1/orders", key: keys.customer, json: json, headers: idempotency(key))
    }

    @Test func theBodyIsTheFiguresOfTheDaysCountsWithTheDashboardsMembers() async throws {
        let clock = TestClock()
        try await Harness.withApp(clock: clock) { client, keys, store in
            let engine = try Harness.world().engine
            let network = Figures.networkClock(engine)
            #expect(
                try await Self.place(client, keys, #"{"zip":"98109","lines":[{"sku":"A1","qty":2}]}"#, key: "a").status
                    == .created)
            clock.advance(minutes: 70)
            #expect(
                try await Self.place(
                    client, keys, #"{"zip":"98101","lines":[{"sku":"B7","qty":1},{"sku":"A1","qty":1}]}"#, key: "b"
                ).status == .created)
            let refused = try await Self.place(
                client, keys, #"{"zip":"98109","lines":[{"sku":"LAST","qty":11}]}"#, key: "c")
            try expectProblem(refused, status: 409, code: "out-of-stock")

            let answer = try await client.send(.get, "/v1/kpis", key: keys.operator)
            #expect(answer.status == .ok, "\(answer.body)")
            // Core's figures of the same counts: the recount of the stored orders and the refused one.
            var counts = try await store.recountKPICounts(engine: engine).figures
            counts.add(
                OrderFacts(
                    hour: Figures.hourStart(of: clock.now, on: network), outcome: .unavailable(.outOfStock),
                    requestedUnits: 11, shipments: []))
            // No clock ran: the now-site's 30-minute shipment of 10:00 is overdue at 11:10.
            counts.addOverdue(node: "SEA-NOW1")
            var figures: [UInt8] = []
            Figures(counts: counts, clock: network).writeJSON(to: &figures)
            let prefix = String(decoding: figures.dropLast(), as: UTF8.self) + #","date":"#
            #expect(answer.body.hasPrefix(prefix), "\(answer.body)\n\(prefix)")

            let body = try parse(answer.body)
            #expect(body["orders"] == .integer(3))
            #expect(body["outOfStockOrders"] == .integer(1))
            #expect(body["units"] == .integer(4))
            #expect(body["date"] == .string("2026-12-23"))
            #expect(body["asOf"] == .string(ISO8601.format(clock.now, in: network)))
            #expect(body["previousDay"]?["date"] == .string("2026-12-22"))
            guard case .array(let previousHours) = body["previousDay"]?["hours"] else { throw TestFailure("hours") }
            #expect(previousHours.count == 24)
            #expect(previousHours.first?["hour"] == .string("2026-12-22T00:00:00-08:00"))
            let shipments = counts.shipments
            #expect(body["shipmentsByStatus"]?["placed"] == .integer(shipments))
            #expect(body["shipmentsByStatus"]?["delivered"] == .integer(0))
            guard case .array(let hours) = body["hours"] else { throw TestFailure("hours") }
            #expect(hours.count == 2)
            #expect(hours.first?["hour"] == .string("2026-12-23T10:00:00-08:00"))
            #expect(hours.last?["unavailable"] == .integer(1))
            #expect(body["lateShipments"] == .integer(1))
            guard case .array(let atRisk) = body["attention"]?["atRisk"], case .array = body["attention"]?["stockouts"]
            else { throw TestFailure("attention") }
            #expect(atRisk.count == 1)
            #expect(atRisk.first?["node"] == .string("SEA-NOW1"))
            #expect(atRisk.first?["slackMinutes"] == .integer(-40))
        }
    }

    @Test func ordersCountOnTheNetworkClocksDayEitherSideOfMidnight() async throws {
        let clock = TestClock(ISO8601.parse("2026-12-23T23:59:00-08:00")!)
        try await Harness.withApp(clock: clock) { client, keys, _ in
            let order = #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#
            #expect(try await Self.place(client, keys, order, key: "late").status == .created)
            clock.advance(minutes: 1)
            #expect(try await Self.place(client, keys, order, key: "early").status == .created)
            #expect(try await Self.place(client, keys, order, key: "early2").status == .created)

            let before = try parse(try await client.send(.get, "/v1/kpis?date=2026-12-23", key: keys.operator).body)
            #expect(before["orders"] == .integer(1))
            let today = try parse(try await client.send(.get, "/v1/kpis", key: keys.operator).body)
            #expect(today["date"] == .string("2026-12-24"))
            #expect(today["orders"] == .integer(2))
            guard case .array(let hours) = today["hours"], case .array(let previous) = today["previousDay"]?["hours"]
            else { throw TestFailure("hours") }
            #expect(hours.first?["hour"] == .string("2026-12-24T00:00:00-08:00"))
            #expect(previous.last?["hour"] == .string("2026-12-23T23:00:00-08:00"))
            #expect(previous.last?["orders"] == .integer(1))
            #expect(previous.dropLast().allSatisfy { $0["orders"] == .integer(0) })
            let empty = try parse(try await client.send(.get, "/v1/kpis?date=2026-12-25", key: keys.operator).body)
            #expect(empty["orders"] == .integer(0))
            #expect(empty["unitsPerContainer"] == .null)
        }
    }

    @Test func onlyAnOperatorMayReadThemAndABadDateIsRefused() async throws {
        try await Harness.withApp { client, keys, _ in
            try expectProblem(try await client.send(.get, "/v1/kpis", key: nil), status: 401, code: "unauthorized")
            try expectProblem(
                try await client.send(.get, "/v1/kpis", key: keys.customer), status: 403, code: "forbidden")
            try expectProblem(
                try await client.send(.get, "/v1/nodes/SEA1/shipments", key: keys.customer), status: 403,
                code: "forbidden")
            for date in ["2026-13-01", "yesterday", "2026-12-1", "2026-02-30"] {
                let problem = try expectProblem(
                    try await client.send(.get, "/v1/kpis?date=\(date)", key: keys.operator), status: 400,
                    code: "invalid-parameter")
                guard case .string(let detail) = problem["detail"] else { throw TestFailure("detail") }
                #expect(detail.contains("date"), "\(detail)")
            }
        }
    }

    @Test func aNodesOpenShipmentsSoonestFirstWithinTheLimit() async throws {
        let clock = TestClock()
        try await Harness.withApp(clock: clock) { client, keys, store in
            for key in ["a", "b", "c"] {
                #expect(
                    try await Self.place(client, keys, #"{"zip":"98109","lines":[{"sku":"B7","qty":1}]}"#, key: key)
                        .status == .created)
                clock.advance(minutes: 1)
            }
            let answer = try await client.send(.get, "/v1/nodes/SEA1/shipments", key: keys.operator)
            #expect(answer.status == .ok, "\(answer.body)")
            guard case .array(let shipments) = try parse(answer.body)["shipments"] else { throw TestFailure("list") }
            #expect(shipments.count == 3)
            #expect(shipments.first?["status"] == .string("placed"))
            #expect(shipments.first?["units"] == .integer(1))
            let limited = try parse(
                try await client.send(.get, "/v1/nodes/SEA1/shipments?limit=2", key: keys.operator).body)
            guard case .array(let two) = limited["shipments"] else { throw TestFailure("limited") }
            #expect(two.count == 2)
            #expect(Array(shipments.prefix(2)) == two)
            for limit in ["0", "201", "x"] {
                try expectProblem(
                    try await client.send(.get, "/v1/nodes/SEA1/shipments?limit=\(limit)", key: keys.operator),
                    status: 400, code: "invalid-parameter")
            }
            try expectProblem(
                try await client.send(.get, "/v1/nodes/NOPE/shipments", key: keys.operator), status: 404,
                code: "not-found")
            // Delivered shipments leave the list.
            _ = try await store.advance(to: clock.now + 3 * 1440)
            let after = try parse(try await client.send(.get, "/v1/nodes/SEA1/shipments", key: keys.operator).body)
            #expect(after["shipments"] == .array([]))
        }
    }
}
