import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Decision 766 scorecards and ranking from the database, hand-computed, on both engines")
struct Index766ReportTests {
    static let at = StatisticsTests.at

    /// November 2026 in wards A and B. Every figure expected below is worked out by hand in the
    /// comments; the clock stands at Monday 30/11/2026 09:00.
    @Test("Ward A, ward B and the province for 2026-11: every indicator's inputs, points and the ranking", arguments: TestDatabase.all)
    func november(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            #expect(try await admin.json(.POST, "/api/v1/catalogue/import", TallyMaintenanceTests.feeProcedure).status == .ok)
            let codes = #"{"codes":["1.000001","1.000894","2.000908","1.009999"]}"#
            for unit in [f.world.unitA, f.world.unitB] {
                #expect(try await admin.json(.PUT, "/api/v1/units/\(unit)/procedures", codes).status == .ok)
            }
            // One registered (never received) dossier per procedure, copied into the month's dossiers.
            var templates: [String: Dossier] = [:]
            for code in ["1.000001", "1.000894", "1.009999"] {
                templates[code] = try await Dossier.find(try await f.submit(procedure: code).id, on: app.db)
            }
            func dossiers(_ code: String, _ prefix: String, _ count: Int, unit: UUID? = nil, _ timeline: @escaping @Sendable (Int, Dossier) -> Void) async throws {
                try await StatisticsTests.insert(templates[code]!, prefix, count: count, on: app.db) { index, dossier in
                    if let unit { dossier.$unit.id = unit }
                    dossier.status = .returned
                    timeline(index, dossier)
                    dossier.appointmentAt = dossier.legalAppointmentAt
                }
            }
            let at = Self.at
            // Ward A, land (full online, no fee): six online, early, returned electronically, each with a file.
            try await dossiers("1.000001", "A-SOM", 6) { _, d in
                (d.channel, d.receivedAt, d.legalAppointmentAt) = (.online, at("2026-11-02T09:00"), at("2026-11-06T17:00"))
                (d.processedAt, d.returnedAt, d.endedAt) = (at("2026-11-05T10:00"), at("2026-11-06T09:00"), at("2026-11-06T09:00"))
                (d.resultDelivery, d.fileCount) = (.electronic, 1)
            }
            // Ward A, building permit (fee, partly online): two at the counter finished exactly at the
            // appointment (on time), the first paid on the national portal with a file; one online, late,
            // paid on the local gateway, returned electronically with a file.
            try await dossiers("1.009999", "A-DUNG", 2) { index, d in
                (d.channel, d.receivedAt, d.legalAppointmentAt) = (.counter, at("2026-11-10T09:00"), at("2026-11-12T17:00"))
                (d.processedAt, d.returnedAt, d.endedAt, d.resultDelivery) = (at("2026-11-12T17:00"), at("2026-11-13T08:00"), at("2026-11-13T08:00"), .counter)
                (d.paidOnline, d.fileCount) = index == 0 ? (1, 1) : (nil, 0)
            }
            try await dossiers("1.009999", "A-TRE", 1) { _, d in
                (d.channel, d.receivedAt, d.legalAppointmentAt) = (.online, at("2026-11-16T09:00"), at("2026-11-18T17:00"))
                (d.processedAt, d.returnedAt, d.endedAt, d.resultDelivery) = (at("2026-11-20T10:00"), at("2026-11-20T15:00"), at("2026-11-20T15:00"), .electronic)
                (d.paidOnline, d.fileCount) = (2, 1)
            }
            // Still open at the month's end: one within its deadline, one overdue, one asked twice for a supplement.
            try await dossiers("1.000001", "A-TRONG", 1) { _, d in
                (d.status, d.channel, d.receivedAt, d.legalAppointmentAt) = (.processing, .counter, at("2026-11-25T09:00"), at("2026-12-01T17:00"))
            }
            try await dossiers("1.000894", "A-QUA", 1) { _, d in
                (d.status, d.channel, d.receivedAt, d.legalAppointmentAt) = (.processing, .counter, at("2026-11-20T09:00"), at("2026-11-25T17:00"))
            }
            try await dossiers("1.000001", "A-BOSUNG", 1) { _, d in
                (d.status, d.channel, d.receivedAt, d.legalAppointmentAt) = (.supplementRequested, .online, at("2026-11-26T09:00"), at("2026-12-02T17:00"))
                d.supplements = [.init(requestedAt: at("2026-11-26T10:00"), completedAt: at("2026-11-26T11:00")), .init(requestedAt: at("2026-11-27T10:00"))]
            }
            // Ward B: four at the counter, early.
            try await dossiers("1.000894", "B-SOM", 4, unit: f.world.unitB) { _, d in
                (d.channel, d.receivedAt, d.legalAppointmentAt) = (.counter, at("2026-11-03T09:00"), at("2026-11-06T17:00"))
                (d.processedAt, d.returnedAt, d.endedAt, d.resultDelivery) = (at("2026-11-04T10:00"), at("2026-11-05T09:00"), at("2026-11-05T09:00"), .counter)
            }
            // Three ratings of ward A's early ones: one unsatisfied.
            for (index, level) in [SatisfactionLevel.unsatisfied, .satisfied, .verySatisfied].enumerated() {
                let dossier = try await Dossier.query(on: app.db).filter(\.$code == "A-SOM-\(index)").first()!
                let rating = SatisfactionRating()
                (rating.$dossier.id, rating.provinceID, rating.unitID, rating.level) = (dossier.id!, dossier.$province.id, dossier.$unit.id, level)
                (rating.channel, rating.ratedAt, rating.changeableUntil, rating.comment) = (.tracking, at("2026-11-07T10:00"), at("2026-11-14T10:00"), "")
                rating.setCriteria([:])
                try await rating.create(on: app.db)
            }
            try await TallyRebuild.run(on: app.db)
            try await Self.feedback(app, f)

            let monitor = Browser(app)
            try await monitor.signIn("p.monitor")
            let response = try await monitor.get("/api/v1/statistics/index-766?period=2026-11")
            #expect(response.status == .ok, "\(response.text.prefix(400))")
            let province = try response.decode(Index766Report.Report.self)
            #expect(province.periodLabel == "Tháng 11/2026" && province.from == "2026-11-01" && province.to == "2026-11-30")
            #expect(province.scope == "Thành phố Thử Nghiệm" && province.unitCode == nil)
            // Ranked by the share of the computable points: B 26.5 of 38 = 69.74 %, A 47.13 of 72 = 65.46 %.
            #expect(province.ranking.map(\.unitCode) == ["B001", "A001"] && province.ranking.map(\.rank) == [1, 2] && province.rankedUnits == 2)
            #expect(province.ranking.map(\.points) == [26.5, 47.13] && province.ranking.map(\.attainable) == [38, 72])
            #expect(province.ranking.map(\.percent) == [69.74, 65.46])

            let unitA = try await monitor.get("/api/v1/statistics/index-766?period=2026-11&unitCode=A001").decode(Index766Report.Report.self)
            func line(_ report: Index766Report.Report, _ code: String) -> Index766Report.Line { report.scorecard.lines.first { $0.code == code }! }
            func check(_ report: Index766Report.Report, _ code: String, _ numerator: Int, _ denominator: Int, rate: Double?, points: Double?,
                       sourceLocation: SourceLocation = #_sourceLocation) {
                let l = line(report, code)
                #expect(l.numerator == numerator && l.denominator == denominator && l.rate == rate && l.points == points,
                        "\(code): \(l.numerator ?? -1)/\(l.denominator ?? -1) \(l.rate ?? -1) \(l.points ?? -1)", sourceLocation: sourceLocation)
            }
            #expect(unitA.scope == "Phường An Thử" && unitA.rank == 2)
            check(unitA, "1.3", 1, 4, rate: 25, points: 0.5)             // only the building permit publishes every component
            check(unitA, "2.1", 9, 12, rate: 75, points: 15)             // 6 early + 2 on time + 1 within; late, overdue, two supplements
            check(unitA, "3.TT", 7, 8, rate: 87.5, points: 10.5)         // land dossiers: 7 of 8 online
            check(unitA, "3.1", 2, 4, rate: 50, points: nil)
            check(unitA, "3.2", 2, 2, rate: 100, points: nil)
            check(unitA, "3.3", 7, 12, rate: 58.33, points: nil)         // online with an electronic result
            check(unitA, "3.6", 2, 3, rate: 66.67, points: 6.67)
            check(unitA, "4.1", 7, 12, rate: 58.33, points: 3.5)         // 58.33 × 6 / 100 = 3.4998
            check(unitA, "4.2", 7, 12, rate: 58.33, points: 2.92)        // 58.33 × 4 / 80 = 2.9165
            check(unitA, "5.1", 2, 4, rate: 50, points: nil)
            check(unitA, "5.2", 3, 5, rate: 60, points: 3.6)
            check(unitA, "5.3", 0, 3, rate: 0, points: 0)
            check(unitA, "5.4", 8, 12, rate: 66.67, points: 4.44)        // 12 − 3 late − 1 unsatisfied; 66.67 × 6 / 90 = 4.4447
            #expect(line(unitA, "1.4").state == "unavailable" && line(unitA, "1.4").unavailable != nil && line(unitA, "1.4").rate == nil)
            #expect(unitA.scorecard.points == 47.13 && unitA.scorecard.attainable == 72 && unitA.scorecard.percent == 65.46)

