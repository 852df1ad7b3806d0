import Fluent
import Foundation
import MotCuaCore
import SQLKit

/// Changes to `dossier_tallies`, collected in memory and written in one statement: each row is a
/// unit's tally of one day or one month, in total or for one field, procedure or officer, and the
/// province's per field and per procedure (its `unit_id` is then the province's id), so a
/// province-wide table by field or procedure reads one row per key instead of one per unit. Rows are
/// written in key order, so transactions touching the same rows lock them in the same order.
struct TallyLedger {
    static let schema = "dossier_tallies"

    /// What a row counts: the whole unit, or one of its fields, procedures or officers.
    enum Dimension: String, CaseIterable, Sendable {
        case unit, field, procedure, officer
    }

    enum Span: String, Sendable {
        case day, month
    }

    /// Where a dossier's (or a rating's) counts go.
    struct Keys: Equatable, Codable {
        let unitID: UUID
        let provinceID: UUID
        /// The key of each dimension, written once.
        private let keys: [String]

        init(unitID: UUID, provinceID: UUID, fieldID: UUID, procedureCode: String, officerID: UUID?) {
            self.unitID = unitID
            self.provinceID = provinceID
            keys = ["", fieldID.uuidString, procedureCode, officerID?.uuidString ?? Self.unassigned]
        }

        func key(_ dimension: Dimension) -> String {
            switch dimension {
            case .unit: keys[0]
            case .field: keys[1]
            case .procedure: keys[2]
            case .officer: keys[3]
            }
        }

        /// The officer key of dossiers not yet assigned.
        static let unassigned = "-"
    }

    /// The dimensions also kept for the whole province.
    static let provinceWide: [Dimension] = [.field, .procedure]

    struct Row: Hashable, Comparable {
        let dimension: Dimension
        let unitID: UUID
        let span: Span
        let day: Int
        let key: String

        /// Any fixed order serves (it only has to be the same in every transaction); UUIDs by their bytes.
        static func < (lhs: Row, rhs: Row) -> Bool {
            if lhs.dimension != rhs.dimension { return lhs.dimension.rawValue < rhs.dimension.rawValue }
            if lhs.unitID != rhs.unitID {
                return withUnsafeBytes(of: lhs.unitID.uuid) { l in withUnsafeBytes(of: rhs.unitID.uuid) { r in l.lexicographicallyPrecedes(r) } }
            }
            return (lhs.span.rawValue, lhs.day, lhs.key) < (rhs.span.rawValue, rhs.day, rhs.key)
        }
    }

    private(set) var rows: [Row: DossierTally] = [:]

    var isEmpty: Bool { rows.values.allSatisfy(\.isZero) }

    /// Adds (or, `removing`, takes away) tallies per Julian day under every dimension, in the day's
    /// row and its month's.
    mutating func add(_ days: [Int: DossierTally], under keys: Keys, removing: Bool = false) {
        for (day, tally) in days where !tally.isZero {
            let change = removing ? -tally : tally
            let month = Self.monthStart(of: day)
            for dimension in Dimension.allCases {
                let key = keys.key(dimension)
                for owner in Self.provinceWide.contains(dimension) ? [keys.unitID, keys.provinceID] : [keys.unitID] {
                    rows[Row(dimension: dimension, unitID: owner, span: .day, day: day, key: key), default: DossierTally()] += change
                    rows[Row(dimension: dimension, unitID: owner, span: .month, day: month, key: key), default: DossierTally()] += change
                }
            }
        }
    }

    static func += (lhs: inout TallyLedger, rhs: TallyLedger) {
        for (row, tally) in rhs.rows { lhs.rows[row, default: DossierTally()] += tally }
    }

    /// The Julian day of the first of the day's month.
    static func monthStart(of day: Int) -> Int {
        let date = CivilDate(julianDay: day)
        return date.julianDay - date.day + 1
    }

    static let keyColumns = ["dimension", "unit_id", "span", "day", "key"]

    /// Adds the changes to the stored rows (creating missing ones), in batches of one statement.
    func write(on db: any Database) async throws {
        let changed = rows.filter { !$0.value.isZero }.sorted { $0.key < $1.key }
        guard !changed.isEmpty else { return }
        let sql = db as! any SQLDatabase
        let counters = DossierTally.Counter.allCases.map(\.rawValue)
        // SQLite allows 32,766 parameters per statement: 27 per row.
        for start in stride(from: 0, to: changed.count, by: 1_000) {
            var insert = sql.insert(into: Self.schema).columns(Self.keyColumns + counters)
            for (row, tally) in changed[start..<min(start + 1_000, changed.count)] {
                insert = insert.values([SQLBind(row.dimension.rawValue), SQLBind(row.unitID), SQLBind(row.span.rawValue), SQLBind(row.day),
                                        SQLBind(row.key)] + tally.values.map { SQLBind($0) })
            }
            try await insert.onConflict(with: Self.keyColumns) { update in
                counters.reduce(update) { update, column in
                    update.set(column, to: SQLBinaryExpression(SQLColumn(column, table: Self.schema), .add, SQLExcludedColumn(column)))
                }
            }.run()
        }
    }
}
