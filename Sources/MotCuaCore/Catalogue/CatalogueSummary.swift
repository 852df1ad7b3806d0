/// The line a center posts on its notice board: "434 thủ tục: 154 toàn trình, 262 một phần,
/// 18 cung cấp thông tin".
public struct CatalogueSummary: Sendable, Equatable {
    public private(set) var total = 0
    public private(set) var counts: [OnlineLevel: Int] = [:]
    public private(set) var unknown = 0

    public init<Levels: Sequence>(levels: Levels) where Levels.Element == OnlineLevel? {
        for level in levels {
            total += 1
            if let level { counts[level, default: 0] += 1 } else { unknown += 1 }
        }
    }

    public func count(_ level: OnlineLevel) -> Int { counts[level] ?? 0 }

    public var text: String {
        var parts = OnlineLevel.allCases.map { "\(VietnameseFormat.integer(count($0))) \($0.label.lowercased())" }
        if unknown > 0 { parts.append("\(VietnameseFormat.integer(unknown)) chưa xác định mức độ") }
        return "\(VietnameseFormat.integer(total)) thủ tục: " + parts.joined(separator: ", ")
    }
}
