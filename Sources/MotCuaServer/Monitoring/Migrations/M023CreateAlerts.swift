import Fluent
import SQLKit

struct M023CreateAlerts: AsyncMigration {
    var name: String { "023_create_alerts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AlertRuleRecord.schema)
            .id()
            .field("province_id", .uuid, .required, .references(Province.schema, "id"))
            .field("code", .string, .required)
            .field("kind", .string, .required)
            .field("hours", .int, .required)
            .field("recipients", .string, .required)
            .field("position", .int, .required)
            .unique(on: "province_id", "code")
            .create()
        try await database.schema(DossierAlert.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(Dossier.schema, "id"))
            .field("rule_code", .string, .required)
            .field("appointment_at", .datetime, .required)
            .field("fired_at", .datetime, .required)
            .field("recipients", .int, .required)
            .unique(on: "dossier_id", "rule_code", "appointment_at")
            .create()
        try await database.schema(Notification.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("link", .string, .required)
            .field("read_at", .datetime)
            .create()
        try await database.schema(JobLease.schema)
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("expires_at", .double, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "notifications_user_idx").on(Notification.schema).column("user_id").column("created_at").run()
        // The scheduler's first cut: running dossiers by appointment.
        try await sql.create(index: "dossiers_appointment_idx").on(Dossier.schema).column("status").column("appointment_at").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "dossiers_appointment_idx").run()
        for schema in [JobLease.schema, Notification.schema, DossierAlert.schema, AlertRuleRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
