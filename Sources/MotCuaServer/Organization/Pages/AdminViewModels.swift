import Foundation
import MotCuaCore

/// Rows and options the administration templates show; built from models, never Fluent in views.
struct UnitRow: Encodable {
    let id: String
    let code: String
    let name: String
    let kindLabel: String
    let staffCount: Int

    init(_ unit: OrgUnit, staffCount: Int) {
        id = unit.id!.uuidString
        code = unit.code
        name = unit.name
        kindLabel = unit.kind.label
        self.staffCount = staffCount
    }
}

struct StaffRow: Encodable {
    let id: String
    let fullName: String
    let username: String
    let unitName: String
    let jobTitle: String
    let roles: String
    let isActive: Bool
    let isLocked: Bool

    init(_ user: User, now: Date) {
        id = user.id!.uuidString
        fullName = user.fullName
        username = user.username ?? ""
        unitName = user.unit?.name ?? ""
        jobTitle = user.jobTitle ?? ""
        roles = user.roles.map(\.role).sorted().map(\.label).joined(separator: ", ")
        isActive = user.isActive
        isLocked = user.lockoutState.isLocked(at: now)
    }
}

struct RevisionRow: Encodable {
    let validFrom: String
    let code: String
    let name: String
    let kindLabel: String
    let reason: String

    init(_ revision: UnitRevision) {
        validFrom = VietnameseFormat.dateTime(revision.validFrom)
        code = revision.code
        name = revision.name
        kindLabel = revision.kind.label
        reason = revision.reason
    }
}

struct AuditRow: Encodable {
    let occurredAt: String
    let actorName: String
    let actionLabel: String
    let summary: String
    let before: String?
    let after: String?

    init(_ event: AuditEvent) {
        occurredAt = VietnameseFormat.dateTime(event.occurredAt)
        actorName = event.actorName
        actionLabel = AuditAction.label(for: event.action)
        summary = event.summary
        before = event.beforeState
        after = event.afterState
    }
}

struct TokenRow: Encodable {
    let id: String
    let name: String
    let prefix: String
    let ownerName: String
    let createdAt: String
    let expiresAt: String?
    let lastUsedAt: String?
    let isActive: Bool

    init(_ token: APIToken, now: Date) {
        id = token.id!.uuidString
        name = token.name
        prefix = token.prefix
        ownerName = token.user.fullName
        createdAt = VietnameseFormat.dateTime(token.createdAt)
        expiresAt = token.expiresAt.map(VietnameseFormat.dateTime)
        lastUsedAt = token.lastUsedAt.map(VietnameseFormat.dateTime)
        isActive = token.isUsable(at: now)
    }
}
