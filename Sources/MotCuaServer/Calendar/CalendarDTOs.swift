import Foundation
import MotCuaCore
import Vapor

struct CalendarDayDTO: Content, Equatable {
    let date: String
    let name: String
    let kind: CalendarDay.Kind
    let kindLabel: String
    let isWorkingDay: Bool

    init(_ day: CalendarDay) {
        date = day.date.description
        name = day.name
        kind = day.kind
        kindLabel = day.kind.label
        isWorkingDay = day.isWorkingDay
    }
}

struct CalendarYearDTO: Content {
    let year: Int
    let days: [CalendarDayDTO]
}

struct DeclarationDTO: Content {
    let id: UUID?
    let day: CalendarDayDTO?
}

struct DeadlineDTO: Content {
    let received: Date
    let value: Int
    let unit: DeadlineUnit
    let countsFrom: Date
    let due: Date
    /// The appointment as printed: `17:00 ngày 27/02/2026`.
    let dueText: String
}

struct WorkingTimeDTO: Content {
    let from: Date
    let to: Date
    let seconds: Int
    let hours: Double
}
