/// Something a person does to a feedback item; each is one transaction with its audit line.
public enum FeedbackAction: String, CaseIterable, Codable, Sendable {
    /// Phân loại: procedure or conduct, urgent or not (also re-classify).
    case classify
    /// Từ chối tiếp nhận, with the reason.
    case refuse
    /// Đề nghị bổ sung thông tin; pauses the answer clock.
    case requestInfo = "request_info"
    /// The sender answered the request; the clock runs again.
    case infoReceived = "info_received"
    /// Chuyển phòng, ban xử lý.
    case route
    /// Chuyển đơn vị khác (in MotCua, the item moves there) or an outside agency (closed here).
    case transfer
    /// The department sends its draft answer to the leader.
    case submitAnswer = "submit_answer"
    /// Lãnh đạo duyệt câu trả lời.
    case approve
    /// Lãnh đạo trả lại để sửa câu trả lời.
    case sendBack = "send_back"
    /// Công khai câu trả lời (personal data removed).
    case publish

    public var label: String {
        switch self {
        case .classify: "Phân loại"
        case .refuse: "Từ chối tiếp nhận"
        case .requestInfo: "Đề nghị bổ sung thông tin"
        case .infoReceived: "Nhận thông tin bổ sung"
        case .route: "Chuyển phòng, ban xử lý"
        case .transfer: "Chuyển đơn vị, cơ quan khác"
        case .submitAnswer: "Trình dự thảo trả lời"
        case .approve: "Duyệt trả lời"
        case .sendBack: "Trả lại để sửa"
        case .publish: "Công khai trả lời"
        }
    }

    /// Actions that must say why or what (the reason, the request, the answer).
    public var needsNote: Bool { [.refuse, .requestInfo, .infoReceived, .submitAnswer, .sendBack].contains(self) }
}
