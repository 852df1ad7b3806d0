import Fluent
import Foundation
import MotCuaCore
import SQLKit

/// Reads the tallies of a period: per group (unit, field, procedure or officer) the sum of the days
/// before the period (what was open and overdue when it began) and of its own days, taking whole
/// months from the month rows, so a year costs about as much as a month. Every part is one range
/// of the unique index (dimension, unit, span, day), so the database reads only the rows it adds.
enum TallyReader {
    /// Calendar days in Vietnam, as Julian day numbers; `end` is the day after the last.
    struct Period: Equatable {
        let start: Int
        let end: Int

        init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        init(from: CivilDate, to: CivilDate) {
            self.init(start: from.julianDay, end: to.julianDay + 1)
        }

        /// Rows of one span from day `from` up to (not including) `to`, added or (`subtracted`) taken away.
        struct Range: Equatable {
            let span: TallyLedger.Span
            let from: Int?
            let to: Int
            var subtracted = false
        }

        /// The rows holding the days before the period.
        var before: [Range] { Self.cover(from: nil, to: start) }

        /// The rows holding the period's own days.
        var during: [Range] { Self.cover(from: start, to: end) }

        /// Rows that add up to the days `from..<to` (nil: from the beginning): whole months from the
        /// month rows; a partial month from its day rows, or — when that needs fewer — as its month
        /// row less the day rows it does not cover.
        static func cover(from: Int?, to: Int) -> [Range] {
            var ranges: [Range] = []
            /// Days `a..<b` within the month starting `month`.
            func part(_ month: Int, _ a: Int, _ b: Int) {
                guard a < b else { return }
                let next = nextMonthStart(after: month)
                if b - a <= (next - month) / 2 {
                    ranges.append(Range(span: .day, from: a, to: b))
                } else {
                    ranges.append(Range(span: .month, from: month, to: month + 1))
                    if month < a { ranges.append(Range(span: .day, from: month, to: a, subtracted: true)) }
                    if b < next { ranges.append(Range(span: .day, from: b, to: next, subtracted: true)) }
                }
            }
            let lastMonth = TallyLedger.monthStart(of: to)
            guard let from else {
                ranges.append(Range(span: .month, from: nil, to: lastMonth))
                part(lastMonth, lastMonth, to)
                return ranges
            }
            let firstMonth = TallyLedger.monthStart(of: from)
            if firstMonth == lastMonth {
                part(firstMonth, from, to)
                return ranges
            }
            let firstWhole = firstMonth == from ? from : nextMonthStart(after: from)
            part(firstMonth, from, firstWhole)
            if firstWhole < lastMonth { ranges.append(Range(span: .month, from: firstWhole, to: lastMonth)) }
            part(lastMonth, lastMonth, to)
            return ranges
        }

        static func nextMonthStart(after day: Int) -> Int {
            let date = CivilDate(julianDay: day)
            return date.month == 12 ? CivilDate(year: date.year + 1, month: 1, day: 1).julianDay
                : CivilDate(year: date.year, month: date.month + 1, day: 1).julianDay
        }
    }

    /// A group's tallies before and during the period.
    struct Sums {
        var before = DossierTally()
        var during = DossierTally()

        var figures: PeriodFigures { PeriodFigures(before: before, during: during) }

        static func + (lhs: Sums, rhs: Sums) -> Sums {
            Sums(before: lhs.before + rhs.before, during: lhs.during + rhs.during)
        }
    }

    struct Group: Hashable {
        /// nil when the groups span the units.
        let unitID: UUID?
        let key: String
    }

    /// The rows of `dimension` of the units in the ranges, each marked with its part (0 before the
    /// period, 1 during it; 2 and 3 for rows to take away from them), as one UNION ALL of index ranges.
    static func rows(_ dimension: TallyLedger.Dimension, units: [UUID], parts: [(part: Int, ranges: [Period.Range])],
                     columns: String, condition: String = "") -> SQLQueryString {
        var query: SQLQueryString = ""
        var first = true
        for (part, ranges) in parts {
            for range in ranges {
                if !first { query = query + " UNION ALL " }
                first = false
                query = query + """
                    SELECT \(unsafeRaw: columns), \(literal: part + (range.subtracted ? 2 : 0)) AS part FROM dossier_tallies WHERE dimension = \(bind: dimension.rawValue)
                      AND unit_id IN (\(binds: units)) AND span = \(bind: range.span.rawValue)\(unsafeRaw: range.from.map { " AND day >= \($0)" } ?? "") AND day < \(literal: range.to)\(unsafeRaw: condition)
                    """
            }
        }
        return query
    }

