import Fluent
import Foundation
import MotCuaCore

/// One line of a dossier's history: the timeline citizens see, and each hand-over of the processing
/// control slip (Mẫu 06: who gave, who received, when, and whether the giver's step was on time).
final class DossierEvent: Model, @unchecked Sendable {
    static let schema = "dossier_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "dossier_id") var dossier: Dossier
    @Field(key: "occurred_at") var occurredAt: Date
    /// `DossierAction` raw value, or "submit" for the registration.
    @Field(key: "action") var action: String
    @OptionalField(key: "from_status") var fromStatus: DossierStatus?
    @Field(key: "to_status") var toStatus: DossierStatus
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    /// Hand-over: giver and receiver ("Bộ phận một cửa", "Chuyên viên Nguyễn Văn A"…).
    @OptionalField(key: "given_by") var givenBy: String?
    @OptionalField(key: "received_by") var receivedBy: String?
    /// The giver's step: its due time and result.
    @OptionalField(key: "step_due_at") var stepDueAt: Date?
    @OptionalField(key: "step_timeliness") var stepTimeliness: Timeliness?
    @Field(key: "note") var note: String
    /// A new appointment set by this event (acceptance, supplement, apology).
    @OptionalField(key: "appointment_at") var appointmentAt: Date?

    init() {}

    init(dossierID: UUID, at moment: Date, action: String, from status: DossierStatus?, to target: DossierStatus? = nil,
         actorID: UUID?, actorName: String, note: String) {
        // The id is known before saving, so notices can be keyed by it and events saved together.
        id = UUID()
        $dossier.id = dossierID
        occurredAt = moment
        self.action = action
        fromStatus = status
        toStatus = target ?? status ?? .submitted
        self.actorID = actorID
        self.actorName = actorName
        self.note = note
    }
}

extension DossierEvent {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $dossier, $occurredAt, $action, $fromStatus, $toStatus, $actorID, $actorName, $givenBy, $receivedBy,
            $stepDueAt, $stepTimeliness, $note, $appointmentAt
        ]
    }
}
