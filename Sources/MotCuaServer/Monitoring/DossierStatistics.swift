import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// A period's dossier figures for the units a person reads, in total and per unit, field,
/// procedure or officer, added up from the daily and monthly tallies (`TallyReader`).
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

    /// `from`…`to` are calendar days (inclusive) in Vietnam; by default the month so far.
    static func period(from rawFrom: String?, to rawTo: String?, now: Date) throws -> (from: CivilDate, to: CivilDate) {
        let today = VietnameseFormat.civilDate(of: now)
        let from = try day(rawFrom, field: "from") ?? CivilDate(year: today.year, month: today.month, day: 1)
        let to = try day(rawTo, field: "to") ?? today
        guard from <= to else { throw AppError.invalid([.init(field: "from", message: "Ngày bắt đầu phải trước ngày kết thúc.")]) }
        guard to.julianDay - from.julianDay <= 3_660 else { throw AppError.invalid([.init(field: "to", message: "Kỳ thống kê tối đa 10 năm.")]) }
        return (from, to)
    }

    /// The period's figures of the units, in total and per group, from the tallies.
    static func report(units: [OrgUnit], scope: String, from rawFrom: String?, to rawTo: String?, grouping: Grouping, now: Date,
                       on db: any Database) async throws -> Report {
        let (from, to) = try period(from: rawFrom, to: rawTo, now: now)
        let period = TallyReader.Period(from: from, to: to)
        try await TallyWorker.drain(on: db)
        let groups = try await Self.groups(grouping, units: units, period: period, on: db)
        let days = try await TallyReader.days(units: units.compactMap(\.id), period: period, on: db)
        let total = groups.reduce(PeriodFigures()) { $0 + $1.figures }
        return Report(from: from.description, to: to.description, scope: scope, grouping: grouping.label, total: Figures(total),
                      rows: groups.map { Row(key: $0.key, label: $0.label, figures: Figures($0.figures)) },
                      days: (period.start..<period.end).map { jd in
                          Day(day: CivilDate(julianDay: jd).description, received: days[jd]?.received ?? 0, resolved: days[jd]?.resolved ?? 0)
                      })
    }

    /// The period's figures per group, most dossiers first; groups with none left out.
    static func groups(_ grouping: Grouping, units: [OrgUnit], period: TallyReader.Period,
                       on db: any Database) async throws -> [(key: String, label: String, figures: PeriodFigures)] {
        let dimension: TallyLedger.Dimension = switch grouping {
        case .unit: .unit
        case .field: .field
        case .procedure: .procedure
        case .officer: .officer
        }
        // The whole province (what province-wide readers get) by field or procedure: its own rows.
        let owners = if units.count > 1, TallyLedger.provinceWide.contains(dimension), let province = units.first?.$province.id { [province] }
            else { units.compactMap(\.id) }
        let sums = try await TallyReader.sums(dimension, units: owners, period: period, perUnit: grouping == .unit, on: db)
        let labels = try await Self.labels(grouping, keys: sums.keys.map { grouping == .unit ? $0.unitID!.uuidString : $0.key }, units: units, on: db)
        var groups: [(key: String, label: String, figures: PeriodFigures)] = []
        for (group, sum) in sums {
            let figures = sum.figures
            guard figures.toHandle > 0 else { continue }
            let key = grouping == .unit ? group.unitID!.uuidString : group.key
            groups.append((key, labels[key] ?? key, figures))
        }
        return groups.sorted { ($0.figures.toHandle, $1.label) > ($1.figures.toHandle, $0.label) }
    }

    /// What each group is called: the unit's or field's name, "code – name" of a procedure, the
    /// officer's name.
    static func labels(_ grouping: Grouping, keys: [String], units: [OrgUnit], on db: any Database) async throws -> [String: String] {
        switch grouping {
        case .unit:
            return Dictionary(uniqueKeysWithValues: units.map { ($0.id!.uuidString, $0.name) })
        case .field:
            let ids = keys.compactMap(UUID.init(uuidString:))
            return Dictionary(uniqueKeysWithValues: try await ProcedureField.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!.uuidString, $0.name) })
        case .procedure:
            guard let provinceID = units.first?.$province.id else { return [:] }
            let procedures = try await Procedure.query(on: db).filter(\.$province.$id == provinceID).filter(\.$code ~~ keys)
                .field(\.$code).field(\.$name).all()
            return Dictionary(procedures.map { ($0.code, "\($0.code) – \($0.name)") }, uniquingKeysWith: { first, _ in first })
        case .officer:
            let ids = keys.compactMap(UUID.init(uuidString:))
            var names = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ ids).field(\.$id).field(\.$fullName).all()
                .map { ($0.id!.uuidString, $0.fullName) })
            names[TallyLedger.Keys.unassigned] = "Chưa phân công"
            return names
        }
    }

    static func day(_ raw: String?, field: String) throws -> CivilDate? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let day = CivilDateParser.parse(raw.trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid([.init(field: field, message: "Ngày phải có dạng năm-tháng-ngày, ví dụ 2025-07-01.")])
        }
        return day
    }
}
