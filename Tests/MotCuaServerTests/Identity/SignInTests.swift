import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Sign-in, lock-out, sign-out and CSRF")
struct SignInTests {
    @Test("Officers and citizens sign in; the session identifies them", arguments: TestDatabase.all)
    func signIn(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            for (login, kind) in [("a.admin", "officer"), ("A.Admin", "officer"), ("a.admin@example.vn", "officer"),
                                  ("0912345678", "citizen"), ("+84 912 345 678", "citizen"), ("031190000001", "citizen")] {
                let browser = Browser(app)
                try await browser.signIn(login)
                let me = try await browser.get("/api/v1/me")
                #expect(me.status == .ok, "\(login)")
                #expect(try me.decode(MeDTO.self).kind.rawValue == kind, "\(login)")
            }
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.signIn.rawValue).count()
            #expect(audit == 6)
        }
    }

    @Test("A wrong password is refused with one message, whether or not the account exists", arguments: TestDatabase.all)
    func wrongPassword(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let browser = Browser(app)
            try await browser.get("/dang-nhap")
            let wrong = try await browser.post("/dang-nhap", form: [("identifier", "a.admin"), ("password", "sai-mat-khau")])
            let unknown = try await browser.post("/dang-nhap", form: [("identifier", "khong.co"), ("password", "sai-mat-khau")])
            let empty = try await browser.post("/dang-nhap", form: [])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(empty.status == .unauthorized)
            #expect(wrong.text.contains(SignIn.wrongCredentials))
            #expect(unknown.text.contains(SignIn.wrongCredentials))
            #expect(empty.text.contains("Nhập tên đăng nhập và mật khẩu."))
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test("Five failures lock the account for 15 minutes, even against the right password; an administrator unlocks", arguments: TestDatabase.all)
    func lockout(database: TestDatabase) async throws {
        let time = FixedTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await withApp(database, time: time) { app in
            let world = try await World.build(on: app)
            let browser = Browser(app)
            try await browser.get("/dang-nhap")
            for attempt in 1...5 {
                let response = try await browser.post("/dang-nhap", form: [("identifier", "a.reception"), ("password", "sai-\(attempt)")])
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("Tài khoản tạm khóa") == (attempt == 5), "attempt \(attempt)")
            }
            let locked = try await browser.post("/dang-nhap", form: [("identifier", "a.reception"), ("password", World.password)])
            #expect(locked.status == .unauthorized)
            #expect(locked.text.contains("Tài khoản tạm khóa"))
            let actions = try await AuditEvent.query(on: app.db).filter(\.$entityID == world.id("a.reception").uuidString).all().map(\.action)
            #expect(actions.filter { $0 == AuditAction.signInFailed.rawValue }.count == 5)
            #expect(actions.contains(AuditAction.accountLocked.rawValue))

            // An administrator of the unit unlocks the account.
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            let page = try await admin.get("/quan-tri/can-bo/\(world.id("a.reception"))")
            #expect(page.text.contains("Tài khoản đang tạm khóa"))
            let unlock = try await admin.post("/quan-tri/can-bo/\(world.id("a.reception"))/mo-khoa", form: [])
            #expect(unlock.status == .seeOther)
            try await browser.signIn("a.reception")

            // Without an administrator the lock ends by itself after 15 minutes.
            for attempt in 1...5 {
                _ = try await Browser(app).post("/dang-nhap", form: [("identifier", "b.reception"), ("password", "sai-\(attempt)")])
            }
            #expect(try await Browser(app).post("/dang-nhap", form: [("identifier", "b.reception"), ("password", World.password)]).status == .unauthorized)
            time.advance(by: 15 * 60 + 1)
            try await Browser(app).signIn("b.reception")
        }
    }

    @Test("Parallel wrong passwords cannot pass the lock-out, and an unknown name locks with the same words", arguments: TestDatabase.all)
    func lockoutRaceAndUniformity(database: TestDatabase) async throws {
        let time = FixedTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await withApp(database, time: time) { app in
            // setup
            let world = try await World.build(on: app)
            let browser = Browser(app)
            try await browser.get("/dang-nhap")
            let cookie = browser.cookie ?? "", token = browser.csrf ?? ""
            // act: twelve guesses at once
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for guess in 0..<12 {
                    group.addTask {
                        try await app.testing().sendRequest(.POST, "/dang-nhap", headers: [
                            "Cookie": "motcua-session=\(cookie)", "Content-Type": "application/x-www-form-urlencoded",
                        ], body: ByteBuffer(string: "_csrf=\(token)&identifier=a.reception&password=sai-\(guess)")).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            // check: only as many passwords were checked as the lock-out allows
            #expect(statuses.allSatisfy { $0 == .unauthorized })
            let actions = try await AuditEvent.query(on: app.db).filter(\.$entityID == world.id("a.reception").uuidString).all().map(\.action)
            #expect(actions.filter { $0 == AuditAction.signInFailed.rawValue }.count == 5, "\(actions)")
            #expect(actions.filter { $0 == AuditAction.accountLocked.rawValue }.count == 1)
            let locked = try await browser.post("/dang-nhap", form: [("identifier", "a.reception"), ("password", World.password)])
            #expect(locked.text.contains("Tài khoản tạm khóa"))
            // An unknown name: the same answers at the same tries, then the same lock.
            var known: [String] = [], unknown: [String] = []
            for attempt in 1...6 {
                for login in ["b.reception", "khong.co.ai"] {
                    let text = try await browser.post("/dang-nhap", form: [("identifier", login), ("password", "sai-\(attempt)")]).text
                    let said = text.contains("Tài khoản tạm khóa") ? "locked" : text.contains(SignIn.wrongCredentials) ? "wrong" : "other"
                    if login == "b.reception" { known.append(said) } else { unknown.append(said) }
                }
            }
            #expect(known == ["wrong", "wrong", "wrong", "wrong", "locked", "locked"] && unknown == known, "\(known) \(unknown)")
            // Both end after the lock's time.
            time.advance(by: 15 * 60 + 1)
            try await Browser(app).signIn("b.reception")
        }
    }

    @Test("Forms without the session's CSRF token are refused", arguments: TestDatabase.all)
    func csrf(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let browser = Browser(app)
            try await browser.get("/dang-nhap")
            let missing = try await browser.post("/dang-nhap", form: [("identifier", "a.admin"), ("password", World.password)], csrf: false)
            #expect(missing.status == .forbidden)
            let forged = try await browser.post("/dang-nhap", form: [("identifier", "a.admin"), ("password", World.password), ("_csrf", "gia-mao")])
            #expect(forged.status == .forbidden)
            try await browser.signIn("p.admin")
            // A JSON call riding on the session cookie needs the header too.
            let body = #"{"code":"X1","name":"Xã Mới","kind":"commune"}"#
            #expect(try await browser.json(.POST, "/api/v1/units", body, csrfHeader: false).status == .forbidden)
            #expect(try await browser.json(.POST, "/api/v1/units", body, csrfHeader: true).status == .created)
        }
    }

    @Test("Sign-out ends the session and is audited; signing in issues a new session id", arguments: TestDatabase.all)
    func signOut(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let browser = Browser(app)
            try await browser.get("/dang-nhap")
            let anonymousCookie = browser.cookie
            try await browser.signIn("a.admin")
            #expect(browser.cookie != nil && browser.cookie != anonymousCookie)
            let out = try await browser.post("/dang-xuat", form: [])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.signOut.rawValue).count() == 1)
        }
    }

    @Test("A session slides while used and ends after the lifetime without use", arguments: TestDatabase.all)
    func sessionLifetime(database: TestDatabase) async throws {
        let time = FixedTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await withApp(database, time: time) { app in
            _ = try await World.build(on: app)
            let browser = Browser(app)
            try await browser.signIn("a.leader")
            time.advance(by: 7 * 3600 + 59 * 60)
            #expect(try await browser.get("/api/v1/me").status == .ok)
            time.advance(by: 7 * 3600)
            #expect(try await browser.get("/api/v1/me").status == .ok)
            // Within the slide interval an unchanged session is not written again.
            let expiry = try #require(try await WebSession.query(on: app.db).filter(\.$userID != nil).first()).expiresAt
            time.advance(by: 60)
            #expect(try await browser.get("/api/v1/me").status == .ok)
            #expect(try await WebSession.query(on: app.db).filter(\.$userID != nil).first()?.expiresAt == expiry)
            time.advance(by: 8 * 3600 + 1)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test("Pages for signed-in people send visitors to the sign-in page and back")
    func redirectToSignIn() async throws {
        try await withApp(.sqlite) { app in
            let response = try await Browser(app).get("/quan-tri/can-bo?q=lan")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/dang-nhap?tiep=/quan-tri/can-bo%3Fq%3Dlan")
            #expect(SafeRedirect.path("//evil.example/") == "/")
            #expect(SafeRedirect.path("https://evil.example/") == "/")
            #expect(SafeRedirect.path("/quan-tri") == "/quan-tri")
            #expect(SafeRedirect.path("/quan-tri/can-bo?q=lan&don-vi=A001#x") == "/quan-tri/can-bo?q=lan&don-vi=A001#x")
            // Browsers drop tabs and line breaks and read a backslash as a slash: each would leave the site.
            for hostile in ["/\t/evil.example/", "/\n/evil.example", "/\r\n/evil.example", "/\\evil.example", "/\u{0}/evil.example",
                            "/ /evil.example", "/\u{0B}/evil.example", "/\u{7F}/evil.example", "/\u{A0}/evil.example", "/phường", "",
                            "/" + String(repeating: "a", count: 600)] {
                #expect(SafeRedirect.path(hostile) == "/", "\(hostile.debugDescription)")
            }
        }
    }
}
