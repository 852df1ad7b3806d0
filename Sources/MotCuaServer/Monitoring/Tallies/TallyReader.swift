import Fluent
import Foundation
import MotCuaCore
import SQLKit

/// Reads the tallies of a period: per group (unit, field, procedure or officer) the sum of the days
/// before the period (what was open and overdue when it began) and of its own days, taking whole
/// months from the month rows, so a year costs about as much as a month.
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

        /// Which rows hold the days before the period, and which its own days (integers only, so
        /// they are written into the SQL as they are).
        var conditions: (before: String, during: String) {
            let monthOfStart = TallyLedger.monthStart(of: start)
            let before = "(span = 'month' AND day < \(monthOfStart)) OR (span = 'day' AND day >= \(monthOfStart) AND day < \(start))"
            let firstWhole = monthOfStart == start ? start : Self.nextMonthStart(after: start)
            let lastWholeEnd = TallyLedger.monthStart(of: end)
            guard firstWhole < lastWholeEnd else { return (before, "(span = 'day' AND day >= \(start) AND day < \(end))") }
            return (before, "(span = 'day' AND day >= \(start) AND day < \(firstWhole)) OR (span = 'month' AND day >= \(firstWhole) AND day < \(lastWholeEnd))"
                        + " OR (span = 'day' AND day >= \(lastWholeEnd) AND day < \(end))")
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

    // PostgreSQL sums BIGINT columns as NUMERIC: every sum is cast back to BIGINT.

    /// The sums of each group of `dimension` over `units`, per unit (`perUnit`) or across them.
    static func sums(_ dimension: TallyLedger.Dimension, units: [UUID], period: Period, perUnit: Bool,
                     on db: any Database) async throws -> [Group: Sums] {
        guard !units.isEmpty else { return [:] }
        let (before, during) = period.conditions
        let counters = DossierTally.Counter.allCases.map(\.rawValue)
        var select = (db as! any SQLDatabase).select().column("key")
        if perUnit { select = select.column("unit_id") }
        for counter in counters {
            select = select.column(SQLRaw("CAST(SUM(CASE WHEN \(before) THEN \(counter) ELSE 0 END) AS BIGINT)"), as: "b_" + counter)
                .column(SQLRaw("CAST(SUM(CASE WHEN \(during) THEN \(counter) ELSE 0 END) AS BIGINT)"), as: "d_" + counter)
        }
        select = select.from(TallyLedger.schema).where("dimension", .equal, dimension.rawValue).where("unit_id", .in, SQLBind.group(units))
            .where("day", .lessThan, period.end).where(SQLRaw("((\(before)) OR (\(during)))")).groupBy("key")
        if perUnit { select = select.groupBy("unit_id") }
        var result: [Group: Sums] = [:]
        for row in try await select.all() {
            let group = Group(unitID: perUnit ? try row.decode(column: "unit_id", as: UUID.self) : nil, key: try row.decode(column: "key", as: String.self))
            result[group] = Sums(before: DossierTally(values: try counters.map { try row.decode(column: "b_" + $0, as: Int.self) }),
                                 during: DossierTally(values: try counters.map { try row.decode(column: "d_" + $0, as: Int.self) }))
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
            .from(TallyLedger.schema).where("dimension", .equal, TallyLedger.Dimension.unit.rawValue).where("span", .equal, TallyLedger.Span.day.rawValue)
            .where("unit_id", .in, SQLBind.group(units)).where("day", .greaterThanOrEqual, period.start).where("day", .lessThan, period.end)
            .groupBy("day").all(decoding: Day.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.day, ($0.received, $0.resolved)) })
    }

    /// How many of the procedures offered online (partly or fully) received an online dossier in
    /// the period (Decision 766 indicator 3.2): per unit, among the procedures it receives, and in
    /// the whole province.
    static func onlineProceduresUsed(units: [UUID], provinceID: UUID, period: Period,
                                     on db: any Database) async throws -> (perUnit: [UUID: Int], province: Int) {
        guard !units.isEmpty else { return ([:], 0) }
        let (_, during) = period.conditions
        let sql = db as! any SQLDatabase
        func used(perUnit: Bool) -> SQLQueryString {
            let unit = perUnit ? "unit_id, " : ""
            return """
                SELECT \(unsafeRaw: perUnit ? "t.unit_id, " : "")COUNT(*) AS used FROM (
                  SELECT \(unsafeRaw: unit)key FROM dossier_tallies WHERE dimension = 'procedure' AND unit_id IN (\(binds: units))
                    AND (\(unsafeRaw: during)) GROUP BY \(unsafeRaw: unit)key HAVING SUM(received_online) > 0) t
                JOIN procedures p ON p.code = t.key AND p.province_id = \(bind: provinceID) AND p.online_level IN ('full', 'partial')
                \(unsafeRaw: perUnit ? "JOIN unit_procedures up ON up.unit_id = t.unit_id AND up.procedure_id = p.id GROUP BY t.unit_id" : "")
                """
        }
        struct PerUnit: Decodable { let unit_id: UUID; let used: Int }
        struct Total: Decodable { let used: Int }
        let perUnit = try await sql.raw(used(perUnit: true)).all(decoding: PerUnit.self)
        let total = try await sql.raw(used(perUnit: false)).first(decoding: Total.self)?.used ?? 0
        return (Dictionary(uniqueKeysWithValues: perUnit.map { ($0.unit_id, $0.used) }), total)
    }
}
