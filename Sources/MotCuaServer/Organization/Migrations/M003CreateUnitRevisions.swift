import Fluent
import SQLKit

struct M003CreateUnitRevisions: AsyncMigration {
    var name: String { "003_create_unit_revisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UnitRevision.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
            .field("province_id", .uuid, .required, .references(Province.schema, "id"))
            .field("kind", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("valid_from", .datetime, .required)
            .field("reason", .string, .required)
            .field("recorded_by", .uuid)
            .create()
        try await (database as! any SQLDatabase).create(index: "unit_revisions_unit_idx").on(UnitRevision.schema)
            .column("unit_id").column("valid_from").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitRevision.schema).delete()
    }
}
