import Foundation
import MotCuaCore
import Testing

@Suite("Queue hours: when the kiosk gives numbers, and which line a number taken now joins")
struct QueueHoursTests {
    static let time = WorkingTime(calendar: WorkingCalendar(years: 2025...2027, declarations: OfficialDeclarations.days))

    static func at(_ text: String) -> Date { try! Date(text + "+07:00", strategy: .iso8601) }
    static func day(_ text: String) -> CivilDate {
        let parts = text.split(separator: "-").map { Int($0)! }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2])
    }

    @Test("Open from half an hour before opening until closing on a working day, lunch included")
    func open() throws {
        for moment in ["2026-12-07T07:00:00", "2026-12-07T07:30:00", "2026-12-07T12:00:00", "2026-12-07T16:59:59"] {
            #expect(try QueueHours.window(at: Self.at(moment), time: Self.time) == .open(day: Self.day("2026-12-07")), "\(moment)")
        }
    }

    @Test("Closed before dawn, after closing, at weekends and holidays: the next opening, said in Vietnamese")
    func closed() throws {
        let early = try QueueHours.window(at: Self.at("2026-12-07T06:59:59"), time: Self.time)
        #expect(early == .closed(opensAt: Self.at("2026-12-07T07:30:00"), day: Self.day("2026-12-07")))
        #expect(early.opensText == "Trung tâm mở cửa lúc 07:30, thứ Hai 07/12/2026.")
        let evening = try QueueHours.window(at: Self.at("2026-12-07T23:00:00"), time: Self.time)
        #expect(evening == .closed(opensAt: Self.at("2026-12-08T07:30:00"), day: Self.day("2026-12-08")))
        let saturday = try QueueHours.window(at: Self.at("2026-11-28T09:00:00"), time: Self.time)
        #expect(saturday.day == Self.day("2026-11-30") && saturday.opensText == "Trung tâm mở cửa lúc 07:30, thứ Hai 30/11/2026.")
        // New Year's Day 2027 is a Friday and a holiday: the weekend follows, so Monday 4 January.
        #expect(try QueueHours.window(at: Self.at("2027-01-01T07:45:00"), time: Self.time).day == Self.day("2027-01-04"))
        #expect(QueueHours.Window.open(day: Self.day("2026-12-07")).opensText == nil)
    }

    @Test("Property: the line joined is a working day, never earlier than today, and open means that day is today")
    func property() throws {
        var random = SplitMix64(seed: 7)
        let start = Self.at("2026-01-01T00:00:00")
        for _ in 0..<2_000 {
            let moment = start.addingTimeInterval(Double.random(in: 0..<(2 * 365 * 86_400), using: &random))
            let window = try QueueHours.window(at: moment, time: Self.time)
            let today = WorkingTime.local(moment).day
            #expect(try Self.time.calendar.isWorkingDay(window.day) && window.day >= today)
            if case .closed(let opensAt, let day) = window {
                #expect(opensAt > moment && WorkingTime.local(opensAt).day == day)
            } else {
                #expect(window.day == today)
            }
        }
    }
}
