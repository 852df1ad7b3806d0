import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Dossiers: every action by every role in every status, unit scoping, files")
struct DossierAccessTests {
    /// The parties each login plays on a ward-A dossier assigned to a.specialist and submitted by
    /// citizen 0912345678 — written out here, independently of `DossierAccess`.
    static let logins: [(String, Set<DossierWorkflow.Party>)] = [
        ("a.reception", [.reception]),
        ("a.specialist", [.specialist]),
        ("a.leader", [.leader]),
        ("0912345678", [.applicant]),
        ("0987654321", []),
        ("a.admin", []),
        ("b.reception", []),
        ("p.monitor", []),
        ("c.admin", []),
    ]

    static let inputs: [DossierAction: [String: String]] = [
        .requestSupplement: ["note": "Bổ sung giấy tờ"], .refuse: ["note": "Không thuộc thẩm quyền"], .sendBack: ["note": "Xem lại"],
        .transfer: ["note": "Xác minh", "agency": "Sở Nông nghiệp và Môi trường"], .withdraw: ["note": "Công dân xin rút"],
        .stop: ["note": "Theo đề nghị của công dân"], .apologize: ["note": "Chờ xác minh", "newAppointmentDate": "2026-12-10"],
        .returnResult: ["resultDelivery": "post"], .requestPayment: ["note": "Lệ phí 100.000 đồng"],
    ]

