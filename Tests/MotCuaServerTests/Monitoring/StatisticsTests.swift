import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Dossier statistics of a period, from the database, on both engines")
struct StatisticsTests {
    /// A moment in Vietnam's time zone.
    static func at(_ text: String) -> Date { try! Date(text + ":00+07:00", strategy: .iso8601) }

    /// Copies of a template dossier with the given timeline, written in one transaction.
    static func insert(_ template: Dossier, _ prefix: String, count: Int, on db: any Database, _ timeline: @escaping @Sendable (Int, Dossier) -> Void) async throws {
        try await db.transaction { db in
            for index in 0..<count {
                let copy = try await Dossier.find(template.id!, on: db)!
                copy.id = UUID()
                copy.$id.exists = false
                copy.code = "\(prefix)-\(index)"
                copy.processedAt = nil
                copy.returnedAt = nil
                copy.endedAt = nil
                copy.supplementsJSON = "[]"
                timeline(index, copy)
                try await copy.create(on: db)
            }
        }
    }

    /// Thọ Phú's quarter (field-notes.md): 2,145 received (2,034 online, 111 direct); 1,520 early,
    /// 447 on time, 37 late; 141 in progress within the deadline; 98.2 % of resolved on time.
    @Test("The Thọ Phú figures come out exactly from its dossiers in the database; units are scoped", arguments: TestDatabase.all)
    func thoPhu(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let submitted = try await f.submit()
            let template = try #require(try await Dossier.find(submitted.id, on: app.db))
            let start = Self.at("2025-07-01T08:00")
            try await Self.insert(template, "TP", count: 2_145, on: app.db) { index, dossier in
                let received = index < 2_004 ? start + TimeInterval(index % 80) * 86_400 : Self.at("2025-09-25T09:00") + TimeInterval(index % 3) * 3600
                let appointment = received + 5 * 86_400
                dossier.channel = index < 2_034 ? .online : .counter
                dossier.receivedAt = received
                dossier.legalAppointmentAt = appointment
                dossier.appointmentAt = appointment
                switch index {
                case 0..<1_520: dossier.processedAt = received + 86_400
                case 1_520..<1_967:
                    // Some waited a day for a supplement and finished a day after the appointment: on time.
                    if index % 4 == 0 {
                        dossier.supplementsJSON = #"[{"requestedAt":\#(received.timeIntervalSince1970 + 3600),"completedAt":\#(received.timeIntervalSince1970 + 90_000)}]"#
                        dossier.processedAt = appointment + 86_400 - 3600
                    } else {
                        dossier.processedAt = appointment - 3600
                    }
                case 1_967..<2_004: dossier.processedAt = appointment + 3600
                default: dossier.processedAt = nil
                }
                dossier.status = dossier.processedAt == nil ? .processing : (index % 2 == 0 ? .returned : .resultReady)
                if dossier.status == .returned { dossier.endedAt = dossier.processedAt! + 86_400 }
            }
            // Outside the quarter: finished before it, received after it.
            try await Self.insert(template, "NGOAI", count: 2, on: app.db) { index, dossier in
                dossier.receivedAt = index == 0 ? Self.at("2025-06-02T08:00") : Self.at("2025-09-29T08:00")
                dossier.legalAppointmentAt = dossier.receivedAt! + 5 * 86_400
                dossier.processedAt = index == 0 ? Self.at("2025-06-03T08:00") : nil
                dossier.status = index == 0 ? .returned : .processing
                dossier.endedAt = index == 0 ? Self.at("2025-06-04T08:00") : nil
            }
            // Written straight into the table: the tallies are counted again from the dossiers.
            try await TallyRebuild.run(on: app.db)
            let report = try await f.leader.get("/api/v1/statistics/dossiers?from=2025-07-01&to=2025-09-27&groupBy=procedure")
            #expect(report.status == .ok, "\(report.text.prefix(300))")
            let figures = try report.decode(DossierStatistics.Report.self).total
            #expect(figures.received == 2_145 && figures.receivedOnline == 2_034 && figures.receivedDirect == 111 && figures.carriedOver == 0)
            #expect(figures.resolved == 2_004 && figures.early == 1_520 && figures.onTime == 447 && figures.late == 37)
            #expect(figures.inProgressWithinDeadline == 141 && figures.inProgressOverdue == 0)
            #expect(figures.resolvedOnTimeRate.map(VietnameseFormat.percent) == "98,2%" && figures.onTimeRate766 == 98.28)
            // The same figures to save: CSV for any tool, XLSX for spreadsheet programs.
            let csv = try await f.leader.get("/api/v1/statistics/dossiers?from=2025-07-01&to=2025-09-27&format=csv")
            #expect(csv.headers.contentType?.subType == "csv" && csv.text.hasPrefix("\u{FEFF}Thống kê hồ sơ Phường An Thử từ 2025-07-01 đến 2025-09-27"))
            #expect(csv.text.contains("Tổng cộng,2034,111,0,2145,0,2145,1520,447,37,2004,141,0,0,0,0,"))
            let xlsx = try await f.leader.get("/api/v1/statistics/dossiers?from=2025-07-01&to=2025-09-27&format=xlsx")
            #expect(xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            #expect(try await f.leader.get("/api/v1/statistics/dossiers?format=pdf").status == .unprocessableEntity)
            // The dashboard: the figures, the charts, the drill-down and the overdue dossiers.
            let dashboard = try await f.leader.get("/giam-sat?tu=2025-07-01&den=2025-09-27")
            #expect(dashboard.status == .ok && dashboard.text.contains("2.145") && dashboard.text.contains("98,3%")
                    && dashboard.text.contains("từ 01/07/2025 đến 27/09/2025"))
            #expect(dashboard.text.contains("id=\"bieu-do-ngay\"") && dashboard.text.contains("id=\"bieu-do-ty-le\"")
                    && dashboard.text.contains("id=\"bieu-do-linh-vuc\""))
            #expect(dashboard.text.contains("href=\"/ho-so/TP-2004\""))  // the first of the overdue ones now
            let drill = try await f.leader.get("/giam-sat?tu=2025-07-01&den=2025-09-27&theo=procedure")
            #expect(drill.text.contains("1.000001") && drill.text.contains("theo=officer"))
            #expect(!dashboard.text.contains("style=\""), "colours come from the stylesheet (the CSP forbids inline styles)")
            // Following a field keeps it: that field's procedures only, with a way back to all.
            let fieldLink = try #require(dashboard.text.components(separatedBy: "href=\"").dropFirst().first { $0.contains("theo=procedure&amp;linh-vuc=") })
            let followed = try await f.leader.get(String(fieldLink.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(followed.status == .ok && followed.text.contains("1.000001") && followed.text.contains("id=\"moi-linh-vuc\"")
                    && followed.text.contains("· lĩnh vực "))
            let otherField = try #require(try await ProcedureField.query(on: app.db).all().first { field in !fieldLink.contains(field.id!.uuidString) })
            let empty = try await f.leader.get("/giam-sat?tu=2025-07-01&den=2025-09-27&theo=procedure&linh-vuc=\(otherField.id!)")
            #expect(empty.status == .ok && !empty.text.contains(">1.000001<") && !empty.text.contains("ma=1.000001"))
            #expect(try await f.reception.get("/giam-sat").status == .forbidden)
            // The same as JSON; at the end of the drill-down, the dossiers of one procedure.
            let json = try await f.leader.get("/api/v1/statistics/dashboard?from=2025-07-01&to=2025-09-27").decode(Dashboard.Model.self)
            #expect(json.report.total.received == 2_145 && json.report.grouping == "Lĩnh vực" && json.overdue.first?.code == "TP-2004")
            #expect(json.fields.map(\.figures.toHandle) == [2_145])
            #expect(drill.text.contains("/giam-sat/ho-so?tu=2025-07-01&amp;den=2025-09-27&amp;don-vi=&amp;theo=procedure&amp;ma=1.000001"))
            let list = try await f.leader.get("/giam-sat/ho-so?tu=2025-09-20&den=2025-09-27&theo=procedure&ma=1.000001")
            #expect(list.status == .ok && list.text.contains("href=\"/ho-so/TP-2004\"") && list.text.contains("Quá hạn"))
            #expect(try await f.leader.get("/giam-sat/ho-so?theo=unit").status == .badRequest)
            #expect(try await f.leader.get("/api/v1/statistics/dashboard?groupBy=nonsense").status == .unprocessableEntity)
            // Broken addresses of the monitoring pages and API answer a clear refusal, never a server error;
            // a ward's leader naming another unit is refused, not shown their own.
            let broken: [(String, HTTPStatus, String)] = [
                ("/giam-sat?tu=2025-02-30", .unprocessableEntity, "năm-tháng-ngày"),
                ("/giam-sat?tu=2025-10-01&den=2025-09-01", .unprocessableEntity, "Ngày bắt đầu phải trước ngày kết thúc"),
                ("/giam-sat?theo=%3Cb%3E", .unprocessableEntity, "Chia theo"),
                ("/giam-sat?don-vi=KHONGCO", .notFound, "Không có đơn vị mã “KHONGCO”"),
                ("/giam-sat/ho-so?theo=field&ma=", .badRequest, "Chọn lĩnh vực, thủ tục hoặc cán bộ"),
                ("/giam-sat/ho-so?theo=procedure&ma=%27&tu=x", .unprocessableEntity, "năm-tháng-ngày"),
                ("/giam-sat/ho-so?theo=procedure&ma=%00%27&tu=x", .badRequest, "ký tự rỗng"),
                ("/giam-sat/chi-so-766?ky=2025-13", .unprocessableEntity, "Kỳ đánh giá"),
                ("/giam-sat/chi-so-766?ky=Q5-2025", .unprocessableEntity, "Kỳ đánh giá"),
                ("/giam-sat/chi-so-766?don-vi=%27%3B--", .notFound, "Không có đơn vị mã “&#39;;--”"),
                ("/api/v1/statistics/dashboard?from=2025-9-1", .unprocessableEntity, "năm-tháng-ngày"),
                ("/api/v1/statistics/dashboard?unitCode=KHONGCO", .notFound, "Không có đơn vị mã “KHONGCO”"),
                ("/api/v1/statistics/index-766?period=nam-2025", .unprocessableEntity, "Kỳ đánh giá"),
                ("/api/v1/statistics/index-766?unitCode=KHONGCO", .notFound, "Không có đơn vị mã “KHONGCO”"),
            ]
            for (url, status, message) in broken {
                let answer = try await f.leader.get(url)
                #expect(answer.status == status && answer.text.contains(message), "\(url): \(answer.status) \(answer.text.prefix(200))")
                if url.hasPrefix("/api/") { #expect(answer.headers.contentType?.subType == "problem+json", "\(url)") }
            }
            // The next month: the 141 are carried over (and overdue by now).
            let october = try await f.leader.get("/api/v1/statistics/dossiers?from=2025-10-01&to=2025-10-31").decode(DossierStatistics.Report.self)
            #expect(october.total.carriedOver == 142 && october.total.inProgressOverdue == 142 && october.total.received == 0)
            // Another unit's officers see nothing of ward A's; the province monitor sees it per unit.
            let other = Browser(app)
            try await other.signIn("b.admin")
            #expect(try await other.get("/api/v1/statistics/dossiers?from=2025-07-01&to=2025-09-27").decode(DossierStatistics.Report.self).total.received == 0)
            let monitor = Browser(app)
            try await monitor.signIn("p.monitor")
            let province = try await monitor.get("/api/v1/statistics/dossiers?from=2025-07-01&to=2025-09-27&groupBy=unit").decode(DossierStatistics.Report.self)
            #expect(province.rows.map(\.label) == ["Phường An Thử"] && province.total.received == 2_145)
            #expect(try await f.reception.get("/api/v1/statistics/dossiers").status == .forbidden)
            #expect(try await f.leader.get("/api/v1/statistics/dossiers?from=2025-13-01").status == .unprocessableEntity)
            #expect(try await f.leader.get("/api/v1/statistics/dossiers?from=2025-10-01&to=2025-09-01").status == .unprocessableEntity)
        }
    }
}
