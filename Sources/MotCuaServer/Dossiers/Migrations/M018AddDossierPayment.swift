import Fluent

/// Financial obligations (status 6): when the applicant paid, and whether online (the national
/// flag `DuocThanhToanTrucTuyen`: 1 on DVCQG, 2 on a local gateway).
struct M018AddDossierPayment: AsyncMigration {
    var name: String { "018_add_dossier_payment" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(Dossier.schema).field("paid_at", .datetime).update()
        try await database.schema(Dossier.schema).field("paid_online", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Dossier.schema).deleteField("paid_at").update()
        try await database.schema(Dossier.schema).deleteField("paid_online").update()
    }
}
