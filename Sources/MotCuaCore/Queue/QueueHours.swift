import Foundation

/// When a center gives queue numbers: on a working day from half an hour before opening (people
/// wait at the door) until closing. Outside that the kiosk is closed and says when the center
/// opens; a number taken remotely joins the line of the next opening, in the order taken.
public enum QueueHours {
    /// How early before opening the kiosk starts giving numbers.
    public static let kioskLead = 30 * 60

    public enum Window: Sendable, Equatable {
        /// Numbers are given for `day`'s line now.
        case open(day: CivilDate)
        /// Closed until `opensAt`; a remote number joins `day`'s line, lining up at `opensAt`.
        case closed(opensAt: Date, day: CivilDate)

        /// The day whose line a number taken now joins.
        public var day: CivilDate {
            switch self {
            case .open(let day), .closed(_, let day): day
            }
        }

        /// When a closed center opens; nil while open.
        public var opensAt: Date? {
            if case .closed(let opensAt, _) = self { opensAt } else { nil }
        }

        /// "Trung tâm mở cửa lúc 07:30, thứ Hai 07/12/2026." when closed.
        public var opensText: String? {
            guard case .closed(let opensAt, let day) = self else { return nil }
            let weekday = VietnameseFormat.weekday(day)
            return "Trung tâm mở cửa lúc \(VietnameseFormat.time(opensAt)), \(weekday.prefix(1).lowercased() + weekday.dropFirst()) \(VietnameseFormat.date(day))."
        }
    }

    public static func window(at moment: Date, time: WorkingTime) throws(WorkingCalendar.Problem) -> Window {
        let (day, second) = WorkingTime.local(moment)
        if try time.calendar.isWorkingDay(day), second < time.hours.closing {
            return second >= time.hours.opening - kioskLead ? .open(day: day) : .closed(opensAt: WorkingTime.moment(day, time.hours.opening), day: day)
        }
        let next = try time.calendar.workingDay(1, after: day)
        return .closed(opensAt: WorkingTime.moment(next, time.hours.opening), day: next)
    }
}
