import Fluent
import SQLKit

/// Links the audit trail into a hash chain (`AuditChain`): three columns, the head row, and the
/// lines written before this step chained in the order they happened (the append-only triggers
/// are lifted for that, inside the migration's transaction, and put back).
struct M026ChainAuditEvents: AsyncMigration {
    var name: String { "026_chain_audit_events" }

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            // One column per statement: SQLite adds one column per ALTER TABLE.
            try await db.schema(AuditEvent.schema).field("sequence", .int64).update()
            try await db.schema(AuditEvent.schema).field("previous_hash", .string).update()
            try await db.schema(AuditEvent.schema).field("hash", .string).update()
            try await db.schema(AuditChain.head)
                .field("id", .int, .identifier(auto: false))
                .field("last_sequence", .int64, .required)
                .field("last_hash", .string, .required)
                .create()
            try await sql.insert(into: AuditChain.head).columns("id", "last_sequence", "last_hash")
                .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditChain.genesis)).run()
            try await M010CreateAuditEvents.allowChanges(on: sql)
            try await AuditChain.linkUnchained(on: db)
            try await sql.create(index: "audit_events_sequence_idx").unique().on(AuditEvent.schema).column("sequence").run()
            try await M010CreateAuditEvents.refuseChanges(on: sql)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            try await M010CreateAuditEvents.allowChanges(on: sql)
            try await sql.drop(index: "audit_events_sequence_idx").run()
            try await db.schema(AuditChain.head).delete()
            for column in ["hash", "previous_hash", "sequence"] {
                try await db.schema(AuditEvent.schema).deleteField(FieldKey(stringLiteral: column)).update()
            }
            try await M010CreateAuditEvents.refuseChanges(on: sql)
        }
    }
}
