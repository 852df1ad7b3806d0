import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Issues dossier codes: the unit's running number for the day, incremented by one upsert inside
/// the intake transaction. On PostgreSQL the row stays locked until that transaction ends, so
/// codes are unique and gap-free across server processes (a rolled-back intake gives its number
/// back); SQLite has one writer at a time.
enum DossierCodeCounter {
    static let schema = "dossier_code_counters"

    /// The next code of `unitCode` for the local day of `moment`; call inside the transaction that
    /// creates the dossier.
    static func next(unitID: UUID, unitCode: String, at moment: Date, format: DossierCodeFormat, on db: any Database) async throws -> String {
        let day = VietnameseFormat.civilDate(of: moment)
        let row = try await (db as! any SQLDatabase).raw("""
            INSERT INTO dossier_code_counters (unit_id, day, last_number) VALUES (\(bind: unitID), \(bind: day.description), 1)
            ON CONFLICT (unit_id, day) DO UPDATE SET last_number = dossier_code_counters.last_number + 1
            RETURNING last_number
            """).first()
        guard let number = try row?.decode(column: "last_number", as: Int.self) else {
            throw Abort(.internalServerError, reason: "dossier code counter returned no row")
        }
        return format.code(unit: unitCode, day: day, sequence: number)
    }
}
