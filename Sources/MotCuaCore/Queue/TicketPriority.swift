/// Who is served first by law (ưu tiên): Decree 61/2018 and its successor give priority at the
/// one-stop counter to the elderly, people with disabilities, pregnant women and people bringing a
/// child under six.
public enum TicketPriority: String, CaseIterable, Codable, Sendable {
    case elderly
    case disability
    case pregnant
    case youngChild = "young_child"

    /// What the kiosk button and the ticket say.
    public var label: String {
        switch self {
        case .elderly: "Người cao tuổi"
        case .disability: "Người khuyết tật"
        case .pregnant: "Phụ nữ mang thai"
        case .youngChild: "Người đưa trẻ dưới 6 tuổi"
        }
    }
}
