import Fluent
import SQLKit

struct M004CreateDepartments: AsyncMigration {
    var name: String { "004_create_departments" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Department.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
            .field("name", .string, .required)
            .field("is_service_center", .bool, .required)
            .unique(on: "unit_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Department.schema).delete()
    }
}
