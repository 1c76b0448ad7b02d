// E(n, t): the earliest delivery of one line from one shipping node, by the now, station and carrier paths
// of spec/promise.md. All times are minutes since the epoch.

/// The result of one path evaluation.
@usableFromInline
struct Delivery {
    @usableFromInline var deliver: Int
    @usableFromInline var departs: Int
    @usableFromInline var pickStarts: Int
    @usableFromInline var path: DeliveryPath
}

/// Where a promise goes: resolved once per request.
@usableFromInline
struct Destination: Sendable {
    @usableFromInline var zip: Int
    @usableFromInline var station: Int
    @usableFromInline var region: Int32
    @usableFromInline var lat: Double
    @usableFromInline var lon: Double
    @usableFromInline var zone: Int
}

extension PromiseEngine {

    func destination(zipIndex z: Int) -> Destination {
        let c = zips.coordinate(at: z)
        return Destination(
            zip: z, station: Int(zipStation[z]), region: zipRegion[z], lat: c.lat, lon: c.lon,
            zone: Int(zipTimeZoneToZone[zips.timeZoneIndex(at: z)]))
    }


    func distanceKm(node n: Int, _ d: Destination) -> Double {
        Geo.distanceKm(lat1: latDeg[n], lon1: lonDeg[n], lat2: d.lat, lon2: d.lon)
    }


