/// Where a citizen's feedback (phản ánh, kiến nghị) stands. Open311 knows only open and closed;
/// the label goes into `status_notes`.
public enum FeedbackStatus: String, CaseIterable, Codable, Sendable {
    /// Sent; the receiving unit has not classified it yet.
    case submitted
    /// The unit asked the sender for more information; the answer clock is paused.
    case infoRequested = "info_requested"
    /// Received and classified, not yet routed to a department.
    case received
    /// A department is drafting the answer.
    case processing
    /// The draft answer waits for a leader.
    case awaitingApproval = "awaiting_approval"
    /// The leader approved the answer; it waits to be published.
    case answered
    /// The answer is on the public page (closed).
    case published
    /// Refused, with the reason (closed).
    case refused
    /// Sent on to an agency outside MotCua (closed here).
    case transferredOut = "transferred_out"

    public var label: String {
        switch self {
        case .submitted: "Chờ tiếp nhận"
        case .infoRequested: "Chờ bổ sung thông tin"
        case .received: "Đã tiếp nhận, phân loại"
        case .processing: "Đang xử lý"
        case .awaitingApproval: "Chờ lãnh đạo duyệt trả lời"
        case .answered: "Đã duyệt trả lời, chờ công khai"
        case .published: "Đã công khai trả lời"
        case .refused: "Từ chối tiếp nhận"
        case .transferredOut: "Đã chuyển cơ quan có thẩm quyền"
        }
    }

    /// What the sender and the public read: internal steps are all "Đang xử lý".
    public var publicLabel: String {
        switch self {
        case .received, .processing, .awaitingApproval, .answered: "Đang xử lý"
        default: label
        }
    }

    public var isClosed: Bool { [.published, .refused, .transferredOut].contains(self) }

    /// GeoReport v2 status.
    public var open311: String { isClosed ? "closed" : "open" }
}
