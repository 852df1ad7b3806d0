import Fluent
import FluentSQL
import MotCuaCore
import SQLKit

/// The daily and monthly tallies the statistics, dashboards and the Decision 766 index add up
/// (`DossierTally`), the file count of a dossier (digitisation, 766 indicator 4.2) and whether a
/// procedure publishes every component (1.3); then the tallies of the dossiers already there.
struct M024CreateDossierTallies: AsyncMigration {
    var name: String { "024_create_dossier_tallies" }

    /// The counter columns as this migration creates them (a later counter needs a later migration).
    static let counters = [
        "received_online", "received_direct", "received_postal", "early", "on_time", "late", "refused", "withdrawn", "stopped",
        "ended_without_result_late", "supplement_requests", "overdue_change", "fee_due", "paid_online", "electronic_result",
        "online_electronic", "digitised", "full_service", "full_service_online", "rated_unsatisfied", "rated_satisfied", "rated_very_satisfied",
    ]

    func prepare(on database: any Database) async throws {
        var schema = database.schema(TallyLedger.schema)
            .field("dimension", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("span", .string, .required)
            .field("day", .int, .required)
            .field("key", .string, .required)
        for counter in Self.counters { schema = schema.field(FieldKey(stringLiteral: counter), .int, .required, .sql(.default(0))) }
        // The unique index is also the one every period query reads: a group's rows of one unit, in day order.
        try await schema.unique(on: "dimension", "unit_id", "span", "day", "key").create()
        // The rows with online dossiers (Decision 766 indicator 3.2 reads only those); both engines have partial indexes.
        try await (database as! any SQLDatabase).raw("""
            CREATE INDEX dossier_tallies_online_idx ON dossier_tallies (dimension, unit_id, span, day) WHERE received_online > 0
            """).run()
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(Dossier.schema).field("file_count", .int, .required, .sql(.default(0))).update()
        try await database.schema(Dossier.schema).field("tallied", .string).update()
        try await database.schema(Dossier.schema).field("tally_pending", .bool, .required, .sql(.default(false))).update()
        try await database.schema(Procedure.schema).field("complete", .bool, .required, .sql(.default(false))).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            UPDATE dossiers SET file_count = (SELECT COUNT(*) FROM dossier_attachments a WHERE a.dossier_id = dossiers.id)
            """).run()
        for procedure in try await Procedure.query(on: database).all() {
            guard let version = try await ProcedureVersion.query(on: database).filter(\.$procedure.$id == procedure.id!)
                .filter(\.$number == procedure.currentVersion).first() else { continue }
            procedure.complete = try version.content().publishesEveryComponent
            try await procedure.update(on: database)
        }
        // What the tally worker looks for: the few dossiers changed since it last ran.
        try await sql.raw("CREATE INDEX dossiers_tally_pending_idx ON dossiers (id) WHERE tally_pending").run()
        try await TallyRebuild.run(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Procedure.schema).deleteField("complete").update()
        try await (database as! any SQLDatabase).drop(index: "dossiers_tally_pending_idx").run()
        try await database.schema(Dossier.schema).deleteField("tally_pending").update()
        try await database.schema(Dossier.schema).deleteField("tallied").update()
        try await database.schema(Dossier.schema).deleteField("file_count").update()
        try await database.schema(TallyLedger.schema).delete()
    }
}
