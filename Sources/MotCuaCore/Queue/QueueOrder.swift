import Foundation

/// The order a group's waiting tickets are called in: priority tickets first, then by arrival
/// (oldest first), then by number. (NovoSGA's 2.2 handler sorts arrival newest first within a
/// priority — the regression peers.md §4.1 warns about; our tests pin the oldest-first rule.)
public enum QueueOrder {
    public struct Entry: Sendable, Equatable {
        public let number: Int
        public let isPriority: Bool
        public let arrivedAt: Date

        public init(number: Int, isPriority: Bool, arrivedAt: Date) {
            self.number = number
            self.isPriority = isPriority
            self.arrivedAt = arrivedAt
        }
    }

    /// `a` is called before `b`.
    public static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        if a.isPriority != b.isPriority { return a.isPriority }
        if a.arrivedAt != b.arrivedAt { return a.arrivedAt < b.arrivedAt }
        return a.number < b.number
    }

    public static func sorted(_ entries: [Entry]) -> [Entry] { entries.sorted(by: precedes) }
}
