import Fluent
import Foundation
import MotCuaCore
import SQLKit

/// Counts every tally again from the dossiers and ratings (`motcua tallies --rebuild`): after an
/// import or a repair, and the reference the incremental changes are tested against; every
/// dossier is then marked as counted. One transaction; on PostgreSQL the tables are locked against
/// writes first (reading goes on), so a change waits for the rebuild and is counted after it.
enum TallyRebuild {
    static func run(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            if sql.dialect.name == "postgresql" {
                try await sql.raw("LOCK TABLE dossier_tallies, dossiers, satisfaction_ratings IN SHARE ROW EXCLUSIVE MODE").run()
            }
            try await sql.delete(from: TallyLedger.schema).run()
            var contents = ProcedureContentCache()
            // One unit at a time: only the province-wide rows are shared (and added to), so memory holds one unit's.
            for unitID in try await sql.select().distinct().column("unit_id").from(Dossier.schema).all(decoding: UnitRow.self).map(\.unit_id) {
                var ledger = TallyLedger()
                var after: UUID?
                while true {
                    var page = sql.select().columns(["id"] + DossierTallies.Columns.names).from(Dossier.schema).where("unit_id", .equal, unitID)
                    if let after { page = page.where("id", .greaterThan, after) }
                    let rows = try await page.orderBy("id").limit(5_000).all()
                    var counted: [(id: UUID, snapshot: String)] = []
                    for row in rows {
                        let columns = try row.decode(model: DossierTallies.Columns.self)
                        let content = try await contents.content(columns.procedure_id, version: columns.procedure_version, on: db)
                        let snapshot = DossierTallies.Snapshot(columns, content: content)
                        ledger.add(snapshot.facts.tallies(), under: snapshot.keys)
                        counted.append((try row.decode(column: "id", as: UUID.self), snapshot.json))
                    }
                    try await TallyWorker.markCounted(counted, on: db)
                    guard rows.count == 5_000 else { break }
                    after = try rows.last!.decode(column: "id", as: UUID.self)
                }
                for rating in try await sql.select().column(SQLColumn("level", table: "r")).column(SQLColumn("rated_at", table: "r")).column(SQLColumn("province_id", table: "r"))
                    .column(SQLColumn("assignee_id", table: "r")).column(SQLColumn("field_id", table: "d")).column(SQLColumn("procedure_code", table: "d"))
                    .from(SQLAlias(SQLIdentifier(SatisfactionRating.schema), as: SQLIdentifier("r")))
                    .join(SQLAlias(SQLIdentifier(Dossier.schema), as: SQLIdentifier("d")), on: SQLColumn("dossier_id", table: "r"), .equal, SQLColumn("id", table: "d"))
                    .where(SQLColumn("unit_id", table: "r"), .equal, SQLBind(unitID)).all(decoding: RatingRow.self) {
                    let keys = TallyLedger.Keys(unitID: unitID, provinceID: rating.province_id, fieldID: rating.field_id, procedureCode: rating.procedure_code,
                                                officerID: rating.assignee_id)
                    ledger += DossierTallies.rating(from: nil, to: (rating.level, rating.rated_at), keys: keys)
                }
                try await ledger.write(on: db)
            }
        }
    }

    private struct UnitRow: Decodable { let unit_id: UUID }

    private struct RatingRow: Decodable {
        let level: SatisfactionLevel
        let province_id: UUID
        let rated_at: Date
        let assignee_id: UUID?
        let field_id: UUID
        let procedure_code: String
    }
}
