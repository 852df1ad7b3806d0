import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Counter intake: procedure by search or frequency, returning applicant, checklist, scans, ticket")
struct CounterIntakeTests {
    /// The order in which procedure codes are offered as choices on a step-1 page.
    static func offered(_ html: String) -> [String] {
        html.components(separatedBy: "name=\"thu-tuc\" value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static let applicant: [(String, String)] = [
        ("applicantName", "Lê Thị Quầy"), ("applicantIDNumber", "031190000077"), ("applicantPhone", "0905123456"),
        ("applicantAddress", "Tổ 3, phường An Thử"), ("channel", "counter"),
    ]

    @Test("Step 1: this counter's most frequent procedures first; search ignores diacritics and spelling variants", arguments: TestDatabase.all)
    func chooseProcedure(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            #expect(Self.offered(try await f.reception.get("/ho-so/tiep-nhan").text) == ["2.000908", "1.000001", "1.000894"], "by name with no history")
            for code in ["1.000894", "1.000894", "1.000001"] { _ = try await f.submit(f.reception, procedure: code, accept: true) }
            let start = try await f.reception.get("/ho-so/tiep-nhan")
            #expect(start.status == .ok && start.text.contains("Thường tiếp nhận tại quầy này") && start.text.contains("Phường An Thử"))
            #expect(Self.offered(start.text) == ["1.000894", "1.000001", "2.000908"])
            for query in ["dang ki ket hon", "ĐĂNG KÍ KẾT HÔN", "kết hôn"] {
                let found = try await f.reception.get("/ho-so/tiep-nhan?q=\(Browser.encode(query))")
                #expect(Self.offered(found.text) == ["1.000894"], "\(query)")
                #expect(found.text.contains("autofocus><strong>Thủ tục đăng ký kết hôn"), "the first choice takes the keyboard")
            }
            #expect(Self.offered(try await f.reception.get("/ho-so/tiep-nhan?q=cap+lai+ban+sao+trich+luc").text) == ["2.000908"], "4 of 5 words")
            let none = try await f.reception.get("/ho-so/tiep-nhan?q=xay+dung")
            #expect(Self.offered(none.text).isEmpty && none.text.contains("Không tìm thấy thủ tục nào"))
            // Choosing opens step 2 with the checklist; a procedure this unit does not receive goes back.
            let chosen = try await f.reception.get("/ho-so/tiep-nhan?thu-tuc=1.000001")
            #expect(chosen.text.contains("Bước 2/2") && chosen.text.contains("name=\"received[]\" value=\"0\""))
            #expect(chosen.text.contains("id=\"cccd\" name=\"cccd\"") && chosen.text.contains("autofocus"))
            let foreign = try await f.reception.get("/ho-so/tiep-nhan?thu-tuc=9.999999")
            #expect(foreign.status == .seeOther && foreign.headers.first(name: .location) == "/ho-so/tiep-nhan")
            // Only reception officers.
            #expect(try await f.citizen.get("/ho-so/tiep-nhan").status == .forbidden)
            #expect(try await f.specialist.get("/ho-so/tiep-nhan").status == .forbidden)
        }
    }

