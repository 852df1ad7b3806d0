import Fluent

struct M007CreateUserRoles: AsyncMigration {
    var name: String { "007_create_user_roles" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserRole.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "user_id", "role")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserRole.schema).delete()
    }
}
