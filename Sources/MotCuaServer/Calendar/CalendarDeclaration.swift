import Fluent
import Foundation
import MotCuaCore

/// A declared change to the working week (a day off or a make-up working day) from a government
/// announcement, entered by an administrator. National: it applies to every unit.
final class CalendarDeclaration: Model, @unchecked Sendable {
    static let schema = "calendar_declarations"

    @ID(key: .id) var id: UUID?
    /// `YYYY-MM-DD`, so that it sorts and compares the same on both databases.
    @Field(key: "day") var day: String
    @Field(key: "kind") var kind: CalendarDay.Kind
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}

    init(_ day: CalendarDay, createdAt: Date, createdBy: UUID?) {
        self.day = day.date.description
        self.kind = day.kind
        self.name = day.name
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    var calendarDay: CalendarDay? {
        CivilDateParser.parse(day).map { CalendarDay(date: $0, name: name, kind: kind) }
    }
}

/// `YYYY-MM-DD` → a valid civil date.
enum CivilDateParser {
    static func parse(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CivilDate.valid(year: y, month: m, day: d)
    }

    /// `2026-11-30` → `30/11/2026` (the text as given when it is not a date).
    static func vietnamese(_ text: String) -> String {
        parse(text).map { VietnameseFormat.date($0) } ?? text
    }
}

extension CalendarDeclaration {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $day, $kind, $name, $createdAt, $createdBy] }
}
