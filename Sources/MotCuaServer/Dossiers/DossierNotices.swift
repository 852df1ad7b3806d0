import Fluent
import Foundation
import MotCuaCore

/// What the applicant is told, by e-mail and SMS, when their dossier moves: queued in the outbox
/// inside the transaction of the change.
enum DossierNotices {
    /// The message for an event, or nil when the event is internal (assignment, approval steps).
    static func message(for action: String, dossier: Dossier, note: String, trackingURL: String) -> (subject: String, text: String)? {
        let code = dossier.code
        let appointment = dossier.appointmentAt.map(VietnameseFormat.dateTime) ?? ""
        switch action {
        case "submit" where dossier.channel == .online:
            return ("Đã nhận hồ sơ đăng ký \(code)",
                    "Hồ sơ \(code) (\(dossier.procedureName)) đã được đăng ký trực tuyến và đang chờ Bộ phận một cửa kiểm tra.")
        case DossierAction.accept.rawValue:
            return ("Hồ sơ \(code) đã được tiếp nhận", "Hồ sơ \(code) đã được tiếp nhận. Hẹn trả kết quả: \(appointment).")
        case DossierAction.requestSupplement.rawValue:
            return ("Hồ sơ \(code) cần bổ sung", "Hồ sơ \(code) cần bổ sung, hoàn thiện: \(note)")
        case DossierAction.requestPayment.rawValue:
            return ("Hồ sơ \(code): đề nghị thực hiện nghĩa vụ tài chính",
                    "Hồ sơ \(code) cần thực hiện nghĩa vụ tài chính (phí, lệ phí, thuế): \(note)")
        case DossierAction.refuse.rawValue:
            return ("Hồ sơ \(code) không được tiếp nhận", "Hồ sơ \(code) không được tiếp nhận, giải quyết. Lý do: \(note)")
        case DossierAction.apologize.rawValue:
            return ("Xin lỗi về việc chậm trả kết quả hồ sơ \(code)",
                    "Chúng tôi xin lỗi vì hồ sơ \(code) chưa có kết quả đúng hẹn. Lý do: \(note). Hẹn lại: \(appointment).")
        case DossierAction.approve.rawValue:
            return ("Hồ sơ \(code) đã có kết quả", "Hồ sơ \(code) đã có kết quả. \(dossier.resultDelivery.notice)")
        case DossierAction.stop.rawValue:
            return ("Hồ sơ \(code) dừng giải quyết", "Hồ sơ \(code) dừng giải quyết. Lý do: \(note)")
        case DossierAction.withdraw.rawValue:
            return ("Hồ sơ \(code) đã được rút", "Hồ sơ \(code) đã được rút theo yêu cầu của ông/bà.")
        default:
            return nil
        }
    }

    /// The e-mail and the SMS for an event, each once (keyed by the event id), to be queued in the
    /// outbox by the transaction of the change.
    static func messages(for action: String, dossier: Dossier, eventID: UUID, note: String, trackingURL: String,
                         at now: Date) -> [OutboxMessage] {
        guard let message = message(for: action, dossier: dossier, note: note, trackingURL: trackingURL) else { return [] }
        return OutboxMessage.toPerson(name: dossier.applicantName, email: dossier.applicantEmail, phone: dossier.applicantPhone,
                                      subject: message.subject, text: message.text, footer: "Tra cứu: \(trackingURL)", key: eventID,
                                      unverified: Set([dossier.emailUnverified == true ? .email : nil, dossier.phoneUnverified == true ? .sms : nil]
                                          .compactMap { $0 }), at: now)
    }
}
