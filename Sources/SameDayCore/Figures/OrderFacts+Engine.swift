// The figures' facts of a stored or just-planned order, from the engine's network: the server counts an order with
// these when it places it, and recounts stored orders with them, so both agree with the simulator's facts.

extension PromiseEngine {
    /// The facts of one shipment of `units` units in `containers` containers from `node` to `zip`: whether the node
    /// is in the ZIP's region and the great-circle metres between them (0 and out of region for a node or ZIP the
    /// engine does not know).
    public func shipmentFacts(node: NodeID, zip: ZIP, units: Int, containers: Int) -> ShipmentFacts {
        guard let n = nodeIndex(of: node), let z = zips.index(of: zip) else {
            return ShipmentFacts(node: node, units: units, containers: containers, inRegion: false, metres: 0)
        }
        let d = destination(zipIndex: z)
        return ShipmentFacts(
            node: node, units: units, containers: containers, inRegion: d.region >= 0 && region[n] == d.region,
            metres: ShipmentFacts.metres(km: distanceKm(node: n, d)))
    }

    /// The facts of an order placed at `at` to `zip` with `planned`'s shipments, hours on `clock`.
    public func orderFacts(placed planned: PlannedOrder, zip: ZIP, at: Instant, clock: ZoneTable) -> OrderFacts {
        var requested = 0
        for s in planned.shipments { requested += s.units }
        return OrderFacts(
            hour: Figures.hourStart(of: at, on: clock), outcome: .placed(planned.speed), requestedUnits: requested,
            shipments: planned.shipments.map {
                shipmentFacts(node: $0.node, zip: zip, units: $0.units, containers: $0.containers.count)
            })
    }

    /// Processing minutes of a node (0 for one the engine does not know).
    public func processingMinutes(of node: NodeID) -> Int {
        guard let n = nodeIndex(of: node) else { return 0 }
        return network.nodes[n].processingMinutes
    }
}
