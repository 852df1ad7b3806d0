import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The Decision 766 page (/giam-sat/chi-so-766): the scorecard of the province or a unit for a
/// month, quarter or year — points per group as a server-drawn chart, every indicator with its
/// inputs, threshold and points, those MotCua cannot compute said so — and the ranking of the
/// province's units.
struct Index766Pages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.index766.pathComponents, use: page)
    }

    struct Card: Encodable {
        let label: String
        let value: String
        let note: String
    }

    struct GroupBar: Encodable {
        let label: String
        let y: Int
        let maxWidth: Int
        let attainableWidth: Int
        let pointsWidth: Int
        let text: String
    }

    struct Row: Encodable {
        let code: String
        let title: String
        let inputs: String
        let rate: String
        let target: String
        let points: String
        let note: String
        let state: String
    }

    struct Section: Encodable {
        let heading: String
        let rows: [Row]
    }

    struct Ranked: Encodable {
        let rank: String
        let name: String
        let link: String?
        let points: String
        let percent: String
        let barWidth: Int
        let isOwn: Bool
    }

    struct Context: Encodable {
        let layout: Layout
        let scope: String
        let periodLabel: String
        let from: String
        let to: String
        let unitCode: String
        let provinceLink: String
        let periods: [Option]
        let cards: [Card]
        let bars: [GroupBar]
        let barsHeight: Int
        let sections: [Section]
        let ranking: [Ranked]
        let json: String
    }

    static let chartWidth = 260.0

    @Sendable func page(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let unitCode = req.query[String.self, at: "don-vi"] ?? ""
        let report = try await Index766Report.make(for: principal, period: req.query[String.self, at: "ky"], unitCode: unitCode, now: req.now, on: req.db)
        let card = report.scorecard
        let decimal = { VietnameseFormat.decimal($0) }
        let percent = { (value: Double?) in value.map { VietnameseFormat.decimal($0) + "%" } ?? "–" }
        var cards = [
            Card(label: "Điểm", value: "\(decimal(card.points)) / \(decimal(card.attainable))",
                 note: "Trên tổng 100 điểm của Bộ chỉ số; các chỉ số MotCua chưa tính được không có điểm"),
            Card(label: "Tỷ lệ điểm đạt", value: percent(card.percent), note: "Điểm đạt trên điểm tối đa của các chỉ số tính được"),
        ]
        if let rank = report.rank {
            cards.append(Card(label: "Xếp hạng", value: "\(rank)/\(report.rankedUnits)", note: "Trong các đơn vị của tỉnh, theo tỷ lệ điểm đạt"))
        } else if report.unitCode == nil {
            cards.append(Card(label: "Đơn vị xếp hạng", value: VietnameseFormat.integer(report.rankedUnits), note: "Các đơn vị tiếp nhận thủ tục của tỉnh"))
        }
        let scale = Self.chartWidth / 22  // the largest group has 22 points
        let bars = card.groups.enumerated().map { index, group in
            GroupBar(label: group.label, y: index * 68, maxWidth: Int(group.maxPoints * scale), attainableWidth: Int(group.attainable * scale),
                     pointsWidth: Int((group.points * scale).rounded()),
                     text: "\(decimal(group.points)) / \(decimal(group.attainable)) (tối đa \(decimal(group.maxPoints)))")
        }
        let sections = card.groups.enumerated().map { index, group in
            Section(heading: "\(index + 1). \(group.label) — \(decimal(group.points)) / \(decimal(group.attainable)) điểm (tối đa \(decimal(group.maxPoints)))",
                    rows: card.lines.filter { $0.group == group.code }.map { line in
                        let inputs = line.numerator.map { numerator in
                            "\(line.numeratorLabel): \(VietnameseFormat.integer(numerator)) / \(line.denominatorLabel): \(VietnameseFormat.integer(line.denominator ?? 0))"
                        } ?? "–"
                        let note: String = switch line.state {
                        case "unavailable": "Chưa tính được: \(line.unavailable ?? "")"
                        case "no_data": "Không có số liệu trong kỳ: không tính vào điểm."
                        case "not_scored": line.maxPoints == 0 ? "Chỉ theo dõi, không chấm điểm." : "Chưa xác định điểm tối đa riêng."
                        default: line.target == nil ? "Điểm = tỷ lệ × điểm tối đa (cách quy đổi chưa được xác nhận)." : ""
                        }
                        return Row(code: line.code, title: line.title, inputs: inputs, rate: percent(line.rate),
                                   target: line.target.map { "≥ \(decimal($0))%" } ?? "–",
                                   points: line.points.map { "\(decimal($0)) / \(decimal(line.maxPoints ?? 0))" } ?? "–",
                                   note: ([note] + line.details).filter { !$0.isEmpty }.joined(separator: " · "), state: line.state)
                    })
        }
        let seesUnits = if case .province = principal.reach(.readStatistics) { true } else { false }
        let ranking = report.ranking.map { entry in
            Ranked(rank: entry.rank.map(String.init) ?? "–", name: entry.unitName,
                   link: seesUnits ? SiteURL.index766.path + "?ky=\(report.period)&don-vi=\(entry.unitCode)" : nil,
                   points: "\(decimal(entry.points)) / \(decimal(entry.attainable))", percent: percent(entry.percent),
                   barWidth: Int(((entry.percent ?? 0) * 1.2).rounded()), isOwn: entry.unitCode == report.unitCode)
        }
        var json = "/api/v1/statistics/index-766?period=\(report.period)"
        if let code = report.unitCode { json += "&unitCode=\(code)" }
        return try await req.view.render("Monitoring/index766", Context(
            layout: Layout(request: req, title: "Chỉ số 766 – \(report.scope)"), scope: report.scope, periodLabel: report.periodLabel,
            from: CivilDateParser.vietnamese(report.from), to: CivilDateParser.vietnamese(report.to), unitCode: seesUnits ? report.unitCode ?? "" : "", provinceLink: SiteURL.index766.path + "?ky=\(report.period)",
            periods: Self.periods(now: req.now).map { Option(value: $0.description, label: $0.label, selected: $0.description == report.period) },
            cards: cards, bars: bars, barsHeight: card.groups.count * 68, sections: sections, ranking: ranking, json: json))
    }

    /// The periods to choose from: the last twelve months, the last four quarters, this year and the last.
    static func periods(now: Date) -> [ReportingPeriod] {
        let today = VietnameseFormat.civilDate(of: now)
        var periods: [ReportingPeriod] = []
        var (year, month) = (today.year, today.month)
        for _ in 0..<12 {
            periods.append(ReportingPeriod(monthOf: CivilDate(year: year, month: month, day: 1)))
            (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1)
        }
        var quarter = (today.year, (today.month - 1) / 3 + 1)
        for _ in 0..<4 {
            periods.append(ReportingPeriod("\(quarter.0)-Q\(quarter.1)")!)
            quarter = quarter.1 == 1 ? (quarter.0 - 1, 4) : (quarter.0, quarter.1 - 1)
        }
        return periods + [ReportingPeriod("\(today.year)")!, ReportingPeriod("\(today.year - 1)")!]
    }
}
