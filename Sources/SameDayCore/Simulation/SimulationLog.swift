// The `--log` file: one JSON object per order, in the order they were placed, from which every figure can be
// recomputed (docs/simulate.md, "The log"). Instants are on the destination's clock, as promises show them.

/// Writes the log of a simulated day.
public enum SimulationLog {
    /// Appends the log lines of orders `orders` (each line ends with a newline).
    /// - Complexity: O(lines, shipments and containers of those orders).
    public static func write(_ result: SimulationResult, orders: Range<Int>, to out: inout [UInt8]) {
        let day = result.day
        let engine = result.input.engine
        for i in orders {
            let clock = engine.destinationZone(zipIndex: Int(day.orderZip[i]))
            JSONText.raw(#"{"order":"#, to: &out)
            JSONText.write(i + 1, to: &out)
            instant(#","at":"#, day.orderAt[i], clock, &out)
            JSONText.raw(#","zip":"#, to: &out)
            JSONText.write(engine.zips.zip(at: Int(day.orderZip[i])).rawValue, to: &out)
            JSONText.raw(#","lines":["#, to: &out)
            for (k, l) in day.lines(ofOrder: i).enumerated() {
                line(k, Int(day.lineSKU[l]), Int(day.lineQty[l]), engine, &out)
            }
            out.append(UInt8(ascii: "]"))
            if day.orderOutcome[i] == .placed {
                writePlaced(day, i, engine, clock, &out)
            } else {
                writeRefused(day, i, engine, &out)
            }
            JSONText.raw("}\n", to: &out)
        }
    }

    private static func writeRefused(_ day: SimulatedDay, _ i: Int, _ engine: PromiseEngine, _ out: inout [UInt8]) {
        JSONText.raw(#","available":false,"unavailable":["#, to: &out)
        var first = true
        for l in day.lines(ofOrder: i) where day.lineUnavailable[l] != 0 {
            JSONText.raw(first ? #"{"sku":"# : #",{"sku":"#, to: &out)
            first = false
            JSONText.write(engine.catalog.sku(at: Int(day.lineSKU[l])).rawValue, to: &out)
            JSONText.raw(
                day.lineUnavailable[l] == 1 ? #","reason":"out-of-stock"}"# : #","reason":"not-deliverable"}"#, to: &out
            )
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func writePlaced(
        _ day: SimulatedDay, _ i: Int, _ engine: PromiseEngine, _ clock: ZoneTable, _ out: inout [UInt8]
    ) {
        JSONText.raw(#","available":true,"speed":"#, to: &out)
        JSONText.write(Speed.allCases[Int(day.orderSpeed[i])].rawValue, to: &out)
        instant(#","deliverBy":"#, day.orderDeliverBy[i], clock, &out)
        instant(#","orderBy":"#, day.orderOrderBy[i], clock, &out)
        JSONText.raw(#","shipments":["#, to: &out)
        for (k, s) in day.shipments(ofOrder: i).enumerated() {
            JSONText.raw(k == 0 ? #"{"node":"# : #",{"node":"#, to: &out)
            JSONText.write(engine.nodeID(at: Int(day.shipmentNode[s])).rawValue, to: &out)
            JSONText.raw(#","path":"#, to: &out)
            JSONText.write(day.shipmentPath[s].rawValue, to: &out)
            instant(#","deliverBy":"#, day.shipmentDeliverBy[s], clock, &out)
            instant(#","departsAt":"#, day.shipmentDepartsAt[s], clock, &out)
            JSONText.raw(#","km":"#, to: &out)
            Figures.writeDecimal(day.metres(ofShipment: s), places: 3, to: &out)
            JSONText.raw(day.shipmentInRegion[s] ? #","inRegion":true"# : #","inRegion":false"#, to: &out)
            JSONText.raw(#","lines":["#, to: &out)
            for (n, l) in day.lines(ofShipment: s).enumerated() {
                line(n, Int(day.shipmentLineSKU[l]), Int(day.shipmentLineQty[l]), engine, &out)
            }
            JSONText.raw(#"],"containers":["#, to: &out)
            for (n, c) in day.containers(ofShipment: s).enumerated() {
                JSONText.raw(n == 0 ? #"{"box":"# : #",{"box":"#, to: &out)
                let box = Int(day.containerBox[c])
                if box >= 0 {
                    JSONText.write(day.boxes[box].rawValue, to: &out)
                } else {
                    JSONText.raw("null", to: &out)
                }
                JSONText.raw(#","units":"#, to: &out)
                JSONText.write(Int(day.containerUnits[c]), to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
            instant(#","pickedIn":"#, day.shipmentPickedIn[s], clock, &out)
            instant(#","departedAt":"#, day.shipmentDepartedAt[s], clock, &out)
            instant(#","deliveredAt":"#, day.shipmentDeliveredAt[s], clock, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func line(_ k: Int, _ sku: Int, _ qty: Int, _ engine: PromiseEngine, _ out: inout [UInt8]) {
        JSONText.raw(k == 0 ? #"{"sku":"# : #",{"sku":"#, to: &out)
        JSONText.write(engine.catalog.sku(at: sku).rawValue, to: &out)
        JSONText.raw(#","qty":"#, to: &out)
        JSONText.write(qty, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `key` and the instant, quoted; `null` for `SimulatedDay.never`.
    private static func instant(_ key: StaticString, _ minutes: Int32, _ clock: ZoneTable, _ out: inout [UInt8]) {
        JSONText.raw(key, to: &out)
        guard minutes != SimulatedDay.never else {
            JSONText.raw("null", to: &out)
            return
        }
        out.append(UInt8(ascii: "\""))
        ISO8601.write(Instant(minutes: Int(minutes)), in: clock, to: &out)
        out.append(UInt8(ascii: "\""))
    }
}
