/// Where the Labour Code leaves a choice, the default MotCua applies until a declaration for the
/// year says otherwise. Each choice is a named option.
public struct HolidayRules: Sendable, Equatable {
    /// Which five days of Tết Nguyên đán are statutory.
    public enum TetWindow: String, Sendable, CaseIterable {
        /// The last day of the lunar year and days 1–4 of the new year (the usual civil-service choice).
        case eveAndFirstFour = "eve_and_first_four"
        /// Days 1–5 of the new year.
        case firstFive = "first_five"
    }

    /// The day next to 2/9 that is also off (Art. 112(1)(đ): "01 ngày liền kề").
    public enum NationalDayCompanion: String, Sendable, CaseIterable {
        case dayBefore = "day_before"
        case dayAfter = "day_after"
    }

    public var tetWindow: TetWindow
    public var nationalDayCompanion: NationalDayCompanion
    /// Holidays falling on Saturday or Sunday give the next working day off (Art. 111(3)).
    public var substitutesForWeekends: Bool
    /// First year in which 24/11 (Ngày Văn hóa Việt Nam) is a holiday; nil if it is not.
    public var cultureDaySince: Int?

    public init(tetWindow: TetWindow = .eveAndFirstFour, nationalDayCompanion: NationalDayCompanion = .dayBefore,
                substitutesForWeekends: Bool = true, cultureDaySince: Int? = 2026) {
        self.tetWindow = tetWindow
        self.nationalDayCompanion = nationalDayCompanion
        self.substitutesForWeekends = substitutesForWeekends
        self.cultureDaySince = cultureDaySince
    }

    /// The statutory holidays of a year, before substitutes and declarations.
    public func statutoryDays(of year: Int) -> [CalendarDay] {
        var days: [CalendarDay] = []
        func add(_ date: CivilDate?, _ name: String) {
            if let date, date.year == year { days.append(CalendarDay(date: date, name: name, kind: .statutory)) }
        }
        add(CivilDate(year: year, month: 1, day: 1), "Tết Dương lịch")
        // Tết of this Gregorian year, and the eve of next year's Tết if it falls in late December.
        for lunarYear in [year, year + 1] {
            guard let newYear = LunarCalendar.solar(of: .init(day: 1, month: 1, year: lunarYear)) else { continue }
            switch tetWindow {
            case .eveAndFirstFour:
                add(newYear.adding(days: -1), "Tết Nguyên đán (30 Tết)")
                for offset in 0..<4 { add(newYear.adding(days: offset), "Tết Nguyên đán (mùng \(offset + 1))") }
            case .firstFive:
                for offset in 0..<5 { add(newYear.adding(days: offset), "Tết Nguyên đán (mùng \(offset + 1))") }
            }
        }
        add(LunarCalendar.solar(of: .init(day: 10, month: 3, year: year)), "Giỗ Tổ Hùng Vương (10/3 âm lịch)")
        add(CivilDate(year: year, month: 4, day: 30), "Ngày Chiến thắng")
        add(CivilDate(year: year, month: 5, day: 1), "Ngày Quốc tế Lao động")
        let nationalDay = CivilDate(year: year, month: 9, day: 2)
        add(nationalDayCompanion == .dayBefore ? nationalDay.adding(days: -1) : nil, "Quốc khánh (ngày liền kề)")
        add(nationalDay, "Quốc khánh")
        add(nationalDayCompanion == .dayAfter ? nationalDay.adding(days: 1) : nil, "Quốc khánh (ngày liền kề)")
        if let since = cultureDaySince, year >= since {
            add(CivilDate(year: year, month: 11, day: 24), "Ngày Văn hóa Việt Nam")
        }
        return days.sorted { $0.date < $1.date }
    }
}
