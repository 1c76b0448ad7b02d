// The ZIP table (spec/promise.md, "ZIP table"): every destination ZIP's coordinate, time zone and demand
// weight, parsed from the CSV bytes of Data/zips.csv into flat column arrays.

/// The US ZIP codes SameDay can deliver to, with each one's place, time zone and demand weight.
///
/// Rows are addressed by a dense index `0..<count` (in file order); ``index(of:)`` converts a ``ZIP`` to it.
/// Columns are stored as flat arrays (struct of arrays), and a 100,000-entry table maps every 5-digit number
/// to its row, so a lookup is one array read.
///
/// Memory: about 400 KB for the dense index, plus per row 4 (code) + 8 + 8 (coordinate) + 2 (time zone)
/// + 2 (state) + 8 (population) + 4 (city end) bytes and the city name's UTF-8 bytes (about 10):
/// about 46 bytes a row, 2.3 MB for the ~41,000-row table.
public struct ZipTable: Sendable {
    /// The columns the CSV header must name; other columns are ignored.
    public static let requiredColumns = ["zip", "lat", "lon", "timezone", "state", "city", "population"]

    /// The number of distinct 5-digit ZIP numbers, `00000...99999`.
    static let zipSpace = 100_000

    /// Row of each 5-digit number, or -1 where the table has no such ZIP.
    private let rowByCode: [Int32]
    /// The 5-digit number of each row.
    private let codes: [Int32]
    private let lats: [Double]
    private let lons: [Double]
    /// Index into `timeZoneIdentifiers` of each row.
    private let timeZones: [UInt16]
    /// Index into `states` of each row.
    private let stateIndexes: [UInt16]
    private let states: [String]
    /// All city names' UTF-8 bytes, back to back; row i's name ends at `cityEnds[i]`.
    private let cityBytes: [UInt8]
    private let cityEnds: [UInt32]
    private let populations: [Double]

    /// The distinct IANA time-zone identifiers of the table, sorted; ``timeZoneIndex(at:)`` indexes this array.
    public let timeZoneIdentifiers: [String]

