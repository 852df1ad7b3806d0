import Fluent
import SQLKit

/// Liên thông inside MotCua: the unit or province agency a dossier was last transferred to, whose
/// officers then see it in their workspace and send it back.
struct M017AddDossierTransferUnit: AsyncMigration {
    var name: String { "017_add_dossier_transfer_unit" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Dossier.schema).field("transfer_unit_id", .uuid).update()
        try await (database as! any SQLDatabase).create(index: "dossiers_transfer_status_idx").on(Dossier.schema)
            .column("transfer_unit_id").column("status").column("appointment_at").column("submitted_at").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "dossiers_transfer_status_idx").run()
        try await database.schema(Dossier.schema).deleteField("transfer_unit_id").update()
    }
}
