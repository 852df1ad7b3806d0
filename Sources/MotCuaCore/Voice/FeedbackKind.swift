/// How the receiving unit classifies a feedback item (phân loại).
public enum FeedbackKind: String, CaseIterable, Codable, Sendable {
    /// About rules, administrative procedures or their handling (quy định hành chính, thủ tục).
    case procedure
    /// About an officer's conduct or attitude (hành vi, thái độ của cán bộ).
    case conduct
    /// Anything else the unit answers (hạ tầng, môi trường, trật tự…).
    case other

    public var label: String {
        switch self {
        case .procedure: "Về quy định, thủ tục hành chính"
        case .conduct: "Về hành vi, thái độ của cán bộ"
        case .other: "Nội dung khác"
        }
    }
}
