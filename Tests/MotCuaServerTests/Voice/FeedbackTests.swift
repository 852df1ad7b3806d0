import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Feedback: sending, handling in the unit, publishing, reactions, limits and access")
struct FeedbackTests {
    @Test("Send → classify → route → draft → approve → publish → public answer without personal data → reactions", arguments: TestDatabase.all)
    func journey(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            let receipt = try await f.receipt(description: "Tôi là Nguyễn Văn An (0912 345 678): đèn đường ngõ 12 Lê Lợi hỏng, <script>alert(1)</script>")
            #expect(receipt.code == "PA31-261130-0001")
            #expect(receipt.followURL.contains("/phan-anh/PA31-261130-0001?k="))
            // 15 working days from Monday 30/11/2026: Monday 21/12 at closing time.
            #expect(VietnameseFormat.dateTime(receipt.answerDueAt) == "17:00 ngày 21/12/2026")
            let messages = try await OutboxMessage.query(on: app.db).all()
            #expect(Set(messages.map(\.recipient)) == ["an@example.vn", "0912345678"])
            #expect(messages.allSatisfy { $0.body.contains(receipt.followURL) })

            // Without the secret the public sees the status only; with it, the content.
            let secret = String(receipt.followURL.split(separator: "=").last!)
            let anonymous = try await app.testing().sendRequest(.GET, "/api/v1/feedback/track/\(receipt.code)").decode(FeedbackTrackingDTO.self)
            #expect(anonymous.description == nil && !anonymous.detailsShown && anonymous.statusLabel == "Chờ tiếp nhận")
            let own = try await app.testing().sendRequest(.GET, "/api/v1/feedback/track/\(receipt.code)?secret=\(secret)").decode(FeedbackTrackingDTO.self)
            #expect(own.description?.contains("Nguyễn Văn An") == true)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/feedback/track/\(receipt.code)?secret=sai").status == .forbidden)

            let reception = try await f.signedIn("a.reception")
            let inbox = try await reception.get("/api/v1/feedback/items?box=new").decode([FeedbackRowDTO].self)
            #expect(inbox.map(\.code) == [receipt.code])
            let id = inbox[0].id
            var item = try await f.must(reception, id, .classify, #"{"kind":"other","urgent":false}"#)
            #expect(item.status == .received && item.actions.contains(.route) && !item.actions.contains(.approve))
            item = try await f.must(reception, id, .route, #"{"departmentID":"\#(f.world.departmentA)"}"#)
            #expect(item.status == .processing && item.departmentName == "Trung tâm Phục vụ hành chính công")
            // A specialist outside the department may not answer; the department's officer may.
            let outsider = try await f.signedIn("a.specialist")
            #expect(try await f.act(outsider, id, .submitAnswer, #"{"note":"Trả lời"}"#).status == .forbidden)
            let department = try await f.signedIn("a.phong")
            #expect(try await f.act(department, id, .submitAnswer, "{}").status == .unprocessableEntity)
            item = try await f.must(department, id, .submitAnswer,
                                    #"{"note":"Phường đã thay bóng đèn ngõ 12 Lê Lợi ngày 01/12/2026. Liên hệ ông An qua 0912345678 khi cần."}"#)
            #expect(item.status == .awaitingApproval)
            #expect(try await f.act(department, id, .approve).status == .conflict)
            let leader = try await f.signedIn("a.leader")
            item = try await f.must(leader, id, .approve)
            #expect(item.status == .answered && item.publishDueAt != nil)
            #expect(item.suggestedPublicAnswer?.contains("0912345678") == false)
            item = try await f.must(reception, id, .publish, #"{"version":\#(item.version)}"#)
            #expect(item.status == .published && item.late.isEmpty)

            let page = try await app.testing().sendRequest(.GET, "/api/v1/feedback/answers?q=BONG%20DEN%20le%20loi").decode(PublicAnswerPageDTO.self)
            #expect(page.items.map(\.code) == [receipt.code])
            let published = page.items[0]
            for personal in ["Nguyễn Văn An", "0912 345 678", "0912345678"] {
                #expect(!published.question.contains(personal) && !published.answer.contains(personal), "\(personal)")
            }
            #expect(published.question.contains("<script>"))  // kept as text; pages escape it
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/feedback/answers?q=khong-co-tu-nay").decode(PublicAnswerPageDTO.self).items.isEmpty)

            // Reactions: one per reader, changeable.
            func react(_ useful: Bool, as browser: Browser? = nil) async throws -> AnswerReactions {
                let body = #"{"useful":\#(useful)}"#
                let path = "/api/v1/feedback/answers/\(receipt.code)/reactions"
                let response = if let browser { try await browser.json(.POST, path, body) } else {
                    try await app.testing().sendRequest(.POST, path, headers: ["Content-Type": "application/json"], body: ByteBuffer(string: body))
                }
                #expect(response.status == .ok, "\(response.body.string)")
                return try response.content.decode(AnswerReactions.self)
            }
            #expect(try await react(true) == AnswerReactions(useful: 1, notUseful: 0))
            #expect(try await react(false) == AnswerReactions(useful: 0, notUseful: 1))
            #expect(try await react(true, as: leader) == AnswerReactions(useful: 1, notUseful: 1))
            let tracked = try await app.testing().sendRequest(.GET, "/api/v1/feedback/track/\(receipt.code)").decode(FeedbackTrackingDTO.self)
            #expect(tracked.publicAnswer == published.answer && tracked.statusLabel == "Đã công khai trả lời")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entityType == "feedback").count()
            #expect(audit == 6)
        }
    }

    @Test("A request for information pauses the answer clock until the sender answers with the secret", arguments: TestDatabase.all)
    func information(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            let receipt = try await f.receipt()
            let secret = String(receipt.followURL.split(separator: "=").last!)
            let id = try await f.itemID(receipt.code)
            let reception = try await f.signedIn("a.reception")
            try await f.must(reception, id, .classify, #"{"kind":"other"}"#)
            f.time.advance(by: 24 * 3600)  // Tuesday 09:00
            let asked = try await f.must(try await f.signedIn("a.reception"), id, .requestInfo, #"{"note":"Cho biết số cột đèn bị hỏng."}"#)
            #expect(asked.status == .infoRequested)
            let sms = try await OutboxMessage.query(on: app.db).filter(\.$channel == .sms).sort(\.$createdAt).all().last!
            #expect(sms.body.contains("Cho biết số cột đèn bị hỏng."))
            f.time.advance(by: 2 * 24 * 3600)  // Thursday 09:00: two working days later
            let wrong = try await app.testing().sendRequest(.POST, "/api/v1/feedback/track/\(receipt.code)/information",
                                                            headers: ["Content-Type": "application/json"],
                                                            body: ByteBuffer(string: #"{"secret":"sai","note":"Cột số 5"}"#))
            #expect(wrong.status == .forbidden)
            let answered = try await app.testing().sendRequest(.POST, "/api/v1/feedback/track/\(receipt.code)/information",
                                                               headers: ["Content-Type": "application/json"],
                                                               body: ByteBuffer(string: #"{"secret":"\#(secret)","note":"Cột số 5 và số 6"}"#))
            #expect(answered.status == .ok, "\(answered.body.string)")
            let detail = try await f.signedIn("a.reception").get("/api/v1/feedback/items/\(id)").decode(FeedbackDetailDTO.self)
            #expect(detail.status == .received)
            #expect(VietnameseFormat.dateTime(detail.answerDueAt) == "17:00 ngày 23/12/2026")
            #expect(detail.updates.last?.note == "Cột số 5 và số 6" && detail.updates.last?.actorName == "Nguyễn Văn An")
        }
    }

    @Test("Transfers move an item to another unit, or close it for an outside agency; the old unit loses it", arguments: TestDatabase.all)
    func transfers(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            let first = try await f.itemID(try await f.receipt().code)
            let reception = try await f.signedIn("a.reception")
            #expect(try await f.act(reception, first, .transfer, #"{"unitCode":"C001"}"#).status == .unprocessableEntity)  // other province
            let moved = try await f.must(reception, first, .transfer, #"{"unitCode":"B001","note":"Thuộc địa bàn xã Bình Thử"}"#)
            #expect(moved.status == .submitted && moved.unitCode == "B001")
            #expect(try await reception.get("/api/v1/feedback/items/\(first)").status == .notFound)
            let other = try await f.signedIn("b.reception")
            #expect(try await other.get("/api/v1/feedback/items?box=new").decode([FeedbackRowDTO].self).map(\.id) == [first])
            let out = try await f.must(other, first, .transfer, #"{"agency":"Công ty Điện lực Thử Nghiệm"}"#)
            #expect(out.status == .transferredOut && out.actions.isEmpty)
            let tracked = try await app.testing().sendRequest(.GET, "/api/v1/feedback/track/\(out.code)").decode(FeedbackTrackingDTO.self)
            #expect(tracked.statusLabel == "Đã chuyển cơ quan có thẩm quyền")
        }
    }

    @Test("Only the unit and the province's monitors read an item; only its parties act; stale versions conflict", arguments: TestDatabase.all)
    func access(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            let id = try await f.itemID(try await f.receipt().code)
            for login in ["b.reception", "c.admin", "a.admin"] {
                let browser = try await f.signedIn(login)
                let status = try await browser.get("/api/v1/feedback/items/\(id)").status
                #expect(status == .notFound || status == .forbidden, "\(login)")
                #expect(try await f.act(browser, id, .classify, #"{"kind":"other"}"#).status != .ok, "\(login)")
            }
            let monitor = try await f.signedIn("p.monitor")
            #expect(try await monitor.get("/api/v1/feedback/items/\(id)").status == .ok)
            #expect(try await monitor.get("/api/v1/feedback/items?box=new&unitCode=A001").decode([FeedbackRowDTO].self).count == 1)
            #expect(try await f.act(monitor, id, .classify, #"{"kind":"other"}"#).status == .forbidden)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/feedback/items/\(id)").status == .unauthorized)
            let reception = try await f.signedIn("a.reception")
            let seen = try await reception.get("/api/v1/feedback/items/\(id)").decode(FeedbackDetailDTO.self)
            try await f.must(reception, id, .classify, #"{"kind":"procedure","version":\#(seen.version)}"#)
            #expect(try await f.act(reception, id, .classify, #"{"kind":"conduct","version":\#(seen.version)}"#).status == .conflict)
            // Configuration is the province administrator's.
            #expect(try await reception.json(.POST, "/api/v1/feedback/categories", #"{"code":"khac","name":"Khác"}"#).status == .forbidden)
            let admin = try await f.signedIn("p.admin")
            let bad = try await admin.json(.PUT, "/api/v1/feedback/deadlines",
                                           #"{"normal":{"reception":2,"firstInfoRequest":20,"answer":15,"publish":2},"urgent":{"reception":1,"firstInfoRequest":1,"answer":1,"publish":1}}"#)
            #expect(bad.status == .unprocessableEntity && bad.text.contains("không được dài hơn thời hạn trả lời"))
            let good = try await admin.json(.PUT, "/api/v1/feedback/deadlines",
                                            #"{"normal":{"reception":3,"firstInfoRequest":5,"answer":10,"publish":2},"urgent":{"reception":1,"firstInfoRequest":1,"answer":1,"publish":1}}"#)
            #expect(good.status == .ok)
            let receipt = try await f.receipt()
            // 10 working days from Monday 30/11/2026: Monday 14/12.
            #expect(VietnameseFormat.dateTime(receipt.answerDueAt) == "17:00 ngày 14/12/2026")
        }
    }

    @Test("Bad and hostile input is refused clearly; the public form is limited per address", arguments: TestDatabase.all)
    func badInput(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            let cases: [(String, String)] = [
                (#"{"categoryCode":"khong-co","description":"Nội dung đủ dài để gửi"}"#, "categoryCode"),
                (#"{"categoryCode":"thu-tuc","description":"ngắn"}"#, "description"),
                (#"{"categoryCode":"ha-tang","description":"Nội dung đủ dài để gửi"}"#, "attribute[muc_do]"),
                (#"{"categoryCode":"ha-tang","description":"Nội dung đủ dài để gửi","attributes":{"muc_do":["rat-nang"]}}"#, "attribute[muc_do]"),
                (#"{"categoryCode":"thu-tuc","description":"Nội dung đủ dài để gửi","latitude":91,"longitude":10}"#, "latitude"),
                (#"{"categoryCode":"thu-tuc","description":"Nội dung đủ dài để gửi","latitude":20}"#, "latitude"),
                (#"{"categoryCode":"thu-tuc","description":"Nội dung đủ dài để gửi","senderPhone":"12345"}"#, "senderPhone"),
                (#"{"categoryCode":"thu-tuc","description":"Nội dung đủ dài để gửi","senderEmail":"a@b"}"#, "senderEmail"),
                (#"{"categoryCode":"thu-tuc","description":"Nội dung đủ dài để gửi","unitCode":"C001"}"#, "unitCode"),
                (#"{"categoryCode":"thu-tuc","description":"\#(String(repeating: "x", count: 4_001))"}"#, "description"),
            ]
            for (body, field) in cases {
                let response = try await f.send(body, expect: .unprocessableEntity)
                let problem = try response.decode(ProblemDetails.self)
                #expect(problem.errors?.contains { $0.field == field } == true, "\(field): \(response.body.string)")
            }
            _ = try await f.send("{not json", expect: .badRequest)
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            // Without a unit the province office receives it (as a hotline centre does).
            let office = try await f.send(#"{"categoryCode":"thu-tuc","description":"Hỏi về thủ tục đăng ký khai sinh"}"#)
                .decode(FeedbackReceiptDTO.self)
            #expect(try await FeedbackItem.query(on: app.db).filter(\.$code == office.code).first()?.$unit.id == f.world.office)
            app.motcua.feedbackPerHour = 2
            _ = try await f.send(#"{"categoryCode":"thu-tuc","description":"Phản ánh thứ hai trong giờ"}"#)
            _ = try await f.send(#"{"categoryCode":"thu-tuc","description":"Phản ánh thứ ba trong giờ"}"#)
            _ = try await f.send(#"{"categoryCode":"thu-tuc","description":"Phản ánh thứ tư trong giờ"}"#, expect: .tooManyRequests)
        }
    }

    @Test("Late items are flagged and listed: not classified within 2 working days, not answered within 15", arguments: TestDatabase.all)
    func lateness(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            let first = try await f.itemID(try await f.receipt().code)
            let second = try await f.itemID(try await f.receipt().code)
            let reception = try await f.signedIn("a.reception")
            try await f.must(reception, second, .classify, #"{"kind":"other"}"#)
            f.time.advance(by: 2 * 24 * 3600 + 8 * 3600 + 1)  // Wednesday 17:00:01
            let late = try await f.signedIn("a.reception").get("/api/v1/feedback/items?box=late").decode([FeedbackRowDTO].self)
            #expect(late.map(\.id) == [first] && late[0].late == [.reception])
            f.time.advance(by: 20 * 24 * 3600)
            let later = try await f.signedIn("a.reception").get("/api/v1/feedback/items?box=late").decode([FeedbackRowDTO].self)
            #expect(Set(later.map(\.id)) == [first, second])
            #expect(later.first { $0.id == second }?.late == [.answer])
        }
    }
}
