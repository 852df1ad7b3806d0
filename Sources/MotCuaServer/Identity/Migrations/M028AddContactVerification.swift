import Fluent

/// Proving a phone or an e-mail before it receives messages: when each was verified, the codes
/// sent to prove them, and which dossier contacts and outbox messages nobody proved.
struct M028AddContactVerification: AsyncMigration {
    var name: String { "028_add_contact_verification" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(User.schema).field("phone_verified_at", .datetime).update()
        try await database.schema(User.schema).field("email_verified_at", .datetime).update()
        try await database.schema(Dossier.schema).field("phone_unverified", .bool).update()
        try await database.schema(Dossier.schema).field("email_unverified", .bool).update()
        try await database.schema(OutboxMessage.schema).field("recipient_unverified", .bool).update()
        try await database.schema(ContactCode.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("channel", .string, .required)
            .field("address", .string, .required)
            .field("code_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactCode.schema).delete()
        try await database.schema(OutboxMessage.schema).deleteField("recipient_unverified").update()
        for field in ["email_unverified", "phone_unverified"] { try await database.schema(Dossier.schema).deleteField(.string(field)).update() }
        for field in ["email_verified_at", "phone_verified_at"] { try await database.schema(User.schema).deleteField(.string(field)).update() }
    }
}
