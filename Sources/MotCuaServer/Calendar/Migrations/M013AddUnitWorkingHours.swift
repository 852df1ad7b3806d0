import Fluent
import FluentSQL

/// Office hours per unit, as `07:30-11:30,13:30-17:00`.
struct M013AddUnitWorkingHours: AsyncMigration {
    var name: String { "013_add_unit_working_hours" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OrgUnit.schema)
            .field("working_hours", .string, .required, .sql(unsafeRaw: "DEFAULT '07:30-11:30,13:30-17:00'"))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrgUnit.schema).deleteField("working_hours").update()
    }
}
