import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Procedure catalogue: import, search, versions, unit choice, public pages")
struct CatalogueTests {
    static let csv = """
    code,name,field,level,deadline_value,deadline_unit,fee_vnd,agency,legal_basis,source,competent_authority
    1.000894,Thủ tục đăng ký kết hôn,Hộ tịch,partial,5,working_days,0,UBND cấp xã,Luật Hộ tịch 2014,test,
    2.000554,"Ghi vào sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết ở nước ngoài",Hộ tịch,,,,,UBND cấp xã,,test,
    1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,full,0,same_day,0,UBND cấp xã,,test,
    1.012345,Cấp giấy phép xây dựng nhà ở riêng lẻ,Xây dựng mới,none,2.5,working_days,75.000,Sở Xây dựng,,test,P-UBND

    """

    /// Imports the test catalogue as the province administrator; returns their browser.
    static func importCatalogue(_ app: Application) async throws -> Browser {
        let admin = Browser(app)
        try await admin.signIn("p.admin")
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv")
        headers.add(name: "X-CSRF-Token", value: admin.csrf ?? "")
        let response = try await admin.send(.POST, "/api/v1/catalogue/import", headers: headers, body: ByteBuffer(string: csv))
        #expect(response.status == .ok, "\(response.body.string)")
        let report = try response.decode(CatalogueEditor.Report.self)
        #expect(report.created == 4 && report.updated == 0 && report.newFields == ["Xây dựng mới"])
        return admin
    }

    static func codes(_ app: Application, _ query: String) async throws -> [String] {
        let response = try await app.testing().sendRequest(.GET, "/api/v1/procedures?\(query)")
        #expect(response.status == .ok, "\(query): \(response.body.string)")
        return try response.decode([ProcedureSummaryDTO].self).map(\.code)
    }

    @Test("Search ignores diacritics and case, ranks names first, finds codes", arguments: TestDatabase.all)
    func search(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            _ = try await Self.importCatalogue(app)
            for q in ["dang ky ket hon", "ĐĂNG KÝ KẾT HÔN", "kết hôn", "Đăng Ký  Kết Hôn"] {
                let found = try await Self.codes(app, "q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(found.first == "1.000894", "\(q): \(found)")
            }
            #expect(try await Self.codes(app, "q=ket%20hon") == ["1.000894", "2.000554"])
            #expect(try await Self.codes(app, "q=1.001193") == ["1.001193"])
            #expect(try await Self.codes(app, "q=xay%20dung&level=none") == ["1.012345"])
            #expect(try await Self.codes(app, "q=khong%20co%20gi%20nhu%20the") == [])
            #expect(try await Self.codes(app, "q=100%25_") == [])
            #expect(try await Self.codes(app, "field=ho-tich").count == 3)
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/procedures?level=cao")
            #expect(bad.status == .badRequest && bad.headers.contentType?.subType == "problem+json")
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/procedures/1.012345")
            let body = try detail.decode(ProcedureDetailDTO.self)
            #expect(body.processingTimeText == "2,5 ngày làm việc" && body.feeText == "75.000 đồng")
            #expect(body.content.competentAuthorityCode == "P-UBND")
            let fields = try await app.testing().sendRequest(.GET, "/api/v1/fields").decode([FieldCountDTO].self)
            #expect(fields.first { $0.name == "Hộ tịch" }?.procedureCount == 3)
        }
    }

