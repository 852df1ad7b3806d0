import Fluent
import Foundation

/// An alert that fired: once per dossier, rule and appointment (a new appointment after an apology
/// starts the alerts again). The unique key is what stops two runners from alerting twice.
final class DossierAlert: Model, @unchecked Sendable {
    static let schema = "dossier_alerts"

    @ID(key: .id) var id: UUID?
    @Field(key: "dossier_id") var dossierID: UUID
    @Field(key: "rule_code") var ruleCode: String
    @Field(key: "appointment_at") var appointmentAt: Date
    @Field(key: "fired_at") var firedAt: Date
    @Field(key: "recipients") var recipientCount: Int

    init() {}
}
