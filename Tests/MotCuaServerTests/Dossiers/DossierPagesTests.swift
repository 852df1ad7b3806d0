import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Dossier pages: counter intake, the dossier page and its forms, the printable slips, public tracking")
struct DossierPagesTests {
    @Test("Counter intake, actions by form, slips Mẫu 01–07 and the tracking page", arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let form = try await f.reception.get("/ho-so/tiep-nhan?thu-tuc=1.000001")
            #expect(form.status == .ok && form.text.contains("Đăng ký đất đai lần đầu") && form.text.contains("Đơn đăng ký (bản chính, 1 bản)"))
            // A refused form keeps what was typed and says what is wrong.
            let bad = try await f.reception.post("/ho-so/tiep-nhan", form: [("procedureCode", "1.000001"), ("checklist", "1"),
                                                                           ("applicantName", "Trần Thị Quầy"), ("applicantPhone", "12")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Số điện thoại chưa đúng") && bad.text.contains("Trần Thị Quầy"))
            let saved = try await f.reception.post("/ho-so/tiep-nhan", form: [
                ("procedureCode", "1.000001"), ("applicantName", "Trần Thị Quầy"), ("applicantPhone", "0905123456"),
                ("applicantAddress", "Tổ 3, phường An Thử"), ("requestSummary", "Đăng ký thửa 45"), ("resultDelivery", "post"),
                ("channel", "counter"), ("checklist", "1"), ("received[]", "0")])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/ho-so/A001-261130-0001/mau/01")
            #expect(try await f.reception.get("/ho-so/A001-261130-0001/mau/01").text.contains("Đã tiếp nhận hồ sơ A001-261130-0001"))
            let page = try await f.reception.get("/ho-so/A001-261130-0001")
            #expect(page.text.contains("Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả"))
            // Mẫu 01: QR first, the appointment, the book entry.
            let receipt = try await f.reception.get("/ho-so/A001-261130-0001/mau/01")
            #expect(receipt.status == .ok)
            let qrAt = receipt.text.range(of: "/tra-cuu/qr.svg?ma=A001-261130-0001")!.lowerBound
            #expect(qrAt < receipt.text.range(of: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")!.lowerBound)
            #expect(receipt.text.contains("17:00, ngày 07/12/2026") && receipt.text.contains("Số thứ tự: 0001") && receipt.text.contains("Trần Thị Quầy"))
            #expect(receipt.text.contains("Đơn đăng ký (bản chính, 1 bản)"))
            // The specialist requests a supplement through the page's form; Mẫu 02 lists it.
            let dossierPage = try await f.specialist.get("/ho-so/A001-261130-0001")
            #expect(dossierPage.text.contains("form-request_supplement") && !dossierPage.text.contains("form-approve"))
            let version = try await Dossier.query(on: app.db).first()!.version
            let requested = try await f.specialist.post("/ho-so/A001-261130-0001/thao-tac/request_supplement",
                                                        form: [("version", "\(version)"), ("note", "Bản đồ thửa đất\nGiấy tờ về quyền sử dụng đất")])
            #expect(requested.status == .seeOther)
            let supplement = try await f.specialist.get("/ho-so/A001-261130-0001/mau/02")
            #expect(supplement.text.contains("<td>Bản đồ thửa đất</td>") && supplement.text.contains("<td>Giấy tờ về quyền sử dụng đất</td>"))
            // A stale form is refused with a clear message and changes nothing.
            let stale = try await f.reception.post("/ho-so/A001-261130-0001/thao-tac/supplement_received", form: [("version", "\(version)")])
            #expect(stale.status == .seeOther)
            #expect(try await f.reception.get("/ho-so/A001-261130-0001").text.contains("vừa được người khác cập nhật"))
            let resumed = try await f.reception.post("/ho-so/A001-261130-0001/thao-tac/supplement_received", form: [("version", "\(version + 1)")])
            #expect(resumed.status == .seeOther)
            // Mẫu 06 lists the hand-overs; Mẫu 04 and 05 are not available for this dossier.
            let control = try await f.reception.get("/ho-so/A001-261130-0001/mau/06")
            #expect(control.text.contains("1. Giao: Bộ phận một cửa<br>2. Nhận: Chuyên viên Chuyên Viên A"))
            #expect(try await f.reception.get("/ho-so/A001-261130-0001/mau/04").status == .notFound)
            // Mẫu 07: the month's book.
            let book = try await f.reception.get("/ho-so/so-theo-doi?thang=2026-11")
            #expect(book.status == .ok && book.text.contains("A001-261130-0001") && book.text.contains("Tổ 3, phường An Thử; 0905123456"))
            #expect(try await f.reception.get("/ho-so/so-theo-doi?thang=2026-12").text.contains("Không có hồ sơ tiếp nhận trong tháng"))
            // Workspaces.
            #expect(try await f.specialist.get("/ho-so").text.contains("A001-261130-0001"))
            let other = Browser(app)
            try await other.signIn("b.reception")
            #expect(try await other.get("/ho-so/A001-261130-0001").status == .notFound)
            #expect(try await other.get("/ho-so/A001-261130-0001/mau/01").status == .notFound)
            // Public tracking: no name, no phone; the supplement reason only with the phone's last digits.
            let tracking = try await app.testing().sendRequest(.GET, "/tra-cuu?ma=A001-261130-0001")
            #expect(tracking.status == .ok && tracking.text.contains("Đang giải quyết") && !tracking.text.contains("Trần Thị Quầy")
                    && !tracking.text.contains("Bản đồ thửa đất"))
            let detailed = try await app.testing().sendRequest(.GET, "/tra-cuu?ma=A001-261130-0001&so=3456")
            #expect(detailed.text.contains("Bản đồ thửa đất"))
            let unknown = try await app.testing().sendRequest(.GET, "/tra-cuu?ma=KHONG-CO")
            #expect(unknown.status == .notFound && unknown.text.contains("Không tìm thấy hồ sơ"))
            let qr = try await app.testing().sendRequest(.GET, "/tra-cuu/qr.svg?ma=A001-261130-0001")
            #expect(qr.status == .ok && qr.headers.contentType?.subType == "svg+xml")
        }
    }