    /// Parses a ZIP table from the bytes of a CSV file with the columns
    /// `zip,lat,lon,timezone,state,city,population` (a header row is required; other columns are ignored).
    ///
    /// `zip` is five ASCII digits (leading zeros kept) and appears once; `lat` is degrees in `-90...90` and
    /// `lon` degrees in `-180...180`; `timezone` is a non-empty IANA identifier; `population` is a number ≥ 0,
    /// the demand weight in people.
    ///
    /// - Parameters:
    ///   - bytes: The file's content, UTF-8.
    ///   - file: The file's name as the user gave it, used in error messages.
    /// - Throws: `LoadError` with one issue, at `line:column`, for every bad field of every row (not just the
    ///   first), or for a malformed CSV or a header lacking a required column.
    /// - Complexity: O(n) for n bytes.
    public init(csv bytes: some Collection<UInt8>, file: String) throws(LoadError) {
        let table = try CSVTable(bytes, file: file, required: Self.requiredColumns)
        // The header names every required column (CSVTable checked), so these are non-nil.
        let columnIndexes = Self.requiredColumns.map { table.column($0) ?? 0 }
        let zipColumn = columnIndexes[0]
        let latColumn = columnIndexes[1]
        let lonColumn = columnIndexes[2]
        let timeZoneColumn = columnIndexes[3]
        let stateColumn = columnIndexes[4]
        let cityColumn = columnIndexes[5]
        let populationColumn = columnIndexes[6]
        let neededFields = (columnIndexes.max() ?? 0) + 1

        var issues: [LoadIssue] = []
        var rowByCode = [Int32](repeating: -1, count: Self.zipSpace)
        var lineByCode: [Int: Int] = [:]
        var codes: [Int32] = []
        var lats: [Double] = []
        var lons: [Double] = []
        var populations: [Double] = []
        var timeZoneNames: [String] = []
        var timeZoneIndexByName: [String: UInt16] = [:]
        var timeZones: [UInt16] = []
        var states: [String] = []
        var stateIndexByName: [String: UInt16] = [:]
        var stateIndexes: [UInt16] = []
        var cityBytes: [UInt8] = []
        var cityEnds: [UInt32] = []
        codes.reserveCapacity(table.rows.count)
        lats.reserveCapacity(table.rows.count)
        lons.reserveCapacity(table.rows.count)
        populations.reserveCapacity(table.rows.count)
        timeZones.reserveCapacity(table.rows.count)
        stateIndexes.reserveCapacity(table.rows.count)
        cityEnds.reserveCapacity(table.rows.count)
        cityBytes.reserveCapacity(table.rows.count * 12)

        for record in table.rows {
            func issue(_ column: Int, _ message: String) {
                issues.append(
                    LoadIssue(file: file, line: record.line, column: record.columns[column], message: message))
            }
            guard record.fields.count >= neededFields else {
                let missing = Self.requiredColumns.filter { (table.column($0) ?? 0) >= record.fields.count }
                issue(
                    record.fields.count - 1,
                    "row has \(record.fields.count) fields; it lacks \(missing.joined(separator: ", "))")
                continue
            }
            let issueCount = issues.count
            let zipText = record.fields[zipColumn]
            let code = Self.fiveDigitNumber(zipText.utf8)
            if let code {
                if let firstLine = lineByCode[code] {
                    issue(zipColumn, "ZIP \(zipText) is listed again (first on line \(firstLine))")
                } else {
                    lineByCode[code] = record.line
                }
            } else {
                issue(zipColumn, "ZIP '\(zipText)' is not five digits")
            }
            let lat = Self.number(record.fields[latColumn])
            if let lat {
                if !(-90...90).contains(lat) { issue(latColumn, "lat \(record.fields[latColumn]) is not in -90...90") }
            } else {
                issue(latColumn, "lat '\(record.fields[latColumn])' is not a number")
            }
            let lon = Self.number(record.fields[lonColumn])
            if let lon {
                if !(-180...180).contains(lon) {
                    issue(lonColumn, "lon \(record.fields[lonColumn]) is not in -180...180")
                }
            } else {
                issue(lonColumn, "lon '\(record.fields[lonColumn])' is not a number")
            }
            let timeZone = record.fields[timeZoneColumn]
            if timeZone.isEmpty {
                issue(timeZoneColumn, "timezone is empty: an IANA identifier such as America/Chicago is required")
            } else if timeZone.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                issue(timeZoneColumn, "timezone '\(timeZone)' is not an IANA identifier (it contains a space)")
            }
            let population = Self.number(record.fields[populationColumn])
            if let population {
                if population < 0 {
                    issue(populationColumn, "population \(record.fields[populationColumn]) is negative")
                }
            } else {
                issue(populationColumn, "population '\(record.fields[populationColumn])' is not a number")
            }
            guard issues.count == issueCount, let code, let lat, let lon, let population else { continue }

            let zoneIndex: UInt16
            if let known = timeZoneIndexByName[timeZone] {
                zoneIndex = known
            } else {
                guard timeZoneNames.count < Int(UInt16.max) else {
                    issue(timeZoneColumn, "more than \(UInt16.max) distinct time zones")
                    continue
                }
                zoneIndex = UInt16(timeZoneNames.count)
                timeZoneIndexByName[timeZone] = zoneIndex
                timeZoneNames.append(timeZone)
            }
            let state = record.fields[stateColumn]
            let stateIndex: UInt16
            if let known = stateIndexByName[state] {
                stateIndex = known
            } else {
                guard states.count < Int(UInt16.max) else {
                    issue(stateColumn, "more than \(UInt16.max) distinct states")
                    continue
                }
                stateIndex = UInt16(states.count)
                stateIndexByName[state] = stateIndex
                states.append(state)
            }
            rowByCode[code] = Int32(codes.count)
            codes.append(Int32(code))
            lats.append(lat)
            lons.append(lon)
            populations.append(population)
            timeZones.append(zoneIndex)
            stateIndexes.append(stateIndex)
            cityBytes.append(contentsOf: record.fields[cityColumn].utf8)
            cityEnds.append(UInt32(truncatingIfNeeded: cityBytes.count))
        }
        guard issues.isEmpty else { throw LoadError(issues) }
        guard cityBytes.count <= Int(UInt32.max) else {
            throw LoadError([LoadIssue(file: file, location: "", message: "city names exceed 4 GB")])
        }

