import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// What the counter's intake page reads: the procedures a counter receives most, and a returning
/// applicant found by ID number. Both stay inside the officer's own unit.
enum CounterIntake {
    /// The procedures this unit received most over the last 90 days, most first, then the rest of
    /// its catalogue by name, `limit` in all.
    static func frequentProcedures(unitID: UUID, provinceID: UUID, now: Date, limit: Int,
                                   on db: any Database) async throws -> [ProcedureCatalogue.Listing] {
        struct Row: Decodable {
            let procedureCode: String
            let n: Int
            enum CodingKeys: String, CodingKey { case procedureCode = "procedure_code", n }
        }
        let counts = try await (db as! any SQLDatabase).select()
            .column("procedure_code").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(Dossier.schema)
            .where("unit_id", .equal, SQLBind(unitID))
            .where("submitted_at", .greaterThanOrEqual, SQLBind(now.addingTimeInterval(-90 * 86_400)))
            .groupBy("procedure_code")
            .all(decoding: Row.self)
        let rank = Dictionary(uniqueKeysWithValues: counts.map { ($0.procedureCode, $0.n) })
        let received = try await ProcedureCatalogue.procedures(provinceID: provinceID, .init(unitID: unitID), on: db)
        return Array(received.enumerated().sorted { a, b in
            let (x, y) = (rank[a.element.code] ?? 0, rank[b.element.code] ?? 0)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element).prefix(limit))
    }

    /// The applicant of this unit's latest dossier with that ID number: name, phone, e-mail and
    /// address to fill in again.
    static func returningApplicant(idNumber: String, unitID: UUID, on db: any Database) async throws -> [String: String]? {
        guard let last = try await Dossier.query(on: db).filter(\.$unit.$id == unitID).filter(\.$applicantIDNumber == idNumber)
            .sort(\.$submittedAt, .descending).first()
        else { return nil }
        return ["applicantName": last.applicantName, "applicantIDNumber": idNumber, "applicantPhone": last.applicantPhone,
                "applicantEmail": last.applicantEmail ?? "", "applicantAddress": last.applicantAddress]
    }
}
