import Fluent
import SQLKit

/// The audit trail, append-only: triggers refuse UPDATE and DELETE on both databases.
struct M010CreateAuditEvents: AsyncMigration {
    var name: String { "010_create_audit_events" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("province_id", .uuid)
            .field("unit_id", .uuid)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string)
            .field("summary", .string, .required)
            .field("before_state", .string)
            .field("after_state", .string)
            .field("request_id", .string)
            .field("client_address", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_events_province_time_idx").on(AuditEvent.schema)
            .column("province_id").column("occurred_at").run()
        try await sql.create(index: "audit_events_unit_time_idx").on(AuditEvent.schema)
            .column("unit_id").column("occurred_at").run()
        try await Self.refuseChanges(on: sql)
    }

    func revert(on database: any Database) async throws {
        try await Self.allowChanges(on: database as! any SQLDatabase)
        try await database.schema(AuditEvent.schema).delete()
    }

    /// The triggers that make the table append-only. Dialect branch: trigger syntax differs
    /// between PostgreSQL and SQLite.
    static func refuseChanges(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """).run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """).run()
        }
    }

    /// Removes those triggers (a migration that must rewrite lines, or dropping the table).
    static func allowChanges(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_delete").run()
        }
    }
}
