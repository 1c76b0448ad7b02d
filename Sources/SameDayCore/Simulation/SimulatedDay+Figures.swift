// A simulated day's figure counts, built from the same per-order and per-shipment facts the server records.

extension SimulatedDay {
    /// The facts of order `i`, with hours on `clock`.
    public func orderFacts(_ i: Int, engine: PromiseEngine, clock: ZoneTable) -> OrderFacts {
        let hour = Figures.hourStart(of: Instant(minutes: Int(orderAt[i])), on: clock)
        var requested = 0
        for l in lines(ofOrder: i) { requested += Int(lineQty[l]) }
        let outcome: OrderFacts.Outcome
        switch orderOutcome[i] {
        case .placed: outcome = .placed(Speed.allCases[Int(orderSpeed[i])])
        case .outOfStock: outcome = .unavailable(.outOfStock)
        case .notDeliverable: outcome = .unavailable(.notDeliverable)
        }
        let shipments = self.shipments(ofOrder: i).map { s in
            ShipmentFacts(
                node: engine.nodeID(at: Int(shipmentNode[s])), units: Int(shipmentUnits[s]),
                containers: containers(ofShipment: s).count, inRegion: shipmentInRegion[s],
                metres: metres(ofShipment: s))
        }
        return OrderFacts(hour: hour, outcome: outcome, requestedUnits: requested, shipments: shipments)
    }

    /// Counts of every order and every shipment's delivery (a shipment no schedule takes is counted overdue).
    /// - Complexity: O(orders + shipments).
    public func figureCounts(engine: PromiseEngine, clock: ZoneTable) -> FigureCounts {
        var counts = FigureCounts()
        for i in 0..<orderCount { counts.add(orderFacts(i, engine: engine, clock: clock)) }
        for s in 0..<shipmentCount {
            let node = engine.nodeID(at: Int(shipmentNode[s]))
            if shipmentDeliveredAt[s] == Self.never {
                counts.addOverdue(node: node)
            } else {
                counts.addDelivery(
                    node: node, deliverBy: Instant(minutes: Int(shipmentDeliverBy[s])),
                    deliveredAt: Instant(minutes: Int(shipmentDeliveredAt[s])))
            }
        }
        return counts
    }
}
