import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing
@testable import MotCuaServer

@Suite("The rows read for a period cover exactly its days")
struct TallyPeriodTests {
    /// The days a list of signed ranges adds up to (a month row stands for all its days).
    static func days(_ ranges: [TallyReader.Period.Range], floor: Int) -> [Int: Int] {
        var count: [Int: Int] = [:]
        for range in ranges {
            let sign = range.subtracted ? -1 : 1
            switch range.span {
            case .day:
                for day in (range.from ?? floor)..<range.to { count[day, default: 0] += sign }
            case .month:
                var month = TallyLedger.monthStart(of: range.from ?? floor)
                while month < range.to {
                    if month >= (range.from ?? Int.min) {
                        for day in month..<TallyReader.Period.nextMonthStart(after: month) { count[day, default: 0] += sign }
                    }
                    month = TallyReader.Period.nextMonthStart(after: month)
                }
            }
        }
        return count.filter { $0.value != 0 }
    }

    @Test("Property: before and during add up to each day once, whatever the period; few day rows are read")
    func cover() {
        let seed = TestSeed(766)
        var random = seed.generator
        let floor = CivilDate(year: 2024, month: 1, day: 1).julianDay
        for _ in 0..<2_000 {
            let start = floor + 400 + Int.random(in: 0..<600, using: &random)
            let period = TallyReader.Period(start: start, end: start + Int.random(in: 1...400, using: &random))
            let during = Self.days(period.during, floor: floor), before = Self.days(period.before, floor: floor)
            #expect(during == Dictionary(uniqueKeysWithValues: (period.start..<period.end).map { ($0, 1) }), "\(period); \(seed)")
            #expect(before == Dictionary(uniqueKeysWithValues: (TallyLedger.monthStart(of: floor)..<period.start).map { ($0, 1) }), "\(period); \(seed)")
            // Never more than half a month of day rows for each partial month.
            let dayRows = (period.before + period.during).filter { $0.span == .day }.reduce(0) { $0 + $1.to - $1.from! }
            #expect(dayRows <= 4 * 16, "\(period); \(seed)")
        }
    }
}
