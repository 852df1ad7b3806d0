import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Staff: roles, fields, validation, escaping")
struct StaffTests {
    private func form(_ w: World, _ overrides: [String: String] = [:], roles: [String] = ["reception", "specialist"]) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("fullName", overrides["fullName"] ?? "Nguyễn Văn Mới"), ("username", overrides["username"] ?? "a.moi"),
            ("email", overrides["email"] ?? "a.moi@example.vn"), ("phone", overrides["phone"] ?? "0977 000 111"),
            ("jobTitle", overrides["jobTitle"] ?? "Công chức một cửa"), ("departmentID", overrides["departmentID"] ?? w.departmentA.uuidString),
            ("fieldIDs", w.hoTich.uuidString), ("fieldIDs", w.datDai.uuidString), ("password", overrides["password"] ?? "mat-khau-ban-dau-1"),
            ("isActive", "on"),
        ]
        fields += roles.map { ("roles", $0) }
        return fields
    }

    @Test("An administrator adds an officer with several roles and fields, then edits them", arguments: TestDatabase.all)
    func createAndEdit(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            let created = try await admin.post("/quan-tri/don-vi/\(w.unitA)/can-bo/moi", form: form(w))
            #expect(created.status == .seeOther)
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "a.moi").with(\.$roles).with(\.$fields).first())
            #expect(Set(user.roles.map(\.role)) == [.reception, .specialist])
            #expect(Set(user.fields.map { $0.$field.id }) == [w.hoTich, w.datDai])
            #expect(user.phone == "0977000111")
            #expect(user.$unit.id == w.unitA)
            try await Browser(app).signIn("a.moi", password: "mat-khau-ban-dau-1")

            let edited = try await admin.post("/quan-tri/can-bo/\(user.id!)", form: form(w, ["fullName": "Nguyễn Văn Đổi"], roles: ["leader"]).filter { $0.0 != "fieldIDs" })
            #expect(edited.status == .seeOther)
            let after = try #require(try await User.query(on: app.db).filter(\.$id == user.id!).with(\.$roles).with(\.$fields).first())
            #expect(after.fullName == "Nguyễn Văn Đổi")
            #expect(after.roles.map(\.role) == [.leader])
            #expect(after.fields.isEmpty)
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.staffUpdated.rawValue).first())
            #expect(event.beforeState?.contains("reception") == true)
            #expect(event.afterState?.contains("leader") == true)
        }
    }

    @Test("Staff forms reject bad input with Vietnamese messages", arguments: TestDatabase.all)
    func validation(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            let cases: [([String: String], [String], String)] = [
                (["username": "Tên Có Dấu"], ["reception"], "Tên đăng nhập gồm"),
                (["username": "a.reception"], ["reception"], "đã có người dùng"),
                (["email": "khong-phai-email"], ["reception"], "thư điện tử không hợp lệ"),
                (["phone": "12345"], ["reception"], "10 chữ số"),
                (["departmentID": w.departmentB.uuidString], ["reception"], "Phòng ban không thuộc đơn vị này"),
                (["departmentID": "khong-phai-uuid"], ["reception"], "Phòng ban không thuộc đơn vị này"),
                ([:], ["vua"], "không tồn tại"),
                ([:], [], "Chọn ít nhất một vai trò"),
                ([:], ["province_monitor"], "chỉ dành cho cán bộ của cơ quan cấp tỉnh"),
                (["password": "ngan"], ["reception"], "ít nhất 10 ký tự"),
                (["fullName": ""], ["reception"], "Họ và tên phải có"),
            ]
            for (overrides, roles, message) in cases {
                let response = try await admin.post("/quan-tri/don-vi/\(w.unitA)/can-bo/moi", form: form(w, overrides, roles: roles))
                #expect(response.status == .unprocessableEntity, "\(overrides) \(roles)")
                #expect(response.text.contains(message), "\(overrides) \(roles): \(message)")
            }
            #expect(try await User.query(on: app.db).filter(\.$username == "a.moi").count() == 0)
            // An administrator cannot remove their own administrator role.
            let own = try await admin.post("/quan-tri/can-bo/\(w.id("a.admin"))", form: form(w, ["username": "a.admin", "email": "a.admin@example.vn", "phone": ""], roles: ["reception"]))
            #expect(own.status == .unprocessableEntity)
            #expect(own.text.contains("không thể tự gỡ quyền quản trị"))
        }
    }

    @Test("Names typed with HTML are shown as text, never as markup", arguments: TestDatabase.all)
    func escaping(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("a.admin")
            let hostile = "<script>alert('x')</script>"
            let response = try await admin.post("/quan-tri/don-vi/\(w.unitA)/can-bo/moi", form: form(w, ["fullName": hostile]))
            #expect(response.status == .seeOther)
            for path in ["/quan-tri/don-vi/\(w.unitA)", "/quan-tri/can-bo", "/quan-tri/nhat-ky"] {
                let page = try await admin.get(path)
                #expect(!page.text.contains(hostile), "\(path)")
                #expect(page.text.contains("&lt;script&gt;"), "\(path)")
            }
        }
    }

    @Test("Hostile or broken requests never cause a server error", arguments: TestDatabase.all)
    func neverFiveHundred(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let w = try await World.build(on: app)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            let paths = ["/dang-nhap", "/dang-ky", "/tai-khoan/doi-mat-khau", "/quan-tri/don-vi/moi", "/quan-tri/don-vi/\(w.unitA)/sua",
                         "/quan-tri/don-vi/\(w.unitA)/phong-ban", "/quan-tri/don-vi/\(w.unitA)/can-bo/moi", "/quan-tri/can-bo/\(w.id("a.reception"))",
                         "/quan-tri/can-bo/\(w.id("a.reception"))/dat-lai-mat-khau", "/quan-tri/khoa-api", "/quan-tri/khoa-api/abc/thu-hoi",
                         "/quan-tri/don-vi/khong-uuid/sua", "/quan-tri/can-bo/%00/mo-khoa", "/quan-tri/tinh", "/dang-xuat"]
            let bodies: [String] = ["", "a=%ZZ&&&==", "fullName=" + String(repeating: "Ằ", count: 5000), "roles=&roles=administrator&fieldIDs=xyz",
                                    "code=%00%01&name=%E2%80%AE&kind=ward&reason=x"]
            for path in paths {
                for body in bodies {
                    var headers = HTTPHeaders()
                    headers.contentType = .urlEncodedForm
                    headers.add(name: "X-CSRF-Token", value: admin.csrf ?? "")
                    let response = try await admin.send(.POST, path, headers: headers, body: ByteBuffer(string: body))
                    #expect(response.status.code < 500, "POST \(path) with \(body.prefix(40)): \(response.status)")
                }
                var json = HTTPHeaders()
                json.contentType = .json
                json.add(name: "X-CSRF-Token", value: admin.csrf ?? "")
                let wrongType = try await admin.send(.POST, path, headers: json, body: ByteBuffer(string: "{}"))
                #expect(wrongType.status.code < 500, "JSON to \(path): \(wrongType.status)")
            }
            for path in ["/quan-tri/don-vi?loai=%FF&q=%00", "/quan-tri/can-bo?vai-tro=<x>", "/quan-tri/nhat-ky?thao-tac=x&truoc=abc",
                         "/api/v1/units?q=%C3", "/api/v1/units/%20"] {
                #expect(try await admin.get(path).status.code < 500, "GET \(path)")
            }
        }
    }
}
