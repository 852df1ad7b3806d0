import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// The audit trail as a hash chain (chuỗi băm): line n carries the hash of line n − 1, and its own
/// hash covers that and every field of the line. Changing, removing or inserting a line behind the
/// application's back breaks the chain from there on (`AuditChainVerification` finds where).
///
/// The head (`audit_chain`: last sequence and hash) is one row, updated first in the writing
/// transaction: on PostgreSQL it stays locked until that transaction ends, so lines written by
/// several server processes get gap-free sequence numbers in commit order; SQLite has one writer.
///
/// The hash, to recompute it without this code: SHA-256, lowercase hex, of the ASCII previous
/// hash followed by each field in `Line.fields` order, written as `-` when absent or as
/// `<length in UTF-8 bytes>:<value>` (UUIDs uppercase, the time in whole milliseconds since 1970).
enum AuditChain {
    static let head = "audit_chain"
    /// The `previous_hash` of the first line.
    static let genesis = String(repeating: "0", count: 64)

    /// Numbers, links and saves the lines (in one transaction with the caller's change when the
    /// caller is in one; in their own otherwise).
    static func append(_ events: [AuditEvent], on db: any Database) async throws {
        guard !events.isEmpty else { return }
        guard db.inTransaction else {
            return try await db.transaction { try await append(events, on: $0) }
        }
        struct Head: Decodable { let last_sequence: Int64; let last_hash: String }
        let sql = db as! any SQLDatabase
        guard let current = try await sql.raw("""
            UPDATE \(ident: head) SET last_sequence = last_sequence + \(bind: events.count) WHERE id = 1
            RETURNING last_sequence, last_hash
            """).first(decoding: Head.self) else {
            throw Abort(.internalServerError, reason: "\(head) has no row")
        }
        var sequence = current.last_sequence - Int64(events.count)
        var previous = current.last_hash
        for event in events {
            sequence += 1
            if event.id == nil { event.id = UUID() }
            event.occurredAt = wholeMilliseconds(event.occurredAt)
            event.sequence = sequence
            event.previousHash = previous
            event.hash = digest(Line(event), previous: previous)
            previous = event.hash
        }
        try await sql.raw("UPDATE \(ident: head) SET last_hash = \(bind: previous) WHERE id = 1").run()
        try await events.create(on: db)
    }

    /// Links the lines that have no place in the chain yet (written before it existed), in the
    /// order they happened, after the head. The caller lifts the append-only triggers and holds a
    /// transaction.
    static func linkUnchained(on db: any Database) async throws {
        struct Head: Decodable { let last_sequence: Int64; let last_hash: String }
        let sql = db as! any SQLDatabase
        guard let current = try await sql.select().columns("last_sequence", "last_hash").from(head).where("id", .equal, 1)
            .first(decoding: Head.self) else { throw Abort(.internalServerError, reason: "\(head) has no row") }
        var sequence = current.last_sequence
        var previous = current.last_hash
        while true {
            let lines = try await sql.select().columns(Line.columns.map { SQLColumn($0) }).from(AuditEvent.schema)
                .where("sequence", .is, SQLLiteral.null).orderBy("occurred_at").orderBy("id").limit(1_000)
                .all(decoding: Line.self)
            if lines.isEmpty { break }
            for var line in lines {
                sequence += 1
                line.sequence = sequence
                let hash = digest(line, previous: previous)
                try await sql.update(AuditEvent.schema).set("sequence", to: sequence).set("previous_hash", to: previous).set("hash", to: hash)
                    .where("id", .equal, line.id).run()
                previous = hash
            }
        }
        try await sql.update(head).set("last_sequence", to: sequence).set("last_hash", to: previous).where("id", .equal, 1).run()
    }

    /// One line as stored, read without the model (the verification and the migration that chained
    /// the lines written before the chain existed).
    struct Line: Decodable {
        var id: UUID
        var occurred_at: Date
        var province_id: UUID?
        var unit_id: UUID?
        var actor_id: UUID?
        var actor_name: String
        var action: String
        var entity_type: String
        var entity_id: String?
        var summary: String
        var before_state: String?
        var after_state: String?
        var request_id: String?
        var client_address: String?
        var sequence: Int64?
        var previous_hash: String?
        var hash: String?

        static let columns = [
            "id", "occurred_at", "province_id", "unit_id", "actor_id", "actor_name", "action", "entity_type", "entity_id",
            "summary", "before_state", "after_state", "request_id", "client_address", "sequence", "previous_hash", "hash",
        ]

        init(_ event: AuditEvent) {
            id = event.id!
            occurred_at = event.occurredAt
            province_id = event.provinceID
            unit_id = event.unitID
            actor_id = event.actorID
            actor_name = event.actorName
            action = event.action
            entity_type = event.entityType
            entity_id = event.entityID
            summary = event.summary
            before_state = event.beforeState
            after_state = event.afterState
            request_id = event.requestID
            client_address = event.clientAddress
            sequence = event.sequence
        }

        /// What the hash covers, in order.
        var fields: [String?] {
            [
                sequence.map(String.init), id.uuidString, String(Int64((occurred_at.timeIntervalSince1970 * 1000).rounded())),
                province_id?.uuidString, unit_id?.uuidString, actor_id?.uuidString, actor_name, action, entity_type, entity_id,
                summary, before_state, after_state, request_id, client_address,
            ]
        }
    }

    static func digest(_ line: Line, previous: String) -> String {
        var message = Data(previous.utf8)
        for field in line.fields {
            if let field {
                message.append(contentsOf: "\(field.utf8.count):".utf8)
                message.append(contentsOf: field.utf8)
            } else {
                message.append(contentsOf: "-".utf8)
            }
        }
        return SHA256.hash(data: message).map { String(format: "%02x", $0) }.joined()
    }

    /// Both databases keep whole milliseconds exactly; finer fractions could round differently.
    private static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
