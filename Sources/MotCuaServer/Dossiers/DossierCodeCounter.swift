import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Issues dossier codes: the unit's running number for the day (`DailySequence`), taken inside
/// the intake transaction.
enum DossierCodeCounter {
    static let schema = "dossier_code_counters"

    /// The next code of `unitCode` for the local day of `moment`; call inside the transaction that
    /// creates the dossier.
    static func next(unitID: UUID, unitCode: String, at moment: Date, format: DossierCodeFormat, on db: any Database) async throws -> String {
        let day = VietnameseFormat.civilDate(of: moment)
        let number = try await DailySequence.next(in: schema, owner: "unit_id", unitID, day: day.description, on: db)
        return format.code(unit: unitCode, day: day, sequence: number)
    }
}