    // PostgreSQL sums BIGINT columns as NUMERIC: every sum is cast back to BIGINT.

    /// The sums of each group of `dimension` over `units`, per unit (`perUnit`) or across them.
    static func sums(_ dimension: TallyLedger.Dimension, units: [UUID], period: Period, perUnit: Bool,
                     on db: any Database) async throws -> [Group: Sums] {
        guard !units.isEmpty else { return [:] }
        let counters = DossierTally.Counter.allCases.map(\.rawValue)
        let groups = perUnit ? "key, unit_id" : "key"
        let inner = rows(dimension, units: units, parts: [(0, period.before), (1, period.during)], columns: "\(groups), \(counters.joined(separator: ", "))")
        let sums = counters.map { "CAST(SUM(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", ")
        let query: SQLQueryString = "SELECT \(unsafeRaw: groups), part, \(unsafeRaw: sums) FROM (" + inner + ") t GROUP BY \(unsafeRaw: groups), part"
        var result: [Group: Sums] = [:]
        for row in try await (db as! any SQLDatabase).raw(query).all() {
            let group = Group(unitID: perUnit ? try row.decode(column: "unit_id", as: UUID.self) : nil, key: try row.decode(column: "key", as: String.self))
            let tally = DossierTally(values: try counters.map { try row.decode(column: $0, as: Int.self) })
            switch try row.decode(column: "part", as: Int.self) {
            case 0: result[group, default: Sums()].before += tally
            case 1: result[group, default: Sums()].during += tally
            case 2: result[group, default: Sums()].before += -tally
            default: result[group, default: Sums()].during += -tally
            }
        }
        return result
    }

    /// Received and resolved (processed: status 9) per day of the units, days without either left out.
    static func days(units: [UUID], period: Period, on db: any Database) async throws -> [Int: (received: Int, resolved: Int)] {
        guard !units.isEmpty else { return [:] }
        struct Day: Decodable { let day: Int; let received: Int; let resolved: Int }
        let rows = try await (db as! any SQLDatabase).select().column("day")
            .column(SQLRaw("CAST(SUM(received_online + received_direct + received_postal) AS BIGINT)"), as: "received")
            .column(SQLRaw("CAST(SUM(early + on_time + late) AS BIGINT)"), as: "resolved")
            .from(TallyLedger.schema).where("dimension", .equal, TallyLedger.Dimension.unit.rawValue).where("unit_id", .in, SQLBind.group(units))
            .where("span", .equal, TallyLedger.Span.day.rawValue).where("day", .greaterThanOrEqual, period.start).where("day", .lessThan, period.end)
            .groupBy("day").all(decoding: Day.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.day, ($0.received, $0.resolved)) })
    }

    /// How many of the procedures offered online (partly or fully) received an online dossier in
    /// the period (Decision 766 indicator 3.2): per unit, among the procedures it receives, and in
    /// the whole province.
    static func onlineProceduresUsed(units: [UUID], provinceID: UUID, period: Period,
                                     on db: any Database) async throws -> (perUnit: [UUID: Int], province: Int) {
        guard !units.isEmpty else { return ([:], 0) }
        struct Used: Decodable { let unit_id: UUID; let key: String }
        // The (unit, procedure) pairs with an online dossier, then counted in both ways; only rows
        // with online dossiers are read (a partial index holds them), the others add nothing.
        let inner = rows(.procedure, units: units, parts: [(1, period.during)], columns: "unit_id, key, received_online", condition: " AND received_online > 0")
        let query: SQLQueryString = """
            SELECT t.unit_id, t.key FROM (SELECT unit_id, key FROM (
            """ + inner + """
            ) r GROUP BY unit_id, key HAVING SUM(CASE WHEN part = 3 THEN -received_online ELSE received_online END) > 0) t
            JOIN procedures p ON p.code = t.key AND p.province_id = \(bind: provinceID) AND p.online_level IN ('full', 'partial')
            JOIN unit_procedures up ON up.unit_id = t.unit_id AND up.procedure_id = p.id
            """
        let pairs = try await (db as! any SQLDatabase).raw(query).all(decoding: Used.self)
        return (Dictionary(grouping: pairs, by: \.unit_id).mapValues(\.count), Set(pairs.map(\.key)).count)
    }
}
