// Time as the spec counts it: ISO 8601 instants, local dates and times, and zone tables checked against
// Foundation's TimeZone around both 2026 US DST changes, with the spec's gap and ambiguity rules.

import Foundation
import SameDayCore
import Testing

/// Minutes since the epoch of a UTC wall time.
func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int) -> Instant {
    Instant(minutes: LocalDate(year: y, month: mo, dayOfMonth: d).day * 1440 + h * 60 + mi)
}

func foundationOffset(_ zone: TimeZone, _ instant: Instant) -> Int {
    zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.minutes) * 60)) / 60
}

/// The spec's rule, computed with Foundation: the earliest instant showing the wall time; in a gap, the wall
/// time read with the offset in effect before the gap (which moves it forward by the gap).
func referenceInstant(_ zone: TimeZone, day: Int, minuteOfDay: Int) -> Instant {
    let local = day * 1440 + minuteOfDay
    let before = foundationOffset(zone, Instant(minutes: local - 1440))
    let after = foundationOffset(zone, Instant(minutes: local + 1440))
    let valid = Set([before, after]).map { local - $0 }.filter {
        foundationOffset(zone, Instant(minutes: $0)) == local - $0
    }
    return Instant(minutes: valid.min() ?? (local - before))
}

@Suite struct ISO8601Tests {
    @Test(arguments: [
        ("2026-12-24T21:00:00-08:00", utc(2026, 12, 25, 5, 0)),
        ("2026-12-24T21:00:00Z", utc(2026, 12, 24, 21, 0)),
        ("2026-12-24T21:00:00z", utc(2026, 12, 24, 21, 0)),
        ("2026-12-24T21:00-08:00", utc(2026, 12, 25, 5, 0)),
        ("2026-12-24T21:00:59.999-08:00", utc(2026, 12, 25, 5, 0)),  // rounded down to the minute
        ("2026-12-24T21:00:30,5+05:30", utc(2026, 12, 24, 15, 30)),
        ("2026-01-01T00:00:00+14:00", utc(2025, 12, 31, 10, 0)),
        ("1969-12-31T23:59:00Z", Instant(minutes: -1)),
        ("2024-02-29T12:00:00Z", utc(2024, 2, 29, 12, 0)),
    ])
    func parsesInstantsWithAnOffset(text: String, instant: Instant) {
        #expect(ISO8601.parse(text) == instant)
    }

    @Test(arguments: [
        "", "2026-12-24", "2026-12-24T21:00:00", "2026-12-24T21:00:00-0800", "2026-12-24T24:00:00Z",
        "2026-12-24T23:60:00Z", "2026-12-24T23:00:60Z", "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
        "2026-12-32T10:00:00Z", "2026-12-24T21:00:00-08:00x", "2026-12-24T21:00:00+19:00", "2026-12-24T21:00:00.Z",
        "2026-12-24T9:00:00Z", "26-12-24T21:00:00Z", "2026-12-24X21:00:00Z", "2026-12-24T21:00:00 -08:00",
    ])
    func rejectsTextThatIsNotAnInstantWithAnOffset(text: String) {
        #expect(ISO8601.parse(text) == nil)
    }

    @Test func formatsWithSecondsAndTheOffsetOfThePlace() throws {
        let la = try #require(ZoneTable(identifier: "America/Los_Angeles"))
        let kolkata = try #require(ZoneTable(identifier: "Asia/Kolkata"))
        let t = utc(2026, 12, 25, 5, 0)
        #expect(ISO8601.format(t, in: la) == "2026-12-24T21:00:00-08:00")
        #expect(ISO8601.format(t, in: kolkata) == "2026-12-25T10:30:00+05:30")
        #expect(ISO8601.format(t, offsetMinutes: 0) == "2026-12-25T05:00:00+00:00")
        #expect(ISO8601.format(utc(2026, 7, 4, 19, 0), in: la) == "2026-07-04T12:00:00-07:00")
        #expect(ISO8601.format(Instant(minutes: -1), offsetMinutes: 0) == "1969-12-31T23:59:00+00:00")
    }

