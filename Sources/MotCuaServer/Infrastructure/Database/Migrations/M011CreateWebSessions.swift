import Fluent
import SQLKit

struct M011CreateWebSessions: AsyncMigration {
    var name: String { "011_create_web_sessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(WebSession.schema)
            .field("id", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("user_id", .uuid)
            .field("expires_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "web_sessions_user_idx").on(WebSession.schema).column("user_id").run()
        try await sql.create(index: "web_sessions_expiry_idx").on(WebSession.schema).column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebSession.schema).delete()
    }
}
