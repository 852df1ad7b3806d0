import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Appointment dates and working time")
struct DeadlineTests {
    static let calendar = WorkingCalendar(years: 2024...2028, declarations: OfficialDeclarations.days)
    static let time = WorkingTime(calendar: calendar)
    static let deadlines = DeadlineCalculator(time: time)

    /// A moment in Vietnam's time zone.
    static func at(_ text: String) -> Date {
        try! Date(text + ":00+07:00", strategy: .iso8601)
    }

    static func local(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return f.string(from: date)
    }

    @Test("Working days: the day of receipt is not counted and the period ends at closing time", arguments: [
        ("2026-02-13T10:00", 5, "2026-02-27T17:00"),  // Friday before Tết: 16–20/2 are off
        ("2026-02-14T09:00", 1, "2026-02-24T17:00"),  // a Saturday in Tết: counts from Monday 23/2
        ("2026-02-23T16:59", 1, "2026-02-24T17:00"),
        ("2026-02-23T17:00", 1, "2026-02-25T17:00"),  // after closing: counts from the next morning
        ("2026-04-24T09:00", 3, "2026-05-04T17:00"),  // 27/4 substitute, 30/4, 1/5 off
        ("2026-08-20T09:00", 2, "2026-08-22T17:00"),  // Saturday 22/8 is a make-up working day
        ("2026-11-23T08:00", 1, "2026-11-25T17:00"),  // 24/11 Ngày Văn hóa Việt Nam
        ("2026-11-23T08:00", 0, "2026-11-23T17:00"),
    ])
    func workingDays(received: String, days: Int, due: String) throws {
        let appointment = try Self.deadlines.appointment(receivedAt: Self.at(received), value: days, unit: .workingDays)
        #expect(Self.local(appointment.due) == due)
    }

    @Test("Same day, or the next working day after 15:00", arguments: [
        ("2026-11-17T14:59", "2026-11-17T17:00"),
        ("2026-11-17T15:00", "2026-11-18T17:00"),
        ("2026-11-20T16:00", "2026-11-23T17:00"),
        ("2026-04-24T15:30", "2026-04-28T17:00"),
        ("2026-11-21T10:00", "2026-11-23T17:00"),
        ("2026-11-17T12:00", "2026-11-17T17:00"),
    ])
    func sameDay(received: String, due: String) throws {
        let appointment = try Self.deadlines.appointment(receivedAt: Self.at(received), value: 0, unit: .sameDay)
        #expect(Self.local(appointment.due) == due)
    }

    @Test("Working hours skip lunch, evenings and days off", arguments: [
        ("2026-11-16T10:00", 8, "2026-11-17T10:30"),
        ("2026-11-16T12:00", 2, "2026-11-16T15:30"),
        ("2026-11-20T15:00", 2, "2026-11-20T17:00"),
        ("2026-11-20T15:00", 3, "2026-11-23T08:30"),
        ("2026-11-23T16:00", 2, "2026-11-25T08:30"),
    ])
    func workingHours(received: String, hours: Int, due: String) throws {
        let appointment = try Self.deadlines.appointment(receivedAt: Self.at(received), value: hours, unit: .workingHours)
        #expect(Self.local(appointment.due) == due)
    }

    @Test("A supplement pause moves the appointment by its working time")
    func pauses() throws {
        let appointment = try Self.deadlines.appointment(receivedAt: Self.at("2026-11-16T09:00"), value: 3, unit: .workingDays)
        #expect(Self.local(appointment.due) == "2026-11-19T17:00")
        // Paused from Tuesday 09:00 to Thursday 09:00: 6 + 7.5 + 1.5 = 15 working hours, two working days.
        let moved = try Self.deadlines.extended(appointment, pauses: [(Self.at("2026-11-17T09:00"), Self.at("2026-11-19T09:00"))])
        #expect(Self.local(moved.due) == "2026-11-23T17:00")
        let twoPauses = try Self.deadlines.extended(appointment, pauses: [
            (Self.at("2026-11-17T09:00"), Self.at("2026-11-17T10:00")), (Self.at("2026-11-18T13:00"), Self.at("2026-11-18T14:30")),
        ])
        // One hour, then 13:30–14:30 (13:00–13:30 is lunch): two working hours.
        #expect(Self.local(twoPauses.due) == "2026-11-20T09:30")
    }

