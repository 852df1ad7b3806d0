import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Services without HTTP: a job or an import registers and moves dossiers through the same services")
struct ActionContextTests {
    @Test("From a system context: a counter registration accepted and routed, then a supplement request, each audited under the job's name",
          arguments: TestDatabase.all)
    func withoutRequest(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await DossierFixture.make(app)
            func principal(_ login: String) async throws -> Principal {
                try #require(try await PrincipalLoader.load(userID: fixture.world.users[login]!, credentialsVersion: nil, method: .session, on: app.db))
            }
            let job = ActionContext.system(app, name: "Đồng bộ Cổng Dịch vụ công quốc gia")
            #expect(job.now == DossierFixture.monday && job.actor == nil && job.clientAddress == nil)
            let input = ApplicationInput(unitCode: "A001", procedureCode: "1.000001", applicantName: "Trần Thị Nhập", applicantIDNumber: nil,
                                         applicantPhone: "0987654321", applicantEmail: nil, applicantAddress: "Số 2 phố Thử",
                                         requestSummary: nil, resultDelivery: .counter, channel: .counter, accept: true)
            let registered = try await DossierIntake.register(input, by: try await principal("a.reception"), in: job).dossier
            // Accepted at once and routed to the land specialist, as at the counter.
            #expect(registered.status == .processing && registered.receivedAt == DossierFixture.monday.addingTimeInterval(0.001))
            #expect(registered.assigneeID == fixture.world.users["a.specialist"])
            fixture.time.set(DossierFixture.monday.addingTimeInterval(3_600))
            let changed = try await DossierDesk.perform(.requestSupplement, on: registered.id!,
                                                        DossierActionInput(version: registered.version, note: "Bổ sung sơ đồ thửa đất"),
                                                        by: try await principal("a.specialist"), in: .system(app, name: "Đồng bộ Cổng Dịch vụ công quốc gia"))
            #expect(changed.status == .supplementRequested && changed.supplementCount == 1)
            let events = try await DossierEvent.query(on: app.db).filter(\.$dossier.$id == registered.id!).sort(\.$occurredAt).all()
            #expect(events.map(\.action) == ["submit", "accept", "assign", "request_supplement"])
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entityID == registered.id!.uuidString).all()
            #expect(audit.count == 4 && audit.filter { $0.actorName == "Đồng bộ Cổng Dịch vụ công quốc gia" }.count == 3, "\(audit.map(\.actorName))")
            #expect(audit.allSatisfy { $0.clientAddress == nil })
        }
    }
}
