import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The public calendar page (/lich-lam-viec) with an appointment calculator, and the
/// administrators' page for declared days (/quan-tri/lich).
struct CalendarPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.calendar.pathComponents, use: publicCalendar)
        let admin = routes.grouped(SignInRequiredMiddleware())
        admin.get(SiteURL.adminCalendar.pathComponents, use: declarations)
        admin.post(SiteURL.adminCalendar.pathComponents, use: declare)
        admin.post(SiteURL.adminCalendarWithdraw(.key).pathComponents, use: withdraw)
    }

    struct DayRow: Encodable {
        let date: String
        let weekday: String
        let name: String
        let kindLabel: String
        let isWorkingDay: Bool

        init(_ day: CalendarDay) {
            date = VietnameseFormat.date(day.date)
            weekday = VietnameseFormat.weekday(day.date)
            name = day.name
            kindLabel = day.kind.label
            isWorkingDay = day.isWorkingDay
        }
    }

    struct PublicContext: Encodable {
        let layout: Layout
        let year: Int
        let previousYear: Int
        let nextYear: Int
        let days: [DayRow]
        let values: [String: String]
        let units: [Option]
        let error: String?
        let answer: String?
        let countsFrom: String?
    }

    private static func year(_ req: Request) -> Int {
        let current = VietnameseFormat.year(of: req.now)
        guard let year = req.query[Int.self, at: "nam"], CalendarService.supportedYears.contains(year) else { return current }
        return year
    }

    @Sendable func publicCalendar(req: Request) async throws -> Response {
        let year = Self.year(req)
        let calendar = try await CalendarService.calendar(covering: year...year, on: req.db)
        let received = req.query[String.self, at: "nhan"] ?? ""
        let value = req.query[String.self, at: "thoi-han"] ?? ""
        let unit = req.query[String.self, at: "don-vi-tinh"] ?? DeadlineUnit.workingDays.rawValue
        let unitID = req.query[String.self, at: "don-vi"] ?? ""
        var answer: String?, countsFrom: String?, error: String?
        var status = HTTPResponseStatus.ok
        if !received.isEmpty || !value.isEmpty {
            do {
                let question = try DeadlineQuestion(received: received, value: value, unit: unit)
                let result = try await question.answer(for: try await CalendarAPI.unit(unitID, on: req.db), on: req.db)
                answer = result.dueText
                countsFrom = VietnameseFormat.dateTime(result.countsFrom)
            } catch let problem as AppError {
                error = problem.detail
                status = .badRequest
            }
        }
        let units = VietnameseText.sorted(try await OrgUnit.query(on: req.db).all().filter(\.kind.isCommuneLevel), by: \.name)
        let context = PublicContext(
            layout: Layout(request: req, title: "Lịch làm việc \(year)"), year: year,
            previousYear: max(year - 1, CalendarService.supportedYears.lowerBound),
            nextYear: min(year + 1, CalendarService.supportedYears.upperBound),
            days: calendar.exceptions(in: year).map(DayRow.init),
            values: ["received": received, "value": value, "unit": unit],
            units: units.map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == unitID) },
            error: error, answer: answer, countsFrom: countsFrom)
        return try await req.view.render("Calendar/public", context).encodeResponse(status: status, for: req)
    }

    struct DeclarationRow: Encodable {
        let id: String
        let day: DayRow
    }

    struct AdminContext: Encodable {
        let layout: Layout
        let year: Int
        let rows: [DeclarationRow]
        let kinds: [Option]
        let values: [String: String]
        let errors: [String: String]
    }

    private func renderDeclarations(_ req: Request, year: Int, values: [String: String] = [:], errors: [String: String] = [:],
                                    status: HTTPResponseStatus = .ok) async throws -> Response {
        let rows = try await CalendarService.declarations(in: year, on: req.db).compactMap { declaration in
            declaration.calendarDay.map { DeclarationRow(id: declaration.id!.uuidString, day: DayRow($0)) }
        }
        let kinds = CalendarDay.Kind.allCases.filter(\.isDeclarable).map {
            Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == values["kind"])
        }
        let context = AdminContext(layout: Layout(request: req, title: "Ngày nghỉ, làm bù \(year)"), year: year, rows: rows,
                                   kinds: kinds, values: values, errors: errors)
        return try await req.view.render("Calendar/declarations", context).encodeResponse(status: status, for: req)
    }

    @Sendable func declarations(req: Request) async throws -> Response {
        _ = try req.requireReach(.manageUnits)
        return try await renderDeclarations(req, year: Self.year(req))
    }

    @Sendable func declare(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let form = try FormInput(req)
        let values = ["date": form.text("date"), "kind": form.text("kind"), "name": form.text("name")]
        do {
            let declaration = try await CalendarService.declare(date: values["date"]!, kind: values["kind"]!, name: values["name"]!,
                                                                by: principal, audit: req.audit, on: req.db)
            let year = declaration.calendarDay!.date.year
            return req.redirect(to: SiteURL.adminCalendar.path + "?nam=\(year)", flash: "Đã thêm \(declaration.name).")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderDeclarations(req, year: Self.year(req), values: values, errors: FormErrors.byField(error.problems),
                                                status: .unprocessableEntity)
        }
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        try await CalendarService.withdraw(req.parameters.get("declarationID"), by: principal, audit: req.audit, on: req.db)
        return req.redirect(to: SiteURL.adminCalendar.path, flash: "Đã bỏ ngày đã thông báo.")
    }
}
