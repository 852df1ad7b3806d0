import Fluent

/// The outbox of e-mail and SMS messages, written in the transaction of the change they tell.
struct M016CreateOutbox: AsyncMigration {
    var name: String { "016_create_outbox" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("failed", .bool, .required)
            .field("last_error", .string)
            .unique(on: "dedupe_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
    }
}