    @Test("A returning applicant is found by ID number in the officer's own unit only", arguments: TestDatabase.all)
    func returningApplicant(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            _ = try await f.submit(f.reception, procedure: "1.000894", accept: true)
            let found = try await f.reception.get("/ho-so/tiep-nhan?thu-tuc=1.000001&cccd=031190000001")
            #expect(found.text.contains("Đã điền thông tin người nộp") && found.text.contains("value=\"Nguyễn Văn Thử\"")
                && found.text.contains("value=\"Số 1 phố Thử, phường An Thử\"") && found.text.contains("value=\"0912345678\""))
            #expect(found.text.contains("id=\"giay-to-0\"  autofocus") || found.text.contains("id=\"giay-to-0\" autofocus"), "the checklist is next")
            let unknown = try await f.reception.get("/ho-so/tiep-nhan?thu-tuc=1.000001&cccd=031190000099")
            #expect(unknown.text.contains("Chưa có hồ sơ nào") && unknown.text.contains("value=\"031190000099\"") && !unknown.text.contains("Nguyễn Văn Thử"))
            let malformed = try await f.reception.get("/ho-so/tiep-nhan?thu-tuc=1.000001&cccd=12ab")
            #expect(malformed.status == .ok && malformed.text.contains("Số định danh cá nhân chỉ gồm các chữ số"))
            // Ward B's officer, who receives the same procedure, does not see ward A's applicant.
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            #expect(try await admin.json(.PUT, "/api/v1/units/\(f.world.unitB)/procedures", #"{"codes":["1.000001"]}"#).status == .ok)
            let other = Browser(app)
            try await other.signIn("b.reception")
            let elsewhere = try await other.get("/ho-so/tiep-nhan?thu-tuc=1.000001&cccd=031190000001")
            #expect(elsewhere.status == .ok && elsewhere.text.contains("Chưa có hồ sơ nào") && !elsewhere.text.contains("Nguyễn Văn Thử"))
        }
    }

    @Test("Every document ticked: accepted with Mẫu 01 listing them; one missing: Mẫu 02 asks for it, in one transaction", arguments: TestDatabase.all)
    func checklist(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let complete = try await f.reception.multipart("/ho-so/tiep-nhan", fields: [("procedureCode", "1.000001"), ("checklist", "1"), ("received[]", "0")]
                + Self.applicant, files: [.init(field: "files[]", fileName: "don-quet.pdf", mediaType: "application/pdf", content: "%PDF-1.4 quét\n%%EOF")])
            #expect(complete.status == .seeOther && complete.headers.first(name: .location) == "/ho-so/A001-261130-0001/mau/01", "\(complete.text)")
            let receipt = try await f.reception.get("/ho-so/A001-261130-0001/mau/01")
            #expect(receipt.text.contains("Đã tiếp nhận hồ sơ A001-261130-0001") && receipt.text.contains("<li>Đơn đăng ký (bản chính, 1 bản)</li>"))
            #expect(receipt.text.contains("id=\"in-phieu\" autofocus"), "Enter prints")
            let accepted = try await Dossier.query(on: app.db).filter(\.$code == "A001-261130-0001").first()!
            #expect(accepted.receivedAt != nil && accepted.appointmentAt != nil && accepted.fileCount == 1)
            let scans = try await DossierAttachment.query(on: app.db).filter(\.$dossier.$id == accepted.id!).all()
            #expect(scans.map(\.documentName) == ["Hồ sơ quét tại quầy"] && scans.map(\.fileName) == ["don-quet.pdf"])

            let incomplete = try await f.reception.post("/ho-so/tiep-nhan", form: [("procedureCode", "1.000001"), ("checklist", "1")] + Self.applicant)
            #expect(incomplete.status == .seeOther && incomplete.headers.first(name: .location) == "/ho-so/A001-261130-0002/mau/02")
            let request = try await f.reception.get("/ho-so/A001-261130-0002/mau/02")
            #expect(request.text.contains("<td>Nộp Đơn đăng ký (bản chính, 1 bản)</td>") && request.text.contains("còn thiếu giấy tờ"))
            let waiting = try await Dossier.query(on: app.db).filter(\.$code == "A001-261130-0002").first()!
            #expect(waiting.status == .supplementRequested && waiting.receivedAt == nil)
            let lines = try await DossierDocument.query(on: app.db).filter(\.$dossier.$id == waiting.id!).all()
            #expect(lines.map(\.name) == ["Đơn đăng ký"] && lines.allSatisfy { $0.receivedAt == nil })
            let events = try await DossierEvent.query(on: app.db).filter(\.$dossier.$id == waiting.id!).sort(\.$occurredAt).all()
            #expect(events.map(\.action) == ["submit", "request_supplement"])
            let audits = try await AuditEvent.query(on: app.db).filter(\.$entityID == waiting.id!.uuidString).count()
            #expect(audits == 2)
            // A procedure without a document list keeps the plain "accept now" box.
            let plain = try await f.reception.get("/ho-so/tiep-nhan?thu-tuc=1.000894")
            #expect(plain.text.contains("name=\"accept\"") && !plain.text.contains("received[]"))
        }
    }

    @Test("The ticket called at the counter is carried to intake and kept; another unit's ticket is not", arguments: TestDatabase.all)
    func ticket(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            let group = try await admin.json(.POST, "/api/v1/queue/units/A001/groups", #"{"name":"Đất đai","prefix":"D","typicalMinutes":10}"#)
            let groupID = try group.decode(QueueAPI.GroupDTO.self).id
            let counter = try await admin.json(.POST, "/api/v1/queue/units/A001/counters", #"{"name":"1","groupIDs":["\#(groupID)"]}"#)
            let counterID = try counter.decode(QueueAPI.CounterDTO.self).id
            let taken = try await app.testing().sendRequest(.POST, "/api/v1/queue/tickets", headers: ["Content-Type": "application/json"],
                                                             body: ByteBuffer(string: #"{"groupID":"\#(groupID)","channel":"kiosk"}"#))
            let ticket = try taken.content.decode(QueueBoard.TicketState.self)
            #expect(try await f.reception.post("/quay/\(counterID)/nhan", form: []).status == .seeOther)
            #expect(try await f.reception.post("/quay/\(counterID)/call_next", form: []).status == .seeOther)
            let desk = try await f.reception.get("/quay")
            #expect(desk.text.contains("href=\"/ho-so/tiep-nhan?ve=\(ticket.id)\"") && desk.text.contains("Tiếp nhận hồ sơ của số \(ticket.code)"))
            let start = try await f.reception.get("/ho-so/tiep-nhan?ve=\(ticket.id)")
            #expect(start.text.contains("Số thứ tự <strong id=\"so-thu-tu\">\(ticket.code)</strong>") && start.text.contains("name=\"ve\" value=\"\(ticket.id)\""))
            let saved = try await f.reception.post("/ho-so/tiep-nhan", form: [("procedureCode", "1.000894"), ("accept", "on"), ("ticket", ticket.id.uuidString)]
                + Self.applicant)
            #expect(saved.status == .seeOther)
            let dossier = try await Dossier.query(on: app.db).filter(\.$code == "A001-261130-0001").first()!
            #expect(dossier.queueTicketID == ticket.id && dossier.queueTicketCode == ticket.code && dossier.receivedAt != nil)
            // Ward B's officer cannot attach ward A's ticket.
            let admin2 = Browser(app)
            try await admin2.signIn("p.admin")
            _ = try await admin2.json(.PUT, "/api/v1/units/\(f.world.unitB)/procedures", #"{"codes":["1.000894"]}"#)
            let other = Browser(app)
            try await other.signIn("b.reception")
            #expect(!(try await other.get("/ho-so/tiep-nhan?ve=\(ticket.id)").text.contains("so-thu-tu")))
            _ = try await other.post("/ho-so/tiep-nhan", form: [("procedureCode", "1.000894"), ("accept", "on"), ("ticket", ticket.id.uuidString)] + Self.applicant)
            let theirs = try await Dossier.query(on: app.db).filter(\.$unit.$id == f.world.unitB).first()
            #expect(theirs != nil && theirs?.queueTicketID == nil)
        }
    }
}
