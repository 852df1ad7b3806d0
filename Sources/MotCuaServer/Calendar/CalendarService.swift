import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The working calendar as the database declares it: `HolidayRules` defaults plus the declared days,
/// built for the years a question needs (cheap: a few lunar conversions a year).
enum CalendarService {
    /// Years MotCua answers for (the lunar calendar is verified over this range).
    static let supportedYears = 1901...2099

    static func calendar(covering years: ClosedRange<Int>, on db: any Database) async throws -> WorkingCalendar {
        let low = max(years.lowerBound, supportedYears.lowerBound), high = min(years.upperBound, supportedYears.upperBound)
        guard low <= high else { throw AppError.badRequest("Năm phải trong khoảng \(supportedYears.lowerBound)–\(supportedYears.upperBound).") }
        let declared = try await CalendarDeclaration.query(on: db)
            .filter(\.$day >= "\(low)-01-01").filter(\.$day <= "\(high)-12-31").all()
        return WorkingCalendar(years: low...high, declarations: declared.compactMap(\.calendarDay))
    }

    /// Working time for a moment's neighbourhood (a year before to three years after), with a
    /// unit's office hours when one is named.
    static func workingTime(around moments: [Date], unit: OrgUnit?, on db: any Database) async throws -> WorkingTime {
        let years = moments.map { VietnameseFormat.year(of: $0) }
        return try await workingTime(years: (years.min()! - 1)...(years.max()! + 3), unit: unit, on: db)
    }

    /// Working time over given years, with a unit's office hours when one is named.
    static func workingTime(years: ClosedRange<Int>, unit: OrgUnit?, on db: any Database) async throws -> WorkingTime {
        let hours = unit.flatMap { try? WorkingHours(parsing: $0.workingHours) } ?? .standard
        return WorkingTime(calendar: try await calendar(covering: years, on: db), hours: hours)
    }

    static func declarations(in year: Int, on db: any Database) async throws -> [CalendarDeclaration] {
        try await CalendarDeclaration.query(on: db)
            .filter(\.$day >= "\(year)-01-01").filter(\.$day <= "\(year)-12-31").sort(\.$day).all()
    }

    /// Adds a declared day (province administrators), audited.
    static func declare(date rawDate: String, kind rawKind: String, name rawName: String, by principal: Principal,
                        audit: AuditTrail, on db: any Database) async throws -> CalendarDeclaration {
        guard case .province(let provinceID) = principal.reach(.manageUnits) else { throw AppError.forbidden() }
        var problems: [FieldProblem] = []
        let date = CivilDateParser.parse(rawDate.trimmingCharacters(in: .whitespaces))
        if date == nil { problems.append(.init(field: "date", message: "Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-08-31.")) }
        if let date, !supportedYears.contains(date.year) {
            problems.append(.init(field: "date", message: "Năm phải trong khoảng \(supportedYears.lowerBound)–\(supportedYears.upperBound)."))
        }
        let kind = CalendarDay.Kind(rawValue: rawKind)
        if kind == nil || kind?.isDeclarable == false {
            problems.append(.init(field: "kind", message: "Chọn: nghỉ theo thông báo, làm bù, hoặc làm việc theo thông báo."))
        }
        if let date, kind == .makeUpWorkingDay, !date.isWeekend {
            problems.append(.init(field: "kind", message: "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."))
        }
        let name = rawName.trimmingCharacters(in: .whitespaces)
        if !(3...200).contains(name.count) { problems.append(.init(field: "name", message: "Ghi nội dung, căn cứ (3–200 ký tự).")) }
        if let date, try await CalendarDeclaration.query(on: db).filter(\.$day == date.description).count() > 0 {
            problems.append(.init(field: "date", message: "Ngày \(VietnameseFormat.date(date)) đã có thông báo; xóa thông báo cũ trước."))
        }
        guard problems.isEmpty, let date, let kind else { throw AppError.invalid(problems) }
        let declaration = CalendarDeclaration(CalendarDay(date: date, name: name, kind: kind), createdAt: audit.context.now,
                                              createdBy: principal.userID)
        try await db.transaction { db in
            try await declaration.create(on: db)
            try await audit.record(.calendarDeclared, on: db, entityType: "calendar_declaration", entityID: declaration.id,
                                   scope: (provinceID, nil), summary: "\(kind.label) \(VietnameseFormat.date(date)): \(name)",
                                   after: CalendarDayDTO(CalendarDay(date: date, name: name, kind: kind)))
        }
        return declaration
    }

    static func withdraw(_ rawID: String?, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard case .province(let provinceID) = principal.reach(.manageUnits) else { throw AppError.forbidden() }
        guard let rawID, let id = UUID(uuidString: rawID), let declaration = try await CalendarDeclaration.find(id, on: db),
              let day = declaration.calendarDay
        else { throw AppError.notFound("Không tìm thấy ngày đã thông báo.") }
        try await db.transaction { db in
            try await declaration.delete(on: db)
            try await audit.record(.calendarWithdrawn, on: db, entityType: "calendar_declaration", entityID: id,
                                   scope: (provinceID, nil), summary: "Bỏ thông báo \(VietnameseFormat.date(day.date)): \(day.name)",
                                   before: CalendarDayDTO(day))
        }
    }
}

extension CalendarDay.Kind {
    /// Kinds an administrator enters (statutory days and substitutes come from the law).
    var isDeclarable: Bool { self == .declaredDayOff || self == .makeUpWorkingDay || self == .declaredWorkingDay }
}
