/// The three-level satisfaction scale of the evaluation form (rules.md §8).
public enum SatisfactionLevel: Int, CaseIterable, Codable, Sendable, Comparable {
    case unsatisfied = 1
    case satisfied = 2
    case verySatisfied = 3

    public var label: String {
        switch self {
        case .unsatisfied: "Không hài lòng"
        case .satisfied: "Hài lòng"
        case .verySatisfied: "Rất hài lòng"
        }
    }

    public static func < (lhs: SatisfactionLevel, rhs: SatisfactionLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