        // Renumber the time zones so that their identifiers are sorted.
        let sortedNames = timeZoneNames.sorted()
        var newIndex = [UInt16](repeating: 0, count: timeZoneNames.count)
        for (sortedPosition, name) in sortedNames.enumerated() {
            if let old = timeZoneIndexByName[name] { newIndex[Int(old)] = UInt16(sortedPosition) }
        }
        self.timeZones = timeZones.map { newIndex[Int($0)] }
        self.timeZoneIdentifiers = sortedNames
        self.rowByCode = rowByCode
        self.codes = codes
        self.lats = lats
        self.lons = lons
        self.populations = populations
        self.stateIndexes = stateIndexes
        self.states = states
        self.cityBytes = cityBytes
        self.cityEnds = cityEnds
    }

    /// The number of ZIPs in the table.
    public var count: Int { codes.count }

    /// The row of `zip`, or nil when the table lacks it or it is not five digits.
    /// - Complexity: O(1).
    public func index(of zip: ZIP) -> Int? {
        guard let code = Self.fiveDigitNumber(zip.rawValue.utf8) else { return nil }
        let row = rowByCode[code]
        return row < 0 ? nil : Int(row)
    }

    /// The ZIP of row `index` (five digits, leading zeros kept).
    /// - Precondition: `0 <= index < count`.
    /// - Complexity: O(1).
    public func zip(at index: Int) -> ZIP {
        var value = Int(codes[index])
        let text = String(unsafeUninitializedCapacity: 5) { buffer in
            for position in stride(from: 4, through: 0, by: -1) {
                buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            return 5
        }
        return ZIP(text)
    }

    /// The coordinate (degrees) of row `index`.
    /// - Precondition: `0 <= index < count`.
    /// - Complexity: O(1).
    public func coordinate(at index: Int) -> Coordinate {
        Coordinate(lat: lats[index], lon: lons[index])
    }

    /// The position in ``timeZoneIdentifiers`` of row `index`'s time zone.
    /// - Precondition: `0 <= index < count`.
    /// - Complexity: O(1).
    public func timeZoneIndex(at index: Int) -> Int {
        Int(timeZones[index])
    }

    /// The state (USPS two-letter code, as the file gives it) of row `index`.
    /// - Precondition: `0 <= index < count`.
    /// - Complexity: O(1).
    public func state(at index: Int) -> String {
        states[Int(stateIndexes[index])]
    }

    /// The city name of row `index`.
    /// - Precondition: `0 <= index < count`.
    /// - Complexity: O(length of the name).
    public func city(at index: Int) -> String {
        let start = index == 0 ? 0 : Int(cityEnds[index - 1])
        return String(decoding: cityBytes[start..<Int(cityEnds[index])], as: UTF8.self)
    }

    /// The demand weight of row `index`: an estimate of the people the ZIP serves.
    /// - Precondition: `0 <= index < count`.
    /// - Complexity: O(1).
    public func population(at index: Int) -> Double {
        populations[index]
    }

    /// The number `00000...99999` that five ASCII digits spell, or nil for any other text.
    private static func fiveDigitNumber(_ utf8: some Collection<UInt8>) -> Int? {
        guard utf8.count == 5 else { return nil }
        var value = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// A finite decimal number (`-12.5`, `3e2`), or nil; rejects `nan`, `inf`, hexadecimal and surrounding spaces.
    private static func number(_ text: String) -> Double? {
        let allowed = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                return true
            default:
                return false
            }
        }
        guard allowed, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
