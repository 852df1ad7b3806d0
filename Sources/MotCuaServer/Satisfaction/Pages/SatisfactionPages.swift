import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The rating form (from the receipt's QR via the tracking page, the tracking page itself, or a
/// kiosk at the counter with `?ki-ot=1`) and the monthly summary for leaders and monitors.
struct SatisfactionPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.rating.pathComponents, use: form)
        routes.post(SiteURL.rating.pathComponents, use: rate)
        routes.get(SiteURL.ratingSummary.pathComponents, use: summary)
    }

    struct CriterionRow: Encodable {
        let code: String
        let label: String
        let levels: [Option]
    }

    struct FormContext: Encodable {
        let layout: Layout
        let code: String
        let digits: String
        let kiosk: Bool
        let problem: String?
        /// The dossier was found and may be rated now.
        let ready: Bool
        let procedure: String?
        let unitName: String?
        let levels: [Option]
        let criteria: [CriterionRow]
        let comment: String
        let existing: String?
        let done: Bool
    }

    @Sendable func form(req: Request) async throws -> Response {
        try await render(req, code: req.query[String.self, at: "ma"] ?? "", digits: req.query[String.self, at: "so"] ?? "",
                         kiosk: req.query[String.self, at: "ki-ot"] == "1", done: req.query[String.self, at: "xong"] == "1", input: nil, problem: nil)
    }

    private func render(_ req: Request, code: String, digits: String, kiosk: Bool, done: Bool, input: SatisfactionDesk.RatingInput?,
                        problem given: String?, status: HTTPStatus = .ok) async throws -> Response {
        var problem = given
        var status = status
        var dossier: Dossier?
        var proved = false
        var existing: SatisfactionRating?
        if !code.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let (found, proof) = try await SatisfactionDesk.dossier(code: code, phoneDigits: digits, in: req.context)
                dossier = found
                proved = proof != nil
                if problem == nil, !SatisfactionDesk.ratable.contains(found.status) {
                    problem = "Hồ sơ \(found.code) chưa có kết quả (\(found.status.publicLabel)); ông/bà đánh giá sau khi nhận kết quả."
                }
                existing = try await SatisfactionRating.query(on: req.db).filter(\.$dossier.$id == found.id!).first()
            } catch let error as AppError {
                problem = problem ?? error.detail
                status = error.status
            }
        }
        let level = input?.level ?? existing?.level.rawValue
        let chosen = input.map { $0.criteria ?? [:] } ?? Dictionary(uniqueKeysWithValues: (existing?.criteria ?? [:]).map { ($0.key.rawValue, $0.value.rawValue) })
        let unit = if let dossier { try await OrgUnit.find(dossier.$unit.id, on: req.db) } else { OrgUnit?.none }
        let context = FormContext(
            layout: Layout(request: req, title: "Đánh giá mức độ hài lòng", forms: true), code: code, digits: proved ? digits : "", kiosk: kiosk,
            problem: problem, ready: proved && dossier.map { SatisfactionDesk.ratable.contains($0.status) } == true, procedure: dossier?.procedureName, unitName: unit?.name,
            levels: SatisfactionLevel.allCases.reversed().map { Option(value: String($0.rawValue), label: $0.label, selected: $0.rawValue == level) },
            criteria: SatisfactionCriterion.allCases.map { criterion in
                CriterionRow(code: criterion.rawValue, label: criterion.label, levels: SatisfactionLevel.allCases.reversed().map {
                    Option(value: String($0.rawValue), label: $0.label, selected: chosen[criterion.rawValue] == $0.rawValue)
                })
            },
            comment: input?.comment ?? existing?.comment ?? "",
            existing: existing.map { "Hồ sơ đã được đánh giá “\($0.level.label)”; ông/bà có thể sửa đến \(VietnameseFormat.dateTime($0.changeableUntil))." },
            done: done)
        return try await req.view.render("Satisfaction/rate", context).encodeResponse(status: status, for: req)
    }

    @Sendable func rate(req: Request) async throws -> Response {
        let form = try FormInput(req)
        var criteria: [String: Int] = [:]
        for criterion in SatisfactionCriterion.allCases {
            if let level = Int(form.text("criterion-\(criterion.rawValue)")) { criteria[criterion.rawValue] = level }
        }
        let kiosk = form.text("channel") == "kiosk"
        let input = SatisfactionDesk.RatingInput(dossierCode: form.text("code"), phoneDigits: form.text("digits"), level: Int(form.text("level")),
                                                 criteria: criteria, comment: form.text("comment"), channel: kiosk ? "kiosk" : "tracking")
        do {
            _ = try await SatisfactionDesk.rate(input, in: req.context)
            let next = kiosk ? SiteURL.rating.path + "?ki-ot=1&xong=1" : SiteURL.rating.path + "?ma=\(DossierTracking.queryValue(form.text("code")))&so=\(form.text("digits").filter(\.isNumber).prefix(4))&xong=1"
            return req.redirect(to: next, flash: "Cảm ơn ông/bà đã đánh giá. Ý kiến giúp Trung tâm phục vụ tốt hơn.")
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden, .tooManyRequests].contains(error.status) {
            return try await render(req, code: form.text("code"), digits: form.text("digits"), kiosk: kiosk, done: false, input: input,
                                    problem: error.detail, status: error.status)
        }
    }

    struct SummaryContext: Encodable {
        struct Row: Encodable {
            let name: String
            let role: String
            let forms: Int
            let unsatisfied: Int
            let satisfied: Int
            let verySatisfied: Int
            let percent: String
        }
        struct Bar: Encodable {
            let label: String
            let count: Int
            let percent: String
            let width: Int
            let y: Int
            let colour: String
        }
        let layout: Layout
        let summary: SatisfactionReport.Summary
        let month: String
        /// "12/2026".
        let monthLabel: String
        let percent: String
        let bars: [Bar]
        let criteria: [Row]
        let officers: [Row]
        let units: [Row]
        let unitCode: String
    }

    static func row(_ name: String, _ role: String, _ figures: SatisfactionReport.Figures) -> SummaryContext.Row {
        .init(name: name, role: role, forms: figures.forms, unsatisfied: figures.unsatisfied, satisfied: figures.satisfied,
              verySatisfied: figures.verySatisfied, percent: figures.satisfiedPercent.map(VietnameseFormat.percent) ?? "–")
    }

    /// "2026-12" → "12/2026", as people write a month.
    static func monthLabel(_ month: String) -> String {
        let parts = month.split(separator: "-")
        return parts.count == 2 ? "\(parts[1])/\(parts[0])" : month
    }

    @Sendable func summary(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let unitCode = req.query[String.self, at: "don-vi"] ?? ""
        let (units, scope) = try await ReadableUnits.units(for: principal, .readSatisfaction, unitCode: unitCode, on: req.db)
        let summary = try await SatisfactionReport.summary(units: units, scope: scope, month: req.query[String.self, at: "thang"], now: req.now, on: req.db)
        let overall = summary.overall
        let counts: [(SatisfactionLevel, Int, String)] = [(.verySatisfied, overall.verySatisfied, "#2e7d4f"), (.satisfied, overall.satisfied, "#4a78c2"),
                                                         (.unsatisfied, overall.unsatisfied, "#b3261e")]
        let top = max(counts.map(\.1).max() ?? 0, 1)
        return try await req.view.render("Satisfaction/summary", SummaryContext(
            layout: Layout(request: req, title: "Khảo sát hài lòng tháng \(Self.monthLabel(summary.month))"), summary: summary, month: summary.month,
            monthLabel: Self.monthLabel(summary.month),
            percent: overall.satisfiedPercent.map(VietnameseFormat.percent) ?? "chưa có phiếu",
            bars: counts.enumerated().map { index, entry in
                .init(label: entry.0.label, count: entry.1,
                      percent: overall.forms == 0 ? "–" : VietnameseFormat.percent(Double(entry.1) * 100 / Double(overall.forms)),
                      width: entry.1 * 160 / top, y: 10 + index * 40, colour: entry.2)
            },
            criteria: summary.criteria.map { .init(name: $0.label, role: "", forms: $0.rated, unsatisfied: 0, satisfied: 0, verySatisfied: 0,
                                                   percent: $0.mean.map { String(format: "%.2f", $0).replacingOccurrences(of: ".", with: ",") } ?? "–") },
            officers: summary.officers.map { Self.row($0.name, $0.role, $0.figures) },
            units: summary.units.map { Self.row($0.unitName, $0.unitCode, $0.figures) }, unitCode: unitCode))
    }
}
