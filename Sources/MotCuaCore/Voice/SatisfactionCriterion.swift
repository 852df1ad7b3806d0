/// The nine criteria of the evaluation table for the handling of an administrative procedure
/// (Bảng đánh giá việc giải quyết TTHC, Circular 01/2018; rules.md §8). A citizen may rate each on
/// the three-level scale besides the overall level.
public enum SatisfactionCriterion: String, CaseIterable, Codable, Sendable {
    case totalTime = "total_time"
    case agencyTime = "agency_time"
    case contacts
    case agencies
    case oneStop = "one_stop"
    case publicity
    case attitude
    case feedbackHandling = "feedback_handling"
    case onlineService = "online_service"

    public var label: String {
        switch self {
        case .totalTime: "Tổng thời gian giải quyết so với quy định"
        case .agencyTime: "Thời gian xử lý của từng cơ quan, kể cả cơ quan phối hợp"
        case .contacts: "Số lần phải liên hệ để hoàn thiện hồ sơ, kể cả trực tuyến"
        case .agencies: "Số cơ quan phải liên hệ"
        case .oneStop: "Tiếp nhận, xử lý, trả kết quả tại bộ phận một cửa"
        case .publicity: "Công khai thủ tục hành chính"
        case .attitude: "Thái độ của cán bộ khi hướng dẫn, tiếp nhận, giải quyết"
        case .feedbackHandling: "Tiếp nhận, xử lý phản ánh, kiến nghị"
        case .onlineService: "Tiến độ, chất lượng dịch vụ công trực tuyến"
        }
    }
}
