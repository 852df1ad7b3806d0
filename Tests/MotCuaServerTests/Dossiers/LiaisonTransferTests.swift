import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// Liên thông inside MotCua: a dossier transferred to another unit of the province reaches that
/// unit's workspace; its specialists and leaders read it and send it back with their answer, and
/// nobody else gains any right.
@Suite("Dossiers: transfer to another unit in MotCua (liên thông) and back")
struct LiaisonTransferTests {
    @Test("The partner unit sees the dossier in its box, answers and sends it back; others cannot act", arguments: TestDatabase.all)
    func liaison(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let partner = User(kind: .officer, fullName: "Chuyên Viên B", username: "b.specialist", email: "b.specialist@example.vn",
                               passwordHash: try Bcrypt.hash(World.password, cost: 4), unitID: f.world.unitB, createdAt: f.time.now())
            try await partner.create(on: app.db)
            try await UserRole(userID: partner.id!, role: .specialist).create(on: app.db)
            let partnerBrowser = Browser(app)
            try await partnerBrowser.signIn("b.specialist")
            let partnerReception = Browser(app)
            try await partnerReception.signIn("b.reception")

            var dossier = try await f.submit(f.reception, accept: true)
            #expect(dossier.status == .processing)
            #expect(try await partnerBrowser.get("/api/v1/dossiers/\(dossier.id)").status == .notFound)

            // The transfer form offers the province's other units; unknown or own units are refused.
            let page = try await f.specialist.get("/ho-so/\(dossier.code)")
            #expect(page.body.string.contains(#"name="transferUnitCode""#) && page.body.string.contains(#"<option value="B001">Xã Bình Thử</option>"#))
            #expect(!page.body.string.contains(#"<option value="A001">"#) && !page.body.string.contains(#"<option value="C001">"#))
            for code in ["ZZZ", "A001", "C001"] {
                let refused = try await f.act(f.specialist, .transfer, on: dossier, ["note": "Xác minh", "transferUnitCode": code])
                #expect(refused.status == .unprocessableEntity, "\(code): \(refused.text)")
            }
            dossier = try await f.must(f.specialist, .transfer, on: dossier, ["note": "Xác minh nhân thân", "transferUnitCode": "B001"])
            #expect(dossier.status == .transferred && dossier.transferAgency == "Xã Bình Thử" && dossier.holder == "Xã Bình Thử")

            // The partner's box holds it; they read it and may only send it back.
            #expect(try await f.list(partnerBrowser, "?box=transferred_in").map(\.code) == [dossier.code])
            #expect(try await f.list(f.specialist, "?box=transferred_in").isEmpty)
            let seen = try await partnerBrowser.get("/api/v1/dossiers/\(dossier.id)")
            #expect(seen.status == .ok)
            #expect(try seen.decode(DossierDTO.self).allowedActions == [.transferReturned])
            let partnerPage = try await partnerBrowser.get("/ho-so/\(dossier.code)")
            #expect(partnerPage.body.string.contains("Gửi trả kết quả phối hợp"))
            #expect(try await f.act(partnerBrowser, .submitForApproval, on: dossier).status == .forbidden)
            // The partner unit's one-stop officer reads what reached their unit but cannot answer for it.
            #expect(try await f.act(partnerReception, .transferReturned, on: dossier).status == .forbidden)

            dossier = try await f.must(partnerBrowser, .transferReturned, on: dossier, ["note": "Đã xác minh: thông tin nhân thân đúng"])
            #expect(dossier.status == .processing && dossier.holder == "Chuyên viên Chuyên Viên A")
            let answer = try #require(dossier.events.first { $0.action == DossierAction.transferReturned.rawValue })
            #expect(answer.actorName == "Chuyên Viên B")
            #expect(answer.givenBy == "Xã Bình Thử" && answer.note == "Đã xác minh: thông tin nhân thân đúng")

            // Back at the handling unit: the partner keeps reading the history, with no action left.
            #expect(try await f.list(partnerBrowser, "?box=transferred_in").isEmpty)
            let after = try await partnerBrowser.get("/api/v1/dossiers/\(dossier.id)")
            #expect(after.status == .ok)
            #expect(try after.decode(DossierDTO.self).allowedActions.isEmpty)
            #expect(try await f.act(partnerBrowser, .transferReturned, on: dossier).status == .conflict)
            dossier = try await f.must(f.specialist, .submitForApproval, on: dossier)
            #expect(dossier.status == .awaitingApproval)
            let audits = try await AuditEvent.query(on: app.db).filter(\.$entityID == dossier.id.uuidString)
                .filter(\.$actorName == "Chuyên Viên B").count()
            #expect(audits == 1)
        }
    }
}
