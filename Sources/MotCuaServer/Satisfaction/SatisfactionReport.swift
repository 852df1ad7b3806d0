import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The monthly satisfaction survey summary a center reports: ratings per level and criterion, per
/// officer (as receiver and as processor) and per unit, with the month's feedback figures.
enum SatisfactionReport {
    struct Figures: Content {
        let forms: Int
        let unsatisfied: Int
        let satisfied: Int
        let verySatisfied: Int
        /// Percent of forms at "Hài lòng" or better; nil without forms.
        let satisfiedPercent: Double?

        init(_ summary: SatisfactionSummary) {
            forms = summary.total
            unsatisfied = summary.count(.unsatisfied)
            satisfied = summary.count(.satisfied)
            verySatisfied = summary.count(.verySatisfied)
            satisfiedPercent = summary.satisfiedPercent.map { ($0 * 10).rounded() / 10 }
        }
    }

    struct CriterionRow: Content {
        let code: String
        let label: String
        let rated: Int
        /// Mean level 1–3, two decimals.
        let mean: Double?
    }

    struct PersonRow: Content {
        let name: String
        let role: String
        let figures: Figures
    }

    struct UnitRow: Content {
        let unitCode: String
        let unitName: String
        let figures: Figures
    }

    struct FeedbackFigures: Content {
        let received: Int
        let published: Int
        let refused: Int
        let answersRated: Int
        /// Published answers with more "not useful" than "useful" reactions (counted as unsatisfied by Decision 766).
        let answersUnsatisfied: Int
    }

    struct Summary: Content {
        let month: String
        let scope: String
        let overall: Figures
        let levels: [String: Double]
        let criteria: [CriterionRow]
        let officers: [PersonRow]
        let units: [UnitRow]
        let feedback: FeedbackFigures
    }

    /// `2026-11` → the month's first moment and the next month's, in Vietnam's time.
    static func month(_ raw: String?, now: Date) throws -> (label: String, start: Date, end: Date) {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        let today = VietnameseFormat.civilDate(of: now)
        var (year, month) = (today.year, today.month)
        if !text.isEmpty {
            let parts = text.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (2000...2099).contains(y), (1...12).contains(m) else {
                throw AppError.invalid([.init(field: "month", message: "Tháng phải có dạng năm-tháng, ví dụ 2026-11.")])
            }
            (year, month) = (y, m)
        }
        let next = month == 12 ? (year + 1, 1) : (year, month + 1)
        return (String(format: "%04d-%02d", year, month), WorkingTime.moment(CivilDate(year: year, month: month, day: 1), 0),
                WorkingTime.moment(CivilDate(year: next.0, month: next.1, day: 1), 0))
    }

    static func summary(units: [OrgUnit], scope: String, month raw: String?, now: Date, on db: any Database) async throws -> Summary {
        let (label, start, end) = try month(raw, now: now)
        let ids = units.compactMap(\.id)
        let ratings = try await SatisfactionRating.query(on: db).filter(\.$unitID ~~ ids).filter(\.$ratedAt >= start).filter(\.$ratedAt < end).all()
        let overall = SatisfactionSummary(forms: ratings.map { ($0.level, $0.criteria) })
        func figures(_ subset: [SatisfactionRating]) -> Figures { Figures(SatisfactionSummary(forms: subset.map { ($0.level, [:]) })) }
        var officers: [PersonRow] = []
        for (name, subset) in Dictionary(grouping: ratings.filter { $0.receiverName != nil }, by: { $0.receiverName! }) {
            officers.append(PersonRow(name: name, role: "Tiếp nhận", figures: figures(subset)))
        }
        for (name, subset) in Dictionary(grouping: ratings.filter { $0.assigneeName != nil }, by: { $0.assigneeName! }) {
            officers.append(PersonRow(name: name, role: "Thụ lý", figures: figures(subset)))
        }
        officers.sort { ($0.name, $0.role) < ($1.name, $1.role) }
        let byUnit = Dictionary(grouping: ratings, by: \.unitID)
        let unitRows = units.count > 1 ? units.map { UnitRow(unitCode: $0.code, unitName: $0.name, figures: figures(byUnit[$0.id!] ?? [])) } : []
        let items = FeedbackItem.query(on: db).filter(\.$unit.$id ~~ ids)
        let received = try await items.copy().filter(\.$submittedAt >= start).filter(\.$submittedAt < end).count()
        let published = try await items.copy().filter(\.$publishedAt >= start).filter(\.$publishedAt < end).all()
        let refused = try await items.copy().filter(\.$status == .refused).filter(\.$closedAt >= start).filter(\.$closedAt < end).count()
        let rated = published.filter { $0.usefulCount + $0.notUsefulCount > 0 }
        return Summary(
            month: label, scope: scope, overall: Figures(overall),
            levels: Dictionary(uniqueKeysWithValues: SatisfactionLevel.allCases.compactMap { level in
                overall.percent(level).map { (String(level.rawValue), ($0 * 10).rounded() / 10) }
            }),
            criteria: SatisfactionCriterion.allCases.map { criterion in
                CriterionRow(code: criterion.rawValue, label: criterion.label, rated: overall.criteria[criterion]?.rated ?? 0,
                             mean: overall.mean(criterion).map { ($0 * 100).rounded() / 100 })
            },
            officers: officers, units: unitRows,
            feedback: FeedbackFigures(received: received, published: published.count, refused: refused, answersRated: rated.count,
                                      answersUnsatisfied: rated.filter { AnswerReactions(useful: $0.usefulCount, notUseful: $0.notUsefulCount).isUnsatisfied }.count))
    }
}
