import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Deadline alerts: once per dossier and rule, to the right people, one runner at a time")
struct AlertTests {
    static func moveTo(_ time: FixedTime, _ target: Date) { time.advance(by: target.timeIntervalSince(time.now())) }

    static func notified(_ app: Application, _ login: String, world: World) async throws -> [String] {
        try await Notification.query(on: app.db).filter(\.$userID == world.id(login)).sort(\.$createdAt).all().map(\.title)
    }

    @Test("Due soon, overdue, escalated: each fires once, in the app and by e-mail, to the handler, leaders, director and monitor",
          arguments: TestDatabase.all)
    func alerts(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            var dossier = try await f.submit()
            dossier = try await f.must(f.reception, .accept, on: dossier)
            let appointment = try #require(dossier.appointmentAt)
            #expect(try await AlertScheduler.run(on: app.db, now: f.time.now(), baseURL: "https://motcua.test") == 0)
            // An hour before the appointment (working time): due soon, for the specialist and the unit's leader.
            Self.moveTo(f.time, appointment.addingTimeInterval(-3600))
            #expect(try await AlertScheduler.run(on: app.db, now: f.time.now(), baseURL: "https://motcua.test") == 1)
            #expect(try await AlertScheduler.run(on: app.db, now: f.time.now(), baseURL: "https://motcua.test") == 0)
            let title = "Hồ sơ \(dossier.code) sắp đến hạn"
            #expect(try await Self.notified(app, "a.specialist", world: f.world) == [title])
            #expect(try await Self.notified(app, "a.leader", world: f.world) == [title])
            #expect(try await Self.notified(app, "a.reception", world: f.world).isEmpty)
            let mails = try await OutboxMessage.query(on: app.db).filter(\.$subject == title).all()
            #expect(Set(mails.map(\.recipient)) == ["a.specialist@example.vn", "a.leader@example.vn"])
            #expect(mails.allSatisfy { $0.body.contains("https://motcua.test/ho-so/\(dossier.code)") })
            // Just after it: overdue. Two working days later: escalated to the director and the province monitor.
            Self.moveTo(f.time, appointment.addingTimeInterval(60))
            #expect(try await AlertScheduler.run(on: app.db, now: f.time.now(), baseURL: "") == 1)
            Self.moveTo(f.time, appointment.addingTimeInterval(4 * 86_400))
            #expect(try await AlertScheduler.run(on: app.db, now: f.time.now(), baseURL: "") == 1)
            #expect(try await AlertScheduler.run(on: app.db, now: f.time.now(), baseURL: "") == 0)
            let overdue = "Hồ sơ \(dossier.code) đã quá hạn"
            #expect(try await Self.notified(app, "a.specialist", world: f.world) == [title, overdue])
            #expect(try await Self.notified(app, "a.leader", world: f.world) == [title, overdue, overdue])  // leader and center director
            #expect(try await Self.notified(app, "p.monitor", world: f.world) == [overdue])
            #expect(try await Self.notified(app, "b.reception", world: f.world).isEmpty)
            #expect(try await DossierAlert.query(on: app.db).count() == 3)
            // Finished dossiers raise nothing more.
            try await f.advance(hours: 8)
            dossier = try await f.must(f.specialist, .submitForApproval, on: dossier)
            _ = try await f.must(f.leader, .approve, on: dossier)
            #expect(try await AlertScheduler.run(on: app.db, now: f.time.now().addingTimeInterval(30 * 86_400), baseURL: "") == 0)
            // The officer's page and JSON list them.
            let page = try await f.specialist.get("/thong-bao")
            #expect(page.status == .ok && page.text.contains(overdue) && page.text.contains("chưa đọc"))
            #expect(try await f.specialist.post("/thong-bao/da-doc", form: []).status == .seeOther)
            let list = try await f.specialist.get("/api/v1/notifications").decode([AlertAPI.NotificationDTO].self)
            #expect(list.count == 2 && list.allSatisfy { $0.readAt != nil })
        }
    }

    @Test("One runner at a time: the lease is taken, renewed by its holder, handed over only when it expires", arguments: TestDatabase.all)
    func lease(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let attempts: [(String, String, TimeInterval)] = [("canh-bao", "A", 0), ("canh-bao", "B", 10), ("canh-bao", "A", 300),
                                                              ("canh-bao", "B", 800), ("canh-bao", "B", 901), ("canh-bao", "A", 902), ("khac", "A", 0)]
            var taken: [Bool] = []
            for (job, holder, offset) in attempts {
                taken.append(try await JobLease.acquire(job, holder: holder, seconds: 600, now: now.addingTimeInterval(offset), on: app.db))
            }
            #expect(taken == [true, false, true, false, true, false, true])
        }
    }

    @Test("The rules are data: the province administrator replaces them; others may only read", arguments: TestDatabase.all)
    func rules(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            #expect(try await f.reception.get("/api/v1/alerts/rules").decode([AlertRule].self) == AlertRule.defaults)
            let body = #"[{"code":"sap-den-han-3-thang","kind":"due_soon","hours":720,"recipients":["unit_leaders"]}]"#
            #expect(try await f.reception.json(.PUT, "/api/v1/alerts/rules", body).status == .forbidden)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            #expect(try await admin.json(.PUT, "/api/v1/alerts/rules", #"[{"code":"X","kind":"overdue","hours":-1,"recipients":[]}]"#).status
                == .unprocessableEntity)
            #expect(try await admin.json(.PUT, "/api/v1/alerts/rules", body).status == .ok)
            let rules = try await f.reception.get("/api/v1/alerts/rules").decode([AlertRule].self)
            #expect(rules == [AlertRule(code: "sap-den-han-3-thang", kind: .dueSoon, hours: 720, recipients: [.unitLeaders])])
            var dossier = try await f.submit()
            dossier = try await f.must(f.reception, .accept, on: dossier)
            #expect(try await AlertScheduler.run(on: app.db, now: f.time.now(), baseURL: "") == 1)
            #expect(try await Self.notified(app, "a.leader", world: f.world).count == 1)
            #expect(try await Self.notified(app, "a.specialist", world: f.world).isEmpty)
        }
    }
}
