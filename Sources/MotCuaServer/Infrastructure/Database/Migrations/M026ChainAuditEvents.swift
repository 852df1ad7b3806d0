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
            try await M010CreateAuditEvents.allowChanges(on: sql)
            var sequence: Int64 = 0
            var previous = AuditChain.genesis
            while true {
                let lines = try await sql.select().columns(AuditChain.Line.columns.map { SQLColumn($0) }).from(AuditEvent.schema)
                    .where("sequence", .is, SQLLiteral.null)
                    .orderBy("occurred_at").orderBy("id").limit(1_000)
                    .all(decoding: AuditChain.Line.self)
                if lines.isEmpty { break }
                for var line in lines {
                    sequence += 1
                    line.sequence = sequence
                    let hash = AuditChain.digest(line, previous: previous)
                    try await sql.update(AuditEvent.schema)
                        .set("sequence", to: sequence).set("previous_hash", to: previous).set("hash", to: hash)
                        .where("id", .equal, line.id).run()
                    previous = hash
                }
            }
            try await sql.insert(into: AuditChain.head).columns("id", "last_sequence", "last_hash")
                .values(SQLBind(1), SQLBind(sequence), SQLBind(previous)).run()
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
