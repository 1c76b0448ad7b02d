// orderBy: the last minute from which ordering still gets a shipment by the plan's deliverBy, with no gap.
//
// E(n, τ) is a step function of τ (plus the now path's τ + promiseMinutes). Rather than trying every minute,
// we jump from one change point to the next: within a segment each path's "delivers by D" answer is constant,
// so checking a segment's first minute checks the whole segment.

extension PromiseEngine {
    /// The shipment's delivery at `t` for a set of line temperatures, and the next minute at which any path's
    /// answer (relative to `limit`) can change.
    
    func shipmentDelivery(
        node n: Int, temperatures temps: TemperatureSet, _ d: Destination, distanceKm: Double, at t: Int, limit: Int
    ) -> (deliver: Int?, nextChange: Int) {
        var worst = Int.min
        var next = Int.max
        let ready = t &+ processingMinutes[n]
        let z = Int(zone[n])
        // Now path change points are the same for every temperature.
        if kind[n] == .nowSite, distanceKm <= radiusKm[n] {
            let day = zones[z].localDay(of: Instant(minutes: t))
            next = min(next, zones[z].instant(day: day &+ 1, minuteOfDay: 0).minutes)
            if !Self.isClosed(closedDays[n], day) {
                let open = zones[z].instant(day: day, minuteOfDay: openMinute[n]).minutes
                let close = zones[z].instant(day: day, minuteOfDay: closeMinute[n]).minutes
                if t < open {
                    next = min(next, open)
                } else if t &+ promiseMinutes[n] <= close {
                    next = min(next, close &- promiseMinutes[n] &+ 1)
                    if t &+ promiseMinutes[n] <= limit { next = min(next, limit &- promiseMinutes[n] &+ 1) }
                }
            }
        }
        if d.station >= 0 {
            for lane in lanes(from: n, to: d.station) {
                if let dep = firstScheduled(zone: z, closed: closedDays[n], times: laneDepartures[lane], notBefore: ready) {
                    next = min(next, dep &- processingMinutes[n] &+ 1)
                }
            }
        } else if carrier != nil {
            if let pickup = firstScheduled(zone: z, closed: closedDays[n], times: carrierPickup, notBefore: ready) {
                next = min(next, pickup &- processingMinutes[n] &+ 1)
            }
        }
        for temp in [Temperature.ambient, .chilled, .frozen] where temps.contains(temp) {
            guard let e = earliest(node: n, temperature: temp, d, distanceKm: distanceKm, at: t) else {
                return (nil, next)
            }
            worst = max(worst, e.deliver)
        }
        return (worst, next)
    }

    /// The last minute `t' ≥ t` such that ordering at every minute of `[t, t']` gets the shipment from `n`
    /// delivered by `deliverBy`. Assumes it does at `t`.
    
    func orderBy(
        node n: Int, temperatures temps: TemperatureSet, _ d: Destination, distanceKm: Double, at t: Int,
        deliverBy: Int
    ) -> Int {
        var tau = t
        // Every path delivers after the order, so nothing ordered after deliverBy arrives by it; the margin covers
        // a carrier band of 0 days delivering on the clock of a zone behind the node's.
        let horizon = max(deliverBy, t) &+ 2 &* 1440
        while true {
            let (deliver, next) = shipmentDelivery(
                node: n, temperatures: temps, d, distanceKm: distanceKm, at: tau, limit: deliverBy)
            guard let deliver, deliver <= deliverBy else { return max(t, tau &- 1) }
            guard next > tau else { return tau }
            guard next <= horizon else { return next == Int.max ? horizon : min(next &- 1, horizon) }
            tau = next
        }
    }
}
