import Fluent
import Foundation

/// One append-only line of the audit trail: who did what to which record, when, with the record's
/// state before and after (JSON). Written in the transaction of the change it describes; the
/// database refuses updates and deletes (see `CreateAuditEvents`), and each line carries the hash of
/// the one before (`AuditChain`), so an edit behind the application's back is found.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "province_id") var provinceID: UUID?
    @OptionalField(key: "unit_id") var unitID: UUID?
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @OptionalField(key: "entity_id") var entityID: String?
    @Field(key: "summary") var summary: String
    @OptionalField(key: "before_state") var beforeState: String?
    @OptionalField(key: "after_state") var afterState: String?
    @OptionalField(key: "request_id") var requestID: String?
    @OptionalField(key: "client_address") var clientAddress: String?
    /// Position in the chain: 1, 2, 3… with no gap.
    @Field(key: "sequence") var sequence: Int64
    /// The `hash` of the line before (64 zeros for the first).
    @Field(key: "previous_hash") var previousHash: String
    /// SHA-256 of `previousHash` and this line's content (`AuditChain.digest`).
    @Field(key: "hash") var hash: String

    init() {}
}

extension AuditEvent {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $occurredAt, $provinceID, $unitID, $actorID, $actorName, $action, $entityType, $entityID, $summary,
            $beforeState, $afterState, $requestID, $clientAddress, $sequence, $previousHash, $hash
        ]
    }
}