    // Every 7 minutes across 2026 (both DST changes included), format then parse gives the instant back.
    @Test(arguments: ["America/Los_Angeles", "America/New_York", "America/Phoenix", "Pacific/Honolulu", "Asia/Kolkata"])
    func formatThenParseRoundTrips(zone: String) throws {
        let table = try #require(ZoneTable(identifier: zone))
        var t = utc(2026, 1, 1, 0, 0)
        let end = utc(2027, 1, 1, 0, 0)
        while t < end {
            let text = ISO8601.format(t, in: table)
            if ISO8601.parse(text) != t {
                Issue.record("\(text) does not parse back to \(t)")
                return
            }
            t = t + 7
        }
    }

    // At fall back the same wall time prints twice, told apart by the offset.
    @Test func theRepeatedHourPrintsWithItsOwnOffset() throws {
        let la = try #require(ZoneTable(identifier: "America/Los_Angeles"))
        #expect(ISO8601.format(utc(2026, 11, 1, 8, 30), in: la) == "2026-11-01T01:30:00-07:00")
        #expect(ISO8601.format(utc(2026, 11, 1, 9, 30), in: la) == "2026-11-01T01:30:00-08:00")
        #expect(ISO8601.format(utc(2026, 3, 8, 9, 59), in: la) == "2026-03-08T01:59:00-08:00")
        #expect(ISO8601.format(utc(2026, 3, 8, 10, 0), in: la) == "2026-03-08T03:00:00-07:00")
    }
}

@Suite struct LocalDateAndTimeTests {
    @Test(arguments: [
        "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01",
        "2026/01/01", "2026-01-01T", " 2026-01-01", "",
    ])
    func invalidDatesAreRejected(text: String) {
        #expect(LocalDate(parsing: text) == nil)
    }

    @Test(arguments: [
        ("1970-01-01", 0), ("2024-02-29", 19_782), ("2000-02-29", 11_016), ("2026-12-25", 20_812),
        ("1969-12-31", -1),
    ])
    func validDatesAreDaysSinceTheEpoch(text: String, day: Int) {
        #expect(LocalDate(parsing: text)?.day == day)
        #expect(LocalDate(day: day).description == text)
    }

    @Test func everyDayOf2026RoundTrips() {
        let first = LocalDate(year: 2026, month: 1, dayOfMonth: 1).day
        for d in first..<(first + 365) {
            #expect(LocalDate(parsing: LocalDate(day: d).description)?.day == d)
        }
        #expect(LocalDate(day: first + 365).description == "2027-01-01")
    }

    @Test(arguments: ["24:00", "23:60", "7:00", "07:0", "07:00:00", "-1:00", "ab:cd", "", "07-00"])
    func invalidTimesAreRejected(text: String) {
        #expect(LocalTime(parsing: text) == nil)
    }

    @Test(arguments: [("00:00", 0), ("07:00", 420), ("23:59", 1439), ("12:30", 750)])
    func validTimesAreMinutesOfTheDay(text: String, minute: Int) {
        #expect(LocalTime(parsing: text)?.minuteOfDay == minute)
        #expect(LocalTime(minuteOfDay: minute).description == text)
    }
}

@Suite struct ZoneTableTests {
    static let zones = [
        "America/Los_Angeles", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
        "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "Australia/Lord_Howe",
    ]

