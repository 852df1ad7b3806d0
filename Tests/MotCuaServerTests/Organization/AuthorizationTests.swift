import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Scoping: one unit cannot read or change another's data")
struct AuthorizationTests {
    @Test("Each person reaches exactly the pages of their role and unit", arguments: TestDatabase.all)
    func pageMatrix(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let unitA = "/quan-tri/don-vi/\(w.unitA)", unitB = "/quan-tri/don-vi/\(w.unitB)", unitC = "/quan-tri/don-vi/\(w.unitC)"
            let staffA = "/quan-tri/can-bo/\(w.id("a.reception"))", staffB = "/quan-tri/can-bo/\(w.id("b.reception"))"
            // login → [path: expected status]
            let matrix: [String: [String: HTTPStatus]] = [
                "a.admin": ["/quan-tri": .ok, unitA: .ok, unitB: .notFound, unitC: .notFound, staffA: .ok, staffB: .notFound,
                            "/quan-tri/nhat-ky": .ok, "/quan-tri/khoa-api": .ok, "/quan-tri/don-vi/moi": .forbidden,
                            "\(unitA)/sua": .notFound, "\(unitA)/can-bo/moi": .ok, "\(unitB)/can-bo/moi": .notFound],
                "a.leader": ["/quan-tri": .ok, unitA: .ok, unitB: .notFound, staffA: .notFound, "/quan-tri/nhat-ky": .forbidden,
                             "/quan-tri/khoa-api": .forbidden, "\(unitA)/can-bo/moi": .notFound],
                "a.reception": ["/quan-tri": .forbidden, unitA: .notFound, "/quan-tri/can-bo": .forbidden, "/quan-tri/nhat-ky": .forbidden],
                "a.specialist": ["/quan-tri": .forbidden, "/quan-tri/don-vi": .forbidden],
                "p.admin": ["/quan-tri": .ok, unitA: .ok, unitB: .ok, unitC: .notFound, staffA: .ok, staffB: .ok,
                            "/quan-tri/don-vi/moi": .ok, "\(unitB)/sua": .ok, "\(unitC)/sua": .notFound],
                "p.monitor": ["/quan-tri": .ok, unitA: .ok, unitB: .ok, unitC: .notFound, staffA: .notFound,
                              "/quan-tri/nhat-ky": .ok, "/quan-tri/khoa-api": .forbidden, "/quan-tri/don-vi/moi": .forbidden],
                "0912345678": ["/quan-tri": .forbidden, unitA: .notFound, "/tai-khoan": .ok],
            ]
            for (login, expectations) in matrix {
                let browser = Browser(app)
                try await browser.signIn(login)
                for (path, status) in expectations {
                    let response = try await browser.get(path)
                    #expect(response.status == status, "\(login) GET \(path): \(response.status)")
                }
            }
        }
    }

    @Test("Writes to another unit are refused and change nothing", arguments: TestDatabase.all)
    func crossUnitWrites(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            let before = try await AuditEvent.query(on: app.db).count()
            let attempts: [(String, [(String, String)], HTTPStatus)] = [
                ("/quan-tri/don-vi/\(w.unitB)/sua", [("code", "B999"), ("name", "Đổi tên trái phép"), ("kind", "commune"), ("reason", "thử")], .notFound),
                ("/quan-tri/don-vi/\(w.unitB)/phong-ban", [("name", "Phòng trái phép")], .notFound),
                ("/quan-tri/don-vi/\(w.unitB)/phong-ban/\(w.departmentB)/xoa", [], .notFound),
                ("/quan-tri/don-vi/\(w.unitA)/phong-ban/\(w.departmentB)", [("name", "Đổi tên phòng của B")], .notFound),
                ("/quan-tri/don-vi/\(w.unitB)/can-bo/moi", [("fullName", "Người Lạ"), ("username", "nguoi.la"), ("roles", "reception"), ("password", "mat-khau-dai-2026")], .notFound),
                ("/quan-tri/can-bo/\(w.id("b.reception"))", [("fullName", "Bị Sửa"), ("username", "b.reception"), ("roles", "administrator")], .notFound),
                ("/quan-tri/can-bo/\(w.id("b.reception"))/dat-lai-mat-khau", [("password", "mat-khau-cua-toi-1")], .notFound),
                ("/quan-tri/can-bo/\(w.id("b.reception"))/mo-khoa", [], .notFound),
                ("/quan-tri/don-vi/moi", [("code", "N1"), ("name", "Xã Mới"), ("kind", "commune")], .forbidden),
            ]
            for (path, form, status) in attempts {
                let response = try await admin.post(path, form: form)
                #expect(response.status == status, "POST \(path): \(response.status)")
            }
            #expect(try await AuditEvent.query(on: app.db).count() == before)
            let unitB = try #require(try await OrgUnit.find(w.unitB, on: app.db))
            #expect(unitB.name == "Xã Bình Thử")
            #expect(try await Department.query(on: app.db).filter(\.$unit.$id == w.unitB).count() == 1)
            let receptionB = try #require(try await User.query(on: app.db).filter(\.$id == w.id("b.reception")).with(\.$roles).first())
            #expect(receptionB.fullName == "Tiếp Nhận B")
            #expect(receptionB.roles.map(\.role) == [.reception])
        }
    }

    @Test("The API scopes staff, audit and writes by unit and role", arguments: TestDatabase.all)
    func apiScoping(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            func token(for login: String) async throws -> HTTPHeaders {
                let user = try #require(try await User.find(w.id(login), on: app.db))
                let (token, plaintext) = try await APITokenIssuer.token(for: user, name: "thử", scopes: Set(Role.allCases), createdAt: Date(), createdBy: nil, expiresAt: nil, on: app.db)
                try await token.create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: plaintext)
                headers.contentType = .json
                return headers
            }
            let adminA = try await token(for: "a.admin")
            let receptionA = try await token(for: "a.reception")
            let monitor = try await token(for: "p.monitor")
            let provinceAdmin = try await token(for: "p.admin")
            let t = try app.testing()
            #expect(try await t.sendRequest(.GET, "/api/v1/units/\(w.unitA)/staff", headers: adminA).status == .ok)
            #expect(try await t.sendRequest(.GET, "/api/v1/units/\(w.unitB)/staff", headers: adminA).status == .forbidden)
            #expect(try await t.sendRequest(.GET, "/api/v1/units/\(w.unitA)/staff", headers: receptionA).status == .forbidden)
            #expect(try await t.sendRequest(.GET, "/api/v1/units/\(w.unitB)/staff", headers: monitor).status == .ok)
            #expect(try await t.sendRequest(.GET, "/api/v1/units/\(w.unitC)/staff", headers: monitor).status == .forbidden)
            #expect(try await t.sendRequest(.GET, "/api/v1/staff/\(w.id("b.admin"))", headers: adminA).status == .notFound)
            #expect(try await t.sendRequest(.GET, "/api/v1/staff/\(w.id("a.reception"))", headers: adminA).status == .ok)
            let staff = try await t.sendRequest(.GET, "/api/v1/units/\(w.unitA)/staff?role=reception", headers: adminA).decode([StaffDTO].self)
            #expect(staff.map(\.id) == [w.id("a.reception")])
            #expect(try await t.sendRequest(.GET, "/api/v1/units/\(w.unitA)/staff?role=vua", headers: adminA).status == .badRequest)
            // Writes
            let body = ByteBuffer(string: #"{"code":"A001","name":"Phường An Mới","kind":"ward","reason":"Nghị quyết thử"}"#)
            #expect(try await t.sendRequest(.PATCH, "/api/v1/units/\(w.unitA)", headers: adminA, body: body).status == .forbidden)
            #expect(try await t.sendRequest(.PATCH, "/api/v1/units/\(w.unitC)", headers: provinceAdmin, body: body).status == .forbidden)
            #expect(try await t.sendRequest(.PATCH, "/api/v1/units/\(w.unitA)", headers: provinceAdmin, body: body).status == .ok)
            #expect(try await t.sendRequest(.POST, "/api/v1/units", headers: provinceAdmin, body: ByteBuffer(string: "{không phải json")).status == .badRequest)
            // Audit: each reader sees only their reach.
            _ = try await Browser(app).post("/dang-nhap", form: [("identifier", "b.admin"), ("password", "sai-mat-khau")])
            let seenByA = try await t.sendRequest(.GET, "/api/v1/audit-events", headers: adminA).decode([AuditEventDTO].self)
            let seenByMonitor = try await t.sendRequest(.GET, "/api/v1/audit-events", headers: monitor).decode([AuditEventDTO].self)
            #expect(seenByA.allSatisfy { $0.unitID == w.unitA })
            #expect(seenByA.contains { $0.action == AuditAction.unitUpdated.rawValue })
            #expect(!seenByA.contains { $0.action == AuditAction.signInFailed.rawValue })
            #expect(seenByMonitor.contains { $0.action == AuditAction.signInFailed.rawValue && $0.unitID == w.unitB })
            #expect(try await t.sendRequest(.GET, "/api/v1/audit-events", headers: receptionA).status == .forbidden)
            #expect(try await t.sendRequest(.GET, "/api/v1/audit-events?before=hom-qua", headers: adminA).status == .badRequest)
        }
    }
}
