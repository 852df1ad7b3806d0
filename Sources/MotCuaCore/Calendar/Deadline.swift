import Foundation

/// How a procedure's processing time is stated (thời hạn giải quyết).
public enum DeadlineUnit: String, Sendable, Codable, CaseIterable {
    /// n working days (ngày làm việc).
    case workingDays = "working_days"
    /// n working hours.
    case workingHours = "working_hours"
    /// The same day, or the next working day when received after the cut-off hour
    /// ("trong ngày; sau 15 giờ trả ngày làm việc tiếp theo").
    case sameDay = "same_day"

    public var label: String {
        switch self {
        case .workingDays: "ngày làm việc"
        case .workingHours: "giờ làm việc"
        case .sameDay: "trong ngày"
        }
    }
}

/// Computes appointment dates (ngày hẹn trả kết quả) from the moment a complete dossier is received.
///
/// Civil Code 2015 Arts. 147–148: for a period in days the day of receipt is not counted and the
/// period ends at the end of its last (working) day. A dossier received outside working hours counts
/// from the next working moment. Where the law is unsettled the choice is an option.
public struct DeadlineCalculator: Sendable {
    public struct Options: Sendable, Equatable {
        /// Count the day of receipt as the first day (not the Civil Code reading; some provinces do).
        public var receiptDayCounts: Bool
        /// Cut-off second of the day for `sameDay` procedures (15:00 by default).
        public var sameDayCutoff: Int

        public init(receiptDayCounts: Bool = false, sameDayCutoff: Int = 15 * 3600) {
            self.receiptDayCounts = receiptDayCounts
            self.sameDayCutoff = sameDayCutoff
        }
    }

    public struct Appointment: Sendable, Equatable {
        /// When the clock starts: the receipt, or the next working moment.
        public let countsFrom: Date
        /// The legal appointment (printed on the receipt slip).
        public let due: Date

        public init(countsFrom: Date, due: Date) {
            self.countsFrom = countsFrom
            self.due = due
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case negativeValue
        case tooLarge
        case outOfCalendar(CivilDate)
    }

    public let time: WorkingTime
    public let options: Options

    public init(time: WorkingTime, options: Options = Options()) {
        self.time = time
        self.options = options
    }

    public func appointment(receivedAt: Date, value: Int, unit: DeadlineUnit) throws(Problem) -> Appointment {
        guard value >= 0 else { throw .negativeValue }
        guard value <= 10_000 else { throw .tooLarge }
        do throws(WorkingCalendar.Problem) {
            let start = try time.nextWorkingMoment(from: receivedAt)
            let (startDay, startSecond) = WorkingTime.local(start)
            switch unit {
            case .workingDays:
                let countedDays = options.receiptDayCounts ? value - 1 : value
                let lastDay = countedDays <= 0 ? startDay : try time.calendar.workingDay(countedDays, after: startDay)
                return Appointment(countsFrom: start, due: time.closing(of: lastDay))
            case .workingHours:
                return Appointment(countsFrom: start, due: try time.adding(seconds: value * 3600, to: start))
            case .sameDay:
                let day = startSecond < options.sameDayCutoff ? startDay : try time.calendar.workingDay(1, after: startDay)
                return Appointment(countsFrom: start, due: time.closing(of: day))
            }
        } catch {
            switch error {
            case .outOfRange(let date): throw .outOfCalendar(date)
            }
        }
    }

    /// The appointment moved by the working time of pauses (supplement requests): the pauses'
    /// working seconds are added to the due moment.
    public func extended(_ appointment: Appointment, pauses: [(from: Date, to: Date)]) throws(Problem) -> Appointment {
        do throws(WorkingCalendar.Problem) {
            var paused = 0
            for pause in pauses { paused += try time.workingSeconds(from: pause.from, to: pause.to) }
            guard paused > 0 else { return appointment }
            return Appointment(countsFrom: appointment.countsFrom, due: try time.adding(seconds: paused, to: appointment.due))
        } catch {
            switch error {
            case .outOfRange(let date): throw .outOfCalendar(date)
            }
        }
    }
}