    static func isClosed(_ days: [Int], _ day: Int) -> Bool {
        if days.isEmpty { return false }
        var lo = 0
        var hi = days.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if days[mid] < day { lo = mid &+ 1 } else { hi = mid }
        }
        return lo < days.count && days[lo] == day
    }

    /// The first instant ≥ `notBefore` at which the clock `zone` shows one of `times` (sorted minutes of day)
    /// on a day not in `closed`; nil when there is none (no times, or closed for ever as far as the list goes).

    /// `zone` indexes `zones` (read in place: a copy of a `ZoneTable` retains each of its tables).
    func firstScheduled(zone z: Int, closed: [Int], times: [Int], notBefore x: Int) -> Int? {
        guard !times.isEmpty else { return nil }
        var day = zones[z].localDay(of: Instant(minutes: x)) &- 1
        let lastDay = day &+ closed.count &+ 3
        while day <= lastDay {
            if !Self.isClosed(closed, day) {
                // The earliest instant, not the first wall time: on a spring-forward day a time in the gap moves
                // past later times (02:30 becomes 03:30 daylight time, after 03:15), so every time is checked.
                var first = Int.max
                for m in times {
                    let at = zones[z].instant(day: day, minuteOfDay: m).minutes
                    if at >= x, at < first { first = at }
                }
                if first != Int.max { return first }
            }
            day &+= 1
        }
        return nil
    }

    /// Now path: delivery at `t + promiseMinutes` when the now-site is open, in radius and not closed.

    func nowDelivery(node n: Int, distanceKm: Double, at t: Int) -> Int? {
        guard kind[n] == .nowSite, distanceKm <= radiusKm[n] else { return nil }
        let z = Int(zone[n])
        let day = zones[z].localDay(of: Instant(minutes: t))
        guard !Self.isClosed(closedDays[n], day) else { return nil }
        let open = zones[z].instant(day: day, minuteOfDay: openMinute[n]).minutes
        let close = zones[z].instant(day: day, minuteOfDay: closeMinute[n]).minutes
        let deliver = t &+ promiseMinutes[n]
        return open <= t && deliver <= close ? deliver : nil
    }

    /// The first wave of station `s` leaving at or after `x`: its delivery instant.

    func waveDelivery(station s: Int, notBefore x: Int) -> Int? {
        let departs = waveDeparts[s]
        guard !departs.isEmpty else { return nil }
        let z = Int(zone[s])
        let closed = closedDays[s]
        var day = zones[z].localDay(of: Instant(minutes: x)) &- 1
        let lastDay = day &+ closed.count &+ 3
        while day <= lastDay {
            if !Self.isClosed(closed, day) {
                // The wave leaving first in time (a departure in the spring-forward gap moves past later ones);
                // of waves leaving at the same instant, the one delivering first.
                var first = (departs: Int.max, deliver: Int.max)
                for w in departs.indices {
                    let at = zones[z].instant(day: day, minuteOfDay: departs[w]).minutes
                    guard at >= x, at <= first.departs else { continue }
                    let deliver = zones[z].instant(day: day, minuteOfDay: waveDeliversBy[s][w]).minutes
                    if at < first.departs || deliver < first.deliver { first = (at, deliver) }
                }
                if first.departs != Int.max { return first.deliver }
            }
            day &+= 1
        }
        return nil
    }

    /// The lanes from `n` to station `s`.

    func lanes(from n: Int, to s: Int) -> Range<Int> {
        let range = laneRange[n]
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if laneTo[mid] < s { lo = mid &+ 1 } else { hi = mid }
        }
        var end = lo
        while end < range.upperBound, laneTo[end] == s { end &+= 1 }
        return lo..<end
    }

    /// Station path: lane departure at or after ready, sort, first wave.

    func stationDelivery(node n: Int, station s: Int, ready: Int) -> (deliver: Int, departs: Int)? {
        let laneRange = lanes(from: n, to: s)
        guard !laneRange.isEmpty else { return nil }  // most nodes of a national network have no lane to `s`
        var best: (deliver: Int, departs: Int)?
        let z = Int(zone[n])
        for lane in laneRange {
            guard let dep = firstScheduled(zone: z, closed: closedDays[n], times: laneDepartures[lane], notBefore: ready),
                let deliver = waveDelivery(station: s, notBefore: dep &+ laneTransit[lane] &+ sortMinutes[s])
            else { continue }
            if best == nil || deliver < best!.deliver || (deliver == best!.deliver && dep < best!.departs) {
                best = (deliver, dep)
            }
        }
        return best
    }

    /// Carrier path: first pickup at or after ready, then the distance band's calendar days on the destination's clock.

    func carrierDelivery(node n: Int, _ d: Destination, distanceKm: Double, ready: Int) -> (deliver: Int, departs: Int)? {
        guard let carrier else { return nil }
        var days = -1
        for band in carrier.transitDays where distanceKm <= band.maxKm {
            days = band.days
            break
        }
        guard days >= 0,
            let pickup = firstScheduled(
                zone: Int(zone[n]), closed: closedDays[n], times: carrierPickup, notBefore: ready)
        else { return nil }
        let day = zones[d.zone].localDay(of: Instant(minutes: pickup)) &+ days
        return (zones[d.zone].instant(day: day, minuteOfDay: carrier.deliversBy.minuteOfDay).minutes, pickup)
    }

    /// Whether `earliest` reads the distance from `n` to `d`: the carrier path (to a destination no station serves)
    /// does, and so does the now path from a now-site — unless the latitudes alone put the site beyond its radius
    /// (a great-circle distance is at least R·|Δφ|; most now-sites of a national network are rejected this way,
    /// without the trigonometry). Callers pass `.infinity` when it is not read.
    @inline(__always)
    func pathsUseDistance(node n: Int, _ d: Destination) -> Bool {
        if d.station < 0 { return true }
        guard kind[n] == .nowSite else { return false }
        // The margin keeps a site at the radius within floating-point rounding on the exact side.
        return Geo.earthRadiusKm * abs(latDeg[n] - d.lat) * (Double.pi / 180) <= radiusKm[n] * (1 + 1e-9) + 1e-9
    }

    /// E(n, t) for a line of temperature `temp` to destination `d`: the earliest of the paths that apply.
    /// `distanceKm` is read only when `pathsUseDistance(node: n, d)`; pass `.infinity` otherwise.

    func earliest(node n: Int, temperature temp: Temperature, _ d: Destination, distanceKm: Double, at t: Int)
        -> Delivery?
    {
        guard temperatures[n].contains(temp) else { return nil }
        var best: Delivery?
        if let deliver = nowDelivery(node: n, distanceKm: distanceKm, at: t) {
            best = Delivery(deliver: deliver, departs: t, pickStarts: t, path: .now)
        }
        let ready = t &+ processingMinutes[n]
        if d.station >= 0 {
            if temperatures[d.station].contains(temp),
                let (deliver, dep) = stationDelivery(node: n, station: d.station, ready: ready),
                best == nil || deliver < best!.deliver
            {
                best = Delivery(deliver: deliver, departs: dep, pickStarts: dep &- processingMinutes[n], path: .station)
            }
        } else if temp == .ambient,
            let (deliver, pickup) = carrierDelivery(node: n, d, distanceKm: distanceKm, ready: ready),
            best == nil || deliver < best!.deliver
        {
            best = Delivery(deliver: deliver, departs: pickup, pickStarts: pickup &- processingMinutes[n], path: .carrier)
        }
        return best
    }
}
