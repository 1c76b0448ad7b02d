// An independent, slow reference for spec/promise.md: local times through Foundation's TimeZone, distances by its
// own haversine, every path by direct loops, every plan enumerated, orderBy by trying every minute. For each
// shipment it also says how it goes (path), when it leaves the node (departsAt) and until when it can be changed
// (modifiableUntil). The engine must agree with it exactly.

import Foundation
import SameDayCore

struct ReferencePromise {
    struct Shipment: Equatable {
        var node: String
        var deliverBy: Int
        var orderBy: Int
        var skus: [String]
        /// The path that gives `deliverBy`.
        var path: DeliveryPath
        /// When the shipment leaves the node: the lane departure, the carrier pickup, or the order instant (now).
        var departsAt: Int
        /// The last instant before the node starts picking any of the shipment's lines.
        var modifiableUntil: Int
    }

    /// One way a line reaches the destination from a node: when it is delivered, how, when it leaves the node and
    /// when the node must start picking it to make that departure.
    struct Leg: Equatable {
        var deliver: Int
        var path: DeliveryPath
        var departs: Int
        var pickStarts: Int

        /// E(n, t) is the earliest delivery; of legs delivering at the same minute, the now path (the site hands
        /// the order to a courier at once), then the one leaving the node first (goods leave on the first
        /// departure that makes the delivery).
        func precedes(_ other: Leg) -> Bool {
            if deliver != other.deliver { return deliver < other.deliver }
            if (path == .now) != (other.path == .now) { return path == .now }
            return departs < other.departs
        }
    }

    struct Result: Equatable {
        var available: Bool
        var deliverBy: Int?
        var orderBy: Int?
        var speed: String?
        var shipments: [Shipment]
        var unavailable: [String: String]
    }

    let network: Network
    let zipCoordinates: [String: (lat: Double, lon: Double, tz: String)]
    let temperatures: [String: Temperature]
    let stock: [String: [String: Int]]  // sku → node → available

    // MARK: Clocks, through Foundation.

    /// Memos of pure functions of Foundation's answers (the reference is slow enough without asking twice).
    final class OffsetCache: @unchecked Sendable {
        var table: [String: [Int: Int]] = [:]
        var instants: [String: [Int: Int]] = [:]
    }
    let cache = OffsetCache()

