import Fluent

struct M001CreateProvinces: AsyncMigration {
    var name: String { "001_create_provinces" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Province.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Province.schema).delete()
    }
}
