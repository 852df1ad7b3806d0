import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// A period's dossier figures for the units a person reads, in total and per unit, field,
/// procedure or officer, counted by `PeriodStatistics` from the dossiers themselves (the reference
/// the incremental aggregates of a large province must agree with).
enum DossierStatistics {
    enum Grouping: String, CaseIterable, Sendable {
        case unit, field, procedure, officer

        var label: String {
            switch self {
            case .unit: "Đơn vị"
            case .field: "Lĩnh vực"
            case .procedure: "Thủ tục"
            case .officer: "Cán bộ thụ lý"
            }
        }
    }

    struct Row: Content {
        let key: String
        let label: String
        let figures: Figures
    }

    /// The figures with their derived totals and rates, as the API and pages show them.
    struct Figures: Content {
        let receivedOnline, receivedDirect, receivedPostal, received, carriedOver, toHandle: Int
        let early, onTime, late, resolved: Int
        let inProgressWithinDeadline, inProgressOverdue, inProgress: Int
        let refused, withdrawn, stopped, supplementRequested: Int
        let onTimeRate766: Double?
        let resolvedOnTimeRate: Double?

        init(_ f: PeriodFigures) {
            (receivedOnline, receivedDirect, receivedPostal, received) = (f.receivedOnline, f.receivedDirect, f.receivedPostal, f.received)
            (carriedOver, toHandle) = (f.carriedOver, f.toHandle)
            (early, onTime, late, resolved) = (f.early, f.onTime, f.late, f.resolved)
            (inProgressWithinDeadline, inProgressOverdue, inProgress) = (f.inProgressWithinDeadline, f.inProgressOverdue, f.inProgress)
            (refused, withdrawn, stopped, supplementRequested) = (f.refused, f.withdrawn, f.stopped, f.supplementRequested)
            onTimeRate766 = f.onTimeRate766
            resolvedOnTimeRate = f.resolvedOnTimeRate
        }
    }

    /// Dossiers received and resolved (status 9) on one day of the period.
    struct Day: Content {
        let day: String
        let received: Int
        let resolved: Int
    }

    struct Report: Content {
        let from: String
        let to: String
        let scope: String
        let grouping: String
        let total: Figures
        let rows: [Row]
        let days: [Day]

        static let headings = ["Tiếp nhận trực tuyến", "Tiếp nhận trực tiếp", "Tiếp nhận qua bưu chính", "Tiếp nhận trong kỳ", "Kỳ trước chuyển sang",
                               "Cần xử lý", "Giải quyết trước hạn", "Giải quyết đúng hạn", "Giải quyết quá hạn", "Đã giải quyết",
                               "Đang giải quyết trong hạn", "Đang giải quyết quá hạn", "Từ chối", "Rút hồ sơ", "Dừng xử lý", "Yêu cầu bổ sung",
                               "Tỷ lệ đúng hạn theo QĐ 766 (%)", "Tỷ lệ giải quyết đúng hạn (%)"]

        /// The report as the sheet a center sends upward: one row per group, then the total.
        var sheet: Spreadsheet {
            func cells(_ label: String, _ f: Figures) -> [Spreadsheet.Cell] {
                [.text(label)] + [f.receivedOnline, f.receivedDirect, f.receivedPostal, f.received, f.carriedOver, f.toHandle, f.early, f.onTime, f.late,
                                  f.resolved, f.inProgressWithinDeadline, f.inProgressOverdue, f.refused, f.withdrawn, f.stopped, f.supplementRequested]
                    .map { .number(Double($0)) } + [f.onTimeRate766, f.resolvedOnTimeRate].map { $0.map { .number($0) } ?? .empty }
            }
            let title = "Thống kê hồ sơ \(scope) từ \(from) đến \(to)"
            return Spreadsheet(sheetName: "Thống kê", rows: [[.text(title)], [.text(grouping)] + Self.headings.map { .text($0) }]
                + rows.map { cells($0.label, $0.figures) } + [cells("Tổng cộng", total)])
        }
    }

    /// The columns the rules need, read without the whole model.
    struct Line: Decodable {
        let unit_id: UUID
        let field_id: UUID
        let procedure_code: String
        let procedure_name: String
        let assignee_id: UUID?
        let assignee_name: String?
        let channel: SubmissionChannel
        let status: DossierStatus
        let received_at: Date?
        let legal_appointment_at: Date?
        let processed_at: Date?
        let ended_at: Date?
        let supplements: String

