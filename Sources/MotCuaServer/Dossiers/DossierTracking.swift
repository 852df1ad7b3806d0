import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Public tracking (tra cứu): anyone with the dossier code sees its status, appointment and
/// timeline — never names, addresses or notes. With the last four digits of the applicant's phone
/// the timeline also shows the reasons (supplement, refusal, payment, apology) written for the applicant.
enum DossierTracking {
    /// The tracking page of a code, as printed in the receipt slip's QR code (`inMessage`: as
    /// written in an e-mail or SMS, from the configured address only).
    static func url(_ req: Request, inMessage: Bool = false) -> @Sendable (String) -> String {
        url(base: inMessage ? req.application.messageBaseURL : req.publicBaseURL)
    }

    /// The same from a given address.
    static func url(base: String) -> @Sendable (String) -> String {
        { code in base + SiteURL.tracking.path + "?ma=\(queryValue(code))" }
    }

    /// A dossier code as a URL query value.
    static func queryValue(_ code: String) -> String {
        code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._"))) ?? code
    }

    /// The public status of the dossier `rawCode` names, with the reasons written for the applicant
    /// when `phoneDigits` prove it theirs (`ApplicantProof`). A wrong or refused proof still gives
    /// the public status, with why the details are not shown.
    static func lookup(code rawCode: String, phoneDigits: String?, request: Request) async throws -> (status: DossierStatusDTO, refusal: AppError?) {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 60, let dossier = try await Dossier.query(on: request.db).filter(\.$code == code).first() else {
            throw AppError.notFound("Không tìm thấy hồ sơ có mã “\(rawCode.prefix(60))”. Kiểm tra lại mã trên giấy tiếp nhận.")
        }
        var proof: Bool?, refusal: AppError?
        do { proof = try await ApplicantProof.check(phoneDigits, for: dossier, in: request.context) } catch let error as AppError { refusal = error }
        if proof == false { refusal = AppError.forbidden(ApplicantProof.mismatch) }
        return (try await status(of: dossier, verified: proof == true, on: request.db), refusal)
    }

    private static func status(of dossier: Dossier, verified: Bool, on db: any Database) async throws -> DossierStatusDTO {
        let events = try await DossierEvent.query(on: db).filter(\.$dossier.$id == dossier.id!).sort(\.$occurredAt).all()
        let unit = try await OrgUnit.find(dossier.$unit.id, on: db)
        return DossierStatusDTO(
            code: dossier.code, procedureCode: dossier.procedureCode, procedureName: dossier.procedureName,
            receivingUnit: unit?.name ?? "", status: dossier.status, statusLabel: dossier.status.publicLabel,
            nationalStatusCode: dossier.status.nationalCode, submittedAt: dossier.submittedAt, receivedAt: dossier.receivedAt,
            appointmentAt: dossier.appointmentAt, processedAt: dossier.processedAt, returnedAt: dossier.returnedAt,
            timeliness: dossier.timeliness, detailsShown: verified,
            timeline: events.reduce(into: [DossierStatusDTO.Step]()) { steps, event in
                guard let label = publicLabel(event.action) else { return }
                let showsNote = verified && publicNoteActions.contains(event.action)
                // Internal hand-overs all read "Đang giải quyết": the first one says it.
                if !showsNote, event.appointmentAt == nil, steps.last?.label == label { return }
                steps.append(.init(at: event.occurredAt, label: label, note: showsNote ? event.note : nil, appointmentAt: event.appointmentAt))
            })
    }

    /// Events the applicant's own reasons are shown for.
    static let publicNoteActions = Set([DossierAction.requestSupplement, .refuse, .requestPayment, .apologize, .stop].map(\.rawValue))

    /// Timeline labels for the public; internal steps are told as "Đang giải quyết".
    static func publicLabel(_ action: String) -> String? {
        if action == "submit" { return "Đăng ký hồ sơ" }
        guard let action = DossierAction(rawValue: action) else { return nil }
        switch action {
        case .accept: return "Tiếp nhận hồ sơ, hẹn trả kết quả"
        case .assign, .submitForApproval, .sendBack, .transfer, .transferReturned: return "Đang giải quyết"
        case .approve: return "Đã có kết quả, chờ trả"
        case .paymentReceived: return "Đã thực hiện nghĩa vụ tài chính"
        default: return action.label
        }
    }
}
