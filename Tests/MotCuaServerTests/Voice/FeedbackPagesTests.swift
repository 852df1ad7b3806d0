import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Feedback pages: the public form with photos, following, the unit's desk, the public answers")
struct FeedbackPagesTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    /// A multipart body of text fields and files.
    static func multipart(_ fields: [(String, String)], files: [(name: String, data: Data)], boundary: String = "motcua-ranh-gioi") -> ByteBuffer {
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for file in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ByteBuffer(bytes: Array(body))
    }

    @Test("Send from the form with a photo, follow with the secret link; a disguised file is refused; hostile text is escaped everywhere",
          arguments: TestDatabase.all)
    func publicForm(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            let visitor = Browser(app)
            let form = try await visitor.get("/phan-anh")
            #expect(form.status == .ok && form.text.contains("Hạ tầng đô thị") && form.text.contains("name=\"attribute[muc_do][]\""))
            let hostile = "<img src=x onerror=alert(1)> Cống thoát nước ngõ 5 bị tắc, gọi 0912345678"
            let fields = [("categoryCode", "ha-tang"), ("unitCode", "A001"), ("description", hostile),
                          ("attribute[muc_do][]", "nang"), ("senderName", "Trần Thị Bình")]
            func post(_ files: [(name: String, data: Data)]) async throws -> TestingHTTPResponse {
                try await visitor.send(.POST, "/phan-anh?_csrf=\(visitor.csrf ?? "")", headers: ["Content-Type": "multipart/form-data; boundary=motcua-ranh-gioi"],
                                       body: Self.multipart(fields, files: files))
            }
            // A multipart body is never read for the token: one only in the body is refused.
            let inBody = try await visitor.send(.POST, "/phan-anh", headers: ["Content-Type": "multipart/form-data; boundary=motcua-ranh-gioi"],
                                                body: Self.multipart([("_csrf", visitor.csrf ?? "")] + fields, files: []))
            #expect(inBody.status == .forbidden)
            let disguised = try await post([("anh.jpg", Data("<html><script>alert(1)</script></html>".utf8))])
            #expect(disguised.status == .unprocessableEntity && disguised.text.contains("Chỉ nhận ảnh JPG, PNG hoặc tệp PDF"))
            #expect(disguised.text.contains("&lt;img src=x") && !disguised.text.contains("<img src=x"))
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            let sent = try await post([("../../etc/anh cong.png", Self.png)])
            #expect(sent.status == .seeOther, "\(sent.text)")
            let location = sent.headers.first(name: .location) ?? ""
            #expect(location.hasPrefix("/phan-anh/PA31-261130-0001?k="))
            let follow = try await visitor.get(location)
            #expect(follow.text.contains("Đã gửi phản ánh") && follow.text.contains("&lt;img src=x") && !follow.text.contains("<img src=x"))
            let stranger = try await Browser(app).get("/phan-anh/PA31-261130-0001")
            #expect(stranger.status == .ok && !stranger.text.contains("Cống thoát nước"))
            let attachment = try await FeedbackAttachment.query(on: app.db).first()
            #expect(attachment?.fileName == "anh cong.png" && attachment?.mediaType == "image/png")

            // The unit's desk: the inbox, the item with its forms, the photo.
            let reception = try await f.signedIn("a.reception")
            let inbox = try await reception.get("/phan-anh/xu-ly")
            #expect(inbox.text.contains("PA31-261130-0001") && inbox.text.contains("&lt;img src=x"))
            let id = try await f.itemID("PA31-261130-0001")
            let page = try await reception.get("/phan-anh/xu-ly/\(id)")
            #expect(page.text.contains("form-classify") && page.text.contains("Nghiêm trọng") && page.text.contains("Trần Thị Bình"))
            let photo = try await reception.get("/phan-anh/xu-ly/\(id)/tep/\(attachment!.id!)")
            #expect(photo.status == .ok && photo.headers.contentType?.description == "image/png")
            #expect(try await f.signedIn("b.reception").get("/phan-anh/xu-ly/\(id)/tep/\(attachment!.id!)").status == .notFound)
            for (action, fields) in [("classify", [("kind", "other")]), ("route", [("departmentID", f.world.departmentA.uuidString)])] {
                let done = try await reception.post("/phan-anh/xu-ly/\(id)/\(action)", form: fields)
                #expect(done.status == .seeOther)
            }
            let department = try await f.signedIn("a.phong")
            _ = try await department.post("/phan-anh/xu-ly/\(id)/submit_answer", form: [("note", "Đã nạo vét cống ngõ 5 <b>ngày 01/12</b>.")])
            let leader = try await f.signedIn("a.leader")
            _ = try await leader.post("/phan-anh/xu-ly/\(id)/approve", form: [("answer", "")])
            let publishing = try await reception.get("/phan-anh/xu-ly/\(id)")
            #expect(publishing.text.contains("form-publish") && !publishing.text.contains("0912345678</textarea>"))
            _ = try await reception.post("/phan-anh/xu-ly/\(id)/publish", form: [])
            #expect(try await FeedbackItem.find(id, on: app.db)?.status == .published)

            // The public pages escape the question and the answer, and take reactions.
            let list = try await visitor.get("/phan-anh/tra-loi?q=cong%20thoat%20nuoc")
            #expect(list.text.contains("PA31-261130-0001") && list.text.contains("&lt;b&gt;ngày 01/12&lt;/b&gt;") && !list.text.contains("<b>ngày"))
            let answer = try await visitor.get("/phan-anh/tra-loi/PA31-261130-0001")
            #expect(answer.text.contains("&lt;img src=x") && !answer.text.contains("0912345678") && !answer.text.contains("Trần Thị Bình"))
            let reacted = try await visitor.post("/phan-anh/tra-loi/PA31-261130-0001/danh-gia", form: [("useful", "1")])
            #expect(reacted.status == .seeOther)
            #expect(try await FeedbackItem.find(id, on: app.db)?.usefulCount == 1)
            #expect(try await visitor.get("/phan-anh/tra-loi/KHONG-CO").status == .notFound)
        }
    }

    @Test("A hotline operator enters a call: the channel and operator are recorded, no limit applies", arguments: TestDatabase.all)
    func hotline(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            app.motcua.feedbackPerHour = 1
            let reception = try await f.signedIn("a.reception")
            for n in 1...3 {
                let response = try await reception.post("/phan-anh", form: [("categoryCode", "thu-tuc"), ("unitCode", "A001"), ("channel", "hotline"),
                                                                           ("description", "Người gọi hỏi thủ tục khai sinh lần \(n)")])
                #expect(response.status == .seeOther, "\(response.text)")
            }
            let items = try await FeedbackItem.query(on: app.db).all()
            #expect(items.count == 3 && items.allSatisfy { $0.channel == .hotline && $0.enteredBy == "Tiếp Nhận A" })
            let form = try await reception.get("/phan-anh")
            #expect(form.text.contains("Cán bộ nhập thay người phản ánh"))
        }
    }

    @Test("The province administrator sets the time limits on a page; nobody else may", arguments: TestDatabase.all)
    func settings(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await FeedbackFixture.make(app)
            let admin = try await f.signedIn("p.admin")
            let page = try await admin.get("/quan-tri/phan-anh")
            #expect(page.status == .ok && page.text.contains("name=\"normal-answer\" value=\"15\"") && page.text.contains("Hạ tầng đô thị"))
            var form = [("normal-reception", "2"), ("normal-firstInfoRequest", "5"), ("normal-answer", "10"), ("normal-publish", "2"),
                        ("urgent-reception", "1"), ("urgent-firstInfoRequest", "1"), ("urgent-answer", "1"), ("urgent-publish", "1")]
            #expect(try await admin.post("/quan-tri/phan-anh/thoi-han", form: form).status == .seeOther)
            #expect(try await FeedbackSettings.deadlines(of: f.world.provinceP, on: app.db).normal.answer == 10)
            form[2] = ("normal-answer", "abc")
            _ = try await admin.post("/quan-tri/phan-anh/thoi-han", form: form)
            #expect(try await admin.get("/quan-tri/phan-anh").text.contains("Mỗi thời hạn phải từ 1 đến 90 ngày làm việc."))
            #expect(try await FeedbackSettings.deadlines(of: f.world.provinceP, on: app.db).normal.answer == 10)
            for login in ["a.admin", "a.reception", "p.monitor"] {
                let other = try await f.signedIn(login)
                #expect(try await other.get("/quan-tri/phan-anh").status == .forbidden, "\(login)")
                #expect(try await other.post("/quan-tri/phan-anh/thoi-han", form: form).status == .forbidden, "\(login)")
            }
        }
    }
}
