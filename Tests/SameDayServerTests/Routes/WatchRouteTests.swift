// Prices, watches and events through the production router, with the server's own watch worker running: a price
// drop buys, exactly once, at or below the target; roles, tenancy and bad input on every route.

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import SameDayStore
import Testing

@Suite struct WatchRouteTests {
    static func idempotency(_ key: String) -> HTTPFields { [HTTPField.Name("Idempotency-Key")!: key] }

    static func watchBody(sku: String = "A1", target: Int, qty: Int = 1, autoBuy: Bool = true, extra: String = "")
        -> String
    {
        #"{"sku":"\#(sku)","targetPriceCents":\#(target),"qty":\#(qty),"zip":"98109","autoBuy":\#(autoBuy)\#(extra)}"#
    }

    /// Polls the watch until its status is not `active` (the worker serves it right after the commit).
    static func settled(_ client: any TestClientProtocol, _ id: String, key: String) async throws -> JSONValue {
        for _ in 0..<200 {
            let watch = try parse(try await client.send(.get, "/v1/watches/\(id)", key: key).body)
            if watch["status"] != .string("active") { return watch }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw TestFailure("watch \(id) is still active")
    }

    @Test func aPriceDropBuysAtOrBelowTheTargetExactlyOnce() async throws {
        try await Harness.withApp { client, keys, _ in
            let created = try await client.send(
                .post, "/v1/watches", key: keys.customer, json: Self.watchBody(target: 1000, qty: 2),
                headers: Self.idempotency("w1"))
            #expect(created.status == .created, "\(created.body)")
            let watch = try parse(created.body)
            #expect(watch["status"] == .string("active"))
            #expect(watch["orderId"] == .null)
            let id = try #require(watch["id"]?.stringValue)
            #expect(created.headers[.location] == "/v1/watches/\(id)")
            let replay = try await client.send(
                .post, "/v1/watches", key: keys.customer, json: Self.watchBody(target: 1000, qty: 2),
                headers: Self.idempotency("w1"))
            #expect(replay.status == .created)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try parse(replay.body)["id"] == .string(id))
            // 1299 → 1001: still above. 1001 → 999: bought at 999.
            let up = try await client.send(
                .put, "/v1/catalog/A1/price", key: keys.operator, json: #"{"priceCents":1001}"#)
            #expect(up.status == .ok, "\(up.body)")
            try await Task.sleep(for: .milliseconds(300))
            #expect(
                try parse(try await client.send(.get, "/v1/watches/\(id)", key: keys.customer).body)["status"]
                    == .string("active"))
            let drop = try await client.send(
                .put, "/v1/catalog/A1/price", key: keys.seller, json: #"{"priceCents":999}"#)
            #expect(drop.status == .ok, "\(drop.body)")
            #expect(try parse(drop.body)["changed"] == .bool(true))
            let bought = try await Self.settled(client, id, key: keys.customer)
            #expect(bought["status"] == .string("bought"))
            let orderID = try #require(bought["orderId"]?.stringValue)
            let order = try parse(try await client.send(.get, "/v1/orders/\(orderID)", key: keys.customer).body)
            #expect(order["totalCents"] == .integer(1998))
            guard case .array(let shipments) = order["shipments"], case .array(let lines)? = shipments.first?["lines"]
            else { throw TestFailure("no lines: \(order)") }
            #expect(lines.first?["priceCents"] == .integer(999))
            // Another drop buys nothing more.
            _ = try await client.send(.put, "/v1/catalog/A1/price", key: keys.operator, json: #"{"priceCents":500}"#)
            try await Task.sleep(for: .milliseconds(300))
            let orders = try parse(try await client.send(.get, "/v1/orders", key: keys.customer).body)
            #expect(orders["orders"]?.arrayValue?.count == 1)
            let events = try parse(try await client.send(.get, "/v1/events", key: keys.customer).body)
            let types = (events["events"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }
            #expect(types == ["watch-created", "order-placed", "watch-bought"], "\(types)")
            let cancel = try await client.send(.delete, "/v1/watches/\(id)", key: keys.customer)
            try expectProblem(cancel, status: 409, code: "too-late")
            let metrics = try await client.send(.get, "/metrics", key: nil).body
            #expect(metrics.contains("sameday_watch_buys_total 1\n"))
            #expect(metrics.contains("sameday_watch_trigger_lag_seconds_count 1\n"))
        }
    }

    @Test func aWatchCreatedAtOrAboveThePriceBuysAndNotifyOnlyWatchesDoNot() async throws {
        try await Harness.withApp { client, keys, _ in
            let buy = try parse(
                try await client.send(
                    .post, "/v1/watches", key: keys.customer, json: Self.watchBody(target: 1299),
                    headers: Self.idempotency("a")
                ).body)
            let notify = try parse(
                try await client.send(
                    .post, "/v1/watches", key: keys.customer, json: Self.watchBody(target: 1300, autoBuy: false),
                    headers: Self.idempotency("b")
                ).body)
            let bought = try await Self.settled(client, try #require(buy["id"]?.stringValue), key: keys.customer)
            #expect(bought["status"] == .string("bought"))
            let notified = try await Self.settled(client, try #require(notify["id"]?.stringValue), key: keys.customer)
            #expect(notified["status"] == .string("notified"))
            #expect(notified["orderId"] == .null)
        }
    }

    @Test func anOutOfStockAttemptIsRecordedAndAReceiptBuys() async throws {
        try await Harness.withApp { client, keys, _ in
            // LAST has 10 units at SEA1: a watch for 11 cannot be placed until more arrive.
            let created = try parse(
                try await client.send(
                    .post, "/v1/watches", key: keys.customer, json: Self.watchBody(sku: "LAST", target: 999, qty: 11),
                    headers: Self.idempotency("k")
                ).body)
            let id = try #require(created["id"]?.stringValue)
            var watch = JSONValue.null
            for _ in 0..<200 {
                watch = try parse(try await client.send(.get, "/v1/watches/\(id)", key: keys.customer).body)
                if watch["lastAttempt"] != .null { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(watch["status"] == .string("active"))
            #expect(watch["lastAttempt"]?["reason"]?.stringValue?.hasPrefix("out-of-stock") == true, "\(watch)")
            let receipt = try await client.send(
                .post, "/v1/inventory/receipts", key: keys.operator,
                json: #"{"node":"SEA1","sku":"LAST","qty":1,"reason":"truck"}"#)
            #expect(receipt.status == .created)
            #expect(try await Self.settled(client, id, key: keys.customer)["status"] == .string("bought"))
        }
    }

    @Test func watchesAreScopedToTheirCustomer() async throws {
        try await Harness.withApp { client, keys, _ in
            let mine = try parse(
                try await client.send(
                    .post, "/v1/watches", key: keys.customer, json: Self.watchBody(target: 5),
                    headers: Self.idempotency("k")
                ).body)
            let id = try #require(mine["id"]?.stringValue)
            try expectProblem(try await client.send(.get, "/v1/watches/\(id)", key: keys.otherCustomer), status: 404)
            try expectProblem(try await client.send(.delete, "/v1/watches/\(id)", key: keys.otherCustomer), status: 404)
            try expectProblem(try await client.send(.get, "/v1/watches/w_404", key: keys.customer), status: 404)
            let theirs = try parse(try await client.send(.get, "/v1/watches", key: keys.otherCustomer).body)
            #expect(theirs["watches"]?.arrayValue?.isEmpty == true)
            try expectProblem(
                try await client.send(.get, "/v1/watches?customer=c1", key: keys.otherCustomer), status: 403,
                code: "forbidden")
            let all = try parse(try await client.send(.get, "/v1/watches?customer=c1", key: keys.operator).body)
            #expect(all["watches"]?.arrayValue?.count == 1)
            // Operators create for a customer they name; sellers may not watch.
            try expectProblem(
                try await client.send(
                    .post, "/v1/watches", key: keys.operator, json: Self.watchBody(target: 5),
                    headers: Self.idempotency("o")),
                status: 422, code: "missing-field")
            let forC2 = try await client.send(
                .post, "/v1/watches", key: keys.operator, json: Self.watchBody(target: 5, extra: #","customer":"c2""#),
                headers: Self.idempotency("o"))
            #expect(forC2.status == .created)
            #expect(try parse(forC2.body)["customer"] == .string("c2"))
            try expectProblem(
                try await client.send(
                    .post, "/v1/watches", key: keys.seller, json: Self.watchBody(target: 5),
                    headers: Self.idempotency("s")),
                status: 403)
            // Cancel: 200 with the watch, still readable as cancelled; again: the same.
            let cancelled = try await client.send(.delete, "/v1/watches/\(id)", key: keys.customer)
            #expect(cancelled.status == .ok)
            #expect(try parse(cancelled.body)["status"] == .string("cancelled"))
            #expect(try await client.send(.delete, "/v1/watches/\(id)", key: keys.customer).status == .ok)
            let read = try parse(try await client.send(.get, "/v1/watches/\(id)", key: keys.customer).body)
            #expect(read["status"] == .string("cancelled"))
        }
    }

    @Test func pricesAreChangedByTheirOwnersAndReadByAnyone() async throws {
        try await Harness.withApp { client, keys, _ in
            try expectProblem(
                try await client.send(.put, "/v1/catalog/B7/price", key: keys.seller, json: #"{"priceCents":5}"#),
                status: 403, code: "forbidden")
            try expectProblem(
                try await client.send(.put, "/v1/catalog/A1/price", key: keys.customer, json: #"{"priceCents":5}"#),
                status: 403)
            try expectProblem(
                try await client.send(.put, "/v1/catalog/ZZ/price", key: keys.operator, json: #"{"priceCents":5}"#),
                status: 404)
            for bad in [#"{"priceCents":0}"#, #"{"priceCents":100000001}"#, #"{"priceCents":"5"}"#, #"{"price":5}"#] {
                let answer = try await client.send(.put, "/v1/catalog/A1/price", key: keys.operator, json: bad)
                #expect(answer.status == .unprocessableContent, "\(bad): \(answer.body)")
            }
            _ = try await client.send(.put, "/v1/catalog/A1/price", key: keys.operator, json: #"{"priceCents":1099}"#)
            let same = try parse(
                try await client.send(.put, "/v1/catalog/A1/price", key: keys.operator, json: #"{"priceCents":1099}"#)
                    .body)
            #expect(same["changed"] == .bool(false))
            let item = try parse(try await client.send(.get, "/v1/catalog/A1", key: keys.customer).body)
            #expect(item["priceCents"] == .integer(1099))
            let history = try parse(try await client.send(.get, "/v1/catalog/A1/prices", key: keys.customer).body)
            #expect(history["points"]?.arrayValue?.compactMap { $0["priceCents"]?.intValue } == [1299, 1099])
            let svg = try await client.send(.get, "/v1/catalog/A1/prices.svg", key: keys.seller)
            #expect(svg.status == .ok)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.body.contains("lowest $10.99") && svg.body.contains("highest $12.99"))
            for query in [
                "from=yesterday", "to=2026-13-01T00:00:00Z", "from=2026-12-24T00:00:00Z&to=2026-12-23T00:00:00Z",
            ] {
                try expectProblem(
                    try await client.send(.get, "/v1/catalog/A1/prices?\(query)", key: keys.customer), status: 400,
                    code: "invalid-parameter")
            }
            try expectProblem(try await client.send(.get, "/v1/catalog/ZZ/prices.svg", key: keys.customer), status: 404)
        }
    }

    @Test func eventsPageInCommitOrderAndRefuseBadCursors() async throws {
        try await Harness.withApp { client, keys, _ in
            for i in 0..<3 {
                _ = try await client.send(
                    .post, "/v1/orders", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#,
                    headers: Self.idempotency("o\(i)"))
            }
            let first = try parse(try await client.send(.get, "/v1/events?limit=2", key: keys.customer).body)
            let next = try #require(first["next"]?.stringValue)
            let rest = try parse(try await client.send(.get, "/v1/events?after=\(next)", key: keys.customer).body)
            #expect(rest["events"]?.arrayValue?.count == 1)
            #expect(rest["next"] == .null)
            #expect(
                try parse(try await client.send(.get, "/v1/events", key: keys.otherCustomer).body)["events"]?
                    .arrayValue?.isEmpty == true)
            try expectProblem(
                try await client.send(.get, "/v1/events?after=\(next)", key: keys.otherCustomer), status: 404)
            for query in ["after=x1", "after=-1", "limit=0", "limit=1001", "after=99999999999999999999"] {
                try expectProblem(
                    try await client.send(.get, "/v1/events?\(query)", key: keys.customer), status: 400,
                    code: "invalid-parameter")
            }
            try expectProblem(try await client.send(.get, "/v1/events", key: keys.seller), status: 403)
        }
    }

    @Test func badWatchesAndWebhooksAreRefusedWithTheirField() async throws {
        try await Harness.withApp { client, keys, _ in
            let cases: [(String, String)] = [
                (Self.watchBody(sku: "ZZ", target: 5), "unknown-sku"),
                (#"{"sku":"A1","targetPriceCents":5,"qty":1,"zip":"00000","autoBuy":true}"#, "unknown-zip"),
                (Self.watchBody(target: 0), "invalid-field"),
                (Self.watchBody(target: 5, qty: 10_001), "invalid-field"),
                (Self.watchBody(target: 5, extra: #","expiresAt":"2020-01-01T00:00:00Z""#), "invalid-field"),
                (Self.watchBody(target: 5, extra: #","expiresAt":"soon""#), "invalid-field"),
                (Self.watchBody(target: 5, extra: #","color":"red""#), "unknown-field"),
                (#"{"sku":"A1","targetPriceCents":5,"qty":1,"zip":"98109","autoBuy":"yes"}"#, "invalid-field"),
            ]
            for (index, (body, code)) in cases.enumerated() {
                try expectProblem(
                    try await client.send(
                        .post, "/v1/watches", key: keys.customer, json: body, headers: Self.idempotency("bad\(index)")),
                    status: 422, code: code)
            }
            try expectProblem(
                try await client.send(.post, "/v1/watches", key: keys.customer, json: Self.watchBody(target: 5)),
                status: 400, code: "missing-idempotency-key")
            let hooks: [String] = [
                #"{"url":"ftp://example.com/x","secret":"0123456789abcdef"}"#,
                #"{"url":"http://user:pw@example.com/x","secret":"0123456789abcdef"}"#,
                #"{"url":"http://example.com/x","secret":"short"}"#,
                #"{"url":"http://example.com/x","secret":"0123456789abcdef","types":["nope"]}"#,
                #"{"url":"http://example.com/x","secret":"0123456789abcdef","types":[]}"#,
                #"{"url":"http://example.com:70000/x","secret":"0123456789abcdef"}"#,
            ]
            for body in hooks {
                let answer = try await client.send(.post, "/v1/webhooks", key: keys.operator, json: body)
                #expect(answer.status == .unprocessableContent, "\(body): \(answer.body)")
            }
            try expectProblem(
                try await client.send(
                    .post, "/v1/webhooks", key: keys.customer,
                    json: #"{"url":"http://example.com/x","secret":"0123456789abcdef"}"#),
                status: 403)
            try expectProblem(
                try await client.send(.get, "/v1/webhooks/wh_none/deliveries", key: keys.operator), status: 404)
            try expectProblem(try await client.send(.delete, "/v1/webhooks/wh_none", key: keys.operator), status: 404)
            let made = try await client.send(
                .post, "/v1/webhooks", key: keys.operator,
                json: #"{"url":"http://127.0.0.1:9/x","secret":"0123456789abcdef","types":["watch-bought"]}"#)
            #expect(made.status == .created, "\(made.body)")
            let id = try #require(try parse(made.body)["id"]?.stringValue)
            let list = try parse(try await client.send(.get, "/v1/webhooks", key: keys.operator).body)
            #expect(list["webhooks"]?.arrayValue?.count == 1)
            #expect(
                !(try await client.send(.get, "/v1/webhooks", key: keys.operator).body.contains("0123456789abcdef")))
            #expect(try await client.send(.delete, "/v1/webhooks/\(id)", key: keys.operator).status == .ok)
            try expectProblem(
                try await client.send(.get, "/v1/webhooks/\(id)/deliveries", key: keys.operator), status: 404)
        }
    }
}
