import Fluent
import Foundation
import MotCuaCore

/// One step in a feedback item's history. `publicNote` is what the sender and Open311's
/// `servicerequestupdates` read; `note` stays inside the unit.
final class FeedbackUpdate: Model, @unchecked Sendable {
    static let schema = "feedback_updates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "feedback_id") var feedback: FeedbackItem
    @Field(key: "province_id") var provinceID: UUID
    @Field(key: "occurred_at") var occurredAt: Date
    /// A `FeedbackAction` raw value, or "submit".
    @Field(key: "action") var action: String
    @Field(key: "status") var status: FeedbackStatus
    @Field(key: "note") var note: String
    @OptionalField(key: "public_note") var publicNote: String?
    @Field(key: "actor_name") var actorName: String
    @OptionalField(key: "unit_id") var unitID: UUID?

    init() {}

    init(feedback: FeedbackItem, action: String, note: String, publicNote: String?, actorName: String, at date: Date) {
        id = UUID()
        $feedback.id = feedback.id!
        provinceID = feedback.$province.id
        occurredAt = date
        self.action = action
        status = feedback.status
        self.note = note
        self.publicNote = publicNote
        self.actorName = actorName
        unitID = feedback.$unit.id
    }

    var actionLabel: String { action == "submit" ? "Gửi phản ánh, kiến nghị" : FeedbackAction(rawValue: action)?.label ?? action }
}