    // Every 15 minutes from a day before to a day after each 2026 US DST change, and hourly over all of 2026.
    @Test(arguments: zones)
    func offsetsAgreeWithFoundation(identifier: String) throws {
        let table = try #require(ZoneTable(identifier: identifier))
        let zone = try #require(TimeZone(identifier: identifier))
        var checks: [Instant] = []
        for (start, end) in [
            (utc(2026, 3, 7, 0, 0), utc(2026, 3, 10, 0, 0)), (utc(2026, 10, 31, 0, 0), utc(2026, 11, 3, 0, 0)),
        ] {
            var t = start
            while t < end {
                checks.append(t)
                t = t + 15
            }
        }
        var t = utc(2026, 1, 1, 0, 0)
        while t < utc(2027, 1, 1, 0, 0) {
            checks.append(t)
            t = t + 60
        }
        // Outside the fast day tables (2000-2100) the table searches its transitions.
        for year in [1975, 1999, 2100, 2150] {
            for month in [1, 3, 7, 11] { checks.append(utc(year, month, 8, 10, 0)) }
        }
        let wrong = checks.filter { table.offsetMinutes(at: $0) != foundationOffset(zone, $0) }
        #expect(wrong.isEmpty, "first: \(wrong.first.map { "\($0)" } ?? "")")
    }

    @Test(arguments: [
        ("America/Los_Angeles", utc(2026, 3, 8, 9, 59), -480), ("America/Los_Angeles", utc(2026, 3, 8, 10, 0), -420),
        ("America/Los_Angeles", utc(2026, 11, 1, 8, 59), -420), ("America/Los_Angeles", utc(2026, 11, 1, 9, 0), -480),
        ("America/New_York", utc(2026, 3, 8, 6, 59), -300), ("America/New_York", utc(2026, 3, 8, 7, 0), -240),
        ("America/New_York", utc(2026, 11, 1, 5, 59), -240), ("America/New_York", utc(2026, 11, 1, 6, 0), -300),
    ])
    func theOffsetChangesAtTwoInTheMorningLocal(identifier: String, at instant: Instant, offset: Int) throws {
        #expect(try #require(ZoneTable(identifier: identifier)).offsetMinutes(at: instant) == offset)
    }

    // The spec: a wall time in the spring-forward gap moves forward by the gap (02:30 -> 03:30 daylight);
    // an ambiguous one at fall back is the earlier instant (daylight time).
    @Test(arguments: [
        // Los Angeles, 2026-03-08: 01:59 PST = 09:59Z; 02:00 and 02:30 do not exist -> 03:00/03:30 PDT
        ("America/Los_Angeles", "2026-03-08", "01:59", utc(2026, 3, 8, 9, 59)),
        ("America/Los_Angeles", "2026-03-08", "02:00", utc(2026, 3, 8, 10, 0)),
        ("America/Los_Angeles", "2026-03-08", "02:30", utc(2026, 3, 8, 10, 30)),
        ("America/Los_Angeles", "2026-03-08", "02:59", utc(2026, 3, 8, 10, 59)),
        ("America/Los_Angeles", "2026-03-08", "03:00", utc(2026, 3, 8, 10, 0)),
        ("America/Los_Angeles", "2026-03-08", "03:30", utc(2026, 3, 8, 10, 30)),
        // Los Angeles, 2026-11-01: 01:00-01:59 twice -> the PDT one
        ("America/Los_Angeles", "2026-11-01", "00:59", utc(2026, 11, 1, 7, 59)),
        ("America/Los_Angeles", "2026-11-01", "01:00", utc(2026, 11, 1, 8, 0)),
        ("America/Los_Angeles", "2026-11-01", "01:30", utc(2026, 11, 1, 8, 30)),
        ("America/Los_Angeles", "2026-11-01", "01:59", utc(2026, 11, 1, 8, 59)),
        ("America/Los_Angeles", "2026-11-01", "02:00", utc(2026, 11, 1, 10, 0)),
        // New York
        ("America/New_York", "2026-03-08", "02:30", utc(2026, 3, 8, 7, 30)),
        ("America/New_York", "2026-11-01", "01:30", utc(2026, 11, 1, 5, 30)),
        // An ordinary day
        ("America/New_York", "2026-12-24", "21:00", utc(2026, 12, 25, 2, 0)),
    ])
    func wallTimesFollowTheGapAndAmbiguityRules(identifier: String, date: String, time: String, instant: Instant) throws
    {
        let table = try #require(ZoneTable(identifier: identifier))
        let day = try #require(LocalDate(parsing: date)).day
        let minute = try #require(LocalTime(parsing: time)).minuteOfDay
        #expect(table.instant(day: day, minuteOfDay: minute) == instant)
    }

