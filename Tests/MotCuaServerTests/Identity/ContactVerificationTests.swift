import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// The system is no relay: an online form cannot make it message someone else's phone or e-mail.
/// Only contacts an account proved with a code receive messages; links in messages never come
/// from a Host header; online filing is capped per account.
@Suite("Contact verification and the message relay")
struct ContactVerificationTests {
    /// Collects what would be sent.
    actor Recorder: MessageSender {
        var sent: [OutgoingMessage] = []
        func send(_ message: OutgoingMessage) async throws { sent.append(message) }
    }

    private static func hai(_ app: Application) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn("0987654321")
        return browser
    }

    /// The six digits of a code message.
    private static func code(in message: OutboxMessage) -> String {
        guard let range = message.body.range(of: #"\b[0-9]{6}\b"#, options: .regularExpression) else { return "" }
        return String(message.body[range])
    }

    private static func application(phone: String, email: String) -> String {
        DossierFixture.application().replacingOccurrences(of: "0912345678", with: phone).replacingOccurrences(of: "cong.dan@example.vn", with: email)
    }

    @Test("An online dossier naming someone else's phone and e-mail sends them nothing; an officer's entry is trusted", arguments: TestDatabase.all)
    func noRelay(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup
            let f = try await DossierFixture.make(app)
            let hai = try await Self.hai(app)
            // act: Công Dân Hai (nothing verified) names a stranger; the counter receives one for the same stranger
            let online = try await hai.json(.POST, "/api/v1/dossiers", Self.application(phone: "0911111111", email: "nan.nhan@example.vn"))
            #expect(online.status == .created, "\(online.text)")
            _ = try await f.submit(f.reception, accept: true)
            let recorder = Recorder()
            let sent = try await OutboxWorker(email: recorder, sms: recorder).run(on: app.db, now: f.time.now().addingTimeInterval(1))
            // check: the counter dossier's two messages went; the online one's two are held back, with the reason
            let outbox = try await OutboxMessage.query(on: app.db).all().map { "\($0.recipient) \($0.lastError ?? "") \($0.failed)" }
            #expect(sent == 2, "\(outbox)")
            let held = try await OutboxMessage.query(on: app.db).filter(\.$recipient ~~ ["0911111111", "nan.nhan@example.vn"]).all()
            #expect(held.count == 2 && held.allSatisfy { $0.failed && $0.sentAt == nil && $0.lastError?.contains("chưa xác minh") == true })
            #expect(await recorder.sent.allSatisfy { !["0911111111", "nan.nhan@example.vn"].contains($0.recipient) })
            // With an allowance of one a day, one message reaches an unproven address, not two.
            _ = try await hai.json(.POST, "/api/v1/dossiers", Self.application(phone: "0922222222", email: ""))
            _ = try await hai.json(.POST, "/api/v1/dossiers", Self.application(phone: "0922222222", email: ""))
            var allowing = OutboxWorker(email: recorder, sms: recorder)
            allowing.unverifiedPerDay = 1
            #expect(try await allowing.run(on: app.db, now: f.time.now().addingTimeInterval(1)) == 1)
        }
    }

    @Test("A code proves the phone: wrong codes are counted, the right one verifies, and messages then go", arguments: TestDatabase.all)
    func verification(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup
            let f = try await DossierFixture.make(app)
            let hai = try await Self.hai(app)
            #expect(try await hai.get("/tai-khoan").text.contains("Chưa xác minh"))
            // act: a code is sent, a wrong one typed, then the right one
            let sent = try await hai.post("/tai-khoan/xac-minh/gui", form: [("kenh", "sms")])
            #expect(sent.status == .seeOther)
            let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$subject == "Mã xác minh MotCua").first())
            #expect(message.recipient == "0987654321" && message.recipientUnverified == nil)
            let code = Self.code(in: message)
            let wrong = code == "000000" ? "111111" : "000000"
            _ = try await hai.post("/tai-khoan/xac-minh", form: [("kenh", "sms"), ("ma", wrong)])
            #expect(try await hai.get("/tai-khoan").text.contains("Mã xác minh không đúng"))
            _ = try await hai.post("/tai-khoan/xac-minh", form: [("kenh", "sms"), ("ma", code)])
            // check
            let page = try await hai.get("/tai-khoan").text
            #expect(page.contains("Đã xác minh số điện thoại") && page.contains("Đã xác minh"), "\(page)")
            let user = try #require(try await User.query(on: app.db).filter(\.$phone == "0987654321").first())
            #expect(user.phoneVerifiedAt == f.time.now())
            let own = try await hai.json(.POST, "/api/v1/dossiers", Self.application(phone: "0987654321", email: ""))
            let dossier = try #require(try await Dossier.query(on: app.db).filter(\.$code == (try own.decode(DossierDTO.self).code)).first())
            #expect(dossier.phoneUnverified == nil)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.contactVerified.rawValue).count()
            #expect(audit == 1)
        }
    }

    @Test("Five wrong codes use the code up; codes are capped per hour", arguments: TestDatabase.all)
    func limits(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let hai = try await Self.hai(app)
            _ = try await hai.post("/tai-khoan/xac-minh/gui", form: [("kenh", "sms")])
            let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$subject == "Mã xác minh MotCua").first())
            let code = Self.code(in: message)
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<5 { _ = try await hai.post("/tai-khoan/xac-minh", form: [("kenh", "sms"), ("ma", wrong)]) }
            _ = try await hai.post("/tai-khoan/xac-minh", form: [("kenh", "sms"), ("ma", code)])
            #expect(try await hai.get("/tai-khoan").text.contains("đã nhập sai quá 5 lần"))
            #expect(try await User.query(on: app.db).filter(\.$phone == "0987654321").first()?.phoneVerifiedAt == nil)
            // Two more codes this hour, then no more.
            _ = try await hai.post("/tai-khoan/xac-minh/gui", form: [("kenh", "sms")])
            _ = try await hai.post("/tai-khoan/xac-minh/gui", form: [("kenh", "sms")])
            _ = try await hai.post("/tai-khoan/xac-minh/gui", form: [("kenh", "sms")])
            #expect(try await hai.get("/tai-khoan").text.contains("Đã gửi nhiều mã xác minh"))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$subject == "Mã xác minh MotCua").count() == 3)
            // A code expires after 15 minutes.
            f.time.advance(by: 16 * 60)
            let latest = try #require(try await OutboxMessage.query(on: app.db).filter(\.$subject == "Mã xác minh MotCua").sort(\.$createdAt, .descending).first())
            let latestCode = Self.code(in: latest)
            _ = try await hai.post("/tai-khoan/xac-minh", form: [("kenh", "sms"), ("ma", latestCode)])
            #expect(try await User.query(on: app.db).filter(\.$phone == "0987654321").first()?.phoneVerifiedAt == nil)
        }
    }

    @Test("Online filing is capped per account a day", arguments: TestDatabase.all)
    func onlineCap(database: TestDatabase) async throws {
        try await withApp(database) { app in
            app.motcua.onlineDossiersPerDay = 2
            let f = try await DossierFixture.make(app)
            #expect(try await f.citizen.json(.POST, "/api/v1/dossiers", DossierFixture.application()).status == .created)
            #expect(try await f.citizen.json(.POST, "/api/v1/dossiers", DossierFixture.application()).status == .created)
            let third = try await f.citizen.json(.POST, "/api/v1/dossiers", DossierFixture.application())
            #expect(third.status == .tooManyRequests && third.text.contains("hồ sơ trực tuyến trong ngày"))
            // The counter is not capped.
            #expect(try await f.reception.json(.POST, "/api/v1/dossiers", DossierFixture.application(accept: true)).status == .created)
        }
    }

    @Test("Links in messages come from the configured address, never from the request's Host header")
    func linksIgnoreHost() async throws {
        try await withApp(.sqlite) { app in
            let f = try await DossierFixture.make(app)
            let response = try await f.citizen.json(.POST, "/api/v1/dossiers", DossierFixture.application(), headers: ["Host": "ke-gia-mao.example"])
            #expect(response.status == .created)
            let bodies = try await OutboxMessage.query(on: app.db).all().map(\.body)
            #expect(!bodies.isEmpty && bodies.allSatisfy { !$0.contains("ke-gia-mao") && $0.contains("http://127.0.0.1:8080/tra-cuu?ma=") }, "\(bodies)")
        }
    }
}