    @Test("Allowed transitions succeed with one audit line; forbidden ones change nothing", arguments: TestDatabase.all)
    func matrix(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            var browsers: [String: Browser] = [:]
            for (login, _) in Self.logins {
                let browser = Browser(app)
                try await browser.signIn(login)
                browsers[login] = browser
            }
            let accepted = try await f.submit(f.citizen)
            _ = try await f.must(f.reception, .accept, on: accepted)
            let id = accepted.id
            var allowedCount = 0, forbiddenCount = 0
            for status in DossierStatus.allCases {
                for action in DossierAction.allCases {
                    for (login, parties) in Self.logins {
                        // Put the dossier in `status`, as processing left it.
                        let dossier = try await Dossier.find(id, on: app.db)!
                        dossier.status = status
                        dossier.pausedFrom = status == .supplementRequested ? .processing : nil
                        dossier.assigneeID = f.world.id("a.specialist")
                        dossier.timeliness = nil
                        dossier.appointmentAt = dossier.legalAppointmentAt
                        dossier.supplements = status == .supplementRequested ? [SupplementPeriod(requestedAt: DossierFixture.monday)] : []
                        try await dossier.update(on: app.db)
                        let auditBefore = try await AuditEvent.query(on: app.db).count()
                        let seen = try await Dossier.find(id, on: app.db)!
                        let expected = parties.compactMap { DossierWorkflow.target(of: action, from: status, by: $0) }.first
                        var fields = Self.inputs[action] ?? [:]
                        if action == .assign { fields["assigneeID"] = f.world.id("a.specialist").uuidString }
                        let response = try await f.act(browsers[login]!, action, on: accepted, version: seen.version, fields)
                        let after = try await Dossier.find(id, on: app.db)!
                        let auditAfter = try await AuditEvent.query(on: app.db).count()
                        let label = "\(login) \(action) from \(status)"
                        if let expected {
                            allowedCount += 1
                            #expect(response.status == .ok, "\(label): \(response.text)")
                            // Acceptance is followed, in its transaction, by routing to the Đất đai specialist.
                            let routed = action == .accept
                            let status = routed ? .processing : DossierWorkflow.resolve(expected, current: status, pausedFrom: seen.pausedFrom)
                            #expect(after.status == status, "\(label)")
                            #expect(after.version == seen.version + (routed ? 2 : 1) && auditAfter == auditBefore + (routed ? 2 : 1), "\(label)")
                        } else {
                            forbiddenCount += 1
                            #expect([403, 404, 409].contains(response.status.code), "\(label): \(response.status) \(response.text)")
                            #expect(response.headers.contentType?.subType == "problem+json", "\(label)")
                            #expect(after.status == status && after.version == seen.version && auditAfter == auditBefore, "\(label)")
                        }
                    }
                }
            }
            #expect(allowedCount > 30 && forbiddenCount > 1_000)
        }
    }

    @Test("One unit cannot read or change another's dossiers; the province monitor reads but cannot act", arguments: TestDatabase.all)
    func scoping(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let dossier = try await f.submit(f.reception, accept: true)
            let other = Browser(app)
            try await other.signIn("b.reception")
            #expect(try await other.get("/api/v1/dossiers/\(dossier.id)").status == .notFound)
            #expect(try await other.get("/api/v1/dossiers/\(dossier.code)").status == .notFound)
            #expect(try await f.list(other).isEmpty)
            let foreign = Browser(app)
            try await foreign.signIn("c.admin")
            #expect(try await foreign.get("/api/v1/dossiers/\(dossier.id)").status == .notFound)
            // B's reception cannot register for A's unit.
            let intake = try await other.json(.POST, "/api/v1/dossiers", DossierFixture.application(accept: true))
            #expect(intake.status == .forbidden)
            let monitor = Browser(app)
            try await monitor.signIn("p.monitor")
            let seen = try await monitor.get("/api/v1/dossiers/\(dossier.code)")
            let seenActions = try seen.decode(DossierDTO.self).allowedActions
            #expect(seen.status == .ok && seenActions.isEmpty)
            #expect(try await f.act(monitor, .stop, on: dossier, ["note": "Dừng"]).status == .forbidden)
            // Another citizen sees nothing; the applicant sees only their own.
            let stranger = Browser(app)
            try await stranger.signIn("0987654321")
            #expect(try await stranger.get("/api/v1/dossiers/\(dossier.id)").status == .notFound)
            let online = try await f.submit()
            let own = try await f.list(f.citizen)
            #expect(own.map(\.code) == [online.code])
            // Nobody signed in: 401.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/dossiers").status == .unauthorized)
        }
    }

    @Test("Bad applications are refused field by field, never with a 500", arguments: TestDatabase.all)
    func badInput(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let bad = """
            {"unitCode":"A001","procedureCode":"9.999999","applicantName":"X","applicantIDNumber":"123","applicantPhone":"12",
             "applicantEmail":"khong-phai-thu","applicantAddress":"","requestSummary":""}
            """
            let response = try await f.citizen.json(.POST, "/api/v1/dossiers", bad)
            #expect(response.status == .unprocessableEntity && response.headers.contentType?.subType == "problem+json")
            let fields = Set(try response.decode(ProblemBody.self).errors.map(\.field))
            #expect(fields == ["procedureCode", "applicantName", "applicantIDNumber", "applicantPhone", "applicantEmail", "applicantAddress"])
            // B does not receive the procedure.
            let elsewhere = try await f.citizen.json(.POST, "/api/v1/dossiers", DossierFixture.application(unit: "B001"))
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.text.contains("chưa tiếp nhận"))
            #expect(try await f.citizen.json(.POST, "/api/v1/dossiers", "{").status == .badRequest)
            let dossier = try await f.submit()
            #expect(try await f.act(f.reception, .refuse, on: dossier, ["note": ""]).status == .unprocessableEntity)
            #expect(try await f.reception.json(.POST, "/api/v1/dossiers/\(dossier.id)/actions/bay", #"{"version":1}"#).status == .notFound)
            #expect(try await f.reception.json(.POST, "/api/v1/dossiers/\(dossier.id)/actions/accept", #"{"note":1}"#).status == .badRequest)
            #expect(try await Dossier.query(on: app.db).count() == 1)
        }
    }

    struct ProblemBody: Decodable {
        struct Problem: Decodable { let field: String }
        let errors: [Problem]
    }

    @Test("Files: content-addressed, typed by their bytes, safe names, only for those who may read", arguments: TestDatabase.all)
    func files(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let dossier = try await f.submit()
            let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
            func upload(_ browser: Browser, _ data: Data, name: String) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.contentType = .binary
                if let csrf = browser.csrf { headers.add(name: "X-CSRF-Token", value: csrf) }
                let query = "name=\(Browser.encode(name))&document=\(Browser.encode("Đơn đăng ký"))"
                return try await browser.send(.POST, "/api/v1/dossiers/\(dossier.id)/files?\(query)", headers: headers, body: ByteBuffer(bytes: Array(data)))
            }
            let response = try await upload(f.citizen, pdf, name: "../../etc/Đơn <script>.pdf")
            #expect(response.status == .created, "\(response.text)")
            let file = try response.decode(DossierDTO.File.self)
            #expect(file.sha256 == SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined())
            #expect(file.fileName == "Đơn script.pdf" && file.mediaType == "application/pdf" && !file.digitized)
            let html = Data("<html><script>alert(1)</script></html>".utf8)
            #expect(try await upload(f.citizen, html, name: "a.pdf").status == .unprocessableEntity)
            #expect(try await upload(f.citizen, Data(), name: "a.pdf").status == .unprocessableEntity)
            // Five bytes of "%PDF-" do not make a PDF: the version and the end marker are needed too.
            for disguised in ["%PDF-<html><script>alert(1)</script></html>", "%PDF-1.4\n<html><script>alert(1)</script></html>",
                              "%PDF-x.y\n%%EOF", "%PDF-1.7\n" + String(repeating: "x", count: 2_000) + "\n%%EOF" + String(repeating: " ", count: 1_100)] {
                #expect(try await upload(f.citizen, Data(disguised.utf8), name: "a.pdf").status == .unprocessableEntity, "\(disguised.prefix(40))")
            }
            #expect(try await upload(f.citizen, Data("%PDF-2.0\n%%EOF".utf8), name: "b.pdf").status == .created)
            // The officer digitises a scan at the counter.
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
            let scan = try await upload(f.reception, png, name: "scan")
            let scanned = try scan.decode(DossierDTO.File.self)
            #expect(scan.status == .created && scanned.digitized)
            let download = try await f.reception.get("/api/v1/dossiers/\(dossier.id)/files/\(file.id)")
            #expect(download.status == .ok && Data(download.body.readableBytesView) == pdf)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let other = Browser(app)
            try await other.signIn("b.reception")
            #expect(try await other.get("/api/v1/dossiers/\(dossier.id)/files/\(file.id)").status == .notFound)
            #expect(try await upload(other, pdf, name: "x.pdf").status == .notFound)
            let detail = try await f.citizen.get("/api/v1/dossiers/\(dossier.id)").decode(DossierDTO.self)
            #expect(detail.files.count == 3)  // the PDF, the PDF 2.0 and the scan
        }
    }
}
