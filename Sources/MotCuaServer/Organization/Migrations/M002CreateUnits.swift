import Fluent
import SQLKit

struct M002CreateUnits: AsyncMigration {
    var name: String { "002_create_units" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OrgUnit.schema)
            .id()
            .field("province_id", .uuid, .required, .references(Province.schema, "id"))
            .field("kind", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await (database as! any SQLDatabase).create(index: "units_province_idx").on(OrgUnit.schema).column("province_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrgUnit.schema).delete()
    }
}
