import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The monitoring dashboard (/giam-sat): a period's figures for the unit or the province, the daily
/// trend and the on-time rate per group as SVG drawn on the server, drill-down from province to
/// unit to field to procedure to officer, and the dossiers overdue or due soon; refreshed every
/// minute by a small script (the page works without it).
struct DashboardPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.dashboard.pathComponents, use: page)
        routes.get(SiteURL.dashboardDossiers.pathComponents, use: dossiers)
    }

    struct Card: Encodable {
        let label: String
        let value: String
        let note: String?
    }

    struct TrendBar: Encodable {
        let x: Double
        let barWidth: Double
        let receivedY: Double
        let receivedHeight: Double
        let resolvedX: Double
        let resolvedY: Double
        let resolvedHeight: Double
        let label: String?
        let title: String
    }

    struct RateBar: Encodable {
        let label: String
        let fullLabel: String
        let y: Int
        let width: Int
        let rate: String
        /// "on-time", "late", or "none" (nothing resolved yet: the rate counts only dossiers still in time).
        let kind: String
    }

    /// One field's work: resolved, in progress within the deadline, overdue (stacked).
    struct WorkBar: Encodable {
        let label: String
        let y: Int
        let resolvedWidth: Int
        let withinWidth: Int
        let overdueWidth: Int
        let text: String
    }

    struct TableRow: Encodable {
        struct Cell: Encodable {
            let label: String
            let value: String
        }
        let label: String
        let link: String?
        /// The group's dossiers.
        let dossiers: String?
        let cells: [Cell]
    }

    static let columns = ["Cần xử lý", "Tiếp nhận", "Đã giải quyết", "Trước hạn", "Đúng hạn", "Quá hạn", "Đang trong hạn", "Đang quá hạn", "Đúng hạn (766)"]

    struct DossierLine: Encodable {
        let code: String
        let procedure: String
        let appointment: String
        let holder: String
    }

    struct Context: Encodable {
        let layout: Layout
        let scope: String
        let from: String
        let to: String
        /// The period as a person reads it: `từ 01/12/2026 đến 02/12/2026`.
        let period: String
        let unitCode: String
        let grouping: String
        let groupings: [Option]
        let cards: [Card]
        let trend: [TrendBar]
        let trendWidth: Int
        let trendMax: Int
        let trendHalf: Int
        let rateBars: [RateBar]
        let rateHeight: Int
        let workBars: [WorkBar]
        let workHeight: Int
        let groupLabel: String
        /// When the procedures are one field's: the page with all of them.
        let allFields: String?
        let fieldID: String?
        let rows: [TableRow]
        let overdue: [DossierLine]
        let dueSoon: [DossierLine]
        let download: String
    }

    /// The daily chart's left margin (the axis figures) and plotting width, in its own units: the
    /// chart scales to the card, so these fix the proportions (and the text size on a phone).
    static let trendLeft = 44.0
    static let trendPlotWidth = 476.0

    static func percent(_ value: Double?) -> String { value.map(VietnameseFormat.percent) ?? "–" }

    /// `từ 01/12/2026 đến 02/12/2026`.
    static func periodText(from: String, to: String) -> String {
        "từ \(CivilDateParser.vietnamese(from)) đến \(CivilDateParser.vietnamese(to))"
    }

    @Sendable func page(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let unitCode = req.query[String.self, at: "don-vi"] ?? ""
        let (model, grouping) = try await Dashboard.model(for: principal, unitCode: unitCode, grouping: req.query[String.self, at: "theo"],
                                                          from: req.query[String.self, at: "tu"], to: req.query[String.self, at: "den"], now: req.now, on: req.db)
        let report = model.report
        let codes = try await Self.unitCodes(report, grouping: grouping, on: req.db)
        // Followed from a field's row: that field's procedures only.
        let field = try await Self.field(req.query[String.self, at: "linh-vuc"], grouping: grouping, on: req.db)
        let listed = try await Self.rows(report.rows, ofField: field, on: req.db)
        let t = report.total
        let cards = [
            Card(label: "Cần xử lý", value: VietnameseFormat.integer(t.toHandle),
                 note: "Tiếp nhận \(VietnameseFormat.integer(t.received)) (trực tuyến \(VietnameseFormat.integer(t.receivedOnline))), kỳ trước chuyển sang \(VietnameseFormat.integer(t.carriedOver))"),
            Card(label: "Đã giải quyết", value: VietnameseFormat.integer(t.resolved),
                 note: "Trước hạn \(VietnameseFormat.integer(t.early)), đúng hạn \(VietnameseFormat.integer(t.onTime)), quá hạn \(VietnameseFormat.integer(t.late))"),
            Card(label: "Đang giải quyết", value: VietnameseFormat.integer(t.inProgress),
                 note: "Trong hạn \(VietnameseFormat.integer(t.inProgressWithinDeadline)), quá hạn \(VietnameseFormat.integer(t.inProgressOverdue))"),
            Card(label: "Đúng hạn (QĐ 766)", value: Self.percent(t.onTimeRate766), note: "Giải quyết đúng và trước hạn: \(Self.percent(t.resolvedOnTimeRate))"),
        ]
        // Daily trend: the last 31 days of the period, received (grey) and resolved (green) side by
        // side, spread over the whole width; about six day labels, the last day always.
        let days = Array(report.days.suffix(31))
        let top = max(days.map { max($0.received, $0.resolved) }.max() ?? 0, 1)
        let slot = Self.trendPlotWidth / Double(max(days.count, 1))
        let labelEvery = max(1, (days.count + 5) / 6)
        let trend = days.enumerated().map { index, day -> TrendBar in
            let received = Double(day.received) * 160 / Double(top), resolved = Double(day.resolved) * 160 / Double(top)
            let parts = day.day.split(separator: "-")
            let x = Self.trendLeft + Double(index) * slot + slot * 0.1
            let labelled = (days.count - 1 - index) % labelEvery == 0
            return TrendBar(x: x, barWidth: slot * 0.38, receivedY: 180 - received, receivedHeight: received, resolvedX: x + slot * 0.4,
                            resolvedY: 180 - resolved, resolvedHeight: resolved,
                            label: labelled && parts.count == 3 ? "\(parts[2])/\(parts[1])" : nil,
                            title: "\(day.day): tiếp nhận \(day.received), giải quyết \(day.resolved)")
        }
        func link(_ row: DossierStatistics.Row) -> String? {
            var query = "tu=\(report.from)&den=\(report.to)"
            switch grouping {
            case .unit: guard let code = codes[row.key] else { return nil }; query += "&don-vi=\(code)&theo=field"
            case .field: query += "&don-vi=\(unitCode)&theo=procedure&linh-vuc=\(row.key)"
            case .procedure: query += "&don-vi=\(unitCode)&theo=officer"
            case .officer: return dossierLink(row)
            }
            return SiteURL.dashboard.path + "?" + query
        }
        /// A group's dossiers (one unit's fields, procedures and officers).
        func dossierLink(_ row: DossierStatistics.Row) -> String? {
            guard grouping != .unit, !unitCode.isEmpty || principal.reach(.readStatistics) == .unit(principal.actor.unitID ?? UUID()) else { return nil }
            let key = row.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
            return SiteURL.dashboardDossiers.path + "?tu=\(report.from)&den=\(report.to)&don-vi=\(unitCode)&theo=\(grouping.rawValue)&ma=\(key)"
        }
        // On-time rates, best first (equal rates in Vietnamese alphabetical order, groups with nothing
        // resolved yet last); the label on its own line so that it stays readable on a phone.
        func rank(_ row: DossierStatistics.Row) -> Double { row.figures.resolved == 0 ? -1 : row.figures.onTimeRate766 ?? -2 }
        let shown = Array(listed.prefix(15)).sorted { a, b in
            rank(a) != rank(b) ? rank(a) > rank(b) : VietnameseText.precedes(a.label, b.label)
        }
        let rateBars = shown.enumerated().map { index, row in
            let f = row.figures
            let kind = f.resolved == 0 ? "none" : (f.onTimeRate766 ?? 0) >= 95 ? "on-time" : "late"
            return RateBar(label: VietnameseFormat.shortened(row.label, to: 26), fullLabel: row.label, y: index * 56,
                           width: Int(((f.onTimeRate766 ?? 0) * 4).rounded()),
                           rate: Self.percent(f.onTimeRate766) + (kind == "none" ? " (chưa giải quyết)" : ""), kind: kind)
        }
        let busiest = Array(model.fields.prefix(10))
        let most = max(busiest.map(\.figures.toHandle).max() ?? 1, 1)
        let workBars = busiest.enumerated().map { index, row in
            let f = row.figures, width = { (count: Int) in count * 260 / most }
            return WorkBar(label: VietnameseFormat.shortened(row.label, to: 34), y: index * 60, resolvedWidth: width(f.resolved), withinWidth: width(f.inProgressWithinDeadline),
                           overdueWidth: width(f.inProgressOverdue),
                           text: "\(VietnameseFormat.integer(f.toHandle)) (giải quyết \(VietnameseFormat.integer(f.resolved)))")
        }
        var download = "/api/v1/statistics/dossiers?from=\(report.from)&to=\(report.to)&groupBy=\(grouping.rawValue)"
        if !unitCode.isEmpty { download += "&unitCode=\(unitCode)" }
        return try await req.view.render("Monitoring/dashboard", Context(
            layout: Layout(request: req, title: "Giám sát giải quyết hồ sơ – \(report.scope)"), scope: report.scope, from: report.from, to: report.to,
            period: Self.periodText(from: report.from, to: report.to),
            unitCode: unitCode, grouping: grouping.rawValue,
            groupings: DossierStatistics.Grouping.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == grouping) },
            cards: cards, trend: trend, trendWidth: Int(Self.trendLeft + Self.trendPlotWidth), trendMax: top, trendHalf: top / 2,
            rateBars: rateBars, rateHeight: max(shown.count * 56, 56),
            workBars: workBars, workHeight: max(workBars.count * 60, 60),
            groupLabel: grouping.label + (field.map { " · lĩnh vực \($0.name)" } ?? ""),
            allFields: field.map { _ in SiteURL.dashboard.path + "?tu=\(report.from)&den=\(report.to)&don-vi=\(unitCode)&theo=procedure" },
            fieldID: field?.id?.uuidString,
            rows: listed.map { row in
                let f = row.figures
                let values = [f.toHandle, f.received, f.resolved, f.early, f.onTime, f.late, f.inProgressWithinDeadline, f.inProgressOverdue]
                    .map(VietnameseFormat.integer) + [Self.percent(f.onTimeRate766)]
                return TableRow(label: row.label, link: link(row), dossiers: grouping == .officer ? nil : dossierLink(row),
                                cells: zip(Self.columns, values).map { .init(label: $0, value: $1) })
            },
            overdue: model.overdue.map(Self.line), dueSoon: model.dueSoon.map(Self.line), download: download))
    }

    /// The field a procedure view is filtered by (`linh-vuc`, a field id), if any.
    static func field(_ raw: String?, grouping: DossierStatistics.Grouping, on db: any Database) async throws -> ProcedureField? {
        guard grouping == .procedure, let id = raw.flatMap(UUID.init(uuidString:)) else { return nil }
        return try await ProcedureField.find(id, on: db)
    }

    /// Procedure rows of one field (all rows without a field).
    static func rows(_ rows: [DossierStatistics.Row], ofField field: ProcedureField?, on db: any Database) async throws -> [DossierStatistics.Row] {
        guard let field else { return rows }
        let codes = Set(try await Procedure.query(on: db).filter(\.$field.$id == field.id!).all(\.$code))
        return rows.filter { codes.contains($0.key) }
    }

    static func line(_ dossier: Dashboard.DossierLine) -> DossierLine {
        DossierLine(code: dossier.code, procedure: dossier.procedure, appointment: dossier.appointmentAt.map(VietnameseFormat.dateTime) ?? "–",
                    holder: dossier.holder)
    }

    /// Unit codes by unit id, for the province's rows.
    static func unitCodes(_ report: DossierStatistics.Report, grouping: DossierStatistics.Grouping, on db: any Database) async throws -> [String: String] {
        guard grouping == .unit else { return [:] }
        let ids = report.rows.compactMap { UUID(uuidString: $0.key) }
        return Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!.uuidString, $0.code) })
    }

    struct DossiersContext: Encodable {
        let layout: Layout
        let heading: String
        let back: String
        let rows: [DossierRow]
    }

    struct DossierRow: Encodable {
        let code: String
        let procedure: String
        let status: String
        let received: String
        let appointment: String
        let state: String
        let urgencyClass: String
    }

    /// The dossiers of one field, procedure or officer of a unit in the period.
    @Sendable func dossiers(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let unitCode = req.query[String.self, at: "don-vi"] ?? ""
        let (units, _) = try await ReadableUnits.units(for: principal, .readStatistics, unitCode: unitCode, on: req.db)
        guard units.count == 1, let unit = units.first else { throw AppError.badRequest("Chọn một đơn vị.") }
        guard let grouping = DossierStatistics.Grouping(rawValue: req.query[String.self, at: "theo"] ?? ""), grouping != .unit else {
            throw AppError.badRequest("Chia theo lĩnh vực, thủ tục hoặc cán bộ.")
        }
        let key = String((req.query[String.self, at: "ma"] ?? "").prefix(60))
        guard !key.isEmpty else { throw AppError.badRequest("Chọn lĩnh vực, thủ tục hoặc cán bộ để xem hồ sơ.") }
        let (from, to) = try DossierStatistics.period(from: req.query[String.self, at: "tu"], to: req.query[String.self, at: "den"], now: req.now)
        let lines = try await Dashboard.dossiers(unit: unit, grouping: grouping, key: key, from: from, to: to, now: req.now, on: req.db)
        let label = try await DossierStatistics.labels(grouping, keys: [key], units: [unit], on: req.db)[key] ?? key
        let rows = lines.map { line in
            DossierRow(code: line.code, procedure: line.procedure, status: line.statusLabel, received: line.receivedAt.map(VietnameseFormat.dateTime) ?? "–",
                       appointment: line.appointmentAt.map(VietnameseFormat.dateTime) ?? "–",
                       state: line.urgency?.label ?? line.timeliness?.label ?? "", urgencyClass: line.urgency?.rawValue ?? "")
        }
        return try await req.view.render("Monitoring/dossiers", DossiersContext(
            layout: Layout(request: req, title: "Hồ sơ – \(label)"), heading: "\(grouping.label): \(label) · \(unit.name) · \(Self.periodText(from: "\(from)", to: "\(to)"))",
            back: SiteURL.dashboard.path + "?tu=\(from)&den=\(to)&don-vi=\(unitCode)&theo=\(grouping.rawValue)", rows: rows))
    }
}
