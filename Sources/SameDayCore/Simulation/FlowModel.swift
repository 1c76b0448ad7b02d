// The flow of a day's shipments through finite capacity, as a discrete-event model in three stages:
//
// 1. Picking: a shipment is released to its node's pickers when it becomes unmodifiable (`modifiableUntil`,
//    the order instant for a now-site), and is due ready `processingMinutes` later (its planned departure). The
//    node picks up to its capacity in units per clock hour; a shipment goes into the first hour from its release
//    with room for all its units (an empty hour takes any shipment). Picked in its release hour, it is ready when
//    planned; picked in a later hour, it is ready `min(processingMinutes, 60)` into that hour, and never before
//    planned: the processing time is the window in which a node picks, so a burst of releases spreads over it.
// 2. Leaving the node: on a lane, the first departure at or after ready with room for its packages (its
//    containers); to the carrier, the first pickup at or after ready (the carrier takes everything); a now-site's
//    courier leaves when it is ready and delivers `promiseMinutes` after the order plus the wait.
// 3. The station: after the drive and `sortMinutes`, the first wave with room for its packages delivers it at
//    that wave's `deliversBy`.
//
// Each stage serves shipments in the order they reach it (ties in order of placing), so the stages run one after
// the other over sorted arrivals. With no capacity limit every shipment arrives exactly at its `deliverBy`.

/// Runs the flow of a simulated day's shipments.
struct FlowModel {
    let engine: PromiseEngine
    let capacity: CapacityTable
    /// Units picked per node per hour, from `baseHour` (hours since the epoch).
    private(set) var pickUnits: [[Int32]]
    private(set) var baseHour = 0
    private var firstOpenHour: [Int]
    private var departureLoad: [Int: Int] = [:]
    private var waveLoad: [Int: Int] = [:]

    init(engine: PromiseEngine, capacity: CapacityTable) {
        self.engine = engine
        self.capacity = capacity
        pickUnits = Array(repeating: [], count: engine.nodeCount)
        firstOpenHour = Array(repeating: 0, count: engine.nodeCount)
    }

    /// Fills the day's `shipmentPickedIn`, `shipmentDepartedAt` and `shipmentDeliveredAt`.
    mutating func run(_ day: inout SimulatedDay) {
        let count = day.shipmentCount
        day.shipmentPickedIn = Array(repeating: 0, count: count)
        day.shipmentDepartedAt = Array(repeating: SimulatedDay.never, count: count)
        day.shipmentDeliveredAt = Array(repeating: SimulatedDay.never, count: count)
        var ready = [Int](repeating: 0, count: count)
        let releases = (0..<count).map { s in release(day, s) }
        baseHour = (releases.min() ?? 0).floorHours
        for s in Self.order(releases) {
            let waited = pick(day, s, release: releases[s])
            day.shipmentPickedIn[s] = Int32(truncatingIfNeeded: (releases[s].floorHours + waited) * 60)
            ready[s] = readyAt(day, s, release: releases[s], waitedHours: waited)
        }
        var atStation = [Int](repeating: Int.max, count: count)
        for s in Self.order(ready) {
            leave(&day, s, ready: ready[s], arrival: &atStation[s])
        }
        for s in Self.order(atStation) where atStation[s] != Int.max {
            deliverByWave(&day, s, notBefore: atStation[s])
        }
    }

    /// Shipment indexes by `key` (then index), skipping none.
    static func order(_ key: [Int]) -> [Int] {
        key.indices.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
    }

    /// When the shipment reaches its node's pickers.
    private func release(_ day: SimulatedDay, _ s: Int) -> Int {
        day.shipmentPath[s] == .now ? Int(day.orderAt[Int(day.shipmentOrder[s])]) : Int(day.shipmentModifiableUntil[s])
    }

    /// When the shipment is ready to leave its node: `processingMinutes` after its release when its pickers got to
    /// it in the hour of its release; after waiting, `min(processingMinutes, 60)` into the hour that picked it (the
    /// end of that hour for a node that needs an hour or more), never before the planned time.
    private func readyAt(_ day: SimulatedDay, _ s: Int, release: Int, waitedHours: Int) -> Int {
        let n = Int(day.shipmentNode[s])
        let processing = day.shipmentPath[s] == .now ? 0 : engine.processingMinutes[n]
        let planned = release + processing
        guard waitedHours > 0 else { return planned }
        let pickedHourStart = (release.floorHours + waitedHours) * 60
        return max(planned, pickedHourStart + min(processing, 60))
    }

    /// Picks the shipment in the first hour from its release with room; returns the hours it waited.
    private mutating func pick(_ day: SimulatedDay, _ s: Int, release: Int) -> Int {
        let n = Int(day.shipmentNode[s])
        let units = Int(day.shipmentUnits[s])
        let limit = capacity.pickPerHour[n]
        let first = release.floorHours - baseHour
        var hour = max(first, firstOpenHour[n])
        while true {
            if hour >= pickUnits[n].count { pickUnits[n] += Array(repeating: 0, count: hour - pickUnits[n].count + 48) }
            let used = Int(pickUnits[n][hour])
            if used == 0 || limit == Int.max || used + units <= limit { break }
            hour += 1
        }
        pickUnits[n][hour] += Int32(clamping: units)
        while firstOpenHour[n] < pickUnits[n].count, Int(pickUnits[n][firstOpenHour[n]]) >= limit {
            firstOpenHour[n] += 1
        }
        return hour - first
    }