    // Every minute of the days around each 2026 change (and Lord Howe's half-hour shifts) against Foundation.
    @Test(arguments: zones)
    func everyWallTimeOfTheChangeDaysFollowsTheRules(identifier: String) throws {
        let table = try #require(ZoneTable(identifier: identifier))
        let zone = try #require(TimeZone(identifier: identifier))
        var wrong: [String] = []
        // 1999-04-04 (the old US rule), and 2099-2150 at and beyond the end of the fast day tables (2000-2100).
        for date in [
            "2026-03-07", "2026-03-08", "2026-03-09", "2026-04-05", "2026-10-04", "2026-10-31", "2026-11-01",
            "1999-04-04", "1999-10-31", "2099-03-08", "2099-11-01", "2100-03-14", "2100-11-07", "2150-03-08",
            "2150-11-01",
        ] {
            let day = try #require(LocalDate(parsing: date)).day
            for m in 0..<1440
            where table.instant(day: day, minuteOfDay: m) != referenceInstant(zone, day: day, minuteOfDay: m) {
                wrong.append("\(date) \(LocalTime(minuteOfDay: m))")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    @Test func localDaysAreOnTheZonesClock() throws {
        let la = try #require(ZoneTable(identifier: "America/Los_Angeles"))
        let ny = try #require(ZoneTable(identifier: "America/New_York"))
        let t = utc(2026, 12, 25, 4, 30)  // 12-24 20:30 PST, 12-24 23:30 EST
        #expect(la.localDay(of: t) == LocalDate(year: 2026, month: 12, dayOfMonth: 24).day)
        #expect(ny.localDay(of: t) == LocalDate(year: 2026, month: 12, dayOfMonth: 24).day)
        #expect(ny.localDay(of: t + 30) == LocalDate(year: 2026, month: 12, dayOfMonth: 25).day)
    }

    // Phoenix and Honolulu keep one offset all year: no gap, no repeat.
    @Test(arguments: [("America/Phoenix", -420), ("Pacific/Honolulu", -600)])
    func fixedOffsetZonesNeverChange(identifier: String, offset: Int) throws {
        let table = try #require(ZoneTable(identifier: identifier))
        for instant in [
            utc(2026, 1, 15, 12, 0), utc(2026, 3, 8, 10, 0), utc(2026, 7, 4, 12, 0), utc(2026, 11, 1, 9, 0),
        ] {
            #expect(table.offsetMinutes(at: instant) == offset)
        }
        let day = LocalDate(year: 2026, month: 3, dayOfMonth: 8).day
        #expect(table.instant(day: day, minuteOfDay: 150) == Instant(minutes: day * 1440 + 150 - offset))
        let fallBack = LocalDate(year: 2026, month: 11, dayOfMonth: 1).day
        #expect(table.instant(day: fallBack, minuteOfDay: 90) == Instant(minutes: fallBack * 1440 + 90 - offset))
        #expect(ISO8601.format(utc(2026, 7, 4, 12, 0), in: table).hasSuffix(offset == -420 ? "-07:00" : "-10:00"))
    }

    @Test func anExplicitFixedOffsetZoneUsesItsOffset() {
        let zone = ZoneTable(identifier: "Etc/GMT+5", fixedOffsetMinutes: -300)
        #expect(zone.offsetMinutes(at: utc(2026, 7, 1, 0, 0)) == -300)
        #expect(
            zone.instant(day: LocalDate(year: 2026, month: 7, dayOfMonth: 1).day, minuteOfDay: 0)
                == utc(2026, 7, 1, 5, 0))
    }

    @Test(arguments: ["Mars/Olympus", "America/Seattle", "", "PST8PDT-nope"])
    func unknownZonesAreNil(identifier: String) {
        #expect(ZoneTable(identifier: identifier) == nil)
    }
}
