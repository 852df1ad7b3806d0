/// Which days are working days for state agencies: Monday to Friday, less statutory holidays and
/// their substitutes, less declared days off, plus declared make-up working days. Built for a range
/// of years, then answers in constant time; counting working days uses a prefix sum.
public struct WorkingCalendar: Sendable {
    public let years: ClosedRange<Int>
    public let rules: HolidayRules
    private let firstDay: Int
    /// Julian day → the special day, for every day that is not an ordinary weekday/weekend.
    private let special: [Int: CalendarDay]
    /// working[i]: is firstDay + i a working day.
    private let working: [Bool]
    /// prefix[i]: working days in [firstDay, firstDay + i).
    private let prefix: [Int32]

    public enum Problem: Error, Equatable, Sendable {
        case outOfRange(CivilDate)
    }

    /// `declarations` are the government's declared days off and make-up working days.
    public init(years: ClosedRange<Int>, rules: HolidayRules = HolidayRules(), declarations: [CalendarDay] = []) {
        self.years = years
        self.rules = rules
        firstDay = CivilDate(year: years.lowerBound, month: 1, day: 1).julianDay
        let lastDay = CivilDate(year: years.upperBound, month: 12, day: 31).julianDay
        var special: [Int: CalendarDay] = [:]
        // Statutory days of a year before the range can spill (Tết eve); include neighbours.
        for year in (years.lowerBound - 1)...(years.upperBound) {
            for day in rules.statutoryDays(of: year) { special[day.date.julianDay] = day }
        }
        if rules.substitutesForWeekends {
            for year in (years.lowerBound - 1)...(years.upperBound) {
                for holiday in rules.statutoryDays(of: year) where holiday.date.isWeekend {
                    // The next day that is neither weekend nor already off.
                    var candidate = holiday.date.adding(days: 1)
                    while candidate.isWeekend || special[candidate.julianDay] != nil { candidate = candidate.adding(days: 1) }
                    special[candidate.julianDay] = CalendarDay(date: candidate, name: "Nghỉ bù \(holiday.name)", kind: .substitute)
                }
            }
        }
        for declaration in declarations { special[declaration.date.julianDay] = declaration }
        self.special = special
        var working = [Bool](repeating: false, count: lastDay - firstDay + 1)
        var prefix = [Int32](repeating: 0, count: working.count + 1)
        for index in working.indices {
            let jd = firstDay + index
            let isWeekend = jd % 7 >= 5
            working[index] = special[jd].map(\.isWorkingDay) ?? !isWeekend
            prefix[index + 1] = prefix[index] + (working[index] ? 1 : 0)
        }
        self.working = working
        self.prefix = prefix
    }

    public func contains(_ date: CivilDate) -> Bool { years.contains(date.year) }

    public func isWorkingDay(_ date: CivilDate) throws(Problem) -> Bool {
        let index = date.julianDay - firstDay
        guard working.indices.contains(index) else { throw .outOfRange(date) }
        return working[index]
    }

    /// Weekdays off, weekend days worked and declared working days of a year, in date order.
    public func exceptions(in year: Int) -> [CalendarDay] {
        special.values
            .filter { $0.date.year == year && ($0.isWorkingDay ? ($0.date.isWeekend || $0.isDeclared) : !$0.date.isWeekend) }
            .sorted { $0.date < $1.date }
    }

    /// What makes a day special, if anything.
    public func day(_ date: CivilDate) -> CalendarDay? { special[date.julianDay] }

    /// Working days strictly after `from` up to and including `to`.
    public func workingDays(after from: CivilDate, through to: CivilDate) throws(Problem) -> Int {
        let a = from.julianDay - firstDay, b = to.julianDay - firstDay
        guard working.indices.contains(a), working.indices.contains(b) else { throw .outOfRange(a < 0 ? from : to) }
        return Int(prefix[b + 1] - prefix[a + 1])
    }

    /// The `n`-th working day after `date` (n ≥ 1), or the first working day on or after `date` when n = 0.
    public func workingDay(_ n: Int, after date: CivilDate) throws(Problem) -> CivilDate {
        let start = date.julianDay - firstDay
        guard working.indices.contains(start) else { throw .outOfRange(date) }
        // Smallest index i > start (or ≥ start when n = 0) with prefix[i + 1] - prefix[start + 1] == n.
        let base = n == 0 ? Int(prefix[start]) : Int(prefix[start + 1])
        let target = Int32(base + max(n, 1))
        var low = start, high = working.count - 1
        guard prefix[high + 1] >= target else { throw .outOfRange(CivilDate(julianDay: firstDay + high)) }
        while low < high {
            let middle = (low + high) / 2
            if prefix[middle + 1] >= target { high = middle } else { low = middle + 1 }
        }
        return CivilDate(julianDay: firstDay + low)
    }
}
