import Foundation

/// Time limits for feedback, in working days, per class (normal or urgent). A province sets its
/// own; the defaults are those Decision 766 measures on the national portal (rules.md §7): refuse
/// within 2, first request for information within 5, answer within 15, publish within 2; urgent
/// items (disasters, epidemics) every stage within 1.
public struct FeedbackDeadlines: Codable, Equatable, Sendable {
    public struct Stages: Codable, Equatable, Sendable {
        /// From receipt to classifying or refusing it.
        public var reception: Int
        /// From receipt to the first request for more information.
        public var firstInfoRequest: Int
        /// From receipt to the approved answer (pauses for requested information not counted).
        public var answer: Int
        /// From the approved answer to its publication.
        public var publish: Int

        public init(reception: Int, firstInfoRequest: Int, answer: Int, publish: Int) {
            self.reception = reception
            self.firstInfoRequest = firstInfoRequest
            self.answer = answer
            self.publish = publish
        }

        var all: [Int] { [reception, firstInfoRequest, answer, publish] }
    }

    public var normal: Stages
    public var urgent: Stages

    public init(normal: Stages, urgent: Stages) {
        self.normal = normal
        self.urgent = urgent
    }

    public static let standard = FeedbackDeadlines(
        normal: Stages(reception: 2, firstInfoRequest: 5, answer: 15, publish: 2),
        urgent: Stages(reception: 1, firstInfoRequest: 1, answer: 1, publish: 1))

    public func stages(urgent isUrgent: Bool) -> Stages { isUrgent ? urgent : normal }

    /// Problems in Vietnamese; empty when every limit is 1–90 working days, the first request for
    /// information comes no later than the answer, and urgent limits are no longer than normal ones.
    public var problems: [String] {
        var problems: [String] = []
        if !(normal.all + urgent.all).allSatisfy({ (1...90).contains($0) }) {
            problems.append("Mỗi thời hạn phải từ 1 đến 90 ngày làm việc.")
        }
        if normal.firstInfoRequest > normal.answer || urgent.firstInfoRequest > urgent.answer {
            problems.append("Thời hạn đề nghị bổ sung thông tin không được dài hơn thời hạn trả lời.")
        }
        if zip(urgent.all, normal.all).contains(where: { $0 > $1 }) {
            problems.append("Thời hạn của phản ánh khẩn cấp không được dài hơn thời hạn thông thường.")
        }
        return problems
    }
}
