import Fluent

struct M005CreateProcedureFields: AsyncMigration {
    var name: String { "005_create_procedure_fields" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProcedureField.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "code")
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProcedureField.schema).delete()
    }
}
