/// Who may do what to a feedback item in which status, and where it goes: one table read by the
/// server, the pages (which forms to show) and the tests.
public enum FeedbackWorkflow {
    /// The part a person plays for one item.
    public enum Party: String, CaseIterable, Sendable {
        /// Officers who receive feedback in the unit that holds the item (one-stop officers,
        /// hotline operators, the center's director).
        case receiver
        /// Officers of the department the item was routed to.
        case department
        /// Lãnh đạo of the unit that holds the item.
        case leader
        /// The person who sent it (signed in, or holding its code and secret).
        case sender
    }

    public typealias Target = TransitionTarget<FeedbackStatus>
    public typealias Rule = TransitionRule<FeedbackStatus, FeedbackAction, Party>

    /// Statuses still on someone's desk.
    public static let open: Set<FeedbackStatus> = Set(FeedbackStatus.allCases.filter { !$0.isClosed })

    public static let table = TransitionTable<FeedbackStatus, FeedbackAction, Party>([
        Rule(action: .classify, from: [.submitted], parties: [.receiver, .leader], target: .status(.received)),
        Rule(action: .classify, from: [.received, .processing], parties: [.receiver, .leader], target: .unchanged),
        Rule(action: .refuse, from: [.submitted, .received], parties: [.receiver, .leader], target: .status(.refused)),
        Rule(action: .requestInfo, from: [.submitted, .received], parties: [.receiver, .leader], target: .status(.infoRequested)),
        Rule(action: .requestInfo, from: [.processing], parties: [.department, .leader], target: .status(.infoRequested)),
        Rule(action: .infoReceived, from: [.infoRequested], parties: [.sender, .receiver, .leader], target: .resume),
        Rule(action: .route, from: [.received, .processing], parties: [.receiver, .leader], target: .status(.processing)),
        // A transfer leaves the status to the desk: submitted in the new unit, or transferred out of MotCua.
        Rule(action: .transfer, from: [.submitted, .received, .processing], parties: [.receiver, .leader], target: .unchanged),
        Rule(action: .submitAnswer, from: [.processing], parties: [.department, .leader], target: .status(.awaitingApproval)),
        Rule(action: .approve, from: [.awaitingApproval], parties: [.leader], target: .status(.answered)),
        Rule(action: .sendBack, from: [.awaitingApproval], parties: [.leader], target: .status(.processing)),
        Rule(action: .publish, from: [.answered], parties: [.receiver, .leader], target: .status(.published)),
    ])

    public static var rules: [Rule] { table.rules }

    /// Where `action` by `party` leads from `status`, or nil when it is not allowed.
    public static func target(of action: FeedbackAction, from status: FeedbackStatus, by party: Party) -> Target? {
        table.target(of: action, from: status, by: party)
    }

    /// The first of the parties that may perform the action now.
    public static func party(for action: FeedbackAction, from status: FeedbackStatus, among parties: Set<Party>) -> Party? {
        table.party(for: action, from: status, among: parties)
    }

    /// The actions open to these parties in this status, in the table's order.
    public static func actions(from status: FeedbackStatus, for parties: Set<Party>) -> [FeedbackAction] {
        table.actions(from: status, for: parties)
    }

    /// The status after `target`, given the status a paused record came from.
    public static func resolve(_ target: Target, current: FeedbackStatus, pausedFrom: FeedbackStatus?) -> FeedbackStatus {
        table.resolve(target, current: current, pausedFrom: pausedFrom, initial: .submitted)
    }
}