    @Test("A citizen submits online with files from the procedure page", arguments: TestDatabase.all)
    func onlineSubmission(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let procedure = try await f.citizen.get("/thu-tuc/1.000001?don-vi=A001")
            #expect(procedure.text.contains("/nop-ho-so?thu-tuc=1.000001&amp;don-vi=A001") || procedure.text.contains("/nop-ho-so?thu-tuc=1.000001&don-vi=A001"))
            let form = try await f.citizen.get("/nop-ho-so?thu-tuc=1.000001&don-vi=A001")
            #expect(form.text.contains("Công Dân Một") && form.text.contains("Đơn đăng ký") && form.text.contains("multipart/form-data"))
            let response = try await f.citizen.multipart("/nop-ho-so", fields: [
                ("unitCode", "A001"), ("procedureCode", "1.000001"), ("applicantName", "Công Dân Một"), ("applicantPhone", "0912345678"),
                ("applicantAddress", "Số 2 phố Thử"), ("resultDelivery", "electronic")], files: [
                .init(field: "files[]", fileName: "don.pdf", mediaType: "application/pdf", content: "%PDF-1.4 test\n%%EOF"),
                .init(field: "files[]", fileName: "virus.exe", mediaType: "application/octet-stream", content: "MZ\u{90}")])
            #expect(response.status == .seeOther, "\(response.text)")
            let page = try await f.citizen.get(response.headers.first(name: .location) ?? "/")
            #expect(page.text.contains("Đã nộp hồ sơ A001-261130-0001") && page.text.contains("virus.exe: Chỉ nhận tệp PDF, JPG hoặc PNG."))
            #expect(page.text.contains("don.pdf") && page.text.contains("Mới đăng ký"))
            #expect(try await f.citizen.get("/ho-so").text.contains("A001-261130-0001"))
        }
    }
}
