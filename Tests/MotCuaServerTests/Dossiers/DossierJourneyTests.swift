import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Dossiers: the whole journey, tracking, clock rules and notices")
struct DossierJourneyTests {
    static func at(_ text: String) -> Date { try! Date(text + ":00+07:00", strategy: .iso8601) }

    @Test("Online submission → acceptance → routing → supplement → transfer → approval → return → tracking", arguments: TestDatabase.all)
    func journey(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            // Online submission: code at once, status 1.
            var dossier = try await f.submit()
            #expect(dossier.code == "A001-261130-0001" && dossier.status == .submitted && dossier.nationalStatusCode == 1)
            #expect(dossier.channel == .online && dossier.procedureVersion == 1 && dossier.appointmentAt == nil)
            let waiting = try await f.list(f.reception, "?box=to_receive")
            #expect(waiting.map(\.code) == [dossier.code])
            // Acceptance: appointment in 5 working days, routed to the Đất đai specialist.
            dossier = try await f.must(f.reception, .accept, on: dossier)
            #expect(dossier.status == .processing && dossier.nationalStatusCode == 4)
            #expect(dossier.appointmentAt == Self.at("2026-12-07T17:00") && dossier.legalAppointmentAt == dossier.appointmentAt)
            #expect(dossier.assigneeName == "Chuyên Viên A" && dossier.holder == "Chuyên viên Chuyên Viên A")
            #expect(dossier.events.map(\.action) == ["submit", "accept", "assign"])
            #expect(dossier.events[2].givenBy == "Bộ phận một cửa" && dossier.events[2].stepTimeliness == .onTime)
            // The step budget comes from the internal process (24 working hours for the specialist).
            #expect(dossier.stepDueAt == Self.at("2026-12-03T10:30"))  // 7.5 working hours a day
            let mine = try await f.list(f.specialist)
            #expect(mine.map(\.code) == [dossier.code] && mine[0].urgency == .onTrack)
            // Supplement: pauses the clock for one working day (7.5 hours), then the appointment moves.
            try await f.advance(hours: 1)
            dossier = try await f.must(f.specialist, .requestSupplement, on: dossier, ["note": "Bổ sung bản đồ thửa đất"])
            #expect(dossier.status == .supplementRequested && dossier.nationalStatusCode == 5)
            try await f.advance(hours: 24)
            dossier = try await f.must(f.citizen, .supplementReceived, on: dossier)
            #expect(dossier.status == .processing)
            #expect(dossier.appointmentAt == Self.at("2026-12-08T17:00"))
            #expect(dossier.legalAppointmentAt == Self.at("2026-12-07T17:00") && dossier.supplements.count == 1)
            // Inter-agency transfer and back, approval with a send-back first.
            dossier = try await f.must(f.specialist, .transfer, on: dossier, ["agency": "Chi nhánh Văn phòng đăng ký đất đai", "note": "Xác minh ranh giới"])
            #expect(dossier.status == .transferred && dossier.holder == "Chi nhánh Văn phòng đăng ký đất đai")
            dossier = try await f.must(f.specialist, .transferReturned, on: dossier)
            dossier = try await f.must(f.specialist, .submitForApproval, on: dossier)
            #expect(try await f.list(f.leader, "?box=to_approve").map(\.code) == [dossier.code])
            dossier = try await f.must(f.leader, .sendBack, on: dossier, ["note": "Ghi rõ diện tích"])
            dossier = try await f.must(f.specialist, .submitForApproval, on: dossier)
            try await f.advance(hours: 1)
            dossier = try await f.must(f.leader, .approve, on: dossier)
            #expect(dossier.status == .resultReady && dossier.nationalStatusCode == 9 && dossier.timeliness == .early)
            #expect(dossier.processedAt == Self.at("2026-12-01T11:00"))
            dossier = try await f.must(f.reception, .returnResult, on: dossier, ["resultDelivery": "counter"])
            #expect(dossier.status == .returned && dossier.nationalStatusCode == 10 && dossier.allowedActions.isEmpty)
            // The processing control slip: every hand-over has a giver, a receiver and a verdict.
            let handOvers = dossier.events.filter { $0.givenBy != nil }
            #expect(handOvers.map(\.action) == ["assign", "transfer", "transfer_returned", "submit_for_approval", "send_back",
                                                "submit_for_approval", "approve", "return_result"])
            #expect(handOvers.allSatisfy { $0.receivedBy != nil && $0.stepTimeliness != nil })
            // Every change has its audit line.
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entityID == dossier.id.uuidString).count()
            #expect(audit == 12)
            // Public tracking: status and timeline without personal data; reasons only with the phone digits.
            let anonymous = try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(dossier.code)/status")
            #expect(anonymous.status == .ok)
            #expect(!anonymous.text.contains("Nguyễn") && !anonymous.text.contains("0912345678") && !anonymous.text.contains("bản đồ")
                    && !anonymous.text.contains("Chuyên Viên"))
            let status = try anonymous.decode(DossierStatusDTO.self)
            #expect(status.nationalStatusCode == 10 && status.detailsShown == false && status.timeliness == .early)
            #expect(status.timeline.map(\.label) == ["Đăng ký hồ sơ", "Tiếp nhận hồ sơ, hẹn trả kết quả", "Đang giải quyết", "Yêu cầu bổ sung hồ sơ",
                                                     "Nhận hồ sơ bổ sung", "Đang giải quyết", "Đã có kết quả, chờ trả", "Trả kết quả"])
            let wrong = try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(dossier.code)/status?phone=1111")
            #expect(wrong.status == .forbidden && wrong.headers.contentType?.subType == "problem+json")
            let detailed = try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(dossier.code)/status?phone=5678").decode(DossierStatusDTO.self)
            #expect(detailed.detailsShown && detailed.timeline.contains { $0.note == "Bổ sung bản đồ thửa đất" })
            let missing = try await app.testing().sendRequest(.GET, "/api/v1/dossiers/A001-000000-9999/status")
            #expect(missing.status == .notFound)
            // Notices queued for the applicant: registration, acceptance, supplement, result — by e-mail and SMS.
            let outbox = try await OutboxMessage.query(on: app.db).all()
            #expect(outbox.filter { $0.channel == .email }.count == 4 && outbox.filter { $0.channel == .sms }.count == 4)
            #expect(outbox.contains { $0.subject == "Hồ sơ \(dossier.code) đã được tiếp nhận" && $0.body.contains("07/12/2026") })
        }
    }

    @Test("Counter intake accepts at once; without a specialist the leader assigns; without a time the officer names the date",
          arguments: TestDatabase.all)
    func counterIntake(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            var dossier = try await f.submit(f.reception, procedure: "1.000894", accept: true)
            #expect(dossier.channel == .counter && dossier.status == .received && dossier.assigneeID == nil)
            #expect(dossier.appointmentAt == Self.at("2026-12-03T17:00"))
            #expect(try await f.list(f.leader, "?box=to_assign").map(\.code) == [dossier.code])
            let bad = try await f.act(f.leader, .assign, on: dossier, ["assigneeID": UUID().uuidString])
            #expect(bad.status == .unprocessableEntity)
            dossier = try await f.must(f.leader, .assign, on: dossier, ["assigneeID": f.world.id("a.specialist").uuidString])
            #expect(dossier.status == .processing && dossier.assigneeName == "Chuyên Viên A")
            // No processing time published: the officer must name a working day.
            let undated = try await f.submit(f.reception, procedure: "2.000908")
            let refused = try await f.act(f.reception, .accept, on: undated)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("ghi ngày hẹn trả kết quả"))
            let weekend = try await f.act(f.reception, .accept, on: undated, ["newAppointmentDate": "2026-12-05"])
            #expect(weekend.status == .unprocessableEntity)
            let dated = try await f.must(f.reception, .accept, on: undated, ["newAppointmentDate": "2026-12-04"])
            #expect(dated.appointmentAt == Self.at("2026-12-04T17:00") && dated.code == "A001-261130-0002")
        }
    }

    @Test("Apology (Mẫu 04) moves the appointment only before the deadline; late is late for 766", arguments: TestDatabase.all)
    func apology(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            var dossier = try await f.submit(f.reception, accept: true)
            let earlier = try await f.act(f.specialist, .apologize, on: dossier, ["note": "Chờ xác minh", "newAppointmentDate": "2026-12-04"])
            #expect(earlier.status == .unprocessableEntity)
            dossier = try await f.must(f.specialist, .apologize, on: dossier, ["note": "Chờ xác minh nguồn gốc đất", "newAppointmentDate": "2026-12-10"])
            #expect(dossier.appointmentAt == Self.at("2026-12-10T17:00") && dossier.legalAppointmentAt == Self.at("2026-12-07T17:00"))
            #expect(dossier.apologyCount == 1 && dossier.status == .processing)
            try await f.advance(hours: 11 * 24)  // 11/12: past the new date too
            let late = try await f.act(f.specialist, .apologize, on: dossier, ["note": "Chưa xong", "newAppointmentDate": "2026-12-15"])
            #expect(late.status == .unprocessableEntity && late.text.contains("Đã quá hạn"))
            #expect(try await f.list(f.specialist).first?.urgency == .overdue)
            dossier = try await f.must(f.specialist, .submitForApproval, on: dossier)
            dossier = try await f.must(f.leader, .approve, on: dossier)
            #expect(dossier.timeliness == .late)
        }
    }

    @Test("Two officers at once: one wins, the other is told; a stale version changes nothing", arguments: TestDatabase.all)
    func concurrentOfficers(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            var dossier = try await f.submit(f.reception, accept: true)
            dossier = try await f.must(f.specialist, .submitForApproval, on: dossier)
            let secondLeader = Browser(app)
            try await secondLeader.signIn("a.leader")
            async let approve = f.act(f.leader, .approve, on: dossier)
            async let sendBack = f.act(secondLeader, .sendBack, on: dossier, ["note": "Xem lại"])
            let results = try await [approve, sendBack]
            #expect(results.map(\.status.code).sorted() == [200, 409], "\(results.map(\.text))")
            let loser = results.first { $0.status == .conflict }!
            #expect(loser.text.contains("vừa được người khác cập nhật") && loser.headers.contentType?.subType == "problem+json")
            let stale = try await f.act(f.leader, .stop, on: dossier, ["note": "Dừng"])
            #expect(stale.status == .conflict)
            let after = try await f.leader.get("/api/v1/dossiers/\(dossier.code)").decode(DossierDTO.self)
            #expect(after.version == dossier.version + 1 && [.resultReady, .processing].contains(after.status))
        }
    }

    @Test("Financial obligation (status 6): the applicant is told, pays online, and the national payment flag is kept",
          arguments: TestDatabase.all)
    func payment(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            var dossier = try await f.submit(f.reception, accept: true)
            let appointment = dossier.appointmentAt
            #expect(try await f.act(f.specialist, .requestPayment, on: dossier).status == .unprocessableEntity)
            dossier = try await f.must(f.specialist, .requestPayment, on: dossier, ["note": "Lệ phí cấp giấy chứng nhận 100.000 đồng"])
            #expect(dossier.status == .paymentRequested && dossier.appointmentAt == appointment)
            #expect(try await f.list(f.reception, "?box=awaiting_payment").map(\.code) == [dossier.code])
            #expect(try await f.list(f.specialist, "?box=to_process").map(\.code) == [dossier.code])
            let messages = try await OutboxMessage.query(on: app.db).all().filter { $0.body.contains("nghĩa vụ tài chính") }
            #expect(messages.count == 2 && messages.allSatisfy { $0.body.contains("100.000 đồng") })
            let tracked = try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(dossier.code)/status?phone=5678").decode(DossierStatusDTO.self)
            #expect(tracked.nationalStatusCode == 6 && tracked.timeline.contains { $0.note == "Lệ phí cấp giấy chứng nhận 100.000 đồng" })
            // The applicant cannot confirm their own payment; the one-stop officer records it.
            #expect(try await f.act(f.citizen, .paymentReceived, on: dossier).status == .notFound)
            try await f.advance(hours: 2)
            dossier = try await f.must(f.reception, .paymentReceived, on: dossier, ["paymentChannel": "national_portal"])
            #expect(dossier.status == .processing && dossier.paidOnline == 1 && dossier.paidAt == f.time.now())
            #expect(try await f.list(f.reception, "?box=awaiting_payment").isEmpty)
            let page = try await f.reception.get("/ho-so/\(dossier.code)")
            #expect(page.body.string.contains("Đã thực hiện nghĩa vụ tài chính") && page.body.string.contains("thanh toán trực tuyến"))
        }
    }

    @Test("Dossier codes are unique and gap-free when two server processes receive at once", arguments: TestDatabase.all)
    func gapFreeCodes(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let (officers, extra) = try await f.browsers("a.reception", perProcess: 2, on: database)
            let codes = try await withThrowingTaskGroup(of: [String].self) { group in
                for officer in officers {
                    group.addTask {
                        var codes: [String] = []
                        for _ in 0..<10 {
                            let response = try await officer.json(.POST, "/api/v1/dossiers", DossierFixture.application("1.000894", accept: true))
                            guard response.status == .created else { Issue.record("\(response.text)"); continue }
                            codes.append(try response.decode(DossierDTO.self).code)
                        }
                        return codes
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            for other in extra { try await other.asyncShutdown() }
            let expected = (1...officers.count * 10).map { "A001-261130-" + String(format: "%04d", $0) }
            #expect(codes.sorted() == expected)
        }
    }
}