    @Test("Bad rows are reported by line in Vietnamese and nothing is imported", arguments: TestDatabase.all)
    func badImport(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            let bad = """
            code,name,field,level,deadline_value,deadline_unit,fee_vnd
            1.000894,Thủ tục đăng ký kết hôn,Hộ tịch,partial,5,working_days,0
            1.00089,Mã sai,Hộ tịch,,,,
            1.000894,Trùng mã với dòng 2,Hộ tịch,,,,
            1.000111,Thủ tục có mức độ lạ,Hộ tịch,cao,ba,weeks,-5
            """
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            headers.add(name: "X-CSRF-Token", value: admin.csrf ?? "")
            let response = try await admin.send(.POST, "/api/v1/catalogue/import", headers: headers, body: ByteBuffer(string: bad))
            #expect(response.status == .unprocessableEntity)
            let problem = try response.decode(ProblemDetails.self)
            let messages = (problem.errors ?? []).map(\.message)
            #expect(messages.contains("Dòng 3: Mã thủ tục “1.00089” không đúng dạng 1.000894."))
            #expect(messages.contains("Dòng 4: Mã 1.000894 trùng với dòng 2."))
            #expect(messages.contains { $0.hasPrefix("Dòng 5: Mức độ “cao”") })
            #expect(messages.contains { $0.hasPrefix("Dòng 5: Đơn vị thời hạn “weeks”") })
            #expect(messages.contains { $0.hasPrefix("Dòng 5: Lệ phí “-5”") })
            #expect(try await Procedure.query(on: app.db).count() == 0)
            // A header problem, an unknown authority, broken JSON, a wrong media type.
            for (type, body, expected) in [
                ("csv", "ma,ten\n1.000894,x\n", "Dòng 1: Thiếu cột “code”."),
                ("csv", "code,name,field,competent_authority\n1.000894,Thủ tục đăng ký kết hôn,Hộ tịch,KHONG-CO\n", "Dòng 2: cơ quan có thẩm quyền mã “KHONG-CO” không có trong tỉnh."),
                ("json", "[{\"code\": \"1.0\", \"name\": \"x\"}]", "Tệp JSON không đúng cấu trúc danh mục"),
            ] {
                headers.contentType = type == "csv" ? HTTPMediaType(type: "text", subType: "csv") : .json
                let refused = try await admin.send(.POST, "/api/v1/catalogue/import", headers: headers, body: ByteBuffer(string: body))
                #expect(refused.status == .unprocessableEntity, "\(body)")
                #expect(try refused.decode(ProblemDetails.self).detail.contains(expected), "\(refused.body.string)")
            }
            headers.contentType = .plainText
            #expect(try await admin.send(.POST, "/api/v1/catalogue/import", headers: headers, body: ByteBuffer(string: "x")).status == .unsupportedMediaType)
            #expect(try await Procedure.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.catalogueImported.rawValue).count() == 0)
        }
    }

    @Test("Export round-trips; editing creates a new version and the old one stays readable", arguments: TestDatabase.all)
    func versions(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let admin = try await Self.importCatalogue(app)
            let exported = try await app.testing().sendRequest(.GET, "/api/v1/catalogue/export?format=csv")
            #expect(exported.headers.contentType?.subType == "csv")
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            headers.add(name: "X-CSRF-Token", value: admin.csrf ?? "")
            let again = try await admin.send(.POST, "/api/v1/catalogue/import", headers: headers, body: ByteBuffer(string: exported.body.string))
            #expect(try again.decode(CatalogueEditor.Report.self).unchanged == 4)
            let json = try await app.testing().sendRequest(.GET, "/api/v1/catalogue/export?format=json")
            let contents = try JSONDecoder().decode([ProcedureContent].self, from: Data(json.body.string.utf8))
            #expect(contents.count == 4)
            var marriage = try #require(contents.first { $0.code.value == "1.000894" })
            marriage.name = "Thủ tục đăng ký kết hôn (sửa đổi)"
            marriage.documents = [RequiredDocument(name: "Tờ khai đăng ký kết hôn", form: .original)]
            marriage.internalProcess = [InternalStep(actor: "Bộ phận một cửa", task: "Tiếp nhận", hours: 1.5)]
            let body = String(decoding: try JSONEncoder().encode(marriage), as: UTF8.self)
            let put = try await admin.json(.PUT, "/api/v1/procedures/1.000894", body)
            #expect(put.status == .ok, "\(put.body.string)")
            #expect(try put.decode(ProcedureDetailDTO.self).version == 2)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/procedures/1.000894/versions").decode([ProcedureVersionDTO].self)
            #expect(list.map(\.number) == [2, 1])
            let first = try await app.testing().sendRequest(.GET, "/api/v1/procedures/1.000894/versions/1").decode(ProcedureDetailDTO.self)
            #expect(first.content.name == "Thủ tục đăng ký kết hôn" && !first.isCurrent)
            #expect(try await Self.codes(app, "q=sua%20doi") == ["1.000894"])
            // Re-importing the flat CSV keeps the documents and internal process published above.
            let flat = try await app.testing().sendRequest(.GET, "/api/v1/catalogue/export?format=csv").body.string
            let kept = try await admin.send(.POST, "/api/v1/catalogue/import", headers: headers, body: ByteBuffer(string: flat))
            #expect(try kept.decode(CatalogueEditor.Report.self).unchanged == 4)
            let audit = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.procedurePublished.rawValue).first())
            #expect(audit.beforeState?.contains("Thủ tục đăng ký kết hôn\"") == true && audit.afterState?.contains("sửa đổi") == true)
            // Invalid edits are refused with reasons; the code in the path must match.
            marriage.feeVND = -1
            let invalid = try await admin.json(.PUT, "/api/v1/procedures/1.000894", String(decoding: try JSONEncoder().encode(marriage), as: UTF8.self))
            #expect(invalid.status == .unprocessableEntity)
            #expect(try await admin.json(.PUT, "/api/v1/procedures/1.001193", body).status == .unprocessableEntity)
            #expect(try await admin.json(.PUT, "/api/v1/procedures/1.001193", "{\"code\": 5}").status == .badRequest)
        }
    }

    @Test("Only the province's administrators edit the catalogue; units choose their own procedures", arguments: TestDatabase.all)
    func authorization(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            _ = try await Self.importCatalogue(app)
            let choice = "{\"codes\": [\"1.000894\", \"1.001193\"]}"
            #expect(try await app.testing().sendRequest(.PUT, "/api/v1/units/\(w.unitA)/procedures", headers: ["Content-Type": "application/json"],
                                                        body: ByteBuffer(string: choice)).status == .unauthorized)
            for (login, unit, status) in [("a.admin", w.unitB, HTTPStatus.forbidden), ("c.admin", w.unitA, .forbidden), ("a.reception", w.unitA, .forbidden),
                                          ("p.monitor", w.unitA, .forbidden), ("a.admin", w.unitA, .ok), ("p.admin", w.unitB, .ok)] {
                let browser = Browser(app)
                try await browser.signIn(login)
                let response = try await browser.json(.PUT, "/api/v1/units/\(unit)/procedures", choice)
                #expect(response.status == status, "\(login) → \(unit)")
                let edit = try await browser.json(.PUT, "/api/v1/procedures/1.000894", "{}")
                #expect(edit.status == (login == "p.admin" ? .badRequest : .forbidden), "\(login) edit")
            }
            let wrong = Browser(app)
            try await wrong.signIn("a.admin")
            #expect(try await wrong.json(.PUT, "/api/v1/units/\(w.unitA)/procedures", "{\"codes\": [\"9.999999\"]}").status == .unprocessableEntity)
            let chosen = try await app.testing().sendRequest(.GET, "/api/v1/units/\(w.unitA)/procedures").decode([ProcedureSummaryDTO].self)
            #expect(chosen.map(\.code).sorted() == ["1.000894", "1.001193"])
            // Another province's catalogue is separate: its code finds nothing here.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/procedures?province=48").decode([ProcedureSummaryDTO].self).isEmpty)
        }
    }

    @Test("Public pages: a unit's catalogue, a procedure with its QR code, the notice-board sheet", arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = try await Self.importCatalogue(app)
            #expect(try await admin.json(.PUT, "/api/v1/units/\(w.unitA)/procedures", "{\"codes\": [\"1.000894\", \"1.001193\", \"1.012345\"]}").status == .ok)
            let page = try await app.testing().sendRequest(.GET, "/don-vi/A001/thu-tuc")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("3 thủ tục: 1 toàn trình, 1 một phần, 1 cung cấp thông tin"))
            #expect(!page.body.string.contains("2.000554"))
            let searched = try await app.testing().sendRequest(.GET, "/don-vi/A001/thu-tuc?q=KHAI+SINH").body.string
            #expect(searched.contains("1.001193") && !searched.contains("1.000894"))
            let filtered = try await app.testing().sendRequest(.GET, "/don-vi/A001/thu-tuc?muc-do=toan-trinh").body.string
            #expect(filtered.contains("1.001193") && !filtered.contains("/thu-tuc/1.000894"))
            let procedure = try await app.testing().sendRequest(.GET, "/thu-tuc/1.001193?don-vi=A001").body.string
            #expect(procedure.contains("Trong ngày (tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo)"))
            #expect(procedure.contains("/thu-tuc/1.001193/qr.svg?don-vi=A001") && procedure.contains("Phường An Thử"))
            let permit = try await app.testing().sendRequest(.GET, "/thu-tuc/1.012345").body.string
            #expect(permit.contains("UBND thành phố Thử Nghiệm (tiếp nhận không phụ thuộc địa giới hành chính"))
            let svg = try await app.testing().sendRequest(.GET, "/thu-tuc/1.001193/qr.svg?don-vi=A001")
            #expect(svg.headers.contentType?.subType == "svg+xml" && svg.body.string.hasPrefix("<svg"))
            let png = try await app.testing().sendRequest(.GET, "/thu-tuc/1.001193/qr.png")
            #expect(png.headers.contentType == .png && png.body.readableBytes > 100)
            let sheet = try await app.testing().sendRequest(.GET, "/don-vi/A001/thu-tuc/niem-yet?linh-vuc=ho-tich").body.string
            #expect(sheet.contains("/thu-tuc/1.000894/qr.svg?don-vi=A001") && !sheet.contains("1.012345"))
            for path in ["/thu-tuc/9.999999", "/don-vi/KHONG/thu-tuc", "/thu-tuc/1.001193?don-vi=KHONG", "/thu-tuc/1.001193?phien-ban=9"] {
                #expect(try await app.testing().sendRequest(.GET, path).status == .notFound, "\(path)")
            }
        }
    }

    @Test("Administrators import a file on their page; bad lines are listed and nothing is written", arguments: TestDatabase.all)
    func adminImport(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            #expect(try await admin.get("/quan-tri/thu-tuc").status == .ok)
            func upload(_ name: String, _ text: String) async throws -> TestingHTTPResponse {
                let boundary = "----motcua-test"
                let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n\(text)\r\n--\(boundary)--\r\n"
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                return try await admin.send(.POST, "/quan-tri/thu-tuc/nhap?_csrf=\(admin.csrf ?? "")", headers: headers, body: ByteBuffer(string: body))
            }
            let bad = try await upload("danh-muc.csv", "code,name,field\n1.000894,Thủ tục đăng ký kết hôn,Hộ tịch\n1.0,Sai,Hộ tịch\n")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Dòng 3: Mã thủ tục “1.0” không đúng dạng 1.000894."))
            #expect(try await Procedure.query(on: app.db).count() == 0)
            let good = try await upload("danh-muc.csv", Self.csv)
            #expect(good.status == .ok)
            #expect(good.body.string.contains("Đã nhập: Thêm 4, cập nhật 0, giữ nguyên 0 thủ tục; thêm lĩnh vực: Xây dựng mới."))
            let unitAdmin = Browser(app)
            try await unitAdmin.signIn("a.admin")
            #expect(try await unitAdmin.get("/quan-tri/thu-tuc").status == .forbidden)
        }
    }

    @Test("Administrators edit a procedure in a form (a new version), rename fields and choose a unit's procedures", arguments: TestDatabase.all)
    func adminForms(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = try await Self.importCatalogue(app)
            let form = try await admin.get("/quan-tri/thu-tuc/1.000894")
            #expect(form.status == .ok && form.body.string.contains("Thủ tục đăng ký kết hôn"))
            var fields: [(String, String)] = [("name", "Thủ tục đăng ký kết hôn"), ("field", "Hộ tịch"), ("agency", "UBND cấp xã"), ("level", "full"),
                                              ("deadlineValue", "3"), ("deadlineUnit", "working_days"), ("fee", "0"),
                                              ("documents", "Tờ khai đăng ký kết hôn | Bản chính | 1\nCăn cước của hai bên | Bản sao | 2"),
                                              ("internalProcess", "Bộ phận một cửa | Tiếp nhận | 1\nLãnh đạo UBND | Ký | 2"), ("note", "")]
            let refused = try await admin.post("/quan-tri/thu-tuc/1.000894", form: fields)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Ghi lý do thay đổi"))
            fields[fields.count - 1] = ("note", "Theo Quyết định số 1/QĐ-UBND")
            let saved = try await admin.post("/quan-tri/thu-tuc/1.000894", form: fields)
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/procedures/1.000894").decode(ProcedureDetailDTO.self)
            #expect(detail.version == 2 && detail.content.onlineLevel == .full && detail.content.documents.count == 2)
            #expect(detail.content.internalProcess.map(\.hours) == [1, 2])
            let page = try await app.testing().sendRequest(.GET, "/thu-tuc/1.000894").body.string
            #expect(page.contains("Căn cước của hai bên") && page.contains("03 ngày làm việc") && page.contains("Tổng thời gian"))
            // A new procedure; its code must be new.
            let created = try await admin.post("/quan-tri/thu-tuc/moi", form: [("code", "1.999999"), ("name", "Thủ tục thử nghiệm mới"), ("field", "Hộ tịch"), ("note", "Thêm")])
            #expect(created.status == .seeOther)
            #expect(try await admin.post("/quan-tri/thu-tuc/moi", form: [("code", "1.999999"), ("name", "Trùng"), ("field", "Hộ tịch"), ("note", "x")]).status == .conflict)
            // Fields: names that fold alike are one field, on the page and on import.
            #expect(try await admin.post("/quan-tri/linh-vuc", form: [("name", "Tín ngưỡng, tôn giáo")]).status == .seeOther)
            let fieldCount = try await ProcedureField.query(on: app.db).count()
            for name in ["HỘ TỊCH", "!!!"] {
                #expect(try await admin.post("/quan-tri/linh-vuc", form: [("name", name)]).status == .seeOther)
                #expect(try await admin.get("/quan-tri/linh-vuc").body.string.contains("flash error"), "\(name)")
            }
            var csvHeaders = HTTPHeaders()
            csvHeaders.contentType = HTTPMediaType(type: "text", subType: "csv")
            csvHeaders.add(name: "X-CSRF-Token", value: admin.csrf ?? "")
            let folded = try await admin.send(.POST, "/api/v1/catalogue/import", headers: csvHeaders,
                                              body: ByteBuffer(string: "code,name,field\n1.888888,Thủ tục thử lĩnh vực viết hoa,HỘ TỊCH\n"))
            #expect(try folded.decode(CatalogueEditor.Report.self).newFields.isEmpty)
            #expect(try await ProcedureField.query(on: app.db).count() == fieldCount)
            // A form link must be a web address, not a script.
            var unsafe = try await app.testing().sendRequest(.GET, "/api/v1/procedures/1.888888").decode(ProcedureDetailDTO.self).content
            unsafe.documents = [RequiredDocument(name: "Tờ khai", form: .original, templateName: "Mẫu", templateURL: "javascript:alert(1)")]
            let refusedURL = try await admin.json(.PUT, "/api/v1/procedures/1.888888", String(decoding: try JSONEncoder().encode(unsafe), as: UTF8.self))
            #expect(refusedURL.status == .unprocessableEntity)
            #expect(try refusedURL.decode(ProblemDetails.self).detail.contains("phải bắt đầu bằng https://"))
            let hoTich = try #require(try await ProcedureField.query(on: app.db).filter(\.$name == "Hộ tịch").first())
            #expect(try await admin.post("/quan-tri/linh-vuc/\(hoTich.id!)", form: [("name", "Hộ tịch (cấp xã)")]).status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/thu-tuc/1.000894").body.string.contains("Lĩnh vực Hộ tịch (cấp xã)"))
            #expect(try await admin.get("/quan-tri/linh-vuc").body.string.contains("Tín ngưỡng, tôn giáo"))
            // A unit administrator ticks the procedures the unit receives; not another unit's.
            let unitAdmin = Browser(app)
            try await unitAdmin.signIn("a.admin")
            #expect(try await unitAdmin.get("/quan-tri/don-vi/\(w.unitA)/thu-tuc").status == .ok)
            let chosen = try await unitAdmin.post("/quan-tri/don-vi/\(w.unitA)/thu-tuc", form: [("codes", "1.000894"), ("codes", "1.001193")])
            #expect(chosen.status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/don-vi/A001/thu-tuc").body.string.contains("2 thủ tục: 2 toàn trình, 0 một phần"))
            #expect(try await unitAdmin.get("/quan-tri/don-vi/\(w.unitB)/thu-tuc").status == .forbidden)
            #expect(try await unitAdmin.post("/quan-tri/don-vi/\(w.unitB)/thu-tuc", form: [("codes", "1.000894")]).status == .forbidden)
            #expect(try await unitAdmin.get("/quan-tri/thu-tuc/1.000894").status == .forbidden)
            #expect(try await unitAdmin.get("/quan-tri/linh-vuc").status == .forbidden)
        }
    }

    @Test("The public catalogue comes in pages of 25, filters kept; the field drop-down lists fields in Vietnamese order", arguments: TestDatabase.all)
    func paging(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            headers.add(name: "X-CSRF-Token", value: admin.csrf ?? "")
            let rows = (1...60).map { n in "1.\(String(format: "%06d", 100_000 + n)),Thủ tục số \(String(format: "%02d", n)),\(n % 2 == 0 ? "Chứng thực" : "Hộ tịch"),,,,,UBND cấp xã,,test," }
            let csv = "code,name,field,level,deadline_value,deadline_unit,fee_vnd,agency,legal_basis,source,competent_authority\n" + rows.joined(separator: "\n") + "\n"
            #expect(try await admin.send(.POST, "/api/v1/catalogue/import", headers: headers, body: ByteBuffer(string: csv)).status == .ok)
            @Sendable func listed(_ page: String) -> [String] {
                page.components(separatedBy: "\">Thủ tục số ").dropFirst().map { String($0.prefix(2)) }
            }
            let first = try await app.testing().sendRequest(.GET, "/thu-tuc").body.string
            #expect(listed(first) == (1...25).map { String(format: "%02d", $0) })
            #expect(first.contains("trang 1/3 (thủ tục 1–25)") && first.contains("href=\"/thu-tuc?trang=2\"") && !first.contains("trang-truoc"))
            let last = try await app.testing().sendRequest(.GET, "/thu-tuc?trang=3").body.string
            #expect(listed(last) == (51...60).map { String(format: "%02d", $0) } && last.contains("href=\"/thu-tuc?trang=2\"") && !last.contains("trang-sau"))
            #expect(listed(try await app.testing().sendRequest(.GET, "/thu-tuc?trang=99").body.string).count == 10, "past the end: the last page")
            // A search and a field stay in the page links.
            let field = try await app.testing().sendRequest(.GET, "/thu-tuc?q=thu+tuc&linh-vuc=chung-thuc&trang=2").body.string
            #expect(listed(field) == stride(from: 52, through: 60, by: 2).map { String(format: "%02d", $0) })
            #expect(field.contains("href=\"/thu-tuc?q=thu%20tuc&linh-vuc=chung-thuc\"") || field.contains("href=\"/thu-tuc?q=thu%20tuc&amp;linh-vuc=chung-thuc\""))
            let options = first.components(separatedBy: "id=\"chon-linh-vuc\"")[1].components(separatedBy: "</select>")[0]
            #expect(options.range(of: "Chứng thực (30)")!.lowerBound < options.range(of: "Hộ tịch (30)")!.lowerBound)
        }
    }
}
