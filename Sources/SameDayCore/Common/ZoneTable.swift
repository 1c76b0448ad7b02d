// Time zones as flat tables of UTC offsets, so local-time arithmetic on the hot path is a binary search.

import Foundation

/// The UTC offsets of one IANA time zone, as a sorted table of transitions.
///
/// Built once per zone from the system's time-zone database (through Foundation) for 1970–2200;
/// after that a lookup reads two small arrays and touches no shared state.
/// Memory: 16 bytes per transition (about 460 for a US zone with DST).
public struct ZoneTable: Sendable, Hashable {
    /// The IANA identifier (`America/Los_Angeles`).
    public let identifier: String
    /// Offset in minutes east of UTC before the first transition.
    @usableFromInline let initialOffset: Int
    /// UTC minutes at which `offsets[i]` takes effect, ascending.
    @usableFromInline let transitions: [Int]
    @usableFromInline let offsets: [Int]
    /// Per local day since `fastBaseDay`: the offset for every wall time of that day, or `Int16.min` when a
    /// transition touches the day. Lets `instant(day:minuteOfDay:)` skip the search on all other days.
    @usableFromInline let localDayOffsets: [Int16]
    /// Per UTC day since `fastBaseDay`: the offset for every instant of that day, or `Int16.min`.
    @usableFromInline let utcDayOffsets: [Int16]
    /// 2000-01-01; the day tables cover 2000 to 2100.
    @usableFromInline static let fastBaseDay = 10_957
    @usableFromInline static let fastDays = 36_525

    /// A zone with one fixed offset and no transitions.
    public init(identifier: String, fixedOffsetMinutes: Int) {
        self.identifier = identifier
        self.initialOffset = fixedOffsetMinutes
        self.transitions = []
        self.offsets = []
        self.localDayOffsets = []
        self.utcDayOffsets = []
    }

    /// A zone with explicit transitions; for tests and for zones not in the system database.
    public init(identifier: String, initialOffsetMinutes: Int, transitions: [(at: Instant, offsetMinutes: Int)]) {
        self.identifier = identifier
        self.initialOffset = initialOffsetMinutes
        self.transitions = transitions.map(\.at.minutes)
        self.offsets = transitions.map(\.offsetMinutes)
        (self.localDayOffsets, self.utcDayOffsets) = Self.dayTables(
            initial: initialOffsetMinutes, transitions: self.transitions, offsets: self.offsets)
    }

    /// Whether the system's time-zone database knows `identifier` (cheap: builds no table).
    public static func isKnown(_ identifier: String) -> Bool {
        TimeZone(identifier: identifier) != nil
    }

