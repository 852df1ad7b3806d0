import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The Decision 766 report as the API and the page show it: the scorecard of the province or of
/// one unit, with each indicator's inputs, and the ranking of the province's units.
enum Index766Report {
    struct Line: Content {
        let code: String
        let group: String
        let title: String
        let numeratorLabel: String
        let denominatorLabel: String
        /// `scored`, `not_scored`, `no_data` or `unavailable`.
        let state: String
        let numerator: Int?
        let denominator: Int?
        let rate: Double?
        let points: Double?
        let maxPoints: Double?
        let target: Double?
        let details: [String]
        /// Why it cannot be computed.
        let unavailable: String?
    }

    struct Group: Content {
        let code: String
        let label: String
        let maxPoints: Double
        let points: Double
        let attainable: Double
    }

    struct Scorecard: Content {
        let points: Double
        let attainable: Double
        let percent: Double?
        let groups: [Group]
        let lines: [Line]

        init(_ card: Index766.Scorecard) {
            points = card.points
            attainable = card.attainable
            percent = card.percent
            groups = card.groups.map { Group(code: $0.group.rawValue, label: $0.group.label, maxPoints: $0.group.maxPoints, points: $0.points,
                                             attainable: $0.attainable) }
            lines = card.lines.map { line in
                let i = line.indicator
                return Line(code: i.code, group: i.group.rawValue, title: i.title, numeratorLabel: i.numerator, denominatorLabel: i.denominator,
                            state: line.state.rawValue, numerator: line.numerator, denominator: line.denominator, rate: line.rate, points: line.points,
                            maxPoints: i.maxPoints, target: i.target, details: line.details, unavailable: i.unavailable)
            }
        }
    }

    struct Ranked: Content {
        let unitCode: String
        let unitName: String
        let rank: Int?
        let points: Double
        let attainable: Double
        let percent: Double?
        /// Points per group code.
        let groups: [String: Double]
    }

    struct Report: Content {
        let period: String
        let periodLabel: String
        let from: String
        let to: String
        let scope: String
        /// Set when the scorecard is one unit's.
        let unitCode: String?
        let scorecard: Scorecard
        let rank: Int?
        let rankedUnits: Int
        let ranking: [Ranked]
    }

    /// For a person who reads statistics: the province's scorecard (or `unitCode`'s), or their own
    /// unit's; the ranking of every unit of the province either way (it is public on the national
    /// portal).
    static func make(for principal: Principal, period raw: String?, unitCode: String?, now: Date, on db: any Database) async throws -> Report {
        let (units, scope) = try await ReadableUnits.units(for: principal, .readStatistics, unitCode: unitCode, on: db)
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        let period: ReportingPeriod
        if text.isEmpty {
            period = ReportingPeriod(monthOf: VietnameseFormat.civilDate(of: now))
        } else if let parsed = ReportingPeriod(String(text.prefix(10))) {
            period = parsed
        } else {
            throw AppError.invalid([.init(field: "period", message: "Kỳ đánh giá: tháng (2026-11), quý (2026-Q4) hoặc năm (2026).")])
        }
        guard let provinceID = units.first?.$province.id ?? principal.actor.provinceID, let province = try await Province.find(provinceID, on: db) else {
            throw AppError.notFound()
        }
        let result = try await Index766Ranking.compute(province: province, period: period, now: now, on: db)
        let single = units.count == 1 ? units.first : nil
        let own = single.flatMap { unit in result.entries.first { $0.unit.id == unit.id } }
        let card: Index766.Scorecard
        if let single {
            // A unit that receives no procedures is not ranked; its scorecard still shows what it did.
            card = if let own { own.scorecard } else {
                try await Index766Ranking.compute(province: province, period: period, now: now, units: [single], on: db).entries[0].scorecard
            }
        } else {
            card = result.provinceScorecard
        }
        return Report(period: period.description, periodLabel: period.label, from: result.from.description, to: result.to.description,
                      scope: single?.name ?? scope, unitCode: single?.code, scorecard: Scorecard(card), rank: own?.rank,
                      rankedUnits: result.entries.filter { $0.rank != nil }.count,
                      ranking: result.entries.map { entry in
                          Ranked(unitCode: entry.unit.code, unitName: entry.unit.name, rank: entry.rank, points: entry.scorecard.points,
                                 attainable: entry.scorecard.attainable, percent: entry.scorecard.percent,
                                 groups: Dictionary(uniqueKeysWithValues: entry.scorecard.groups.map { ($0.group.rawValue, $0.points) }))
                      })
    }
}
