import Foundation
import MotCuaCore
import Vapor

/// An application as a page sends it (URL-encoded, or multipart with files): online by a citizen,
/// or at the counter by an officer, who also sends the checklist and the queue ticket.
struct ApplicationForm: Content {
    var unitCode: String?
    var procedureCode: String?
    var applicantName: String?
    var applicantIDNumber: String?
    var applicantPhone: String?
    var applicantEmail: String?
    var applicantAddress: String?
    var requestSummary: String?
    var resultDelivery: String?
    var channel: String?
    /// Counter, procedures without a document list: accept at once.
    var accept: String?
    /// Counter: "1" when the page showed the checklist; `received` holds the positions ticked.
    var checklist: String?
    var received: [Int]?
    /// Counter: the queue ticket served.
    var ticket: String?
    var files: [File]?

    /// What was typed, to show the form again.
    var values: [String: String] {
        ["unitCode": unitCode ?? "", "procedureCode": procedureCode ?? "", "applicantName": applicantName ?? "",
         "applicantIDNumber": applicantIDNumber ?? "", "applicantPhone": applicantPhone ?? "", "applicantEmail": applicantEmail ?? "",
         "applicantAddress": applicantAddress ?? "", "requestSummary": requestSummary ?? "", "resultDelivery": resultDelivery ?? "",
         "channel": channel ?? ""]
    }

    /// The application for `DossierIntake`, received by `unitCode` when given (the officer's own).
    func input(unitCode fixedUnit: String? = nil) -> ApplicationInput {
        ApplicationInput(
            unitCode: fixedUnit ?? unitCode ?? "", procedureCode: procedureCode ?? "", applicantName: applicantName ?? "",
            applicantIDNumber: applicantIDNumber, applicantPhone: applicantPhone ?? "", applicantEmail: applicantEmail,
            applicantAddress: applicantAddress ?? "", requestSummary: requestSummary,
            resultDelivery: ResultDelivery(rawValue: resultDelivery ?? "") ?? .counter, channel: SubmissionChannel(rawValue: channel ?? ""),
            accept: ["on", "1", "true"].contains(accept ?? ""))
    }

    /// The files actually chosen (a browser sends an empty part when none is).
    var uploads: [File] { (files ?? []).filter { $0.data.readableBytes > 0 } }

    static func decode(_ req: Request) throws -> ApplicationForm {
        guard let form = try? req.content.decode(ApplicationForm.self) else { throw AppError.badRequest("Biểu mẫu không đọc được.") }
        return form
    }
}
