import Fluent

struct M008CreateUserFields: AsyncMigration {
    var name: String { "008_create_user_fields" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserField.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("field_id", .uuid, .required, .references(ProcedureField.schema, "id"))
            .unique(on: "user_id", "field_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserField.schema).delete()
    }
}
