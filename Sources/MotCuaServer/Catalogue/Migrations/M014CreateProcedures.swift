import Fluent
import SQLKit

struct M014CreateProcedures: AsyncMigration {
    var name: String { "014_create_procedures" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Procedure.schema)
            .id()
            .field("province_id", .uuid, .required, .references(Province.schema, "id"))
            .field("code", .string, .required)
            .field("field_id", .uuid, .required, .references(ProcedureField.schema, "id"))
            .field("name", .string, .required)
            .field("online_level", .string)
            .field("search_name", .string, .required)
            .field("search_text", .string, .required)
            .field("current_version", .int, .required)
            .field("competent_authority_id", .uuid, .references(OrgUnit.schema, "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "province_id", "code")
            .create()
        try await database.schema(ProcedureVersion.schema)
            .id()
            .field("procedure_id", .uuid, .required, .references(Procedure.schema, "id"))
            .field("number", .int, .required)
            .field("content", .string, .required)
            .field("created_at", .datetime, .required)
            .field("author_name", .string, .required)
            .field("change_note", .string, .required)
            .unique(on: "procedure_id", "number")
            .create()
        try await database.schema(UnitProcedure.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
            .field("procedure_id", .uuid, .required, .references(Procedure.schema, "id"))
            .unique(on: "unit_id", "procedure_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "procedures_field_idx").on(Procedure.schema).column("province_id").column("field_id").run()
        try await sql.create(index: "unit_procedures_procedure_idx").on(UnitProcedure.schema).column("procedure_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitProcedure.schema).delete()
        try await database.schema(ProcedureVersion.schema).delete()
        try await database.schema(Procedure.schema).delete()
    }
}
