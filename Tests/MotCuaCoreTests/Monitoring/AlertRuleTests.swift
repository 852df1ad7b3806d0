import Foundation
import MotCuaCore
import Testing

@Suite("Deadline alerts: when each rule fires, in working hours")
struct AlertRuleTests {
    static let at = DeadlineTests.at
    static let time = DeadlineTests.time

    @Test("Due soon within a working day, overdue at once, escalated two working days later; weekends do not count", arguments: [
        // appointment Monday 30/11/2026 17:00
        ("2026-11-27T16:00", [false, false, false]),  // Friday: more than 8 working hours away (Friday 1 h + Monday 7.5 h)
        ("2026-11-30T08:00", [true, false, false]),   // Monday morning: within the day
        ("2026-11-30T17:00", [true, false, false]),   // at the appointment: not yet overdue
        ("2026-11-30T17:01", [false, true, false]),
        ("2026-11-27T16:30", [true, false, false]),   // Friday: half an hour plus Monday's 7.5 hours
        ("2026-12-03T08:29", [false, true, false]),   // Tuesday and Wednesday are 15 working hours
        ("2026-12-03T08:30", [false, true, true]),    // the 16th working hour ends Thursday 08:30
    ])
    func firing(now: String, expected: [Bool]) throws {
        let appointment = Self.at("2026-11-30T17:00")
        let fired = try AlertRule.defaults.map { try $0.fires(appointment: appointment, now: Self.at(now), time: Self.time) }
        #expect(fired == expected, "\(now)")
    }
}
