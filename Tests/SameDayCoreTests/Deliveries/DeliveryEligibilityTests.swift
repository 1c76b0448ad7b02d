// Add-to-delivery eligibility held to a brute-force reference on the promise suite's seeded random networks and
// stock: rules 1–4 checked literally, E(n, t) from the reference promise (its own clocks and haversine), the
// eligibility answer by filtering and sorting. Shipments are drawn around the boundaries of each rule (picking
// starts at t or a minute after, deliverBy at E(n, t) or a minute before, qty at the free stock or one above).

import SameDayCore
import Testing

@Suite struct DeliveryEligibilityTests {
    /// The reference: the contract's rules, in order, on plain values.
    static func referenceRefusal(
        _ s: JoinableShipment, sku: String, qty: Int, at t: Int, _ c: RandomCase, _ ref: ReferencePromise
    ) -> JoinRefusal? {
        guard s.placed, t < s.modifiableUntil.minutes else { return .tooLate }
        guard let node = c.network.nodes.first(where: { $0.id == s.node }), let temp = c.temperatures[sku],
            node.temperatures.contains(temp)
        else { return .temperature }
        guard (ref.stock[sku]?[node.id.rawValue] ?? 0) >= qty else { return .outOfStock }
        guard let leg = ref.earliest(node, temp, s.zip.rawValue, t), leg.deliver <= s.deliverBy.minutes else {
            return .later
        }
        return nil
    }

    /// The reference answer: the first upcoming shipment (by deliverBy, then id) that takes the SKU, else the
    /// first upcoming one's reason.
    static func referenceEligibility(
        _ shipments: [JoinableShipment], sku: String, qty: Int, at t: Int, _ c: RandomCase, _ ref: ReferencePromise
    ) -> (shipment: String?, reason: String) {
        let upcoming = shipments.filter { $0.placed && t < $0.modifiableUntil.minutes }.sorted {
            ($0.deliverBy.minutes, $0.id) < ($1.deliverBy.minutes, $1.id)
        }
        guard let first = upcoming.first else { return (nil, "no-upcoming-delivery") }
        for s in upcoming where referenceRefusal(s, sku: sku, qty: qty, at: t, c, ref) == nil {
            return (s.id, "")
        }
        return (nil, referenceRefusal(first, sku: sku, qty: qty, at: t, c, ref)?.rawValue ?? "?")
    }

    /// Random shipments of one case, drawn near each rule's boundary.
    static func shipments(_ c: RandomCase, _ ref: ReferencePromise, rng: inout SeededGenerator) -> [JoinableShipment] {
        let shipping = c.network.nodes.filter { $0.kind.isShipping }
        let skus = c.temperatures.keys.sorted()
        var out: [JoinableShipment] = []
        for k in 0..<Int.random(in: 0...4, using: &rng) {
            let node = shipping[Int.random(in: 0..<shipping.count, using: &rng)]
            let zip = c.zipRows[Int.random(in: 0..<c.zipRows.count, using: &rng)].0
            let modifiableUntil = [c.at, c.at + 1, c.at - 1, c.at + Int.random(in: 2...600, using: &rng)][
                Int.random(in: 0...3, using: &rng)]
            // deliverBy at E(n, t) of a random temperature, a minute before it, or anywhere in the next days.
            var deliverBy = c.at + Int.random(in: 0...(4 * 1440), using: &rng)
            let sku = skus[Int.random(in: 0..<skus.count, using: &rng)]
            if Bool.random(using: &rng), let leg = ref.earliest(node, c.temperatures[sku]!, zip, c.at) {
                deliverBy = leg.deliver - Int.random(in: 0...1, using: &rng)
            }
            if k > 0, Int.random(in: 0..<4, using: &rng) == 0 { deliverBy = out[0].deliverBy.minutes }  // ties
            out.append(
                JoinableShipment(
                    id: "s_\(Int.random(in: 100...999, using: &rng))_\(k)", node: node.id, zip: ZIP(zip),
                    deliverBy: Instant(minutes: deliverBy), modifiableUntil: Instant(minutes: modifiableUntil),
                    placed: Int.random(in: 0..<8, using: &rng) > 0))
        }
        return out
    }

