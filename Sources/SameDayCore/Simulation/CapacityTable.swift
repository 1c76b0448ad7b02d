// A capacity plan resolved against a compiled network: one number per node and per lane, read in the flow model's
// inner loops.

/// Capacities by the engine's dense indexes; `Int.max` means unlimited.
///
/// Memory: 8 bytes per node twice and per lane once (about 47 KB for the bundled network).
struct CapacityTable: Sendable {
    /// Units per hour, per node (0 for stations, which pick nothing).
    let pickPerHour: [Int]
    /// Packages per departure, per engine lane index (`PromiseEngine.laneTo` order).
    let perDeparture: [Int]
    /// Packages per wave, per node (0 for shipping nodes).
    let perWave: [Int]

    init(_ plan: CapacityPlan, engine: PromiseEngine) {
        let n = engine.nodeCount
        var pick = [Int](repeating: 0, count: n)
        var wave = [Int](repeating: 0, count: n)
        var people = [Double](repeating: 0, count: n)
        for zip in 0..<engine.zips.count where engine.zipStation[zip] >= 0 {
            people[Int(engine.zipStation[zip])] += engine.zips.population(at: zip)
        }
        var departure = [Int](repeating: Int.max, count: engine.laneTo.count)
        for i in 0..<n {
            let id = engine.nodeID(at: i)
            let override = plan.nodes[id]
            let kind = engine.kind[i]
            if kind.isShipping {
                pick[i] = (override?.pickUnitsPerHour ?? plan.pickUnitsPerHour[kind] ?? .unlimited).value
                let perDeparture = (override?.packagesPerDeparture ?? plan.packagesPerDeparture[kind] ?? .unlimited)
                    .value
                for lane in engine.laneRange[i] {
                    let key = CapacityPlan.LaneKey(from: id, to: engine.nodeID(at: Int(engine.laneTo[lane])))
                    departure[lane] = (plan.lanes[key]?.value) ?? perDeparture
                }
            } else if let fixed = override?.packagesPerWave {
                wave[i] = fixed.value
            } else {
                switch plan.packagesPerWave {
                case .fixed(let limit): wave[i] = limit.value
                case .perPeople(let per, let minimum):
                    wave[i] = max(minimum, Int((people[i] / 1000 * per).rounded(.up)))
                }
            }
        }
        pickPerHour = pick
        perDeparture = departure
        perWave = wave
    }
}
