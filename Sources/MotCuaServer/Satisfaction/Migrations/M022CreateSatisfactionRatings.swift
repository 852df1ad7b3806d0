import Fluent
import SQLKit

struct M022CreateSatisfactionRatings: AsyncMigration {
    var name: String { "022_create_satisfaction_ratings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SatisfactionRating.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(Dossier.schema, "id"))
            .field("province_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("receiver_id", .uuid)
            .field("receiver_name", .string)
            .field("assignee_id", .uuid)
            .field("assignee_name", .string)
            .field("level", .int, .required)
            .field("criteria", .string, .required)
            .field("comment", .string, .required)
            .field("channel", .string, .required)
            .field("rated_at", .datetime, .required)
            .field("changeable_until", .datetime, .required)
            .unique(on: "dossier_id")
            .create()
        try await (database as! any SQLDatabase).create(index: "satisfaction_ratings_unit_idx").on(SatisfactionRating.schema)
            .column("unit_id").column("rated_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SatisfactionRating.schema).delete()
    }
}
