import Fluent
import SQLKit

struct M006CreateUsers: AsyncMigration {
    var name: String { "006_create_users" }

    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("kind", .string, .required)
            .field("full_name", .string, .required)
            .field("username", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("citizen_id_number", .string)
            .field("password_hash", .string)
            .field("unit_id", .uuid, .references(OrgUnit.schema, "id"))
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .field("job_title", .string)
            .field("is_active", .bool, .required)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("credentials_version", .int, .required)
            .field("identity_issuer", .string)
            .field("identity_subject", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "username")
            .unique(on: "email")
            .unique(on: "phone")
            .unique(on: "citizen_id_number")
            .unique(on: "identity_issuer", "identity_subject")
            .create()
        try await (database as! any SQLDatabase).create(index: "users_unit_idx").on(User.schema).column("unit_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}
