import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Satisfaction: rating a dossier once it has a result, changing it for a while, monthly figures")
struct SatisfactionRatingTests {
    /// A dossier received by a.reception and processed by a.specialist, approved by a.leader.
    static func resultReady(_ f: DossierFixture) async throws -> DossierDTO {
        var dossier = try await f.submit()
        dossier = try await f.must(f.reception, .accept, on: dossier)
        dossier = try await f.must(f.specialist, .submitForApproval, on: dossier)
        return try await f.must(f.leader, .approve, on: dossier)
    }

    static func rate(_ app: Application, _ body: String, as browser: Browser? = nil) async throws -> TestingHTTPResponse {
        if let browser { return try await browser.json(.POST, "/api/v1/satisfaction/ratings", body) }
        return try await app.testing().sendRequest(.POST, "/api/v1/satisfaction/ratings", headers: ["Content-Type": "application/json"],
                                                   body: ByteBuffer(string: body))
    }

    @Test("One rating per dossier with a result, proved by the phone's last digits or the account; changeable for 7 days",
          arguments: TestDatabase.all)
    func ratings(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            var open = try await f.submit()
            open = try await f.must(f.reception, .accept, on: open)
            #expect(try await Self.rate(app, #"{"dossierCode":"\#(open.code)","phoneDigits":"5678","level":3}"#).status == .conflict)
            let first = try await Self.resultReady(f)
            #expect(try await Self.rate(app, #"{"dossierCode":"\#(first.code)","phoneDigits":"1111","level":3}"#).status == .forbidden)
            #expect(try await Self.rate(app, #"{"dossierCode":"\#(first.code)","level":3}"#).status == .forbidden)
            #expect(try await Self.rate(app, #"{"dossierCode":"\#(first.code)","phoneDigits":"5678","level":4}"#).status == .unprocessableEntity)
            #expect(try await Self.rate(app, #"{"dossierCode":"\#(first.code)","phoneDigits":"5678","level":2,"criteria":{"khong_co":2}}"#).status
                == .unprocessableEntity)
            let rated = try await Self.rate(app, #"{"dossierCode":"\#(first.code)","phoneDigits":"5678","level":3,"criteria":{"attitude":3,"total_time":2},"comment":"Cán bộ nhiệt tình"}"#)
            #expect(rated.status == .created, "\(rated.body.string)")
            let dto = try rated.content.decode(SatisfactionAPI.RatingDTO.self)
            #expect(dto.channel == "api" && dto.criteria == ["attitude": 3, "total_time": 2])
            #expect(VietnameseFormat.dateTime(dto.changeableUntil) == "09:00 ngày 07/12/2026")
            // Changed the next day: still one rating.
            try await f.advance(hours: 24)
            #expect(try await Self.rate(app, #"{"dossierCode":"\#(first.code)","phoneDigits":"5678","level":2}"#).status == .created)
            #expect(try await SatisfactionRating.query(on: app.db).count() == 1)
            // The applicant, signed in, rates their second dossier without digits.
            let second = try await Self.resultReady(f)
            #expect(try await Self.rate(app, #"{"dossierCode":"\#(second.code)","level":1}"#, as: f.citizen).status == .created)
            try await f.advance(hours: 24 * 7)
            let late = try await Self.rate(app, #"{"dossierCode":"\#(first.code)","phoneDigits":"5678","level":1}"#)
            #expect(late.status == .conflict && late.body.string.contains("hết"))

            // December: two forms, one "Hài lòng", one "Không hài lòng": 50 % satisfied.
            let summary = try await f.leader.get("/api/v1/satisfaction/summary?month=2026-12").decode(SatisfactionReport.Summary.self)
            #expect(summary.overall.forms == 2 && summary.overall.satisfied == 1 && summary.overall.unsatisfied == 1)
            #expect(summary.overall.satisfiedPercent == 50)
            #expect(summary.levels == ["1": 50, "2": 50, "3": 0])
            #expect(summary.officers.map(\.name).sorted() == ["Chuyên Viên A", "Tiếp Nhận A"])
            #expect(summary.officers.allSatisfy { $0.figures.forms == 2 })
            #expect(summary.criteria.first { $0.code == "attitude" }?.rated == 0)  // the change dropped the criteria
            #expect(try await f.leader.get("/api/v1/satisfaction/summary?month=2026-11").decode(SatisfactionReport.Summary.self).overall.forms == 0)
            #expect(try await f.leader.get("/api/v1/satisfaction/summary?month=2026-13").status == .unprocessableEntity)
            // The province sees every unit; another unit and another province see nothing of A's.
            let monitor = Browser(app)
            try await monitor.signIn("p.monitor")
            let province = try await monitor.get("/api/v1/satisfaction/summary?month=2026-12").decode(SatisfactionReport.Summary.self)
            #expect(province.units.first { $0.unitCode == "A001" }?.figures.forms == 2 && province.overall.forms == 2)
            let b = Browser(app)
            try await b.signIn("b.admin")
            #expect(try await b.get("/api/v1/satisfaction/summary?month=2026-12").decode(SatisfactionReport.Summary.self).overall.forms == 0)
            let c = Browser(app)
            try await c.signIn("c.admin")
            // A unit's own figures only: another unit's code is refused.
            let own = try await c.get("/api/v1/satisfaction/summary?month=2026-12").decode(SatisfactionReport.Summary.self)
            #expect(own.scope == "Xã Cẩm Khác" && own.overall.forms == 0)
            let other = try await c.get("/api/v1/satisfaction/summary?month=2026-12&unitCode=A001")
            #expect(other.status == .notFound && other.headers.contentType?.subType == "problem+json" && !other.text.contains("forms"))
            #expect(try await f.reception.get("/api/v1/satisfaction/summary").status == .forbidden)
        }
    }

    @Test("The rating page: found from the tracking page's link, saved, hostile comments kept as text", arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let dossier = try await Self.resultReady(f)
            let visitor = Browser(app)
            let tracking = try await visitor.get("/tra-cuu?ma=\(dossier.code)&so=5678")
            #expect(tracking.text.contains("/danh-gia?ma=\(dossier.code)&so=5678"))
            let form = try await visitor.get("/danh-gia?ma=\(dossier.code)&so=5678&ki-ot=1")
            #expect(form.status == .ok && form.text.contains("name=\"level\"") && form.text.contains("value=\"kiosk\""))
            let wrong = try await visitor.get("/danh-gia?ma=\(dossier.code)&so=0000")
            #expect(wrong.status == .forbidden && !wrong.text.contains("name=\"level\""))
            let saved = try await visitor.post("/danh-gia", form: [("code", dossier.code), ("digits", "5678"), ("level", "3"), ("channel", "kiosk"),
                                                                   ("criterion-attitude", "3"), ("comment", "<script>alert(1)</script>")])
            #expect(saved.status == .seeOther)
            let rating = try await SatisfactionRating.query(on: app.db).first()
            #expect(rating?.channel == .kiosk && rating?.level == .verySatisfied && rating?.criteria == [.attitude: .verySatisfied])
            let again = try await visitor.get("/danh-gia?ma=\(dossier.code)&so=5678")
            #expect(again.text.contains("&lt;script&gt;") && !again.text.contains("<script>alert"))
            let missing = try await visitor.post("/danh-gia", form: [("code", dossier.code), ("digits", "5678")])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("Chọn mức độ hài lòng"))
            let report = try await f.leader.get("/danh-gia/thong-ke?thang=2026-11")
            #expect(report.status == .ok && report.text.contains("100,0%") && report.text.contains("<svg"))
        }
    }
}
