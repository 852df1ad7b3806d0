import Fluent

/// What an API token was issued under: the officer's credentials version (a password change or a
/// deactivation raises it) and roles. A token whose officer has changed either no longer works;
/// tokens issued before this step have neither and must be issued again.
struct M025AddAPITokenCredentials: AsyncMigration {
    var name: String { "025_add_api_token_credentials" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(APIToken.schema).field("credentials_version", .int).update()
        try await database.schema(APIToken.schema).field("roles", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).deleteField("credentials_version").update()
        try await database.schema(APIToken.schema).deleteField("roles").update()
    }
}
