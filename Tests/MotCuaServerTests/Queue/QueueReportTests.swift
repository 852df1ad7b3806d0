import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Queue: the day's statistics, CSV, and the counters plan from the same weekday's history")
struct QueueReportTests {
    static func at(_ text: String) -> Date { try! Date(text + ":00+07:00", strategy: .iso8601) }

    /// A ticket written straight into the history.
    static func ticket(_ f: QueueFixture, _ number: Int, issued: String, called: String? = nil, started: String? = nil, finished: String? = nil,
                       status: QueueTicket.Status, counter: String? = nil, officer: String? = nil, on db: any Database) async throws {
        let t = QueueTicket()
        t.$unit.id = f.world.unitA
        t.$group.id = f.groupA
        t.day = VietnameseFormat.civilDate(of: at(issued)).description
        t.number = number
        t.code = TicketNumber.format(prefix: "A", number: number)
        t.channel = .kiosk
        t.status = status
        t.issuedAt = at(issued)
        t.queuedAt = at(issued)
        t.calledAt = called.map(at)
        t.startedAt = started.map(at)
        t.finishedAt = finished.map(at)
        t.counterName = counter
        t.officerName = officer
        t.calls = called == nil ? 0 : 1
        t.version = 1
        try await t.create(on: db)
    }

    @Test("Hand-computed day: waits, services, no-shows per group, counter and officer; CSV; who may read", arguments: TestDatabase.all)
    func statistics(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            // 09:00 → called 09:05, served 09:05–09:11; 09:01 → called 09:11, absent.
            try await Self.ticket(f, 1, issued: "2026-11-30T09:00", called: "2026-11-30T09:05", started: "2026-11-30T09:05",
                                  finished: "2026-11-30T09:11", status: .done, counter: "1", officer: "Tiếp Nhận A", on: app.db)
            try await Self.ticket(f, 2, issued: "2026-11-30T09:01", called: "2026-11-30T09:11", finished: "2026-11-30T09:13",
                                  status: .noShow, counter: "1", officer: "Tiếp Nhận A", on: app.db)
            let leader = Browser(app)
            try await leader.signIn("a.leader")
            let response = try await leader.get("/api/v1/queue/units/A001/statistics?date=2026-11-30")
            #expect(response.status == .ok, "\(response.text)")
            let rows = try response.decode(QueueReports.Statistics.self).rows
            let total = try #require(rows.first)
            #expect(total.tickets == 2 && total.called == 2 && total.served == 1 && total.noShows == 1)
            #expect(total.meanWaitMinutes == 7.5 && total.p90WaitMinutes == 10 && total.meanServiceMinutes == 6 && total.p90ServiceMinutes == 6)
            #expect(rows.map(\.kind) == ["Tổng", "Nhóm", "Nhóm", "Quầy", "Cán bộ"])
            #expect(rows[2].tickets == 0 && rows[2].meanWaitMinutes == nil)
            let csv = try await leader.get("/xep-hang/A001/thong-ke.csv?ngay=2026-11-30")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.dropFirst().split(separator: "\r\n")
            #expect(lines.count == 6 && lines[1] == "Tổng,Phường An Thử,2,2,1,1,7.5,10.0,6.0,6.0")
            let page = try await leader.get("/xep-hang/A001/thong-ke?ngay=2026-11-30")
            // Figures written as people write them; no empty chart without a history of arrivals.
            #expect(page.status == .ok && page.body.string.contains("<td data-label=\"Chờ TB (phút)\" class=\"num\">7,5</td>")
                    && page.body.string.contains("value=\"15\"") && !page.body.string.contains("<svg class=\"chart\""))
            // The province monitor reads every unit; another unit's administrator and a one-stop officer do not.
            let monitor = Browser(app)
            try await monitor.signIn("p.monitor")
            #expect(try await monitor.get("/api/v1/queue/units/A001/statistics").status == .ok)
            let other = Browser(app)
            try await other.signIn("b.admin")
            #expect(try await other.get("/api/v1/queue/units/A001/statistics").status == .forbidden)
            #expect(try await f.officer.get("/api/v1/queue/units/A001/plan").status == .forbidden)
            #expect(try await leader.get("/api/v1/queue/units/A001/statistics?date=30-11-2026").status == .unprocessableEntity)
            #expect(try await leader.get("/api/v1/queue/units/A001/plan?target=0&level=120").status == .unprocessableEntity)
        }
    }

    /// Two past Mondays: 8 h had 20 and 20 arrivals, 9 h had 5 and 15; every service took 6 minutes.
    /// With the ward's two counters: at 8 h (a = 2) the line would grow — 3 counters are needed;
    /// at 9 h (a = 1) two counters keep 97.3 % within 15 minutes with a 2-minute mean wait
    /// (Erlang C, computed independently with the factorial formula).
    @Test("Counters plan for a Monday from the two Mondays before", arguments: TestDatabase.all)
    func plan(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            var number = 0
            for (day, eight, nine) in [("2026-11-23", 20, 5), ("2026-11-16", 20, 15)] {
                for (hour, count) in [(8, eight), (9, nine)] {
                    for i in 0..<count {
                        number += 1
                        let minute = String(format: "%02d", i % 50)
                        try await Self.ticket(f, number, issued: "\(day)T0\(hour):\(minute)", called: "\(day)T0\(hour):\(minute)",
                                              started: "\(day)T0\(hour):\(minute)", finished: "\(day)T0\(hour):\(String(format: "%02d", i % 50 + 6))",
                                              status: .done, on: app.db)
                    }
                }
            }
            let leader = Browser(app)
            try await leader.signIn("a.leader")
            let response = try await leader.get("/api/v1/queue/units/A001/plan?date=2026-11-30")
            #expect(response.status == .ok, "\(response.text)")
            let plan = try response.decode(QueueReports.Plan.self)
            #expect(plan.historyDays == ["2026-11-16", "2026-11-23"] && plan.serviceMinutes == 6)
            let eight = try #require(plan.hours.first { $0.hour == 8 })
            let nine = try #require(plan.hours.first { $0.hour == 9 })
            #expect(eight.arrivals == 20 && eight.needed == 3 && eight.planned == 2 && eight.meanWaitMinutes == nil && eight.withinTargetPercent == 0)
            #expect(nine.arrivals == 10 && nine.needed == 2 && nine.withinTargetPercent == 97.3 && nine.meanWaitMinutes == 2)
            #expect(plan.hours.first { $0.hour == 14 }?.needed == 0)
            // With three counters planned, 8 h meets the target.
            let three = try await leader.get("/api/v1/queue/units/A001/plan?date=2026-11-30&counters=3").decode(QueueReports.Plan.self)
            #expect(three.hours.first { $0.hour == 8 }?.withinTargetPercent == 96.4)
            // The page draws the arrivals with the counters needed, and takes a decimal with a comma.
            let page = try await leader.get("/xep-hang/A001/thong-ke?ngay=2026-11-30&so-quay=3&ty-le=80,5").body.string
            #expect(page.contains("<svg class=\"chart\"") && page.contains(">3 quầy</text>") && page.contains("value=\"80,5\"")
                    && page.contains("<td data-label=\"Chờ ≤ mục tiêu\" class=\"num\">"))
        }
    }
}
