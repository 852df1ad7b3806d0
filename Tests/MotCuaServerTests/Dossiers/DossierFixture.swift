import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// The world plus a small catalogue received by ward A: a land procedure (5 working days, an
/// internal process; a.specialist holds the Đất đai field), a civil status one with no specialist,
/// and one without a published processing time. The clock stands at Monday 30/11/2026 09:00.
struct DossierFixture {
    static let monday = try! Date("2026-11-30T09:00:00+07:00", strategy: .iso8601)

    let world: World
    let time: FixedTime
    let citizen: Browser
    let reception: Browser
    let specialist: Browser
    let leader: Browser

    static let catalogue = """
    [{"code":"1.000001","name":"Đăng ký đất đai lần đầu","field":"Đất đai","agency":"UBND cấp xã","onlineLevel":"full",
      "processingTime":{"value":5,"unit":"working_days"},"feeVND":0,"feeNote":"","result":"Giấy chứng nhận","legalBasis":"Luật Đất đai 2024",
      "documents":[{"name":"Đơn đăng ký","form":"original","quantity":1}],"steps":[],
      "internalProcess":[{"actor":"Bộ phận một cửa","task":"Tiếp nhận, chuyển hồ sơ","hours":4},
                         {"actor":"Công chức địa chính","task":"Thẩm định","hours":24},
                         {"actor":"Lãnh đạo UBND","task":"Ký duyệt","hours":8}],"source":"test"},
     {"code":"1.000894","name":"Thủ tục đăng ký kết hôn","field":"Hộ tịch","agency":"UBND cấp xã",
      "processingTime":{"value":3,"unit":"working_days"},"feeNote":"","result":"Giấy chứng nhận kết hôn","legalBasis":"",
      "documents":[],"steps":[],"internalProcess":[],"source":"test"},
     {"code":"2.000908","name":"Cấp bản sao trích lục hộ tịch","field":"Hộ tịch","agency":"UBND cấp xã",
      "feeNote":"","result":"","legalBasis":"","documents":[],"steps":[],"internalProcess":[],"source":"test"}]
    """

    static func make(_ app: Application) async throws -> DossierFixture {
        let time = FixedTime(monday)
        app.time = time
        let world = try await World.build(on: app)
        let admin = Browser(app)
        try await admin.signIn("p.admin")
        let imported = try await admin.json(.POST, "/api/v1/catalogue/import", catalogue)
        #expect(imported.status == .ok, "\(imported.text)")
        let chosen = try await admin.json(.PUT, "/api/v1/units/\(world.unitA)/procedures", #"{"codes":["1.000001","1.000894","2.000908"]}"#)
        #expect(chosen.status == .ok, "\(chosen.text)")
        func browser(_ login: String) async throws -> Browser {
            let browser = Browser(app)
            try await browser.signIn(login)
            return browser
        }
        return DossierFixture(world: world, time: time, citizen: try await browser("0912345678"), reception: try await browser("a.reception"),
                              specialist: try await browser("a.specialist"), leader: try await browser("a.leader"))
    }

    static func application(_ procedure: String = "1.000001", unit: String = "A001", accept: Bool? = nil, email: String = "cong.dan@example.vn") -> String {
        """
        {"unitCode":"\(unit)","procedureCode":"\(procedure)","applicantName":"Nguyễn Văn Thử","applicantIDNumber":"031190000001",
         "applicantPhone":"0912345678","applicantEmail":"\(email)","applicantAddress":"Số 1 phố Thử, phường An Thử",
         "requestSummary":"Đăng ký lần đầu thửa đất số 12"\(accept.map { ",\"accept\":\($0)" } ?? "")}
        """
    }

    /// Registers an application as `browser` and returns the dossier.
    func submit(_ browser: Browser? = nil, procedure: String = "1.000001", accept: Bool? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> DossierDTO {
        let response = try await (browser ?? citizen).json(.POST, "/api/v1/dossiers", Self.application(procedure, accept: accept))
        #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
        return try response.decode(DossierDTO.self)
    }

    /// Signed-in browsers of `login`, `perProcess` on each server process: on PostgreSQL a second
    /// application on the same database (its own pool) stands for a second process. Shut the
    /// returned extra applications down when done.
    func browsers(_ login: String, perProcess: Int, on database: TestDatabase) async throws -> (browsers: [Browser], extra: [Application]) {
        let app = reception.app
        var apps = [app]
        if database == .postgres {
            let other = try await TestApp.make(config: app.motcua)
            other.time = time
            apps.append(other)
        }
        var browsers: [Browser] = []
        for _ in 0..<perProcess {
            for instance in apps {
                let browser = Browser(instance)
                try await browser.signIn(login)
                browsers.append(browser)
            }
        }
        return (browsers, Array(apps.dropFirst()))
    }

    /// Moves the clock on; sessions older than their lifetime end, so everyone signs in again.
    func advance(hours: Double) async throws {
        time.advance(by: hours * 3600)
        if hours >= 8 {
            for (browser, login) in [(citizen, "0912345678"), (reception, "a.reception"), (specialist, "a.specialist"), (leader, "a.leader")] {
                try await browser.signIn(login)
            }
        }
    }

    /// A workspace box (or all of the person's boxes), checked to answer 200.
    func list(_ browser: Browser, _ query: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws -> [DossierSummaryDTO] {
        let response = try await browser.get("/api/v1/dossiers" + query)
        #expect(response.status == .ok, "\(response.text)", sourceLocation: sourceLocation)
        return try response.decode([DossierSummaryDTO].self)
    }

    /// Performs an action; returns the response.
    @discardableResult
    func act(_ browser: Browser, _ action: DossierAction, on dossier: DossierDTO, version: Int? = nil, _ fields: [String: String] = [:]) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["version": version ?? dossier.version]
        for (key, value) in fields { body[key] = value }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        return try await browser.json(.POST, "/api/v1/dossiers/\(dossier.id)/actions/\(action.rawValue)", json)
    }

    /// Performs an action that must succeed; returns the dossier after it.
    func must(_ browser: Browser, _ action: DossierAction, on dossier: DossierDTO, _ fields: [String: String] = [:],
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> DossierDTO {
        let response = try await act(browser, action, on: dossier, fields)
        #expect(response.status == .ok, "\(action): \(response.text)", sourceLocation: sourceLocation)
        return try response.decode(DossierDTO.self)
    }
}
