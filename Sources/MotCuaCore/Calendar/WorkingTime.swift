import Foundation

/// Working time on a `WorkingCalendar` with `WorkingHours`, in Vietnam's time zone (UTC+7): the next
/// working moment, working time between two moments, and moments a given working time later.
public struct WorkingTime: Sendable {
    public let calendar: WorkingCalendar
    public let hours: WorkingHours

    public init(calendar: WorkingCalendar, hours: WorkingHours = .standard) {
        self.calendar = calendar
        self.hours = hours
    }

    static let offset = 7 * 3600
    /// Julian day number of 1970-01-01.
    static let unixEpochJulianDay = 2_440_588

    /// The local day and second of day of a moment.
    public static func local(_ moment: Date) -> (day: CivilDate, second: Int) {
        let seconds = Int(floor(moment.timeIntervalSince1970)) + offset
        let days = Int(floor(Double(seconds) / 86_400))
        return (CivilDate(julianDay: unixEpochJulianDay + days), seconds - days * 86_400)
    }

    /// The moment of a local day and second of day.
    public static func moment(_ day: CivilDate, _ second: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval((day.julianDay - unixEpochJulianDay) * 86_400 + second - offset))
    }

    /// The moment itself if work is going on, else the next opening of a working interval.
    public func nextWorkingMoment(from moment: Date) throws(WorkingCalendar.Problem) -> Date {
        let (day, second) = Self.local(moment)
        if try calendar.isWorkingDay(day) {
            for interval in hours.intervals {
                if second < interval.start { return Self.moment(day, interval.start) }
                if second < interval.end { return moment }
            }
        }
        return Self.moment(try calendar.workingDay(1, after: day), hours.opening)
    }

    /// Closing time of a day.
    public func closing(of day: CivilDate) -> Date { Self.moment(day, hours.closing) }

    /// Working seconds between two moments (0 if `to` is not after `from`).
    public func workingSeconds(from: Date, to: Date) throws(WorkingCalendar.Problem) -> Int {
        guard to > from else { return 0 }
        let (dayA, secondA) = Self.local(from)
        let (dayB, secondB) = Self.local(to)
        let daily = hours.dailySeconds
        if dayA == dayB {
            return try calendar.isWorkingDay(dayA) ? hours.workedBefore(secondB) - hours.workedBefore(secondA) : 0
        }
        var total = 0
        if try calendar.isWorkingDay(dayA) { total += daily - hours.workedBefore(secondA) }
        if try calendar.isWorkingDay(dayB) { total += hours.workedBefore(secondB) }
        // Full working days strictly between.
        let between = try calendar.workingDays(after: dayA, through: dayB.adding(days: -1))
        return total + between * daily
    }

    /// The moment at which `seconds` of working time have passed since `start` (work starts at the
    /// next working moment). Work ending exactly at a closing time ends then, not next morning.
    public func adding(seconds: Int, to start: Date) throws(WorkingCalendar.Problem) -> Date {
        precondition(seconds >= 0)
        let begin = try nextWorkingMoment(from: start)
        if seconds == 0 { return begin }
        let (day, second) = Self.local(begin)
        let daily = hours.dailySeconds
        let doneToday = hours.workedBefore(second)
        let leftToday = daily - doneToday
        if seconds <= leftToday { return Self.moment(day, hours.secondOfDay(afterWorking: doneToday + seconds)) }
        var remaining = seconds - leftToday
        // Whole days after today, then the part of the last day.
        var fullDays = remaining / daily
        remaining -= fullDays * daily
        if remaining == 0 {
            remaining = daily
            fullDays -= 1
        }
        let lastDay = try calendar.workingDay(fullDays + 1, after: day)
        return Self.moment(lastDay, hours.secondOfDay(afterWorking: remaining))
    }
}
