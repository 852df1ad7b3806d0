import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Citizen registration, password change and API tokens")
struct AccountTests {
    private static let goodRegistration: [(String, String)] = [
        ("fullName", "Nguyễn Thị Hoa"), ("citizenIDNumber", "001 301 012 345"), ("phone", "0901 234 567"),
        ("email", ""), ("password", "hoa-mat-khau-2026"), ("passwordConfirmation", "hoa-mat-khau-2026"),
    ]

    @Test("A citizen registers with a valid ID number and is signed in", arguments: TestDatabase.all)
    func register(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let browser = Browser(app)
            try await browser.get("/dang-ky")
            let response = try await browser.post("/dang-ky", form: Self.goodRegistration)
            #expect(response.status == .seeOther)
            let me = try await browser.get("/api/v1/me").decode(MeDTO.self)
            #expect(me.fullName == "Nguyễn Thị Hoa")
            #expect(me.kind == .citizen)
            let user = try #require(try await User.query(on: app.db).filter(\.$phone == "0901234567").first())
            #expect(user.citizenIDNumber == "001301012345")
            #expect(user.passwordHash?.hasPrefix("$2") == true)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.citizenRegistered.rawValue).count() == 1)
            // The account page masks the ID number.
            let account = try await browser.get("/tai-khoan")
            #expect(account.text.contains("2345"))
            #expect(!account.text.contains("001301012345"))
        }
    }

    @Test("Registration explains every problem in Vietnamese and keeps what was typed", arguments: TestDatabase.all)
    func registrationProblems(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let cases: [(String, String, String)] = [
                ("citizenIDNumber", "12345", "đúng 12 chữ số"),
                ("citizenIDNumber", "999190000001", "không phải mã tỉnh"),
                ("citizenIDNumber", "031190000001", "đã có tài khoản"),
                ("phone", "12345", "10 chữ số"),
                ("phone", "0912345678", "đã có tài khoản"),
                ("password", "ngan", "ít nhất 10"),
                ("passwordConfirmation", "khac-hoan-toan-1", "không khớp"),
                ("fullName", "", "Họ và tên"),
            ]
            for (field, value, message) in cases {
                let browser = Browser(app)
                try await browser.get("/dang-ky")
                let form = Self.goodRegistration.map { $0.0 == field ? ($0.0, value) : $0 }
                let response = try await browser.post("/dang-ky", form: form)
                #expect(response.status == .unprocessableEntity, "\(field)=\(value)")
                #expect(response.text.contains(message), "\(field)=\(value)")
                #expect(response.text.contains("Nguyễn Thị Hoa") || field == "fullName")
            }
            #expect(try await User.query(on: app.db).filter(\.$kind == .citizen).count() == 2)
        }
    }

    @Test("Changing the password ends the person's other sessions", arguments: TestDatabase.all)
    func passwordChange(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let laptop = Browser(app), phone = Browser(app)
            try await laptop.signIn("a.specialist")
            try await phone.signIn("a.specialist")
            let wrong = try await laptop.post("/tai-khoan/doi-mat-khau", form: [("current", "sai"), ("new", "mat-khau-moi-2026"), ("confirmation", "mat-khau-moi-2026")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Mật khẩu hiện tại không đúng."))
            let ok = try await laptop.post("/tai-khoan/doi-mat-khau", form: [("current", World.password), ("new", "mat-khau-moi-2026"), ("confirmation", "mat-khau-moi-2026")])
            #expect(ok.status == .seeOther)
            #expect(try await laptop.get("/api/v1/me").status == .ok)
            #expect(try await phone.get("/api/v1/me").status == .unauthorized)
            try await Browser(app).signIn("a.specialist", password: "mat-khau-moi-2026")
        }
    }

    @Test("An officer issues herself a token scoped to her roles; it acts as her until revoked or until her password or roles change",
          arguments: TestDatabase.all)
    func apiTokens(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let world = try await World.build(on: app)
            let officer = Browser(app)
            try await officer.signIn("a.reception")
            let issued = try await officer.post("/tai-khoan/khoa-api", form: [("name", "Đồng bộ thử"), ("validDays", "30"), ("scope", "reception")])
            #expect(issued.status == .created)
            let token = try #require(issued.text.firstMatch(of: /id="khoa-moi">(mct_[a-z0-9]+)</)?.output.1)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: String(token))
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers)
            #expect(me.status == .ok)
            let body = try me.decode(MeDTO.self)
            #expect(body.id == world.id("a.reception"))
            #expect(body.authenticatedBy == "apiToken")
            // Only the hash is stored.
            #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == String(token)).count() == 0)
            // The administrator sees it and revokes it.
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            #expect(try await admin.get("/quan-tri/khoa-api").text.contains("Đồng bộ thử"))
            let stored = try #require(try await APIToken.query(on: app.db).first())
            #expect(try await admin.post("/quan-tri/khoa-api/\(stored.id!)/thu-hoi", form: []).status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status == .unauthorized)
            var bogus = HTTPHeaders()
            bogus.bearerAuthorization = .init(token: "mct_khongcothat")
            let rejected = try await app.testing().sendRequest(.GET, "/api/v1/health", headers: bogus)
            #expect(rejected.status == .unauthorized)
            #expect(rejected.text.contains("Khóa API không hợp lệ"))
            // A role change ends a token, and so does a password change.
            let fresh = try await officer.post("/tai-khoan/khoa-api", form: [("name", "Đồng bộ mới"), ("scope", "reception")])
            let freshToken = try #require(fresh.text.firstMatch(of: /id="khoa-moi">(mct_[a-z0-9]+)</)?.output.1)
            headers.bearerAuthorization = .init(token: String(freshToken))
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status == .ok)
            let role = UserRole(userID: world.id("a.reception"), role: .specialist)
            try await role.create(on: app.db)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status == .unauthorized)
            try await role.delete(on: app.db)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status == .ok)
            let user = try #require(try await User.find(world.id("a.reception"), on: app.db))
            user.credentialsVersion += 1  // as a password change does
            try await user.save(on: app.db)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status == .unauthorized)
            // A token issued before tokens kept their credentials, or before scopes, works no more.
            try await officer.signIn("a.reception")
            let again = try await officer.post("/tai-khoan/khoa-api", form: [("name", "Đồng bộ lại"), ("scope", "reception")])
            let renewed = try #require(again.text.firstMatch(of: /id="khoa-moi">(mct_[a-z0-9]+)</)?.output.1)
            var renewedHeaders = HTTPHeaders()
            renewedHeaders.bearerAuthorization = .init(token: String(renewed))
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: renewedHeaders).status == .ok)
            let renewedHash = APITokenAuthenticator.hash(String(renewed))
            try await APIToken.query(on: app.db).filter(\.$tokenHash == renewedHash).set(\.$scopes, to: nil).update()
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: renewedHeaders).status == .unauthorized)
            try await APIToken.query(on: app.db).filter(\.$tokenHash == renewedHash).set(\.$scopes, to: "reception").set(\.$credentialsVersion, to: nil).update()
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: renewedHeaders).status == .unauthorized)
        }
    }

    @Test("No token wider than its issuer: an administrator cannot make a token that acts as a one-stop officer or a leader",
          arguments: TestDatabase.all)
    func tokenScopes(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let world = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            // act
            let borrowed = try await admin.post("/quan-tri/khoa-api", form: [("name", "Mượn quyền"), ("userID", world.id("a.reception").uuidString),
                                                                           ("scope", "reception")])
            let unheld = try await admin.post("/tai-khoan/khoa-api", form: [("name", "Quyền không có"), ("scope", "leader")])
            let empty = try await admin.post("/tai-khoan/khoa-api", form: [("name", "Không quyền")])
            let foreign = try await admin.post("/quan-tri/khoa-api", form: [("name", "Không được"), ("userID", world.id("b.reception").uuidString),
                                                                          ("scope", "administrator")])
            // check
            #expect(borrowed.status == .unprocessableEntity && borrowed.text.contains("Ông/bà không thể cấp quyền “Cán bộ một cửa” mà chính ông/bà không có."))
            #expect(unheld.status == .unprocessableEntity && unheld.text.contains("không có vai trò “Lãnh đạo”"))
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Chọn ít nhất một quyền"))
            #expect(foreign.status == .notFound)
            #expect(try await APIToken.query(on: app.db).count() == 0)
            // A token scoped narrower than its officer acts with that scope only.
            let leader = Browser(app)
            try await leader.signIn("a.leader")
            let user = try #require(try await User.find(world.id("a.leader"), on: app.db))
            try await UserRole(userID: user.id!, role: .reception).create(on: app.db)
            try await leader.signIn("a.leader")
            let issued = try await leader.post("/tai-khoan/khoa-api", form: [("name", "Chỉ tiếp nhận"), ("scope", "reception")])
            let token = try #require(issued.text.firstMatch(of: /id="khoa-moi">(mct_[a-z0-9]+)</)?.output.1)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: String(token))
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).decode(MeDTO.self)
            #expect(me.roles == [.reception], "\(me.roles)")
        }
    }
}
