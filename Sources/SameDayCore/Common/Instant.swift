// Time as SameDay counts it: whole minutes since 1970-01-01T00:00Z.

/// An instant, in whole minutes since the Unix epoch (UTC). The spec's unit of time is the minute.
public struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Minutes since 1970-01-01T00:00:00Z.
    public var minutes: Int

    @inlinable public init(minutes: Int) { self.minutes = minutes }

    /// The instant that contains `seconds` since the epoch (rounded down to the minute).
    @inlinable public init(secondsSinceEpoch seconds: Int) {
        self.minutes = seconds >= 0 ? seconds / 60 : -((-seconds + 59) / 60)
    }

    @inlinable public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.minutes < rhs.minutes }
    @inlinable public static func + (lhs: Instant, rhs: Int) -> Instant { Instant(minutes: lhs.minutes + rhs) }
    @inlinable public static func - (lhs: Instant, rhs: Int) -> Instant { Instant(minutes: lhs.minutes - rhs) }
    @inlinable public static func - (lhs: Instant, rhs: Instant) -> Int { lhs.minutes - rhs.minutes }

    public var description: String { ISO8601.format(self, offsetMinutes: 0) }

    public init(from decoder: any Decoder) throws {
        self.minutes = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(minutes)
    }
}

/// A local wall-clock time of day, `HH:MM`, as minutes after local midnight (0..<1440).
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minuteOfDay: Int

    @inlinable public init(minuteOfDay: Int) { self.minuteOfDay = minuteOfDay }
    public init(hour: Int, minute: Int) { self.minuteOfDay = hour * 60 + minute }

    /// Parses `HH:MM` (24 h, two digits each). Returns nil for anything else.
    public init?(parsing text: String) {
        let b = Array(text.utf8)
        guard b.count == 5, b[2] == UInt8(ascii: ":"),
            let h = Digits.value(b[0..<2]), let m = Digits.value(b[3..<5]), h < 24, m < 60
        else { return nil }
        self.minuteOfDay = h * 60 + m
    }

    @inlinable public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }

    public var description: String { Digits.two(minuteOfDay / 60) + ":" + Digits.two(minuteOfDay % 60) }
}

/// A calendar date, as days since 1970-01-01 in the proleptic Gregorian calendar.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var day: Int

    @inlinable public init(day: Int) { self.day = day }

    public init(year: Int, month: Int, dayOfMonth: Int) {
        self.day = CivilCalendar.daysFromCivil(year: year, month: month, day: dayOfMonth)
    }

    /// Parses `YYYY-MM-DD`, rejecting dates that do not exist (2026-02-30).
    public init?(parsing text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = Digits.value(b[0..<4]), let m = Digits.value(b[5..<7]), let d = Digits.value(b[8..<10]),
            (1...12).contains(m), d >= 1, d <= CivilCalendar.daysInMonth(year: y, month: m)
        else { return nil }
        self.day = CivilCalendar.daysFromCivil(year: y, month: m, day: d)
    }

    @inlinable public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.day < rhs.day }

    public var description: String {
        let (y, m, d) = CivilCalendar.civilFromDays(day)
        return Digits.four(y) + "-" + Digits.two(m) + "-" + Digits.two(d)
    }
}

/// Conversions between day numbers and (year, month, day), after Howard Hinnant's algorithms.
public enum CivilCalendar {
    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    @inlinable
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Floor division that rounds toward negative infinity.
    @inlinable
    public static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

enum Digits {
    static func value(_ bytes: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int(b - UInt8(ascii: "0"))
        }
        return v
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    static func four(_ v: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
