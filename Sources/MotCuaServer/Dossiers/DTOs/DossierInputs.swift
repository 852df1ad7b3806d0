import Foundation
import MotCuaCore
import Vapor

/// What a person fills in to register a dossier: online (a signed-in citizen) or at the counter
/// (a reception officer, who may accept it at once).
struct ApplicationInput: Content {
    var unitCode: String
    var procedureCode: String
    var applicantName: String
    var applicantIDNumber: String?
    var applicantPhone: String
    var applicantEmail: String?
    var applicantAddress: String
    var requestSummary: String?
    var resultDelivery: ResultDelivery?
    /// Officers: counter (default) or post.
    var channel: SubmissionChannel?
    /// Officers: the dossier is complete, accept it now.
    var accept: Bool?
}

/// An action on a dossier. `version` is the version the person saw: if someone changed the
/// dossier since, the action is refused with 409 and nothing happens.
struct DossierActionInput: Content {
    var version: Int
    var note: String?
    /// `assign`: the specialist.
    var assigneeID: UUID?
    /// `apologize`: the new appointment day, `YYYY-MM-DD`.
    var newAppointmentDate: String?
    /// `transfer`: the agency it goes to, by name when it is outside MotCua…
    var agency: String?
    /// …or the code of the unit or province agency in MotCua (liên thông), which then sees the
    /// dossier and sends it back itself.
    var transferUnitCode: String?
    /// `paymentReceived`: how the applicant paid (at the counter by default).
    var paymentChannel: PaymentChannel?
    /// `returnResult`: how the result was handed over.
    var resultDelivery: ResultDelivery?
}