            let unitB = try await monitor.get("/api/v1/statistics/index-766?period=2026-11&unitCode=B001").decode(Index766Report.Report.self)
            #expect(line(unitB, "3.TT").state == "no_data" && line(unitB, "3.6").state == "no_data" && line(unitB, "5.2").state == "no_data")
            check(unitB, "2.1", 4, 4, rate: 100, points: 20)
            check(unitB, "4.1", 0, 4, rate: 0, points: 0)
            check(unitB, "5.4", 4, 4, rate: 100, points: 6)

            // The province: its 4 procedures once each; dossiers and feedback of both wards.
            check(province, "1.3", 1, 4, rate: 25, points: 0.5)
            check(province, "2.1", 13, 16, rate: 81.25, points: 16.25)
            check(province, "3.2", 2, 2, rate: 100, points: nil)
            check(province, "4.1", 7, 16, rate: 43.75, points: 2.63)
            check(province, "4.2", 7, 16, rate: 43.75, points: 2.19)
            check(province, "5.4", 12, 16, rate: 75, points: 5)
            #expect(province.scorecard.points == 47.34 && province.scorecard.attainable == 72)

            // Ward A's leader sees the ward's scorecard and the province's ranking; the one-stop officer nothing.
            let own = try await f.leader.get("/api/v1/statistics/index-766?period=2026-11").decode(Index766Report.Report.self)
            #expect(own.unitCode == "A001" && own.rank == 2 && own.ranking.count == 2 && own.scorecard.points == 47.13)
            #expect(try await f.leader.get("/api/v1/statistics/index-766?period=2026-11&unitCode=A001").decode(Index766Report.Report.self).unitCode == "A001")
            #expect(try await f.leader.get("/api/v1/statistics/index-766?period=2026-11&unitCode=B001").status == .notFound)
            #expect(try await f.reception.get("/api/v1/statistics/index-766").status == .forbidden)
            for bad in ["2026-13", "2026-Q5", "x", "2027-01"] {
                let answer = try await monitor.get("/api/v1/statistics/index-766?period=\(bad)")
                #expect(answer.status == .unprocessableEntity && answer.headers.contentType?.subType == "problem+json", "\(bad)")
            }
            // The page: the same figures in Vietnamese, the chart, the ranking with links for the province.
            let page = try await monitor.get("/giam-sat/chi-so-766?ky=2026-11")
            #expect(page.status == .ok && page.text.contains("47,34 / 72") && page.text.contains("id=\"bieu-do-nhom\""))
            #expect(page.text.contains("href=\"/giam-sat/chi-so-766?ky=2026-11&amp;don-vi=A001\"") && page.text.contains("Chưa tính được"))
            let wardPage = try await f.leader.get("/giam-sat/chi-so-766?ky=2026-11")
            #expect(wardPage.status == .ok && wardPage.text.contains("47,13 / 72") && wardPage.text.contains("2/2") && !wardPage.text.contains("don-vi=B001"))
            #expect(wardPage.text.contains("81,25%") == false && wardPage.text.contains("75%"))
            #expect(try await f.reception.get("/giam-sat/chi-so-766").status == .forbidden)
            // The quarter so far also counts the feedback sent in October: 5.3 = 1 of 4 = 25 % → 1.5 more points for A.
            let quarter = try await monitor.get("/api/v1/statistics/index-766?period=2026-Q4").decode(Index766Report.Report.self)
            #expect(quarter.ranking.map(\.points) == [26.5, 48.63] && quarter.to == "2026-11-30" && quarter.from == "2026-10-01")
        }
    }

    /// Ward A's feedback: five items, one sent in October and finished in November.
    static func feedback(_ app: Application, _ f: DossierFixture) async throws {
        let admin = Browser(app)
        try await admin.signIn("p.admin")
        #expect(try await admin.json(.POST, "/api/v1/feedback/categories", #"{"code":"chung","name":"Góp ý chung","group":"Chung","attributes":[]}"#).status == .ok)
        let at = Self.at
        struct Plan {
            let submitted: String, decided: String?, kind: FeedbackKind?, status: FeedbackStatus
            let approved: String?, published: String?, closed: String?, answerDue: String, publishDue: String?
            let useful: Int, notUseful: Int
        }
        let plans = [
            // f1: on time; its published answer found not useful by more readers → unsatisfied (5.3).
            Plan(submitted: "2026-11-03T09:00", decided: "2026-11-04T09:00", kind: .procedure, status: .published, approved: "2026-11-10T09:00",
                 published: "2026-11-11T09:00", closed: "2026-11-11T09:00", answerDue: "2026-11-24T17:00", publishDue: "2026-11-12T17:00", useful: 1, notUseful: 3),
            // f2: classified after its two working days → late.
            Plan(submitted: "2026-11-05T09:00", decided: "2026-11-10T09:00", kind: .conduct, status: .published, approved: "2026-11-20T09:00",
                 published: "2026-11-21T09:00", closed: "2026-11-21T09:00", answerDue: "2026-11-26T17:00", publishDue: "2026-11-24T17:00", useful: 0, notUseful: 0),
            // f3: refused in time (not received, so not in 5.3).
            Plan(submitted: "2026-11-20T09:00", decided: "2026-11-21T09:00", kind: nil, status: .refused, approved: nil, published: nil,
                 closed: "2026-11-21T09:00", answerDue: "2026-12-11T17:00", publishDue: nil, useful: 0, notUseful: 0),
            // f4: still being answered after its deadline (28/11) → late.
            Plan(submitted: "2026-11-10T09:00", decided: "2026-11-11T09:00", kind: .other, status: .processing, approved: nil, published: nil,
                 closed: nil, answerDue: "2026-11-28T17:00", publishDue: nil, useful: 0, notUseful: 0),
            // f5: sent in October, answered and published in November in time (handled in the period, 5.2).
            Plan(submitted: "2026-10-20T09:00", decided: "2026-10-21T09:00", kind: .procedure, status: .published, approved: "2026-11-05T09:00",
                 published: "2026-11-06T09:00", closed: "2026-11-06T09:00", answerDue: "2026-11-10T17:00", publishDue: "2026-11-09T17:00", useful: 2, notUseful: 0),
        ]
        for plan in plans {
            let sent = try await app.testing().sendRequest(.POST, "/api/v1/feedback", headers: ["Content-Type": "application/json"],
                                                            body: ByteBuffer(string: #"{"categoryCode":"chung","unitCode":"A001","description":"Góp ý về thủ tục tại phường"}"#))
            #expect(sent.status == .created, "\(sent.body.string)")
            let item = try await FeedbackItem.query(on: app.db).filter(\.$code == sent.decode(FeedbackReceiptDTO.self).code).first()!
            item.submittedAt = at(plan.submitted)
            item.receptionDueAt = at(plan.submitted) + 2 * 86_400 + 8 * 3600   // two working days later, 17:00
            item.firstInfoDueAt = at(plan.submitted) + 7 * 86_400
            (item.decidedAt, item.kind, item.status) = (plan.decided.map(at), plan.kind, plan.status)
            (item.approvedAt, item.publishedAt, item.closedAt) = (plan.approved.map(at), plan.published.map(at), plan.closed.map(at))
            (item.answerDueAt, item.publishDueAt) = (at(plan.answerDue), plan.publishDue.map(at))
            (item.usefulCount, item.notUsefulCount) = (plan.useful, plan.notUseful)
            try await item.update(on: app.db)
            // The database's count of lateness agrees with the app's own rule for these items.
            let end = at("2026-12-01T00:00")
            let expectedLate = [false, true, false, true, false][plans.firstIndex { $0.submitted == plan.submitted }!]
            #expect(!item.late(now: end).isEmpty == expectedLate, "\(plan.submitted)")
        }
    }
}
