import Fluent
import SQLKit

/// The counter's checklist of each dossier (`DossierDocument`), and the queue ticket a counter
/// intake served (`queue_ticket_id`, with its printed number for display). Two indexes serve the
/// counter: a returning applicant by ID number, and the procedures this unit receives most.
struct M031CreateDossierDocuments: AsyncMigration {
    var name: String { "031_create_dossier_documents" }

    func prepare(on database: any Database) async throws {
        try await database.schema(DossierDocument.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(Dossier.schema, "id"))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("form", .string, .required)
            .field("quantity", .int, .required)
            .field("received_at", .datetime)
            .unique(on: "dossier_id", "position")
            .create()
        // One column per statement: SQLite adds one at a time.
        try await database.schema(Dossier.schema).field("queue_ticket_id", .uuid).update()
        try await database.schema(Dossier.schema).field("queue_ticket_code", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "dossiers_unit_applicant_idx").on(Dossier.schema).column("unit_id").column("applicant_id_number").run()
        try await sql.create(index: "dossiers_unit_submitted_idx").on(Dossier.schema).column("unit_id").column("submitted_at").column("procedure_code").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "dossiers_unit_applicant_idx").run()
        try await sql.drop(index: "dossiers_unit_submitted_idx").run()
        try await database.schema(Dossier.schema).deleteField("queue_ticket_id").update()
        try await database.schema(Dossier.schema).deleteField("queue_ticket_code").update()
        try await database.schema(DossierDocument.schema).delete()
    }
}