    @Test("Bad values are refused")
    func problems() {
        #expect(throws: DeadlineCalculator.Problem.negativeValue) {
            try Self.deadlines.appointment(receivedAt: Self.at("2026-11-16T09:00"), value: -1, unit: .workingDays)
        }
        #expect(throws: DeadlineCalculator.Problem.outOfCalendar(CivilDate(year: 2035, month: 1, day: 1))) {
            try Self.deadlines.appointment(receivedAt: Self.at("2035-01-01T09:00"), value: 1, unit: .workingDays)
        }
        #expect(throws: WorkingHours.Problem.overlapping) { try WorkingHours(parsing: "07:30-12:00,11:00-17:00") }
        #expect(throws: WorkingHours.Problem.malformed("25:00-26:00")) { try WorkingHours(parsing: "25:00-26:00") }
    }

    @Test("Properties of n working days, for random receipts in 2025–2027")
    func workingDayProperties() throws {
        let seed = TestSeed(42)
        var generator = seed.generator
        let start = Self.at("2025-01-01T00:00").timeIntervalSince1970
        let end = Self.at("2027-06-30T00:00").timeIntervalSince1970
        for _ in 0..<3000 {
            let received = Date(timeIntervalSince1970: Double.random(in: start...end, using: &generator).rounded())
            let n = Int.random(in: 1...40, using: &generator)
            let a = try Self.deadlines.appointment(receivedAt: received, value: n, unit: .workingDays)
            let b = try Self.deadlines.appointment(receivedAt: received, value: n + 1, unit: .workingDays)
            let later = try Self.deadlines.appointment(receivedAt: received.addingTimeInterval(3600 * 7), value: n, unit: .workingDays)
            let dueDay = Self.local(a.due)
            let civil = CivilDate(year: Int(dueDay.prefix(4))!, month: Int(dueDay.dropFirst(5).prefix(2))!, day: Int(dueDay.dropFirst(8).prefix(2))!)
            #expect(try Self.calendar.isWorkingDay(civil), "\(received) + \(n) → \(dueDay); \(seed)")
            #expect(dueDay.hasSuffix("T17:00"), "\(seed)")
            #expect(a.due < b.due, "\(seed)")
            #expect(a.due <= later.due, "\(seed)")
            // Counting back gives n.
            let from = Self.local(a.countsFrom)
            let fromDay = CivilDate(year: Int(from.prefix(4))!, month: Int(from.dropFirst(5).prefix(2))!, day: Int(from.dropFirst(8).prefix(2))!)
            #expect(try Self.calendar.workingDays(after: fromDay, through: civil) == n, "\(seed)")
        }
    }

    @Test("Properties of working time: adding is additive and measured back exactly")
    func workingTimeProperties() throws {
        let seed = TestSeed(99)
        var generator = seed.generator
        let start = Self.at("2025-01-01T00:00").timeIntervalSince1970
        let end = Self.at("2027-06-30T00:00").timeIntervalSince1970
        for _ in 0..<3000 {
            let t = Date(timeIntervalSince1970: Double.random(in: start...end, using: &generator).rounded())
            let a = Int.random(in: 0...(40 * 3600), using: &generator)
            let b = Int.random(in: 0...(40 * 3600), using: &generator)
            let ta = try Self.time.adding(seconds: a, to: t)
            #expect(try Self.time.adding(seconds: b, to: ta) == Self.time.adding(seconds: a + b, to: t) || b == 0 || a == 0, "\(seed)")
            #expect(try Self.time.workingSeconds(from: Self.time.nextWorkingMoment(from: t), to: ta) == a, "\(seed)")
            // Adding then pausing equals adding the pause.
            let appointment = DeadlineCalculator.Appointment(countsFrom: t, due: ta)
            let pauseStart = Date(timeIntervalSince1970: Double.random(in: start...end, using: &generator).rounded())
            let pauseEnd = pauseStart.addingTimeInterval(Double(Int.random(in: 0...(5 * 86_400), using: &generator)))
            let paused = try Self.time.workingSeconds(from: pauseStart, to: pauseEnd)
            let moved = try Self.deadlines.extended(appointment, pauses: [(pauseStart, pauseEnd)])
            #expect(moved.due == (paused == 0 ? ta : try Self.time.adding(seconds: paused, to: ta)), "\(seed)")
        }
    }
}
