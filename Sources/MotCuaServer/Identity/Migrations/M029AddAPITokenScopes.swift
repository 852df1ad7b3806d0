import Fluent

/// The roles an API token may act with, chosen when it is issued. Tokens issued before have none
/// and must be issued again.
struct M029AddAPITokenScopes: AsyncMigration {
    var name: String { "029_add_api_token_scopes" }

    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema).field("scopes", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).deleteField("scopes").update()
    }
}
