import Fluent
import SQLKit

/// The `Idempotency-Key`s of dossier registrations: one per person and key, saved with the dossier.
struct M027CreateDossierRequestKeys: AsyncMigration {
    var name: String { "027_create_dossier_request_keys" }

    func prepare(on database: any Database) async throws {
        try await database.schema(DossierRequestKey.table)
            .field("owner_id", .uuid, .required)
            .field("request_key", .string, .required)
            .field("fingerprint", .string, .required)
            .field("dossier_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "owner_id", "request_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DossierRequestKey.table).delete()
    }
}
