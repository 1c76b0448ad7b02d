import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import Testing

@Suite struct InventoryRouteTests {
    @Test func stockPerNode() async throws {
        try await Harness.withApp { client, keys, _ in
            let response = try await client.send(.get, "/v1/inventory/A1", key: keys.operator)
            #expect(response.status == .ok, "\(response.body)")
            guard case .array(let levels) = try parse(response.body) else { throw TestFailure("not an array") }
            #expect(levels.count == 3)
            let sea = levels.first { $0["node"] == .string("SEA1") }
            #expect(sea?["onHand"] == .integer(100))
            #expect(sea?["reserved"] == .integer(0))
            #expect(sea?["available"] == .integer(100))
            try expectProblem(
                try await client.send(.get, "/v1/inventory/NOPE", key: keys.operator), status: 404, code: "not-found")
        }
    }

    @Test func receiptsAndAdjustments() async throws {
        try await Harness.withApp { client, keys, _ in
            let receipt = try await client.send(
                .post, "/v1/inventory/receipts", key: keys.operator,
                json: #"{"node":"SEA1","sku":"A1","qty":5,"reason":"truck 12"}"#)
            #expect(receipt.status == .created, "\(receipt.body)")
            #expect(try parse(receipt.body)["onHand"] == .integer(105))
            let adjustment = try await client.send(
                .post, "/v1/inventory/adjustments", key: keys.operator,
                json: #"{"node":"SEA1","sku":"A1","delta":-10,"reason":"damaged"}"#)
            #expect(adjustment.status == .created, "\(adjustment.body)")
            #expect(try parse(adjustment.body)["onHand"] == .integer(95))
            try expectProblem(
                try await client.send(
                    .post, "/v1/inventory/adjustments", key: keys.operator,
                    json: #"{"node":"SEA1","sku":"A1","delta":-96,"reason":"count"}"#),
                status: 409, code: "would-go-negative")
        }
    }

    @Test func adjustmentBelowReservedIs409() async throws {
        try await Harness.withApp { client, keys, _ in
            let placed = try await client.send(
                .post, "/v1/orders", key: keys.customer, json: #"{"zip":"98109","lines":[{"sku":"LAST","qty":4}]}"#,
                headers: [HTTPField.Name("Idempotency-Key")!: "r"])
            #expect(placed.status == .created, "\(placed.body)")
            try expectProblem(
                try await client.send(
                    .post, "/v1/inventory/adjustments", key: keys.operator,
                    json: #"{"node":"SEA1","sku":"LAST","delta":-7,"reason":"count"}"#),
                status: 409, code: "would-go-negative")
            let ok = try await client.send(
                .post, "/v1/inventory/adjustments", key: keys.operator,
                json: #"{"node":"SEA1","sku":"LAST","delta":-6,"reason":"count"}"#)
            #expect(ok.status == .created)
        }
    }

    @Test func sellersActOnTheirOwnSKUsOnly() async throws {
        try await Harness.withApp { client, keys, _ in
            #expect(try await client.send(.get, "/v1/inventory/A1", key: keys.seller).status == .ok)
            try expectProblem(
                try await client.send(.get, "/v1/inventory/B7", key: keys.seller), status: 403, code: "forbidden")
            let own = try await client.send(
                .post, "/v1/inventory/receipts", key: keys.seller,
                json: #"{"node":"SEA1","sku":"A1","qty":1,"reason":"r"}"#)
            #expect(own.status == .created)
            try expectProblem(
                try await client.send(
                    .post, "/v1/inventory/receipts", key: keys.seller,
                    json: #"{"node":"SEA1","sku":"B7","qty":1,"reason":"r"}"#),
                status: 403, code: "forbidden")
        }
    }

    @Test(arguments: [
        (#"{"node":"DSE2","sku":"A1","qty":1,"reason":"r"}"#, "unknown-node"),
        (#"{"node":"XX","sku":"A1","qty":1,"reason":"r"}"#, "unknown-node"),
        (#"{"node":"SEA1","sku":"ZZ","qty":1,"reason":"r"}"#, "unknown-sku"),
        (#"{"node":"SEA1","sku":"A1","qty":0,"reason":"r"}"#, "invalid-field"),
        (#"{"node":"SEA1","sku":"A1","qty":-3,"reason":"r"}"#, "invalid-field"),
        (#"{"node":"SEA1","sku":"A1","qty":1000001,"reason":"r"}"#, "invalid-field"),
        (#"{"node":"SEA1","sku":"A1","qty":1}"#, "missing-field"),
        (#"{"node":"SEA1","sku":"A1","qty":1,"reason":""}"#, "invalid-field"),
        (#"{"node":"SEA1","sku":"A1","qty":1.5,"reason":"r"}"#, "invalid-field"),
        (#"{"node":"SEA1","sku":"A1","qty":1,"reason":"r","delta":2}"#, "unknown-field"),
    ])
    func badReceiptsAreNamed(body: String, code: String) async throws {
        try await Harness.withApp { client, keys, _ in
            try expectProblem(
                try await client.send(.post, "/v1/inventory/receipts", key: keys.operator, json: body), status: 422,
                code: code)
        }
    }

    @Test func longReasonIsRejected() async throws {
        try await Harness.withApp { client, keys, _ in
            let reason = String(repeating: "x", count: 201)
            try expectProblem(
                try await client.send(
                    .post, "/v1/inventory/adjustments", key: keys.operator,
                    json: #"{"node":"SEA1","sku":"A1","delta":1,"reason":"\#(reason)"}"#),
                status: 422, code: "invalid-field")
            try expectProblem(
                try await client.send(
                    .post, "/v1/inventory/adjustments", key: keys.operator,
                    json: #"{"node":"SEA1","sku":"A1","delta":0,"reason":"r"}"#),
                status: 422, code: "invalid-field")
        }
    }
}
