// ISO 8601 instants with a UTC offset, as the spec prints and reads them.

/// Formatting and parsing of `2026-12-24T21:00:00-08:00`.
public enum ISO8601 {
    /// Formats `instant` on a clock `offsetMinutes` east of UTC, with seconds and the offset.
    public static func format(_ instant: Instant, offsetMinutes: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(25)
        write(instant, offsetMinutes: offsetMinutes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Formats `instant` on the clock of `zone`.
    public static func format(_ instant: Instant, in zone: ZoneTable) -> String {
        format(instant, offsetMinutes: zone.offsetMinutes(at: instant))
    }

    /// Appends `instant` on the clock of `zone`, as `format` writes it, in UTF-8.
    /// Appends the instant as a quoted JSON string on `zone`'s clock.
    public static func writeQuoted(_ instant: Instant, in zone: ZoneTable, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        write(instant, in: zone, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    public static func write(_ instant: Instant, in zone: ZoneTable, to out: inout [UInt8]) {
        write(instant, offsetMinutes: zone.offsetMinutes(at: instant), to: &out)
    }

    /// Appends `YYYY-MM-DDTHH:MM:00±HH:MM` (years beyond 9999 with all their digits) in UTF-8.
    public static func write(_ instant: Instant, offsetMinutes: Int, to out: inout [UInt8]) {
        let local = instant.minutes + offsetMinutes
        let day = CivilCalendar.floorDiv(local, 1440)
        let minuteOfDay = local - day * 1440
        let (y, m, d) = CivilCalendar.civilFromDays(day)
        if (0...9999).contains(y) {
            digits(y / 100, &out)
            digits(y % 100, &out)
        } else {
            out.append(contentsOf: String(y).utf8)
        }
        out.append(UInt8(ascii: "-"))
        digits(m, &out)
        out.append(UInt8(ascii: "-"))
        digits(d, &out)
        out.append(UInt8(ascii: "T"))
        digits(minuteOfDay / 60, &out)
        out.append(UInt8(ascii: ":"))
        digits(minuteOfDay % 60, &out)
        out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        out.append(offsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let off = abs(offsetMinutes)
        digits(off / 60, &out)
        out.append(UInt8(ascii: ":"))
        digits(off % 60, &out)
    }

    /// Two decimal digits of `v` (0...99).
    @inline(__always)
    private static func digits(_ v: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v / 10))
        out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10))
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`; the instant is rounded down to the minute.
    /// Returns nil when the text is not of that form or names an impossible date or time.
    public static func parse(_ text: String) -> Instant? {
        let b = Array(text.utf8)
        guard b.count >= 17, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
            let date = LocalDate(parsing: String(decoding: b[0..<10], as: UTF8.self)),
            b[13] == UInt8(ascii: ":"),
            let hh = Digits.value(b[11..<13]), let mm = Digits.value(b[14..<16]), hh < 24, mm < 60
        else { return nil }
        var i = 16
        var seconds = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard i + 3 <= b.count, let ss = Digits.value(b[(i + 1)..<(i + 3)]), ss < 60 else { return nil }
            seconds = ss
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                let start = i
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
                guard i > start else { return nil }
            }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let negative = b[i] == UInt8(ascii: "-")
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                let oh = Digits.value(b[(i + 1)..<(i + 3)]), let om = Digits.value(b[(i + 4)..<(i + 6)]),
                oh <= 18, om < 60
            else { return nil }
            offset = (oh * 60 + om) * (negative ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        _ = seconds  // rounded down to the minute
        return Instant(minutes: date.day * 1440 + hh * 60 + mm - offset)
    }
}
