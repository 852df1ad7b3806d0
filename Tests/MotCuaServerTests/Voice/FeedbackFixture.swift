import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// Province P's feedback set up through the API by its administrator: categories "thu-tuc" (with
/// an optional dossier-code question) and "ha-tang" (with a required list question). Ward A gets an
/// officer of its one-stop department ("a.phong") who drafts answers. The clock stands still at
/// Monday 30/11/2026 09:00.
struct FeedbackFixture {
    let world: World
    let time: FixedTime
    let app: Application

    static func make(_ app: Application) async throws -> FeedbackFixture {
        let time = FixedTime(DossierFixture.monday)
        app.time = time
        let world = try await World.build(on: app)
        let admin = Browser(app)
        try await admin.signIn("p.admin")
        for body in [
            #"{"code":"thu-tuc","name":"Thủ tục hành chính","group":"Hành chính","keywords":["hồ sơ"],"attributes":[{"code":"ma_ho_so","datatype":"string","required":false,"description":"Mã hồ sơ liên quan"}]}"#,
            #"{"code":"ha-tang","name":"Hạ tầng đô thị","group":"Đô thị","attributes":[{"code":"muc_do","datatype":"singlevaluelist","required":true,"description":"Mức độ ảnh hưởng","values":[{"key":"nhe","name":"Nhẹ"},{"key":"nang","name":"Nghiêm trọng"}]}]}"#,
        ] {
            let response = try await admin.json(.POST, "/api/v1/feedback/categories", body)
            #expect(response.status == .ok, "\(response.text)")
        }
        let hash = try Bcrypt.hash(World.password, cost: 4)
        let user = User(kind: .officer, fullName: "Phòng Một Cửa A", username: "a.phong", email: "a.phong@example.vn", passwordHash: hash,
                        unitID: world.unitA, departmentID: world.departmentA, createdAt: time.now())
        try await user.create(on: app.db)
        try await UserRole(userID: user.id!, role: .specialist).create(on: app.db)
        return FeedbackFixture(world: world, time: time, app: app)
    }

    /// Sends feedback as a visitor (no sign-in) and returns the receipt.
    func send(_ body: String, expect status: HTTPStatus = .created, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/feedback", headers: ["Content-Type": "application/json"],
                                                            body: ByteBuffer(string: body))
        #expect(response.status == status, "\(response.body.string)", sourceLocation: sourceLocation)
        return response
    }

    func receipt(unit: String = "A001", description: String = "Đèn đường ngõ 12 Lê Lợi hỏng ba tuần nay, rất tối.") async throws -> FeedbackReceiptDTO {
        let body = #"{"categoryCode":"ha-tang","unitCode":"\#(unit)","description":"\#(description)","address":"Ngõ 12 Lê Lợi","latitude":20.86,"longitude":106.68,"attributes":{"muc_do":["nang"]},"senderName":"Nguyễn Văn An","senderPhone":"0912 345 678","senderEmail":"an@example.vn"}"#
        return try await send(body).decode(FeedbackReceiptDTO.self)
    }

    func itemID(_ code: String) async throws -> UUID {
        try await FeedbackItem.query(on: app.db).filter(\.$code == code).first()!.id!
    }

    func act(_ browser: Browser, _ id: UUID, _ action: FeedbackAction, _ body: String = "{}") async throws -> TestingHTTPResponse {
        try await browser.json(.POST, "/api/v1/feedback/items/\(id)/actions/\(action.rawValue)", body)
    }

    @discardableResult
    func must(_ browser: Browser, _ id: UUID, _ action: FeedbackAction, _ body: String = "{}",
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> FeedbackDetailDTO {
        let response = try await act(browser, id, action, body)
        #expect(response.status == .ok, "\(action): \(response.text)", sourceLocation: sourceLocation)
        return try response.decode(FeedbackDetailDTO.self)
    }

    func signedIn(_ login: String) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(login)
        return browser
    }
}
