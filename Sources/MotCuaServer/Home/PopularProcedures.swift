import Fluent
import Foundation
import MotCuaCore
import SQLKit

/// The procedures a province's citizens file most, for the home page: dossiers received over the
/// current and the two previous months, read from the province-wide monthly tallies (a few hundred
/// rows, whatever the number of dossiers).
enum PopularProcedures {
    static func top(_ count: Int, provinceID: UUID, now: Date, on db: any Database) async throws -> [ProcedureCatalogue.Listing] {
        struct Row: Decodable {
            let key: String
            let n: Int
        }
        let today = VietnameseFormat.civilDate(of: now)
        let firstMonth = TallyLedger.monthStart(of: TallyLedger.monthStart(of: TallyLedger.monthStart(of: today.julianDay) - 1) - 1)
        let received = SQLRaw("CAST(SUM(received_online + received_direct + received_postal) AS BIGINT)")
        let rows = try await (db as! any SQLDatabase).select()
            .column("key").column(SQLAlias(received, as: SQLIdentifier("n")))
            .from(TallyLedger.schema)
            .where("dimension", .equal, SQLBind(TallyLedger.Dimension.procedure.rawValue))
            .where("unit_id", .equal, SQLBind(provinceID))
            .where("span", .equal, SQLBind(TallyLedger.Span.month.rawValue))
            .where("day", .greaterThanOrEqual, SQLBind(firstMonth))
            .groupBy("key")
            .orderBy(SQLOrderBy(expression: received, direction: SQLDirection.descending))
            .limit(count)
            .all(decoding: Row.self)
        let filed = rows.filter { $0.n > 0 }.map(\.key)
        guard !filed.isEmpty else { return [] }
        let listings = try await ProcedureCatalogue.procedures(provinceID: provinceID, .init(codes: filed), on: db)
        let byCode = Dictionary(listings.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return filed.compactMap { byCode[$0] }
    }
}
