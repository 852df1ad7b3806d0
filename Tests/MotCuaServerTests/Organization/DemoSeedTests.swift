import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Demo province and migrations")
struct DemoSeedTests {
    @Test("Preparing again is harmless; every migration reverts and applies again", arguments: TestDatabase.all)
    func migrations(database: TestDatabase) async throws {
        try await withApp(database) { app in
            try await DatabaseSetup.prepare(app, seedDemo: true)
            let units = try await OrgUnit.query(on: app.db).count()
            let users = try await User.query(on: app.db).count()
            try await DatabaseSetup.prepare(app, seedDemo: true)
            #expect(try await OrgUnit.query(on: app.db).count() == units)
            #expect(try await User.query(on: app.db).count() == users)
            try await app.autoRevert()
            await #expect(throws: (any Error).self) { try await OrgUnit.query(on: app.db).count() }
            try await DatabaseSetup.prepare(app, seedDemo: false)
            #expect(try await OrgUnit.query(on: app.db).count() == 0)
        }
    }

    @Test("The demo province has every unit, three fully staffed units with every role, and fields", arguments: TestDatabase.all)
    func demo(database: TestDatabase) async throws {
        try await withApp(database) { app in
            #expect(try await DemoSeed.seedIfEmpty(app))
            #expect(try await DemoSeed.seedIfEmpty(app) == false)
            let units = try await OrgUnit.query(on: app.db).all()
            #expect(units.filter { $0.kind == .ward }.count == 45)
            #expect(units.filter { $0.kind == .commune }.count == 67)
            #expect(units.filter { $0.kind == .specialZone }.count == 2)
            #expect(units.contains { $0.kind == .provinceOffice })
            #expect(units.filter { $0.kind == .provinceDepartment || $0.kind == .verticalAgency }.count >= 10)
            #expect(try await ProcedureField.query(on: app.db).count() == 38)
            // The catalogue: the 186 real procedures of the shared list, received by all 114 communes.
            #expect(try await Procedure.query(on: app.db).count() == 186)
            let marriage = try await ProcedureCatalogue.find(code: "1.000894", provinceID: units[0].$province.id, on: app.db)
            #expect(try await ProcedureCatalogue.version(of: marriage, on: app.db).content().internalProcess.count == 4)
            #expect(try await UnitProcedure.query(on: app.db).count() == 114 * 186)
            // The twenty commonest have their document lists, so intake's checklist is real.
            let contents = try await ProcedureCatalogue.currentContents(provinceID: units[0].$province.id, on: app.db).values
            for code in DemoCatalogue.commonest {
                #expect(contents.first { $0.code.value == code }?.documents.isEmpty == false, "\(code)")
            }
            let staff = try await StaffDirectory.staff(in: .province(units[0].$province.id), on: app.db)
            let byUnit = Dictionary(grouping: staff) { $0.unit!.kind }
            for kind in [UnitKind.ward, .commune, .specialZone] {
                let roles = Set(byUnit[kind, default: []].flatMap { $0.roles.map(\.role) })
                #expect(roles.isSuperset(of: [.reception, .specialist, .leader, .centerDirector, .administrator]), "\(kind)")
            }
            let allRoles = Set(staff.flatMap { $0.roles.map(\.role) })
            #expect(allRoles == Set(Role.allCases))
            // Several officers per field in a staffed unit.
            let hongBang = staff.filter { $0.unit?.code == "10301008" }
            let hoTich = try #require(try await ProcedureField.query(on: app.db).filter(\.$name == "Hộ tịch").first())
            #expect(hongBang.filter { $0.fields.contains { $0.$field.id == hoTich.id } }.count >= 3)
            // The demo accounts work.
            try await Browser(app).signIn("hongbang.tiepnhan1", password: DemoSeed.password)
            try await Browser(app).signIn("tinh.quantri", password: DemoSeed.password)
        }
    }
}

