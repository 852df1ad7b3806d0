import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Vietnamese lunar calendar against vnlunar, 1900–2100")
struct LunarCalendarTests {
    struct Row {
        let kind: Substring
        let solar: CivilDate
        let lunar: LunarCalendar.Date
    }

    /// `Fixtures/lunar-oracle.csv`, made by `scripts/oracles/lunar_oracle.py` with the vnlunar package.
    static let oracle: [Row] = {
        let text = try! String(contentsOf: Fixture.url("lunar-oracle.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",")
            let ymd = f[1].split(separator: "-").map { Int($0)! }
            return Row(kind: f[0], solar: CivilDate(year: ymd[0], month: ymd[1], day: ymd[2]),
                       lunar: .init(day: Int(f[2])!, month: Int(f[3])!, year: Int(f[4])!, isLeapMonth: f[5] == "1"))
        }
    }()

    @Test("Every fifth day from 1900 to 2100 has the oracle's lunar date")
    func solarToLunar() {
        let rows = Self.oracle.filter { $0.kind == "s2l" }
        #expect(rows.count > 14_000)
        var mismatches: [String] = []
        for row in rows where LunarCalendar.lunar(of: row.solar) != row.lunar {
            mismatches.append("\(row.solar): \(LunarCalendar.lunar(of: row.solar)) ≠ \(row.lunar)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        // Leap months are among them.
        #expect(rows.contains { $0.lunar.isLeapMonth })
    }

    @Test("Tết and Giỗ Tổ Hùng Vương of every year from 1900 to 2100 fall on the oracle's days")
    func lunarToSolar() {
        let rows = Self.oracle.filter { $0.kind == "l2s" }
        #expect(rows.count == 402)
        for row in rows {
            #expect(LunarCalendar.solar(of: row.lunar) == row.solar, "\(row.lunar)")
        }
    }

    @Test("Known Vietnamese dates: Tết 1985 on 21 January (not China's 20 February), Tết 2026 on 17 February")
    func knownDates() {
        #expect(LunarCalendar.solar(of: .init(day: 1, month: 1, year: 1985)) == CivilDate(year: 1985, month: 1, day: 21))
        #expect(LunarCalendar.solar(of: .init(day: 1, month: 1, year: 2026)) == CivilDate(year: 2026, month: 2, day: 17))
        #expect(LunarCalendar.solar(of: .init(day: 10, month: 3, year: 2026)) == CivilDate(year: 2026, month: 4, day: 26))
        // 2025 has a leap sixth month; 2026 has none.
        #expect(LunarCalendar.solar(of: .init(day: 1, month: 6, year: 2025, isLeapMonth: true)) == CivilDate(year: 2025, month: 7, day: 25))
        #expect(LunarCalendar.solar(of: .init(day: 1, month: 6, year: 2026, isLeapMonth: true)) == nil)
    }

    @Test("Round trip: every day from 1900 to 2100 converts to lunar and back")
    func roundTrip() {
        var day = CivilDate(year: 1900, month: 1, day: 31)
        let end = CivilDate(year: 2100, month: 12, day: 31)
        var previous = LunarCalendar.lunar(of: day.adding(days: -1))
        while day <= end {
            let lunar = LunarCalendar.lunar(of: day)
            #expect(LunarCalendar.solar(of: lunar) == day, "\(day)")
            // Lunar days advance by one or a new month starts.
            #expect(lunar.day == previous.day + 1 || (lunar.day == 1 && previous.day >= 29), "\(day)")
            previous = lunar
            day = day.adding(days: 1)
        }
    }

    @Test("Dates that do not exist are refused")
    func invalid() {
        #expect(LunarCalendar.solar(of: .init(day: 31, month: 1, year: 2026)) == nil)
        #expect(LunarCalendar.solar(of: .init(day: 1, month: 13, year: 2026)) == nil)
        // A month of 29 days has no day 30: find one in 2026 and check.
        let months = (1...12).filter { LunarCalendar.solar(of: .init(day: 30, month: $0, year: 2026)) == nil }
        #expect(!months.isEmpty)
    }
}

@Suite("Civil dates")
struct CivilDateTests {
    @Test("Julian day numbers round-trip and weekdays match Foundation's Gregorian calendar")
    func julianDays() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let seed = TestSeed(11)
        var generator = seed.generator
        for _ in 0..<5000 {
            let jd = Int.random(in: 2_415_021...2_488_434, using: &generator) // 1900 … 2100
            let date = CivilDate(julianDay: jd)
            #expect(date.julianDay == jd, "\(seed)")
            let components = DateComponents(year: date.year, month: date.month, day: date.day)
            let foundation = calendar.date(from: components)!
            let weekday = calendar.component(.weekday, from: foundation) // Sunday = 1
            #expect(date.isoWeekday == (weekday + 5) % 7 + 1, "\(seed)")
            #expect(CivilDate.valid(year: date.year, month: date.month, day: date.day) == date, "\(seed)")
        }
        #expect(CivilDate.valid(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate.valid(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2026, month: 11, day: 24).description == "2026-11-24")
    }
}