    /// UTC offset in minutes at UTC minute `u` (US offsets change on whole hours).
    func offset(_ tz: String, _ u: Int) -> Int {
        let hour = Int((Double(u) / 60).rounded(.down))
        if let v = cache.table[tz]?[hour] { return v }
        let zone = TimeZone(identifier: tz)!
        let v = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600))) / 60
        cache.table[tz, default: [:]][hour] = v
        return v
    }

    func localDay(_ tz: String, _ u: Int) -> Int {
        Int((Double(u + offset(tz, u)) / 1440).rounded(.down))
    }

    /// The instant the clock `tz` shows `minute` on local `day`: gap → forward by the gap; ambiguous → earlier.
    func instant(_ tz: String, day: Int, minute: Int) -> Int {
        let local = day * 1440 + minute
        if let v = cache.instants[tz]?[local] { return v }
        let v = uncachedInstant(tz, local: local)
        cache.instants[tz, default: [:]][local] = v
        return v
    }

    func uncachedInstant(_ tz: String, local: Int) -> Int {
        var offsets = Set<Int>()
        for h in stride(from: -36, through: 36, by: 6) { offsets.insert(offset(tz, local + h * 60)) }
        let valid = offsets.map { local - $0 }.filter { $0 + offset(tz, $0) == local }
        if let earliest = valid.min() { return earliest }
        return local - offset(tz, local - 1440 - 720)  // in a gap: the offset before it
    }

    func isClosed(_ node: Node, _ day: Int) -> Bool { node.closedDates.contains { $0.day == day } }

    /// The spec's Earth radius, km.
    static let earthRadiusKm = 6371.0088

    /// Great-circle distance in km by the haversine formula, written here rather than read from `Geo`: with
    /// hav(θ) = sin²(θ/2), hav(c) = hav(Δφ) + cos φ₁ cos φ₂ hav(Δλ), and c = 2 atan2(√h, √(1 − h)).
    static func haversineKm(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        func radians(_ degrees: Double) -> Double { degrees / 180 * Double.pi }
        func hav(_ theta: Double) -> Double {
            let s = sin(theta / 2)
            return s * s
        }
        let h = hav(radians(lat2 - lat1)) + cos(radians(lat1)) * cos(radians(lat2)) * hav(radians(lon2 - lon1))
        let clamped = min(1, max(0, h))
        return 2 * earthRadiusKm * atan2(clamped.squareRoot(), (1 - clamped).squareRoot())
    }

    func distance(_ node: Node, _ zip: String) -> Double {
        let c = zipCoordinates[zip]!
        return Self.haversineKm(lat1: node.lat, lon1: node.lon, lat2: c.lat, lon2: c.lon)
    }

    /// First instant ≥ x showing one of `times` on an open day of `node`.
    func firstTime(_ node: Node, _ times: [LocalTime], notBefore x: Int) -> Int? {
        var best: Int?
        let d0 = localDay(node.timezone, x)
        for day in (d0 - 2)...(d0 + 12) where !isClosed(node, day) {
            for t in times {
                let i = instant(node.timezone, day: day, minute: t.minuteOfDay)
                if i >= x, best == nil || i < best! { best = i }
            }
            if best != nil, day > d0 + 1 { break }
        }
        return best
    }

    func stationFor(_ zip: String) -> Node? {
        network.nodes.first { $0.kind == .deliveryStation && $0.zips.contains(ZIP(zip)) }
    }

    /// E(n, t) per spec/promise.md, as the leg that gives it (see `Leg.precedes` for ties).
    func earliest(_ n: Node, _ temp: Temperature, _ zip: String, _ t: Int) -> Leg? {
        guard n.temperatures.contains(temp) else { return nil }
        var legs: [Leg] = []
        if let deliver = nowDelivery(n, zip, t) {
            // Nothing waits for processing: the site picks at once and the courier leaves at the order.
            legs.append(Leg(deliver: deliver, path: .now, departs: t, pickStarts: t))
        }
        let ready = t + n.processingMinutes
        if let s = stationFor(zip) {
            if s.temperatures.contains(temp) {
                for lane in network.lanes where lane.from == n.id && lane.to == s.id {
                    guard let dep = firstTime(n, lane.departures, notBefore: ready),
                        let deliver = firstWave(s, notBefore: dep + lane.transitMinutes + s.sortMinutes!)
                    else { continue }
                    legs.append(
                        Leg(deliver: deliver, path: .station, departs: dep, pickStarts: dep - n.processingMinutes))
                }
            }
        } else if temp == .ambient, let carrier = network.carrier {
            let km = distance(n, zip)
            if let band = carrier.transitDays.first(where: { km <= $0.maxKm }),
                let pickup = firstTime(n, [carrier.pickup], notBefore: ready)
            {
                let tz = zipCoordinates[zip]!.tz
                let day = localDay(tz, pickup) + band.days
                let deliver = instant(tz, day: day, minute: carrier.deliversBy.minuteOfDay)
                legs.append(
                    Leg(deliver: deliver, path: .carrier, departs: pickup, pickStarts: pickup - n.processingMinutes))
            }
        }
        return legs.min { $0.precedes($1) }
    }

    /// The now path: delivery at t + promiseMinutes when the site is in radius, open and not closed today.
    func nowDelivery(_ n: Node, _ zip: String, _ t: Int) -> Int? {
        guard n.kind == .nowSite, let hours = n.openHours, distance(n, zip) <= n.radiusKm! else { return nil }
        let day = localDay(n.timezone, t)
        guard !isClosed(n, day) else { return nil }
        let open = instant(n.timezone, day: day, minute: hours.open.minuteOfDay)
        let close = instant(n.timezone, day: day, minute: hours.close.minuteOfDay)
        return open <= t && t + n.promiseMinutes! <= close ? t + n.promiseMinutes! : nil
    }

    /// The first wave (by departure) of station `s` on an open day departing at or after `x`: its delivery.
    func firstWave(_ s: Node, notBefore x: Int) -> Int? {
        var bestWave: (departs: Int, delivers: Int)?
        let d0 = localDay(s.timezone, x)
        for day in (d0 - 2)...(d0 + 12) where !isClosed(s, day) {
            for w in s.waves {
                let departs = instant(s.timezone, day: day, minute: w.departs.minuteOfDay)
                let delivers = instant(s.timezone, day: day, minute: w.deliversBy.minuteOfDay)
                if departs >= x, bestWave == nil || (departs, delivers) < (bestWave!.departs, bestWave!.delivers) {
                    bestWave = (departs, delivers)
                }
            }
            // A wave two local days later leaves later than any found (a DST shift is one hour).
            if bestWave != nil, day > d0 + 1 { break }
        }
        return bestWave?.delivers
    }

    func region(of zip: String) -> RegionID? {
        if let s = stationFor(zip) { return s.region }
        let fcs = network.nodes.filter { $0.kind == .fulfillmentCenter }
        return fcs.min { (distance($0, zip), $0.id.rawValue) < (distance($1, zip), $1.id.rawValue) }?.region
    }

    func promise(zip: String, at t: Int, lines: [(sku: String, qty: Int)]) -> Result {
        let shipping = network.nodes.filter { $0.kind.isShipping }
        var candidates: [[(node: Node, e: Int, leg: Leg)]] = []
        var unavailable: [String: String] = [:]
        for line in lines {
            let temp = temperatures[line.sku]!
            let holders = shipping.filter { (stock[line.sku]?[$0.id.rawValue] ?? 0) >= line.qty }
            let options = holders.compactMap { n in earliest(n, temp, zip, t).map { (n, $0.deliver, $0) } }
            if options.isEmpty { unavailable[line.sku] = holders.isEmpty ? "out-of-stock" : "not-deliverable" }
            candidates.append(options)
        }
        guard unavailable.isEmpty else {
            return Result(
                available: false, deliverBy: nil, orderBy: nil, speed: nil, shipments: [], unavailable: unavailable)
        }
        let destRegion = region(of: zip)
        // Every plan.
        var best: (key: (Int, Int, Int, Double, [String]), plan: [Int])?
        var index = [Int](repeating: 0, count: lines.count)
        func less(_ a: (Int, Int, Int, Double, [String]), _ b: (Int, Int, Int, Double, [String])) -> Bool {
            if a.0 != b.0 { return a.0 < b.0 }
            if a.1 != b.1 { return a.1 < b.1 }
            if a.2 != b.2 { return a.2 < b.2 }
            if a.3 != b.3 { return a.3 < b.3 }
            return a.4.lexicographicallyPrecedes(b.4)
        }
        while true {
            let chosen = (0..<lines.count).map { candidates[$0][index[$0]] }
            let deliverBy = chosen.map(\.e).max()!
            let nodes = Set(chosen.map(\.node.id.rawValue)).sorted()
            let out = chosen.filter { $0.node.region != destRegion || destRegion == nil }.count
            let km = nodes.reduce(0.0) { sum, id in sum + distance(network.node(NodeID(id))!, zip) }
            let key = (deliverBy, nodes.count, out, km, chosen.map(\.node.id.rawValue))
            if best == nil || less(key, best!.key) { best = (key, index) }
            // Next assignment.
            var k = 0
            while k < lines.count {
                index[k] += 1
                if index[k] < candidates[k].count { break }
                index[k] = 0
                k += 1
            }
            if k == lines.count { break }
        }
        let plan = (0..<lines.count).map { candidates[$0][best!.plan[$0]] }
        let deliverBy = best!.key.0
        var shipments: [Shipment] = []
        var legs: [[Leg]] = []  // per shipment, its lines' legs in line order
        for (i, choice) in plan.enumerated() {
            if let k = shipments.firstIndex(where: { $0.node == choice.node.id.rawValue }) {
                shipments[k].skus.append(lines[i].sku)
                legs[k].append(choice.leg)
            } else {
                shipments.append(
                    Shipment(
                        node: choice.node.id.rawValue, deliverBy: 0, orderBy: 0, skus: [lines[i].sku], path: .now,
                        departsAt: 0, modifiableUntil: 0))
                legs.append([choice.leg])
            }
        }
        for k in shipments.indices {
            // The shipment arrives with its last line, by that line's leg; the node starts picking it when it
            // starts picking any of its lines.
            let latest = legs[k].map(\.deliver).max()!
            let lastLeg = legs[k].first { $0.deliver == latest }!
            shipments[k].deliverBy = lastLeg.deliver
            shipments[k].path = lastLeg.path
            shipments[k].departsAt = lastLeg.departs
            shipments[k].modifiableUntil = legs[k].map(\.pickStarts).min()!
        }
        for k in shipments.indices {
            let node = network.node(NodeID(shipments[k].node))!
            let temps = Set(shipments[k].skus.map { temperatures[$0]! })
            var tau = t
            while tau < deliverBy + 3 * 1440 {
                let ok = temps.allSatisfy { temp in
                    (earliest(node, temp, zip, tau + 1).map { $0.deliver <= deliverBy }) ?? false
                }
                if !ok { break }
                tau += 1
            }
            shipments[k].orderBy = tau
        }
        let tz = zipCoordinates[zip]!.tz
        let speed: String
        if deliverBy - t <= 120 {
            speed = "now"
        } else {
            let days = localDay(tz, deliverBy) - localDay(tz, t)
            speed = days <= 0 ? "same-day" : days == 1 ? "next-day" : "standard"
        }
        return Result(
            available: true, deliverBy: deliverBy, orderBy: shipments.map(\.orderBy).min(), speed: speed,
            shipments: shipments, unavailable: [:])
    }
}
