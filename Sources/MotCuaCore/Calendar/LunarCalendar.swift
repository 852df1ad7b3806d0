import Foundation

/// The Vietnamese lunisolar calendar (âm lịch), computed astronomically for Vietnam's time zone
/// (UTC+7) with Hồ Ngọc Đức's published algorithm: new moons after Meeus, the winter solstice month
/// as month 11, and the first month without a major solar term as the leap month. Because it uses
/// UTC+7, it differs from the Chinese calendar (UTC+8) in some years: Tết 1985 was 21 January.
public enum LunarCalendar {
    /// A lunar date. `isLeapMonth` marks the repeated (nhuận) month.
    public struct Date: Sendable, Hashable, Codable, CustomStringConvertible {
        public let day: Int
        public let month: Int
        public let year: Int
        public let isLeapMonth: Bool

        public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
            self.day = day
            self.month = month
            self.year = year
            self.isLeapMonth = isLeapMonth
        }

        public var description: String { "\(day)/\(month)\(isLeapMonth ? " nhuận" : "")/\(year) âm lịch" }
    }

    /// Hours east of UTC used for new moons and solar terms.
    public static let timeZone = 7.0

    // MARK: conversions

    /// The lunar date of a Gregorian day.
    public static func lunar(of day: CivilDate) -> Date {
        let dayNumber = day.julianDay
        // The new moon on or before the day. The mean-month estimate of k can be one month late
        // (2054-05-07, 2062-04-09 in 1900–2100), so step back until the moon is not after the day.
        var k = Int(floor((Double(dayNumber) - 2_415_021.076998695) / 29.530588853)) + 1
        var monthStart = newMoonDay(k)
        while monthStart > dayNumber {
            k -= 1
            monthStart = newMoonDay(k)
        }
        var a11 = lunarMonth11(of: day.year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = day.year
            a11 = lunarMonth11(of: day.year - 1)
        } else {
            lunarYear = day.year + 1
            b11 = lunarMonth11(of: day.year + 1)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = Int(floor(Double(monthStart - a11) / 29))
        var isLeap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapDiff = leapMonthOffset(a11)
            if diff >= leapDiff {
                lunarMonth = diff + 10
                if diff == leapDiff { isLeap = true }
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11, diff < 4 { lunarYear -= 1 }
        return Date(day: lunarDay, month: lunarMonth, year: lunarYear, isLeapMonth: isLeap)
    }

    /// The Gregorian day of a lunar date; nil if that date does not exist (a leap month that year
    /// does not have, or a day 30 in a 29-day month).
    public static func solar(of date: Date) -> CivilDate? {
        guard (1...12).contains(date.month), (1...30).contains(date.day) else { return nil }
        let a11: Int, b11: Int
        if date.month < 11 {
            a11 = lunarMonth11(of: date.year - 1)
            b11 = lunarMonth11(of: date.year)
        } else {
            a11 = lunarMonth11(of: date.year)
            b11 = lunarMonth11(of: date.year + 1)
        }
        let k = Int(floor(0.5 + (Double(a11) - 2_415_021.076998695) / 29.530588853))
        var offset = date.month - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 { leapMonth += 12 }
            if date.isLeapMonth, date.month != leapMonth { return nil }
            if date.isLeapMonth || offset >= leapOffset { offset += 1 }
        } else if date.isLeapMonth {
            return nil
        }
        let monthStart = newMoonDay(k + offset)
        let result = CivilDate(julianDay: monthStart + date.day - 1)
        // Day 30 of a 29-day month would fall in the next month.
        guard lunar(of: result) == date else { return nil }
        return result
    }

    // MARK: astronomy

    /// Julian day number (at local noon) of the k-th new moon after 1900-01-01, in UTC+7.
    static func newMoonDay(_ k: Int) -> Int {
        Int(floor(newMoon(Double(k)) + 0.5 + timeZone / 24))
    }

    /// The solar term sector (0–11, 30° each) the sun is in at the start of a local day.
    static func sunLongitudeSector(_ dayNumber: Int) -> Int {
        Int(floor(sunLongitude(Double(dayNumber) - 0.5 - timeZone / 24) / .pi * 6))
    }

    /// The day number starting lunar month 11 (the month containing the winter solstice) of `year`.
    static func lunarMonth11(of year: Int) -> Int {
        let offset = CivilDate(year: year, month: 12, day: 31).julianDay - 2_415_021
        let k = Int(floor(Double(offset) / 29.530588853))
        var newMoon = newMoonDay(k)
        if sunLongitudeSector(newMoon) >= 9 { newMoon = newMoonDay(k - 1) }
        return newMoon
    }

    /// Which month after month 11 (starting at `a11`) is the leap month of a 13-month year.
    static func leapMonthOffset(_ a11: Int) -> Int {
        let k = Int(floor((Double(a11) - 2_415_021.076998695) / 29.530588853 + 0.5))
        var last = 0
        var i = 1
        var arc = sunLongitudeSector(newMoonDay(k + i))
        repeat {
            last = arc
            i += 1
            arc = sunLongitudeSector(newMoonDay(k + i))
        } while arc != last && i < 14
        return i - 1
    }

    /// Julian date (UT) of the k-th mean new moon after 1900-01-01, corrected (Meeus, ch. 49).
    static func newMoon(_ k: Double) -> Double {
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        return jd1 + c1 - deltaT
    }

    /// The sun's apparent longitude in radians (0…2π) at Julian date `jd` (Meeus, ch. 25, low precision).
    static func sunLongitude(_ jd: Double) -> Double {
        let t = (jd - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl = dl + (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= .pi * 2 * floor(l / (.pi * 2))
        return l
    }
}
