import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import Testing

@Suite struct NetworkRouteTests {
    @Test func networkNodesStockAndCatalog() async throws {
        try await Harness.withApp { client, keys, _ in
            let network = try await client.send(.get, "/v1/network", key: keys.operator)
            #expect(network.status == .ok)
            #expect(try parse(network.body)["name"] == .string("tiny"))
            #expect(try parse(network.body)["nodeCount"] == .integer(4))

            guard case .array(let nodes) = try parse(try await client.send(.get, "/v1/nodes", key: keys.operator).body)
            else {
                throw TestFailure("nodes")
            }
            #expect(nodes.count == 4)
            guard
                case .array(let stations) = try parse(
                    try await client.send(.get, "/v1/nodes?kind=delivery-station", key: keys.operator).body)
            else { throw TestFailure("stations") }
            #expect(stations.count == 1)
            try expectProblem(
                try await client.send(.get, "/v1/nodes?kind=castle", key: keys.operator), status: 400,
                code: "invalid-parameter")

            let node = try parse(try await client.send(.get, "/v1/nodes/DSE2", key: keys.operator).body)
            #expect(node["kind"] == .string("delivery-station"))
            try expectProblem(
                try await client.send(.get, "/v1/nodes/NOPE", key: keys.operator), status: 404, code: "not-found")

            let stock = try await client.send(.get, "/v1/nodes/SEA1/stock", key: keys.operator)
            #expect(stock.status == .ok, "\(stock.body)")
            guard case .array(let levels) = try parse(stock.body) else { throw TestFailure("stock") }
            #expect(levels.count == 3)

            let item = try parse(try await client.send(.get, "/v1/catalog/A1", key: keys.customer).body)
            #expect(item["name"] == .string("Socks, wool"))
            #expect(item["seller"] == .string("s1"))
            try expectProblem(
                try await client.send(.get, "/v1/catalog/NOPE", key: keys.customer), status: 404, code: "not-found")
        }
    }
}
