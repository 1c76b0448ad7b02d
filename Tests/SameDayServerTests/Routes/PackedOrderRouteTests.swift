// A placed order's shipments carry their containers, and /metrics counts units and containers packed.

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import SameDayStore
import SameDayTestSupport
import Testing

@Suite struct PackedOrderRouteTests {
    @Test func orderShipmentsListTheirContainersAndMetricsCountThem() async throws {
        let boxes = try PackingFormat.containers(from: try Fixtures.dataFile("boxes.json"), file: "boxes.json")
        let boxIDs = Set(boxes.map(\.id.rawValue))
        try await Harness.withApp { client, keys, _ in
            let placed = try await client.send(
                .post, "/v1/orders", key: keys.customer,
                json: #"{"zip":"98109","lines":[{"sku":"A1","qty":3},{"sku":"B7","qty":2}]}"#,
                headers: [HTTPField.Name("Idempotency-Key")!: "packed"])
            #expect(placed.status == .created, "\(placed.body)")
            guard case .array(let shipments) = try parse(placed.body)["shipments"] else {
                throw TestFailure("no shipments: \(placed.body)")
            }
            var units = 0
            var containers = 0
            for shipment in shipments {
                guard case .array(let packed) = shipment["containers"], !packed.isEmpty else {
                    throw TestFailure("a shipment without containers: \(placed.body)")
                }
                for container in packed {
                    guard case .string(let box) = container["box"], case .integer(let n) = container["units"],
                        case .integer(let weight) = container["weightG"]
                    else { throw TestFailure("bad container: \(placed.body)") }
                    #expect(boxIDs.contains(box), "\(box)")
                    #expect(n >= 1)
                    #expect(weight > 0)
                    units += n
                    containers += 1
                }
            }
            #expect(units == 5)
            // The same order read back lists the same containers.
            guard case .string(let id) = try parse(placed.body)["id"] else { throw TestFailure("no id") }
            let fetched = try await client.send(.get, "/v1/orders/\(id)", key: keys.customer)
            #expect(try parse(fetched.body)["shipments"] == parse(placed.body)["shipments"])

            let metrics = try await client.send(.get, "/metrics", key: nil).body
            #expect(metrics.contains("\nsameday_units_packed_total 5\n"), "\(metrics)")
            #expect(metrics.contains("\nsameday_containers_packed_total \(containers)\n"), "\(metrics)")
        }
    }
}
