import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// What the monitoring dashboard shows, for its page and its JSON: the period's figures of the
/// units a person reads (from the tallies), per group, and the running dossiers overdue or due
/// within a working day; and, at the end of a drill-down, the dossiers of one group.
enum Dashboard {
    struct DossierLine: Content {
        let code: String
        let procedure: String
        let status: DossierStatus
        let statusLabel: String
        let receivedAt: Date?
        let appointmentAt: Date?
        let holder: String
        let urgency: DossierClock.Urgency?
        let timeliness: Timeliness?
    }

    struct Model: Content {
        let report: DossierStatistics.Report
        /// The work by field (the report's rows when it is already by field).
        let fields: [DossierStatistics.Row]
        /// Drill-down: the group rows open the next level (unit → field → procedure → officer → dossiers).
        let unitCode: String?
        let overdue: [DossierLine]
        let dueSoon: [DossierLine]
    }

    /// The grouping a person starts with: a unit's people by field, the province's by unit.
    static func grouping(_ raw: String?, principal: Principal, unitCode: String) throws -> DossierStatistics.Grouping {
        if let raw, !raw.isEmpty {
            guard let grouping = DossierStatistics.Grouping(rawValue: raw) else {
                throw AppError.invalid([.init(field: "groupBy", message: "Chia theo: unit, field, procedure hoặc officer.")])
            }
            return grouping
        }
        if case .province = principal.reach(.readStatistics), unitCode.isEmpty { return .unit }
        return .field
    }

    static func model(for principal: Principal, unitCode: String, grouping raw: String?, from: String?, to: String?, now: Date,
                      on db: any Database) async throws -> (model: Model, grouping: DossierStatistics.Grouping) {
        let grouping = try grouping(raw, principal: principal, unitCode: unitCode)
        let (units, scope) = try await ReadableUnits.units(for: principal, .readStatistics, unitCode: unitCode, on: db)
        let report = try await DossierStatistics.report(units: units, scope: scope, from: from, to: to, grouping: grouping, now: now, on: db)
        let fields = if grouping == .field { report.rows } else {
            try await DossierStatistics.groups(.field, units: units, period: TallyReader.Period(from: CivilDateParser.parse(report.from)!,
                                                                                               to: CivilDateParser.parse(report.to)!), on: db)
                .map { DossierStatistics.Row(key: $0.key, label: $0.label, figures: .init($0.figures)) }
        }
        let (overdue, dueSoon) = try await urgent(units: units, now: now, on: db)
        return (Model(report: report, fields: fields, unitCode: unitCode.isEmpty ? nil : unitCode, overdue: overdue, dueSoon: dueSoon), grouping)
    }

    /// Running dossiers overdue or due within a working day, nearest appointment first (20 each).
    static func urgent(units: [OrgUnit], now: Date, on db: any Database) async throws -> (overdue: [DossierLine], dueSoon: [DossierLine]) {
        let running = try await Dossier.query(on: db).filter(\.$unit.$id ~~ units.compactMap(\.id))
            .filter(\.$status ~~ DossierStatus.allCases.filter(\.clockRuns)).filter(\.$appointmentAt != nil)
            .filter(\.$appointmentAt <= now.addingTimeInterval(5 * 86_400)).sort(\.$appointmentAt).sort(\.$code).limit(200).all()
        let time = try await CalendarService.workingTime(around: [now], unit: nil, on: db)
        var overdue: [DossierLine] = [], dueSoon: [DossierLine] = []
        for dossier in running {
            guard let appointment = dossier.appointmentAt else { continue }
            let urgency = DossierClock.urgency(now: now, appointment: appointment, time: time)
            switch urgency {
            case .overdue: if overdue.count < 20 { overdue.append(line(dossier, urgency: urgency)) }
            case .dueSoon: if dueSoon.count < 20 { dueSoon.append(line(dossier, urgency: urgency)) }
            case .onTrack: break
            }
        }
        return (overdue, dueSoon)
    }

    static func line(_ dossier: Dossier, urgency: DossierClock.Urgency?) -> DossierLine {
        DossierLine(code: dossier.code, procedure: dossier.procedureName, status: dossier.status, statusLabel: dossier.status.label,
                    receivedAt: dossier.receivedAt, appointmentAt: dossier.appointmentAt, holder: dossier.assigneeName ?? dossier.holder,
                    urgency: urgency, timeliness: dossier.timeliness)
    }

    /// The last level of the drill-down: one unit's dossiers of a field, procedure or officer that
    /// the period counts (received before its end, not ended before its start), running ones by
    /// appointment first, at most 200.
    static func dossiers(unit: OrgUnit, grouping: DossierStatistics.Grouping, key: String, from: CivilDate, to: CivilDate, now: Date,
                         on db: any Database) async throws -> [DossierLine] {
        let start = DossierFacts.midnight(from.julianDay), end = DossierFacts.midnight(to.julianDay + 1)
        let query = Dossier.query(on: db).filter(\.$unit.$id == unit.id!).filter(\.$receivedAt < end)
            .group(.or) { $0.filter(\.$endedAt == nil).filter(\.$endedAt >= start) }
        switch grouping {
        case .unit: break
        case .field:
            guard let id = UUID(uuidString: key) else { return [] }
            query.filter(\.$field.$id == id)
        case .procedure: query.filter(\.$procedureCode == String(key.prefix(20)))
        case .officer:
            if key == TallyLedger.Keys.unassigned { query.filter(\.$assigneeID == nil) } else {
                guard let id = UUID(uuidString: key) else { return [] }
                query.filter(\.$assigneeID == id)
            }
        }
        let dossiers = try await query.sort(\.$receivedAt, .descending).limit(200).all()
        let time = try await CalendarService.workingTime(around: [now], unit: unit, on: db)
        return dossiers.map { dossier in
            let urgency = dossier.status.clockRuns ? dossier.appointmentAt.map { DossierClock.urgency(now: now, appointment: $0, time: time) } : nil
            return line(dossier, urgency: urgency)
        }.sorted { ($0.urgency ?? .onTrack, $0.appointmentAt ?? .distantFuture) < ($1.urgency ?? .onTrack, $1.appointmentAt ?? .distantFuture) }
    }
}
