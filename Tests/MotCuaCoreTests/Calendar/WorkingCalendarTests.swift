import Foundation
import MotCuaCore
import Testing

@Suite("Working-day calendar against the holidays package")
struct WorkingCalendarTests {
    /// `Fixtures/holidays-oracle.csv`, made by `scripts/oracles/holidays_oracle.py`.
    static let oracle: [CivilDate: String] = {
        let text = try! String(contentsOf: Fixture.url("holidays-oracle.csv"), encoding: .utf8)
        var days: [CivilDate: String] = [:]
        for line in text.split(separator: "\n").dropFirst(2) {
            let parts = line.split(separator: ",", maxSplits: 1)
            let ymd = parts[0].split(separator: "-").map { Int($0)! }
            days[CivilDate(year: ymd[0], month: ymd[1], day: ymd[2])] = String(parts[1])
        }
        return days
    }()

    static let calendar = WorkingCalendar(years: 2013...2030, declarations: OfficialDeclarations.days)

    @Test("2025 and 2026: the weekdays off are exactly the oracle's", arguments: [2025, 2026])
    func declaredYears(year: Int) throws {
        let expected = Set(Self.oracle.keys.filter { $0.year == year && !$0.isWeekend })
        var actual = Set<CivilDate>()
        var day = CivilDate(year: year, month: 1, day: 1)
        while day.year == year {
            if !day.isWeekend, try !Self.calendar.isWorkingDay(day) { actual.insert(day) }
            day = day.adding(days: 1)
        }
        #expect(actual == expected, "only ours: \(actual.subtracting(expected).sorted()); only oracle: \(expected.subtracting(actual).sorted())")
    }

    @Test("Every year 2013–2030: Tết and Giỗ Tổ Hùng Vương fall where the oracle puts them")
    func lunarHolidays() throws {
        for year in 2013...2030 {
            let tet = try #require(LunarCalendar.solar(of: .init(day: 1, month: 1, year: year)))
            for offset in 0..<(year >= 2014 ? 4 : 3) {
                let day = tet.adding(days: offset)
                #expect(Self.oracle[day] != nil, "Tết \(year) day \(offset + 1): \(day)")
                #expect(try !Self.calendar.isWorkingDay(day))
            }
            let hungKings = try #require(LunarCalendar.solar(of: .init(day: 10, month: 3, year: year)))
            #expect(Self.oracle[hungKings]?.contains("Hung Kings") == true, "Giỗ Tổ \(year): \(hungKings)")
        }
    }

    @Test("2026 lists its exceptions with names and kinds")
    func exceptions2026() {
        let days = Self.calendar.exceptions(in: 2026)
        let byDate = Dictionary(uniqueKeysWithValues: days.map { ($0.date.description, $0) })
        #expect(byDate["2026-02-17"]?.kind == .statutory)
        #expect(byDate["2026-04-27"]?.kind == .substitute)
        #expect(byDate["2026-04-27"]?.name.contains("Giỗ Tổ") == true)
        #expect(byDate["2026-08-22"]?.kind == .makeUpWorkingDay)
        #expect(byDate["2026-08-31"]?.kind == .declaredDayOff)
        #expect(byDate["2026-11-24"]?.name == "Ngày Văn hóa Việt Nam")
        #expect(byDate["2026-04-26"] == nil, "Sunday holidays are not listed as weekday exceptions")
        #expect(days == days.sorted { $0.date < $1.date })
    }

    @Test("Options: Tết as days 1–5, 3 September as the companion day")
    func options() throws {
        let rules = HolidayRules(tetWindow: .firstFive, nationalDayCompanion: .dayAfter, cultureDaySince: nil)
        let calendar = WorkingCalendar(years: 2027...2027, rules: rules)
        #expect(try !calendar.isWorkingDay(CivilDate(year: 2027, month: 2, day: 10))) // mùng 5
        #expect(try calendar.isWorkingDay(CivilDate(year: 2027, month: 2, day: 5)))   // 30 Tết, a Friday
        #expect(try !calendar.isWorkingDay(CivilDate(year: 2027, month: 9, day: 3)))
        #expect(try calendar.isWorkingDay(CivilDate(year: 2027, month: 9, day: 1)))
        #expect(try calendar.isWorkingDay(CivilDate(year: 2027, month: 11, day: 24)))
        #expect(throws: WorkingCalendar.Problem.outOfRange(CivilDate(year: 2028, month: 1, day: 3))) {
            try calendar.isWorkingDay(CivilDate(year: 2028, month: 1, day: 3))
        }
    }
}
