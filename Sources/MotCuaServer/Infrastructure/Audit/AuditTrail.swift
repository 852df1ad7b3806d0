import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Writes audit lines. Always called with the `Database` of the transaction that makes the change.
struct AuditTrail: Sendable {
    /// Who acts and from where; taken from the request (or the system for jobs and seeding).
    struct Context: Sendable {
        var actorID: UUID?
        var actorName: String
        var requestID: String?
        var clientAddress: String?
        var now: Date

        static func system(_ name: String = "Hệ thống", now: Date) -> Context {
            Context(actorID: nil, actorName: name, requestID: nil, clientAddress: nil, now: now)
        }
    }

    let context: Context

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    func record(
        _ action: AuditAction,
        on db: any Database,
        entityType: String,
        entityID: UUID?,
        scope: (provinceID: UUID?, unitID: UUID?),
        summary: String,
        before: (any Encodable)? = nil,
        after: (any Encodable)? = nil
    ) async throws {
        try await AuditChain.append([line(action, entityType: entityType, entityID: entityID, scope: scope, summary: summary, before: before, after: after)],
                                    on: db)
    }

    /// The audit line, not yet saved: for changes that save their lines together (`AuditChain.append`).
    func line(
        _ action: AuditAction,
        entityType: String,
        entityID: UUID?,
        scope: (provinceID: UUID?, unitID: UUID?),
        summary: String,
        before: (any Encodable)? = nil,
        after: (any Encodable)? = nil
    ) throws -> AuditEvent {
        let event = AuditEvent()
        event.occurredAt = context.now
        event.provinceID = scope.provinceID
        event.unitID = scope.unitID
        event.actorID = context.actorID
        event.actorName = context.actorName
        event.action = action.rawValue
        event.entityType = entityType
        event.entityID = entityID?.uuidString
        event.summary = summary
        event.beforeState = try before.map { try Self.json($0) }
        event.afterState = try after.map { try Self.json($0) }
        event.requestID = context.requestID
        event.clientAddress = context.clientAddress
        return event
    }

    private static func json(_ value: any Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension Request {
    /// The audit trail as the signed-in person (or an anonymous visitor) at this request.
    var audit: AuditTrail {
        let principal = auth.get(Principal.self)
        return AuditTrail(context: .init(
            actorID: principal?.userID,
            actorName: principal?.fullName ?? "Khách",
            requestID: headers.first(name: "X-Request-Id") ?? logger[metadataKey: "request-id"].map { "\($0)" },
            clientAddress: remoteAddress == nil ? nil : clientAddress,
            now: now
        ))
    }
}