    @Test func eligibilityAgreesWithTheReferenceAndReachesEveryOutcome() throws {
        var refusals: [JoinRefusal: Int] = [:]
        var outcomes: [String: Int] = [:]
        var boundaries = (atDeliverBy: 0, minuteBefore: 0, lastUnit: 0)
        for seed in UInt64(1)...300 {
            let c = RandomCase(seed: seed)
            let engine = try c.engine()
            let ref = c.reference()
            let stock = engine.makeStockIndex(c.stock)
            var rng = SeededGenerator(seed: seed &+ 1_000_003)
            let shipments = Self.shipments(c, ref, rng: &rng)
            let at = Instant(minutes: c.at)
            var eligibility = DeliveryEligibility(engine: engine, shipments: shipments, at: at)
            #expect(eligibility.shipments.count == shipments.count)
            for sku in c.temperatures.keys.sorted() {
                let s = try #require(engine.catalog.index(of: SKU(sku)))
                for k in eligibility.shipments.indices {
                    let shipment = eligibility.shipments[k]
                    let free = ref.stock[sku]?[shipment.node.rawValue] ?? 0
                    for qty in Set([1, 2, max(1, free), free + 1]).sorted() {
                        let got = eligibility.refusal(sku: s, qty: qty, shipment: k, stock: stock)
                        let expected = Self.referenceRefusal(shipment, sku: sku, qty: qty, at: c.at, c, ref)
                        #expect(got == expected, "seed \(seed) \(sku) ×\(qty) into \(shipment)")
                        if let got { refusals[got, default: 0] += 1 }
                        if got == nil, qty == free { boundaries.lastUnit += 1 }
                        if got == nil, qty == 1,
                            let leg = ref.earliest(
                                c.network.nodes.first { $0.id == shipment.node }!, c.temperatures[sku]!,
                                shipment.zip.rawValue, c.at), leg.deliver == shipment.deliverBy.minutes
                        {
                            boundaries.atDeliverBy += 1
                        }
                        if expected == .later, qty == 1,
                            let leg = ref.earliest(
                                c.network.nodes.first { $0.id == shipment.node }!, c.temperatures[sku]!,
                                shipment.zip.rawValue, c.at), leg.deliver == shipment.deliverBy.minutes + 1
                        {
                            boundaries.minuteBefore += 1
                        }
                    }
                }
                let answer = eligibility.eligibility(sku: s, qty: 1, stock: stock)
                let expected = Self.referenceEligibility(shipments, sku: sku, qty: 1, at: c.at, c, ref)
                switch answer {
                case .addable(let k):
                    #expect(eligibility.shipments[k].id == expected.shipment, "seed \(seed) \(sku)")
                    outcomes["addable", default: 0] += 1
                case .refused(let reason):
                    #expect(expected.shipment == nil && reason.rawValue == expected.reason, "seed \(seed) \(sku)")
                    outcomes[reason.rawValue, default: 0] += 1
                case .noUpcomingDelivery:
                    #expect(
                        expected.shipment == nil && expected.reason == "no-upcoming-delivery", "seed \(seed) \(sku)")
                    outcomes["no-upcoming-delivery", default: 0] += 1
                }
            }
        }
        // The agreement above means something only if the cases reach every rule and both sides of each boundary.
        for refusal in JoinRefusal.allCases { #expect(refusals[refusal, default: 0] > 10, "\(refusal): \(refusals)") }
        for outcome in ["addable", "temperature", "out-of-stock", "later", "no-upcoming-delivery"] {
            #expect(outcomes[outcome, default: 0] > 5, "\(outcome): \(outcomes)")
        }
        #expect(boundaries.atDeliverBy > 5 && boundaries.minuteBefore > 5 && boundaries.lastUnit > 5, "\(boundaries)")
    }

    /// Rule 1 at its boundary: a shipment is upcoming until the minute its node starts picking it, and a shipment
    /// that is no longer `placed` never is; shipments come out upcoming first, each group by deliverBy, then id.
    @Test func upcomingEndsWhenPickingStartsAndOrderIsByDeliverByThenID() throws {
        let c = RandomCase(seed: 7)
        let engine = try c.engine()
        let node = try #require(c.network.nodes.first { $0.kind.isShipping }).id
        let t = Instant(minutes: c.at)
        func shipment(_ id: String, deliverBy: Int, until: Int, placed: Bool = true) -> JoinableShipment {
            JoinableShipment(
                id: id, node: node, zip: ZIP(c.zipRows[0].0), deliverBy: t + deliverBy, modifiableUntil: t + until,
                placed: placed)
        }
        let all = [
            shipment("b", deliverBy: 100, until: 1), shipment("a", deliverBy: 100, until: 1),
            shipment("c", deliverBy: 50, until: 0), shipment("d", deliverBy: 10, until: 30, placed: false),
            shipment("e", deliverBy: 200, until: 2),
        ]
        let eligibility = DeliveryEligibility(engine: engine, shipments: all, at: t)
        #expect(eligibility.shipments.map(\.id) == ["a", "b", "e", "d", "c"])
        #expect(eligibility.upcomingCount == 3)
        var check = eligibility
        let sku = try #require(engine.catalog.index(of: SKU(c.temperatures.keys.sorted()[0])))
        let stock = engine.makeStockIndex(c.stock)
        #expect(check.refusal(sku: sku, qty: 1, shipment: 3, stock: stock) == .tooLate)  // not placed
        #expect(check.refusal(sku: sku, qty: 1, shipment: 4, stock: stock) == .tooLate)  // picking starts at t
        #expect(check.refusal(sku: sku, qty: 1, shipment: 0, stock: stock) != .tooLate)  // a minute before picking
        let none = DeliveryEligibility(engine: engine, shipments: [all[2], all[3]], at: t)
        var empty = none
        #expect(empty.eligibility(sku: sku, qty: 1, stock: stock) == .noUpcomingDelivery)
    }
}