    /// Stage 2: the shipment leaves its node; station shipments get `arrival` (ready for a wave).
    private mutating func leave(_ day: inout SimulatedDay, _ s: Int, ready: Int, arrival: inout Int) {
        let n = Int(day.shipmentNode[s])
        let order = Int(day.shipmentOrder[s])
        let d = engine.destination(zipIndex: Int(day.orderZip[order]))
        switch day.shipmentPath[s] {
        case .now:
            let waited = ready - Int(day.orderAt[order])
            day.shipmentDepartedAt[s] = Int32(ready)
            day.shipmentDeliveredAt[s] = Int32(Int(day.orderAt[order]) + engine.promiseMinutes[n] + waited)
        case .carrier:
            guard
                let (deliver, pickup) = engine.carrierDelivery(node: n, d, distanceKm: day.shipmentKm[s], ready: ready)
            else { return }
            day.shipmentDepartedAt[s] = Int32(pickup)
            day.shipmentDeliveredAt[s] = Int32(deliver)
        case .station:
            guard
                let (lane, departs) = departure(
                    node: n, station: d.station, ready: ready, packages: day.packages(ofShipment: s))
            else { return }
            departureLoad[Self.key(lane, departs), default: 0] += day.packages(ofShipment: s)
            day.shipmentDepartedAt[s] = Int32(departs)
            arrival = departs + engine.laneTransit[lane] + engine.sortMinutes[d.station]
        }
    }

    /// The lane and departure the shipment takes: per lane to the station, the first departure at or after
    /// `ready` with room; of those, the one whose first wave delivers first (then the earlier departure).
    private func departure(node n: Int, station: Int, ready: Int, packages: Int) -> (lane: Int, departs: Int)? {
        var best: (lane: Int, departs: Int, deliver: Int)?
        for lane in engine.lanes(from: n, to: station) {
            guard let dep = firstDeparture(lane: lane, node: n, notBefore: ready, packages: packages) else { continue }
            let deliver =
                engine.waveDelivery(
                    station: station, notBefore: dep + engine.laneTransit[lane] + engine.sortMinutes[station])
                ?? Int.max
            if best == nil || deliver < best!.deliver || (deliver == best!.deliver && dep < best!.departs) {
                best = (lane, dep, deliver)
            }
        }
        return best.map { ($0.lane, $0.departs) }
    }

    private func firstDeparture(lane: Int, node n: Int, notBefore: Int, packages: Int) -> Int? {
        let limit = capacity.perDeparture[lane]
        var x = notBefore
        while let dep = engine.firstScheduled(
            zone: Int(engine.zone[n]), closed: engine.closedDays[n], times: engine.laneDepartures[lane], notBefore: x)
        {
            let used = departureLoad[Self.key(lane, dep)] ?? 0
            if used == 0 || limit == Int.max || used + packages <= limit { return dep }
            x = dep + 1
        }
        return nil
    }

    /// Stage 3: the first wave of the station leaving at or after `notBefore` with room.
    private mutating func deliverByWave(_ day: inout SimulatedDay, _ s: Int, notBefore: Int) {
        let station = engine.destination(zipIndex: Int(day.orderZip[Int(day.shipmentOrder[s])])).station
        let packages = day.packages(ofShipment: s)
        let limit = capacity.perWave[station]
        var x = notBefore
        while let wave = nextWave(station: station, notBefore: x) {
            let key = Self.key(station, wave.departs)
            let used = waveLoad[key] ?? 0
            if used == 0 || limit == Int.max || used + packages <= limit {
                waveLoad[key] = used + packages
                day.shipmentDeliveredAt[s] = Int32(wave.deliver)
                return
            }
            x = wave.departs + 1
        }
    }

    /// The station's first wave leaving at or after `x` on a day it is open (the promise's rule,
    /// `PromiseEngine.waveDelivery`): of waves leaving at the same instant, the one delivering first. Waves
    /// leaving a station at the same instant share one capacity.
    private func nextWave(station s: Int, notBefore x: Int) -> (index: Int, departs: Int, deliver: Int)? {
        let departs = engine.waveDeparts[s]
        guard !departs.isEmpty else { return nil }
        let clock = engine.zones[Int(engine.zone[s])]
        let closed = engine.closedDays[s]
        var day = clock.localDay(of: Instant(minutes: x)) - 1
        let lastDay = day + closed.count + 3
        while day <= lastDay {
            if !PromiseEngine.isClosed(closed, day) {
                var first: (index: Int, departs: Int, deliver: Int)?
                for w in departs.indices {
                    let at = clock.instant(day: day, minuteOfDay: departs[w]).minutes
                    guard at >= x else { continue }
                    let deliver = clock.instant(day: day, minuteOfDay: engine.waveDeliversBy[s][w]).minutes
                    if first == nil || at < first!.departs || (at == first!.departs && deliver < first!.deliver) {
                        first = (w, at, deliver)
                    }
                }
                if let first { return first }
            }
            day += 1
        }
        return nil
    }

    /// A load key: a lane or wave and an instant.
    static func key(_ what: Int, _ minute: Int) -> Int { what << 32 | (minute & 0xFFFF_FFFF) }

    /// Peak share of the pick capacity used in one hour, per node (nil for unlimited and for stations).
    func peakPickUtilization(node n: Int) -> Double? {
        let limit = capacity.pickPerHour[n]
        guard limit > 0, limit != Int.max else { return nil }
        return Double(pickUnits[n].max() ?? 0) / Double(limit)
    }
}

extension Int {
    /// Whole hours since the epoch of this many minutes (rounded down).
    var floorHours: Int { CivilCalendar.floorDiv(self, 60) }
}