        var facts: DossierFacts {
            let supplements = Dossier.supplements(from: self.supplements)
            let endedWithoutResult = [.refused, .withdrawn, .stopped].contains(status)
            return DossierFacts(receivedAt: received_at, channel: channel, appointmentAt: legal_appointment_at,
                                endedAt: processed_at ?? (endedWithoutResult ? ended_at : nil),
                                endStatus: processed_at != nil ? .resultReady : (endedWithoutResult ? status : nil), supplements: supplements)
        }
    }

    /// `from`…`to` are calendar days (inclusive) in Vietnam.
    static func report(units: [OrgUnit], scope: String, from rawFrom: String?, to rawTo: String?, grouping: Grouping, now: Date,
                       on db: any Database) async throws -> Report {
        let today = VietnameseFormat.civilDate(of: now)
        let from = try day(rawFrom, field: "from") ?? CivilDate(year: today.year, month: today.month, day: 1)
        let to = try day(rawTo, field: "to") ?? today
        guard from <= to else { throw AppError.invalid([.init(field: "from", message: "Ngày bắt đầu phải trước ngày kết thúc.")]) }
        guard to.julianDay - from.julianDay <= 3_660 else { throw AppError.invalid([.init(field: "to", message: "Kỳ thống kê tối đa 10 năm.")]) }
        let start = WorkingTime.moment(from, 0), end = WorkingTime.moment(CivilDate(julianDay: to.julianDay + 1), 0)
        let ids = units.compactMap(\.id)
        let lines = ids.isEmpty ? [] : try await (db as! any SQLDatabase).select().from(Dossier.schema)
            .columns("unit_id", "field_id", "procedure_code", "procedure_name", "assignee_id", "assignee_name", "channel", "status", "received_at",
                     "legal_appointment_at", "processed_at", "ended_at", "supplements")
            .where("unit_id", .in, SQLBind.group(ids)).where("received_at", .lessThan, SQLBind(end))
            .where { $0.where("ended_at", .is, SQLLiteral.null).orWhere("ended_at", .greaterThanOrEqual, SQLBind(start)) }
            .all(decoding: Line.self)
        var groups: [String: PeriodFigures] = [:]
        var labels: [String: String] = [:]
        var total = PeriodFigures()
        let unitNames = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
        let fieldNames = grouping == .field
            ? Dictionary(uniqueKeysWithValues: try await ProcedureField.query(on: db).all().map { ($0.id!, $0.name) }) : [:]
        var receivedPerDay: [Int: Int] = [:], resolvedPerDay: [Int: Int] = [:]
        for line in lines {
            var one = PeriodFigures()
            let facts = line.facts
            PeriodStatistics.add(facts, to: &one, from: start, to: end)
            guard one.toHandle > 0 else { continue }
            if let received = facts.receivedAt, received >= start { receivedPerDay[WorkingTime.local(received).day.julianDay, default: 0] += 1 }
            if one.resolved > 0, let ended = facts.endedAt { resolvedPerDay[WorkingTime.local(ended).day.julianDay, default: 0] += 1 }
            total = total + one
            let (key, label): (String, String) = switch grouping {
            case .unit: (line.unit_id.uuidString, unitNames[line.unit_id] ?? "")
            case .field: (line.field_id.uuidString, fieldNames[line.field_id] ?? "")
            case .procedure: (line.procedure_code, "\(line.procedure_code) – \(line.procedure_name)")
            case .officer: (line.assignee_id?.uuidString ?? "-", line.assignee_name ?? "Chưa phân công")
            }
            groups[key] = (groups[key] ?? PeriodFigures()) + one
            labels[key] = label
        }
        return Report(from: from.description, to: to.description, scope: scope, grouping: grouping.label, total: Figures(total),
                      rows: groups.map { Row(key: $0.key, label: labels[$0.key] ?? "", figures: Figures($0.value)) }
                        .sorted { ($0.figures.toHandle, $1.label) > ($1.figures.toHandle, $0.label) },
                      days: (from.julianDay...to.julianDay).map { jd in
                          Day(day: CivilDate(julianDay: jd).description, received: receivedPerDay[jd] ?? 0, resolved: resolvedPerDay[jd] ?? 0)
                      })
    }

    static func day(_ raw: String?, field: String) throws -> CivilDate? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let day = CivilDateParser.parse(raw.trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid([.init(field: field, message: "Ngày phải có dạng năm-tháng-ngày, ví dụ 2025-07-01.")])
        }
        return day
    }
}
