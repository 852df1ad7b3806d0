import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Units keep their identity and history; departments")
struct UnitTests {
    @Test("Renaming and merging a unit keeps its id, records a revision and an audit line with before and after", arguments: TestDatabase.all)
    func renameKeepsHistory(database: TestDatabase) async throws {
        let time = FixedTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await withApp(database, time: time) { app in
            let w = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            time.advance(by: 3600)
            let response = try await admin.post("/quan-tri/don-vi/\(w.unitB)/sua", form: [
                ("code", "B002"), ("name", "Phường Bình Mới"), ("kind", "ward"), ("reason", "Nghị quyết 1234/NQ-UBTVQH15"),
            ])
            #expect(response.status == .seeOther)
            let history = try await app.testing().sendRequest(.GET, "/api/v1/units/\(w.unitB)/history").decode([UnitRevisionDTO].self)
            #expect(history.map(\.name) == ["Phường Bình Mới", "Xã Bình Thử"])
            #expect(history.first?.reason == "Nghị quyết 1234/NQ-UBTVQH15")
            let unit = try await app.testing().sendRequest(.GET, "/api/v1/units/\(w.unitB)").decode(UnitDetailDTO.self)
            #expect(unit.unit.id == w.unitB)
            #expect(unit.unit.code == "B002")
            #expect(unit.unit.kind == .ward)
            #expect(unit.departments.count == 1)
            // Staff still belong to the same unit record.
            #expect(try await User.query(on: app.db).filter(\.$unit.$id == w.unitB).count() == 2)
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.unitUpdated.rawValue).first())
            #expect(event.actorID == w.id("p.admin"))
            #expect(event.unitID == w.unitB)
            #expect(event.occurredAt == time.now())
            #expect(event.beforeState?.contains("Xã Bình Thử") == true)
            #expect(event.afterState?.contains("Phường Bình Mới") == true)
            // The page shows the history.
            let page = try await admin.get("/quan-tri/don-vi/\(w.unitB)")
            #expect(page.text.contains("Nghị quyết 1234/NQ-UBTVQH15"))
        }
    }

    @Test("Only the province's administrators rename the province, with an audit line", arguments: TestDatabase.all)
    func province(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let unitAdmin = Browser(app)
            try await unitAdmin.signIn("a.admin")
            #expect(try await unitAdmin.post("/quan-tri/tinh", form: [("provinceCode", "31"), ("provinceName", "Tên Mới")]).status == .forbidden)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            #expect(try await admin.post("/quan-tri/tinh", form: [("provinceCode", "48"), ("provinceName", "X")]).status == .seeOther)
            let refused = try await admin.get("/quan-tri")
            #expect(refused.text.contains("Mã tỉnh 48 đã được dùng.") && refused.text.contains("Tên tỉnh phải có từ 4 đến 100 ký tự."))
            #expect(try await admin.post("/quan-tri/tinh", form: [("provinceCode", "31"), ("provinceName", "Thành phố Thử Nghiệm Mới")]).status == .seeOther)
            #expect(try await Province.find(w.provinceP, on: app.db)?.name == "Thành phố Thử Nghiệm Mới")
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.provinceUpdated.rawValue).first())
            #expect(event.beforeState?.contains("Thành phố Thử Nghiệm") == true && event.provinceID == w.provinceP)
        }
    }

    @Test("Unit forms reject bad input with Vietnamese messages and write nothing", arguments: TestDatabase.all)
    func unitValidation(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            let before = try await OrgUnit.query(on: app.db).count()
            let cases: [([(String, String)], String)] = [
                ([("code", ""), ("name", "Xã Mới"), ("kind", "commune")], "Mã đơn vị gồm"),
                ([("code", "A001"), ("name", "Xã Mới"), ("kind", "commune")], "đã được dùng"),
                ([("code", "N1"), ("name", "X"), ("kind", "commune")], "từ 2 đến 200"),
                ([("code", "N1"), ("name", "Xã Mới"), ("kind", "quan")], "Loại đơn vị không hợp lệ"),
                ([("code", "N 1 <b>"), ("name", String(repeating: "x", count: 300)), ("kind", "")], "Mã đơn vị gồm"),
            ]
            for (form, message) in cases {
                let response = try await admin.post("/quan-tri/don-vi/moi", form: form)
                #expect(response.status == .unprocessableEntity, "\(form)")
                #expect(response.text.contains(message), "\(form)")
            }
            let noReason = try await admin.post("/quan-tri/don-vi/\(w.unitA)/sua", form: [("code", "A001"), ("name", "Phường An Đổi"), ("kind", "ward")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("Ghi rõ căn cứ thay đổi"))
            #expect(try await OrgUnit.query(on: app.db).count() == before)
            let created = try await admin.post("/quan-tri/don-vi/moi", form: [("code", "N1"), ("name", "Xã Mới Lập"), ("kind", "commune")])
            #expect(created.status == .seeOther)
            #expect(try await UnitRevision.query(on: app.db).join(OrgUnit.self, on: \UnitRevision.$unit.$id == \OrgUnit.$id)
                .filter(OrgUnit.self, \.$code == "N1").count() == 1)
        }
    }

    @Test("Departments are added, renamed and deleted only when empty", arguments: TestDatabase.all)
    func departments(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            let base = "/quan-tri/don-vi/\(w.unitA)/phong-ban"
            #expect(try await admin.post(base, form: [("name", "Phòng Kinh tế")]).status == .seeOther)
            let duplicate = try await admin.post(base, form: [("name", "Phòng Kinh tế")])
            #expect(duplicate.status == .seeOther)
            #expect(try await admin.get("/quan-tri/don-vi/\(w.unitA)").text.contains("Đơn vị đã có phòng ban tên"))
            let economy = try #require(try await Department.query(on: app.db).filter(\.$name == "Phòng Kinh tế").first())
            #expect(try await admin.post("\(base)/\(economy.id!)", form: [("name", "Phòng Kinh tế, Hạ tầng và Đô thị")]).status == .seeOther)
            #expect(try await Department.find(economy.id, on: app.db)?.name == "Phòng Kinh tế, Hạ tầng và Đô thị")
            // The center has officers: it cannot be deleted.
            #expect(try await admin.post("\(base)/\(w.departmentA)/xoa", form: []).status == .seeOther)
            #expect(try await Department.find(w.departmentA, on: app.db) != nil)
            #expect(try await admin.post("\(base)/\(economy.id!)/xoa", form: []).status == .seeOther)
            #expect(try await Department.find(economy.id, on: app.db) == nil)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$entityType == "department").all().map(\.action)
            #expect(Set(actions) == [AuditAction.departmentCreated.rawValue, AuditAction.departmentUpdated.rawValue, AuditAction.departmentDeleted.rawValue])
        }
    }

    @Test("Audit pages never skip or repeat events, even when many share one instant", arguments: TestDatabase.all)
    func auditPaging(database: TestDatabase) async throws {
        let time = FixedTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await withApp(database, time: time) { app in
            let w = try await World.build(on: app)
            let trail = AuditTrail(context: .system(now: time.now()))
            for index in 0..<130 {
                try await trail.record(.departmentUpdated, on: app.db, entityType: "department", entityID: w.departmentA,
                                       scope: (w.provinceP, w.unitA), summary: "Sự kiện \(index)")
            }
            let admin = try #require(try await User.find(w.id("a.admin"), on: app.db))
            let (token, plaintext) = try await APITokenIssuer.token(for: admin, name: "thử", scopes: [.administrator], createdAt: time.now(), createdBy: nil, expiresAt: nil, on: app.db)
            try await token.create(on: app.db)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: plaintext)
            var seen: [String] = []
            var cursor: UUID?
            repeat {
                let path = "/api/v1/audit-events?limit=50" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await app.testing().sendRequest(.GET, path, headers: headers).decode([AuditEventDTO].self)
                seen += page.map(\.summary)
                cursor = page.count == 50 ? page.last?.id : nil
            } while cursor != nil
            #expect(seen.count == 130)
            #expect(Set(seen).count == 130)
        }
    }

    @Test("The audit trail is append-only in the database itself", arguments: TestDatabase.all)
    func auditAppendOnly(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            try await Browser(app).signIn("a.admin")
            let sql = app.db as! any SQLDatabase
            #expect(try await AuditEvent.query(on: app.db).count() == 1)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_events SET summary = 'sửa lén'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            #expect(try await AuditEvent.query(on: app.db).first()?.summary.contains("đăng nhập") == true)
        }
    }
}