    /// The zone named `identifier` in the system's time-zone database, or nil when it has none.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        let start = Date(timeIntervalSince1970: 0)
        let end = Date(timeIntervalSince1970: 7_258_118_400)  // 2200-01-01
        var transitions: [Int] = []
        var offsets: [Int] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            let minutes = Int((next.timeIntervalSince1970 / 60).rounded(.down))
            let offset = zone.secondsFromGMT(for: next) / 60
            if offset != (offsets.last ?? zone.secondsFromGMT(for: start) / 60) {
                transitions.append(minutes)
                offsets.append(offset)
            }
            cursor = next
        }
        self.identifier = identifier
        self.initialOffset = zone.secondsFromGMT(for: start) / 60
        self.transitions = transitions
        self.offsets = offsets
        (self.localDayOffsets, self.utcDayOffsets) = Self.dayTables(
            initial: self.initialOffset, transitions: transitions, offsets: offsets)
    }

    /// Builds the per-day offset tables (empty for a zone without transitions: the fixed offset serves).
    private static func dayTables(initial: Int, transitions: [Int], offsets: [Int]) -> ([Int16], [Int16]) {
        guard !transitions.isEmpty else { return ([], []) }
        func offset(at u: Int) -> Int {
            var lo = 0
            var hi = transitions.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if transitions[mid] <= u { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? initial : offsets[lo - 1]
        }
        var local = [Int16](repeating: 0, count: fastDays)
        var utc = [Int16](repeating: 0, count: fastDays)
        for i in 0..<fastDays {
            let day = fastBaseDay + i
            utc[i] = Int16(offset(at: day * 1440 + 720))
            // The instant of local midday on local day `day`.
            local[i] = Int16(offset(at: day * 1440 + 720 - Int(utc[i])))
        }
        for (k, u) in transitions.enumerated() {
            let before = k == 0 ? initial : offsets[k - 1]
            let after = offsets[k]
            let utcDay = CivilCalendar.floorDiv(u, 1440) - fastBaseDay
            if (0..<fastDays).contains(utcDay) { utc[utcDay] = Int16.min }
            for d in [CivilCalendar.floorDiv(u + before, 1440), CivilCalendar.floorDiv(u + after, 1440)] {
                let i = d - fastBaseDay
                if (0..<fastDays).contains(i) { local[i] = Int16.min }
            }
        }
        // A day whose midday offset differs from its neighbours' without a marked transition cannot occur,
        // but a transition at a UTC day boundary affects the day before too: mark it conservatively.
        for (k, u) in transitions.enumerated() where CivilCalendar.floorDiv(u, 1440) * 1440 == u {
            _ = k
            let i = CivilCalendar.floorDiv(u, 1440) - fastBaseDay - 1
            if (0..<fastDays).contains(i) { utc[i] = Int16.min }
        }
        return (local, utc)
    }

    /// Minutes east of UTC in effect at `instant`.
    /// - Complexity: O(log t) for t transitions.
    @inlinable
    public func offsetMinutes(at instant: Instant) -> Int {
        let u = instant.minutes
        if transitions.isEmpty { return initialOffset }
        let day = (u >= 0 ? u / 1440 : CivilCalendar.floorDiv(u, 1440)) &- Self.fastBaseDay
        if day >= 0, day < utcDayOffsets.count {
            let fast = utcDayOffsets[day]
            if fast != Int16.min { return Int(fast) }
        }
        var lo = 0
        var hi = transitions.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if transitions[mid] <= u { lo = mid &+ 1 } else { hi = mid }
        }
        return lo == 0 ? initialOffset : offsets[lo &- 1]
    }

    /// The local date (day number) on this clock at `instant`.
    @inlinable
    public func localDay(of instant: Instant) -> Int {
        CivilCalendar.floorDiv(instant.minutes + offsetMinutes(at: instant), 1440)
    }

    /// The local wall-clock minutes since 1970-01-01T00:00 local at `instant`.
    @inlinable
    public func localMinutes(of instant: Instant) -> Int {
        instant.minutes + offsetMinutes(at: instant)
    }

    /// The instant at which this clock shows `minuteOfDay` on local day `day`, by the spec's rule:
    /// a time inside a spring-forward gap moves forward by the gap; an ambiguous one is the earlier instant.
    @inlinable
    public func instant(day: Int, minuteOfDay: Int) -> Instant {
        let local = day &* 1440 &+ minuteOfDay
        if transitions.isEmpty { return Instant(minutes: local &- initialOffset) }
        let i = day &- Self.fastBaseDay
        if i >= 0, i < localDayOffsets.count, minuteOfDay >= 0, minuteOfDay < 1440 {
            let fast = localDayOffsets[i]
            if fast != Int16.min { return Instant(minutes: local &- Int(fast)) }
        }
        // The offsets that can apply to this wall time are those in effect a day before and a day after.
        let before = offsetMinutes(at: Instant(minutes: local &- 1440))
        let after = offsetMinutes(at: Instant(minutes: local &+ 1440))
        let early = local &- Swift.max(before, after)
        let late = local &- Swift.min(before, after)
        if before == after { return Instant(minutes: local &- before) }
        let earlyValid = early &+ offsetMinutes(at: Instant(minutes: early)) == local
        if earlyValid { return Instant(minutes: early) }
        let lateValid = late &+ offsetMinutes(at: Instant(minutes: late)) == local
        if lateValid { return Instant(minutes: late) }
        // In a gap: read the wall time with the offset in effect before the gap.
        return Instant(minutes: local &- before)
    }
}
