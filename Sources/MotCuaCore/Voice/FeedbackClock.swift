import Foundation

/// The due moments of one feedback item, counted in working days from its receipt with the
/// province's calendar and the receiving unit's hours (the same rules as dossier appointments: the
/// day of receipt does not count; a period ends when the office closes on its last working day).
public struct FeedbackClock: Sendable, Equatable {
    /// A stage an item can be late for.
    public enum Stage: String, CaseIterable, Codable, Sendable {
        case reception
        case firstInfoRequest = "first_info_request"
        case answer
        case publish

        public var label: String {
            switch self {
            case .reception: "Tiếp nhận, phân loại"
            case .firstInfoRequest: "Đề nghị bổ sung thông tin"
            case .answer: "Trả lời"
            case .publish: "Công khai trả lời"
            }
        }
    }

    public let receptionDue: Date
    public let firstInfoRequestDue: Date
    /// Moved by the working time the item waited for requested information.
    public let answerDue: Date
    /// Known once the answer is approved.
    public let publishDue: Date?

    public init(receptionDue: Date, firstInfoRequestDue: Date, answerDue: Date, publishDue: Date?) {
        self.receptionDue = receptionDue
        self.firstInfoRequestDue = firstInfoRequestDue
        self.answerDue = answerDue
        self.publishDue = publishDue
    }

    /// - Parameters:
    ///   - pauses: periods spent waiting for the sender's information (an open one ends `now`).
    ///   - approvedAt: when a leader approved the answer, which starts the publication period.
    public init(calculator: DeadlineCalculator, deadlines: FeedbackDeadlines, urgent: Bool, receivedAt: Date,
                pauses: [(from: Date, to: Date)], approvedAt: Date?) throws(DeadlineCalculator.Problem) {
        let stages = deadlines.stages(urgent: urgent)
        receptionDue = try calculator.appointment(receivedAt: receivedAt, value: stages.reception, unit: .workingDays).due
        firstInfoRequestDue = try calculator.appointment(receivedAt: receivedAt, value: stages.firstInfoRequest, unit: .workingDays).due
        let answer = try calculator.appointment(receivedAt: receivedAt, value: stages.answer, unit: .workingDays)
        answerDue = try calculator.extended(answer, pauses: pauses).due
        publishDue = try approvedAt.map { approvedAt throws(DeadlineCalculator.Problem) in
            try calculator.appointment(receivedAt: approvedAt, value: stages.publish, unit: .workingDays).due
        }
    }

    /// What an item has done, for judging lateness.
    public struct Progress: Sendable, Equatable {
        /// Classified, refused or transferred by the unit.
        public var decidedAt: Date?
        public var firstInfoRequestAt: Date?
        public var approvedAt: Date?
        public var publishedAt: Date?
        /// Closed without an answer (refused, transferred out): no answer or publication is due.
        public var closedWithoutAnswer: Bool
        /// Waiting for the sender's information since then: the answer clock stands still.
        public var pausedSince: Date?

        public init(decidedAt: Date? = nil, firstInfoRequestAt: Date? = nil, approvedAt: Date? = nil, publishedAt: Date? = nil,
                    closedWithoutAnswer: Bool = false, pausedSince: Date? = nil) {
            self.pausedSince = pausedSince
            self.decidedAt = decidedAt
            self.firstInfoRequestAt = firstInfoRequestAt
            self.approvedAt = approvedAt
            self.publishedAt = publishedAt
            self.closedWithoutAnswer = closedWithoutAnswer
        }
    }

    /// The stages done late, or not done and already past due at `now`. A first request for
    /// information is late only when one was made after its limit (asking is not required).
    public func late(_ progress: Progress, now: Date) -> [Stage] {
        func missed(_ due: Date, _ done: Date?) -> Bool { (done ?? now) > due }
        var stages: [Stage] = []
        if missed(receptionDue, progress.decidedAt) { stages.append(.reception) }
        if let asked = progress.firstInfoRequestAt, asked > firstInfoRequestDue { stages.append(.firstInfoRequest) }
        if !progress.closedWithoutAnswer {
            if missed(answerDue, progress.approvedAt ?? progress.pausedSince) { stages.append(.answer) }
            if let publishDue, missed(publishDue, progress.publishedAt) { stages.append(.publish) }
        }
        return stages
    }
}
