import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Calendar API, appointment dates and declared days")
struct CalendarAPITests {
    @Test("The year's exceptions come from the law and the seeded declarations", arguments: TestDatabase.all)
    func year(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/calendar/2026")
            #expect(response.status == .ok)
            let body = try response.decode(CalendarYearDTO.self)
            let expected = WorkingCalendar(years: 2026...2026, declarations: OfficialDeclarations.days).exceptions(in: 2026).map(CalendarDayDTO.init)
            #expect(body.days == expected)
            #expect(body.days.contains { $0.date == "2026-08-22" && $0.kind == .makeUpWorkingDay && $0.isWorkingDay })
            for bad in ["1800", "abc", "2100"] {
                let problem = try await app.testing().sendRequest(.GET, "/api/v1/calendar/\(bad)")
                #expect(problem.status == .badRequest, "\(bad)")
                #expect(try problem.decode(ProblemDetails.self).detail.contains("Năm phải"))
            }
        }
    }

    @Test("Appointment dates and working time, with the unit's office hours", arguments: TestDatabase.all)
    func deadline(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/deadline?received=2026-02-13T10:00:00%2B07:00&value=5&unit=working_days")
            #expect(response.status == .ok)
            let body = try response.decode(DeadlineDTO.self)
            #expect(body.dueText == "17:00 ngày 27/02/2026")
            #expect(body.due == (try Date("2026-02-27T10:00:00Z", strategy: .iso8601)))
            // A unit that closes at 16:30.
            let unit = try #require(try await OrgUnit.find(w.unitA, on: app.db))
            unit.workingHours = "07:00-11:30,13:00-16:30"
            try await unit.save(on: app.db)
            let local = try await app.testing().sendRequest(.GET, "/api/v1/deadline?received=2026-11-17T15:30:00%2B07:00&value=0&unit=same_day&unitID=\(w.unitA)")
            #expect(try local.decode(DeadlineDTO.self).dueText == "16:30 ngày 18/11/2026")
            let hours = try await app.testing().sendRequest(.GET, "/api/v1/working-time?from=2026-02-13T10:00:00%2B07:00&to=2026-02-24T10:00:00%2B07:00")
            #expect(try hours.decode(WorkingTimeDTO.self).seconds == 15 * 3600)
            let cases = ["/api/v1/deadline?received=hom-nay&value=5&unit=working_days", "/api/v1/deadline?received=2026-02-13T10:00:00%2B07:00&value=-1&unit=working_days",
                         "/api/v1/deadline?received=2026-02-13T10:00:00%2B07:00&value=5&unit=weeks", "/api/v1/deadline",
                         "/api/v1/deadline?received=2099-12-30T10:00:00%2B07:00&value=900&unit=working_days",
                         "/api/v1/deadline?received=2026-02-13T10:00:00%2B07:00&value=5&unit=working_days&unitID=x",
                         "/api/v1/working-time?from=2026-02-13&to=x", "/api/v1/working-time?from=2026-02-14T10:00:00Z&to=2026-02-13T10:00:00Z"]
            for path in cases {
                let problem = try await app.testing().sendRequest(.GET, path)
                #expect(problem.status == .badRequest, "\(path)")
                #expect(problem.headers.contentType?.subType == "problem+json", "\(path)")
            }
        }
    }

    @Test("Province administrators declare and withdraw days, audited; others may not", arguments: TestDatabase.all)
    func declarations(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let unitAdmin = Browser(app)
            try await unitAdmin.signIn("a.admin")
            #expect(try await unitAdmin.get("/quan-tri/lich").status == .forbidden)
            #expect(try await unitAdmin.post("/quan-tri/lich", form: [("date", "2027-01-04"), ("kind", "declared_day_off"), ("name", "Nghỉ thử")]).status == .forbidden)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            let bad: [([(String, String)], String)] = [
                ([("date", "2027-13-01"), ("kind", "declared_day_off"), ("name", "Nghỉ thử")], "năm-tháng-ngày"),
                ([("date", "2027-01-04"), ("kind", "statutory"), ("name", "Nghỉ thử")], "Chọn: nghỉ theo thông báo"),
                ([("date", "2027-01-04"), ("kind", "make_up_working_day"), ("name", "Làm bù thứ Hai")], "thứ Bảy hoặc Chủ nhật"),
                ([("date", "2026-08-22"), ("kind", "make_up_working_day"), ("name", "Trùng")], "đã có thông báo"),
                ([("date", "2027-01-04"), ("kind", "declared_day_off"), ("name", "")], "Ghi nội dung"),
            ]
            for (form, message) in bad {
                let response = try await admin.post("/quan-tri/lich", form: form)
                #expect(response.status == .unprocessableEntity, "\(form)")
                #expect(response.text.contains(message), "\(form)")
            }
            #expect(try await admin.post("/quan-tri/lich", form: [("date", "2027-01-04"), ("kind", "declared_day_off"), ("name", "Nghỉ hoán đổi thử")]).status == .seeOther)
            let year = try await app.testing().sendRequest(.GET, "/api/v1/calendar/2027").decode(CalendarYearDTO.self)
            #expect(year.days.contains { $0.date == "2027-01-04" && $0.kind == .declaredDayOff })
            let due = try await app.testing().sendRequest(.GET, "/api/v1/deadline?received=2027-01-01T09:00:00%2B07:00&value=1&unit=working_days").decode(DeadlineDTO.self)
            #expect(due.dueText == "17:00 ngày 06/01/2027")
            let declaration = try #require(try await CalendarDeclaration.query(on: app.db).filter(\.$day == "2027-01-04").first())
            #expect(try await admin.post("/quan-tri/lich/\(declaration.id!)/xoa", form: []).status == .seeOther)
            #expect(try await CalendarDeclaration.find(declaration.id, on: app.db) == nil)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$entityType == "calendar_declaration").all().map(\.action)
            #expect(Set(actions) == [AuditAction.calendarDeclared.rawValue, AuditAction.calendarWithdrawn.rawValue])
        }
    }

    @Test("The public page lists the year and computes an appointment without JavaScript", arguments: TestDatabase.all)
    func publicPage(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let page = try await Browser(app).get("/lich-lam-viec?nam=2026&nhan=2026-02-13T10:00&thoi-han=5&don-vi-tinh=working_days")
            #expect(page.status == .ok)
            #expect(page.text.contains("Ngày Văn hóa Việt Nam"))
            #expect(page.text.contains("17:00 ngày 27/02/2026"))
            let bad = try await Browser(app).get("/lich-lam-viec?nhan=abc&thoi-han=5&don-vi-tinh=working_days")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Thời điểm nhận hồ sơ phải theo dạng"))
            #expect(try await Browser(app).get("/lich-lam-viec?nam=99999").status == .ok)
        }
    }
}
