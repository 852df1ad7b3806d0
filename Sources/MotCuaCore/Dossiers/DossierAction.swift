/// Something a person does to a dossier. Each is one transaction with its audit line and, where
/// the law has one, its slip (mẫu).
public enum DossierAction: String, CaseIterable, Codable, Sendable {
    /// Tiếp nhận: complete, gets its code and appointment (Mẫu 01).
    case accept
    /// Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02); pauses the clock.
    case requestSupplement = "request_supplement"
    /// The applicant brought or uploaded the supplement; the clock runs again.
    case supplementReceived = "supplement_received"
    /// Từ chối tiếp nhận, giải quyết (Mẫu 03).
    case refuse
    /// Phân công: hand to a specialist (also re-assign).
    case assign
    /// Trình lãnh đạo phê duyệt.
    case submitForApproval = "submit_for_approval"
    /// Lãnh đạo phê duyệt, ký: the result is ready (status 9).
    case approve
    /// Lãnh đạo trả lại chuyên viên.
    case sendBack = "send_back"
    /// Chuyển liên thông to another agency or unit.
    case transfer
    /// The other agency's answer came back.
    case transferReturned = "transfer_returned"
    /// Asks the applicant to pay the fees, charges or taxes the result depends on (status 6).
    case requestPayment = "request_payment"
    /// The payment was made (at the counter or online); processing goes on.
    case paymentReceived = "payment_received"
    /// Trả kết quả to the applicant (status 10).
    case returnResult = "return_result"
    /// Rút hồ sơ at the applicant's request.
    case withdraw
    /// Dừng giải quyết (Mẫu 05).
    case stop
    /// Xin lỗi và hẹn lại ngày trả (Mẫu 04): a new appointment, status unchanged.
    case apologize

    public var label: String {
        switch self {
        case .accept: "Tiếp nhận hồ sơ"
        case .requestSupplement: "Yêu cầu bổ sung hồ sơ"
        case .supplementReceived: "Nhận hồ sơ bổ sung"
        case .refuse: "Từ chối hồ sơ"
        case .assign: "Phân công xử lý"
        case .submitForApproval: "Trình lãnh đạo phê duyệt"
        case .approve: "Phê duyệt kết quả"
        case .sendBack: "Trả lại chuyên viên"
        case .transfer: "Chuyển cơ quan phối hợp"
        case .transferReturned: "Trả lại từ cơ quan phối hợp"
        case .requestPayment: "Yêu cầu thực hiện nghĩa vụ tài chính"
        case .paymentReceived: "Xác nhận đã nộp phí, nghĩa vụ tài chính"
        case .returnResult: "Trả kết quả"
        case .withdraw: "Rút hồ sơ theo yêu cầu"
        case .stop: "Dừng giải quyết"
        case .apologize: "Xin lỗi, hẹn lại ngày trả"
        }
    }

    /// Actions whose reason is printed on a slip and must be written.
    public var needsNote: Bool { [.requestSupplement, .refuse, .sendBack, .transfer, .requestPayment, .withdraw, .stop, .apologize].contains(self) }
}
