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

    /// Running dossiers overdue (the longest overdue first) or due within a working day (the
    /// nearest first), 20 each: read per running status in appointment order from the index, so
    /// thousands of running dossiers cost no more than a few hundred rows.
    static func urgent(units: [OrgUnit], now: Date, on db: any Database) async throws -> (overdue: [DossierLine], dueSoon: [DossierLine]) {
        let ids = units.compactMap(\.id)
        guard !ids.isEmpty else { return ([], []) }
        let time = try await CalendarService.workingTime(around: [now], unit: nil, on: db)
        let overdue = try await running(ids, .lessThan, now, limit: 20, on: db)
        let soon = try await running(ids, .greaterThanOrEqual, now, limit: 60, on: db).filter {
            $0.appointment_at.map { DossierClock.urgency(now: now, appointment: $0, time: time) == .dueSoon } ?? false
        }
        return (overdue.map { line($0, urgency: .overdue) }, soon.prefix(20).map { line($0, urgency: .dueSoon) })
    }

    /// The columns a line shows.
    struct Running: Decodable {
        let code: String
        let procedure_name: String
        let status: DossierStatus
        let received_at: Date?
        let appointment_at: Date?
        let holder: String
        let assignee_name: String?
        let timeliness: Timeliness?
    }

    /// The first `limit` running dossiers of the units by appointment, before or from `moment`.
    private static func running(_ units: [UUID], _ comparison: SQLBinaryOperator, _ moment: Date, limit: Int,
                                on db: any Database) async throws -> [Running] {
        let sql = db as! any SQLDatabase
        let columns = ["code", "procedure_name", "status", "received_at", "appointment_at", "holder", "assignee_name", "timeliness"]
        var query: SQLQueryString = ""
        for (index, status) in DossierStatus.allCases.filter(\.clockRuns).enumerated() {
            if index > 0 { query = query + " UNION ALL " }
            query = query + """
                SELECT * FROM (SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM dossiers WHERE unit_id IN (\(binds: units))
                  AND status = \(bind: status.rawValue) AND appointment_at \(comparison) \(bind: moment) ORDER BY appointment_at, code LIMIT \(literal: limit)) s\(literal: index)
                """
        }
        return try await sql.raw("SELECT * FROM (" + query + ") r ORDER BY appointment_at, code LIMIT \(literal: limit)").all(decoding: Running.self)
    }

    static func line(_ row: Running, urgency: DossierClock.Urgency?) -> DossierLine {
        DossierLine(code: row.code, procedure: row.procedure_name, status: row.status, statusLabel: row.status.label, receivedAt: row.received_at,
                    appointmentAt: row.appointment_at, holder: row.assignee_name ?? row.holder, urgency: urgency, timeliness: row.timeliness)
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
