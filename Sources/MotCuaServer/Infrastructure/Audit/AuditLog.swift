import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Reading the audit trail, newest first, within what the reader may reach, a page at a time.
enum AuditLog {
    struct Filter {
        var unitID: UUID?
        var action: String?
        var actorID: UUID?
        var from: Date?
        var to: Date?
        /// Events strictly older than this time.
        var before: Date?
        /// Keyset cursor: the id of the last event of the previous page (rows sort by time, then id).
        var cursor: UUID?
        var limit: Int = 50
    }

    static func events(in reach: AccessPolicy.Reach, filter: Filter, on db: any Database) async throws -> [AuditEvent] {
        let query = AuditEvent.query(on: db)
        switch reach {
        case .nowhere: return []
        case .unit(let id): query.filter(\.$unitID == id)
        case .province(let id): query.filter(\.$provinceID == id)
        }
        if let unitID = filter.unitID { query.filter(\.$unitID == unitID) }
        if let action = filter.action, !action.isEmpty { query.filter(\.$action == action) }
        if let actorID = filter.actorID { query.filter(\.$actorID == actorID) }
        if let from = filter.from { query.filter(\.$occurredAt >= from) }
        if let to = filter.to { query.filter(\.$occurredAt < to) }
        if let before = filter.before { query.filter(\.$occurredAt < before) }
        if let cursor = filter.cursor, let last = try await AuditEvent.find(cursor, on: db) {
            query.group(.or) { group in
                group.filter(\.$occurredAt < last.occurredAt)
                group.group(.and) { $0.filter(\.$occurredAt == last.occurredAt).filter(\.$id < cursor) }
            }
        }
        return try await query.sort(\.$occurredAt, .descending).sort(\.$id, .descending)
            .limit(max(1, min(filter.limit, 200))).all()
    }
}

struct AuditEventDTO: Content {
    let id: UUID?
    let occurredAt: Date
    let provinceID: UUID?
    let unitID: UUID?
    let actorID: UUID?
    let actorName: String
    let action: String
    let actionLabel: String
    let entityType: String
    let entityID: String?
    let summary: String
    let before: String?
    let after: String?

    init(_ event: AuditEvent) {
        id = event.id
        occurredAt = event.occurredAt
        provinceID = event.provinceID
        unitID = event.unitID
        actorID = event.actorID
        actorName = event.actorName
        action = event.action
        actionLabel = AuditAction.label(for: event.action)
        entityType = event.entityType
        entityID = event.entityID
        summary = event.summary
        before = event.beforeState
        after = event.afterState
    }
}
