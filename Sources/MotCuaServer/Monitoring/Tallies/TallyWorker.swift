import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Brings the tallies up to date with the dossiers changed since they were last counted (marked
/// `tally_pending` by every change): in batches, each one transaction that locks the batch's
/// dossiers (PostgreSQL skips those another process holds), adds `tallies(now) − tallies(as
/// counted)` of all of them in one statement, and keeps what it counted. A change therefore costs
/// its own transaction nothing but a flag, and a busy day's changes to the same rows are added up
/// before they are written. Runs every few seconds in every server process, and before every
/// statistics read, so a reader sees its own changes.
enum TallyWorker {
    /// Applies every pending change (at most `limit` dossiers); returns how many it applied.
    @discardableResult
    static func drain(on db: any Database, batch: Int = 500, limit: Int = 20_000) async throws -> Int {
        var applied = 0
        while applied < limit {
            let done = try await apply(batch: batch, on: db)
            applied += done
            if done < batch { break }
        }
        return applied
    }

    private struct Pending: Decodable {
        let id: UUID
        let tallied: String?
    }

    private static func apply(batch: Int, on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        // Nothing to do is the usual case: one look at the partial index, outside a transaction.
        guard try await sql.select().column("id").from(Dossier.schema).where("tally_pending", .equal, true).limit(1).first() != nil else { return 0 }
        return try await database.transaction { db in
            let sql = db as! any SQLDatabase
            var select = sql.select().column("id").from(Dossier.schema).where("tally_pending", .equal, true).limit(batch)
            if sql.dialect.name == "postgresql" { select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
            let ids = try await select.all(decoding: IDRow.self).map(\.id)
            guard !ids.isEmpty else { return 0 }
            var ledger = TallyLedger()
            var contents = ProcedureContentCache()
            var counted: [(id: UUID, snapshot: String)] = []
            for row in try await sql.select().columns(["id", "tallied"] + DossierTallies.Columns.names).from(Dossier.schema)
                .where("id", .in, SQLBind.group(ids)).all() {
                let pending = try row.decode(model: Pending.self)
                let columns = try row.decode(model: DossierTallies.Columns.self)
                let content = try await contents.content(columns.procedure_id, version: columns.procedure_version, on: db)
                let now = DossierTallies.Snapshot(columns, content: content)
                ledger += DossierTallies.change(from: DossierTallies.Snapshot.decode(pending.tallied), to: now)
                counted.append((pending.id, now.json))
            }
            try await ledger.write(on: db)
            try await markCounted(counted, on: db)
            return ids.count
        }
    }

    private struct IDRow: Decodable { let id: UUID }

    /// Keeps what was counted of each dossier and clears its mark, one statement per 500.
    static func markCounted(_ counted: [(id: UUID, snapshot: String)], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for start in stride(from: 0, to: counted.count, by: 500) {
            let part = counted[start..<min(start + 500, counted.count)]
            var cases: SQLQueryString = "CASE id"
            for (id, snapshot) in part { cases = cases + " WHEN \(bind: id) THEN \(bind: snapshot)" }
            try await sql.raw("UPDATE dossiers SET tally_pending = FALSE, tallied = " + cases + " END WHERE id IN (\(binds: part.map(\.id)))").run()
        }
    }
}
