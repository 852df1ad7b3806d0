import Fluent
import SQLKit

struct M019CreateQueue: AsyncMigration {
    var name: String { "019_create_queue" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ServiceGroup.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
            .field("name", .string, .required)
            .field("prefix", .string, .required)
            .field("position", .int, .required)
            .field("typical_minutes", .double, .required)
            .field("is_active", .bool, .required)
            .unique(on: "unit_id", "prefix")
            .create()
        try await database.schema(ServiceCounter.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
            .field("name", .string, .required)
            .field("group_ids", .string, .required)
            .field("officer_id", .uuid)
            .field("officer_name", .string)
            .field("is_active", .bool, .required)
            .unique(on: "unit_id", "name")
            .create()
        try await database.schema(QueueTicket.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
            .field("group_id", .uuid, .required, .references(ServiceGroup.schema, "id"))
            .field("day", .string, .required)
            .field("number", .int, .required)
            .field("code", .string, .required)
            .field("priority", .string)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("queued_at", .datetime, .required)
            .field("called_at", .datetime)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("counter_id", .uuid)
            .field("counter_name", .string)
            .field("officer_id", .uuid)
            .field("officer_name", .string)
            .field("calls", .int, .required)
            .field("version", .int, .required)
            .unique(on: "unit_id", "day", "code")
            .create()
        try await database.schema(ServiceGroup.sequenceSchema)
            .field("group_id", .uuid, .required, .references(ServiceGroup.schema, "id"))
            .field("day", .string, .required)
            .field("last_number", .int, .required)
            .unique(on: "group_id", "day")
            .create()
        let sql = database as! any SQLDatabase
        // The line of a group (status, priority, queue time) and the day's board and statistics.
        try await sql.create(index: "queue_tickets_line_idx").on(QueueTicket.schema)
            .column("group_id").column("status").column("day").column("queued_at").run()
        try await sql.create(index: "queue_tickets_unit_day_idx").on(QueueTicket.schema).column("unit_id").column("day").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ServiceGroup.sequenceSchema).delete()
        try await database.schema(QueueTicket.schema).delete()
        try await database.schema(ServiceCounter.schema).delete()
        try await database.schema(ServiceGroup.schema).delete()
    }
}