@Suite("Generated history of the demo province")
struct DemoHistoryTests {
    @Test("Plausible lives, unique codes, pages that open, and tallies equal to counting them again", arguments: TestDatabase.all)
    func history(database: TestDatabase) async throws {
        try await withApp(database) { app in
            #expect(try await DemoSeed.seedIfEmpty(app))
            let summary = try await DemoSeed.history(app, dossiers: 400, days: 45)
            #expect(summary.dossiers > 390 && summary.events > 2 * summary.dossiers && summary.ratings > 20)
            let dossiers = try await Dossier.query(on: app.db).all()
            #expect(Set(dossiers.map(\.code)).count == dossiers.count)
            let statuses = Set(dossiers.map(\.status))
            #expect(statuses.isSuperset(of: [.returned, .processing, .refused]), "\(statuses)")
            #expect(dossiers.allSatisfy { d in d.submittedAt < app.time.now() && (d.receivedAt.map { $0 >= d.submittedAt } ?? true) })
            #expect(dossiers.filter { $0.timeliness == .late }.count > 0 && dossiers.filter { $0.supplementCount > 0 }.count > 0)
            // Lives a center would recognise: officers act in working hours on working days; every
            // supplement and hand-over is in the timeline.
            let events = try await DossierEvent.query(on: app.db).all()
            let time = try await CalendarService.workingTime(around: [app.time.now()], unit: nil, on: app.db)
            let officerEvents = events.filter { $0.action != "submit" }
            // In working time: at or after an opening, or at most at a closing (the second before was worked).
            let outside = try officerEvents.filter {
                try time.nextWorkingMoment(from: $0.occurredAt) != $0.occurredAt
                    && time.workingSeconds(from: $0.occurredAt.addingTimeInterval(-1), to: $0.occurredAt) < 1
            }
            #expect(outside.isEmpty, "\(outside.prefix(3).map { "\($0.action) \($0.occurredAt)" })")
            let byDossier = Dictionary(grouping: events, by: { $0.$dossier.id })
            for dossier in dossiers {
                let actions = (byDossier[dossier.id!] ?? []).map(\.action)
                #expect(actions.filter { $0 == "request_supplement" }.count == dossier.supplementCount, "\(dossier.code)")
                if dossier.assigneeID != nil, dossier.receivedAt.map({ $0 < app.time.now().addingTimeInterval(-7_200) }) == true {
                    #expect(actions.contains("assign"), "\(dossier.code) \(actions)")
                }
            }
            // The commonest procedures are the most filed.
            let byProcedure = Dictionary(grouping: dossiers, by: \.procedureCode).mapValues(\.count)
            let top = byProcedure.sorted { $0.value > $1.value }.prefix(3).map(\.key)
            #expect(Set(top).isSubset(of: Set(DemoCatalogue.commonest.prefix(6))), "\(top)")
            // Same seed, same history: the tallies are what counting every dossier again gives.
            let kept = try await TallyMaintenanceTests.stored(app.db)
            try await TallyRebuild.run(on: app.db)
            #expect(try await TallyMaintenanceTests.stored(app.db) == kept)
            // The busiest ward's director reads its dossiers and figures.
            let director = Browser(app)
            try await director.signIn("hongbang.giamdoc", password: DemoSeed.password)
            let own = dossiers.filter { $0.code.hasPrefix("10301008-") }
            #expect(!own.isEmpty)
            #expect(try await director.get("/ho-so/\(own[0].code)").status == .ok)
            let report = try await director.get("/api/v1/statistics/dossiers?from=2026-01-01").decode(DossierStatistics.Report.self)
            #expect(report.total.received == own.filter { $0.receivedAt != nil }.count)
        }
    }

    @Test("The queue's past: eight weeks of working days, so the counters-needed plan has figures", arguments: [TestDatabase.sqlite])
    func queueHistory(database: TestDatabase) async throws {
        try await withApp(database) { app in
            #expect(try await DemoSeed.seedIfEmpty(app))
            let now = try Date("2026-12-07T10:00:00+07:00", strategy: .iso8601)
            let tickets = try await DemoQueueHistory.generate(until: now, on: app.db)
            #expect(tickets > 3 * 30 * 80, "three centers, about 40 working days, about a hundred citizens a day")
            #expect(try await QueueTicket.query(on: app.db).filter(\.$day >= "2026-12-07").count() == 0, "today is left to the day")
            let weekend = try await QueueTicket.query(on: app.db).filter(\.$day == "2026-12-06").count()
            #expect(weekend == 0, "no tickets on a Sunday")
            let unit = try #require(try await OrgUnit.query(on: app.db).filter(\.$code == "10301008").first())
            let plan = try await QueueReports.plan(of: unit, try .init(date: "2026-12-07", target: nil, level: nil, counters: nil, now: now), on: app.db)
            #expect(plan.historyDays.count == 8)
            #expect((plan.hours.first { $0.hour == 9 }?.arrivals ?? 0) > 15 && (plan.hours.first { $0.hour == 9 }?.needed ?? 0) >= 2)
            let yesterday = try await QueueReports.statistics(of: unit, day: CivilDate(year: 2026, month: 12, day: 4), on: app.db)
            #expect((yesterday.rows.first?.served ?? 0) > 50 && (yesterday.rows.first?.meanWaitMinutes ?? -1) >= 0)
        }
    }
}
