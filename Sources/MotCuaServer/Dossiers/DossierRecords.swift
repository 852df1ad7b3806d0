import Fluent
import Foundation

/// What a change to a dossier writes besides the dossier row: its events, audit lines and the
/// applicant's notices, saved in the change's transaction with one statement per table.
struct DossierRecords {
    var events: [DossierEvent] = []
    var audits: [AuditEvent] = []
    var messages: [OutboxMessage] = []

    static func += (lhs: inout DossierRecords, rhs: DossierRecords) {
        lhs.events += rhs.events
        lhs.audits += rhs.audits
        lhs.messages += rhs.messages
    }

    func save(on db: any Database) async throws {
        if !events.isEmpty { try await events.create(on: db) }
        try await AuditChain.append(audits, on: db)
        if !messages.isEmpty { try await messages.create(on: db) }
    }
}
