/// Who may do what to a dossier in which status, and where it goes then: the whole state machine
/// in one table, so the server, the pages (which buttons to show) and the tests read the same rules.
public enum DossierWorkflow {
    /// The part a person plays for one dossier.
    public enum Party: String, CaseIterable, Sendable {
        /// Cán bộ một cửa of the unit that holds the dossier.
        case reception
        /// The specialist the dossier is assigned to.
        case specialist
        /// Lãnh đạo (or the center's director) of that unit.
        case leader
        /// The applicant, online.
        case applicant
        /// Cơ quan phối hợp: officers of the unit or province agency a dossier was transferred to
        /// (liên thông), who answer and send it back.
        case partner
    }

    /// Where an action leads.
    public enum Target: Equatable, Sendable {
        case status(DossierStatus)
        /// Back to the status the dossier was paused from.
        case resume
        /// The status stays (apology with a new date, re-assignment).
        case unchanged
    }

    public struct Rule: Sendable {
        public let action: DossierAction
        public let from: Set<DossierStatus>
        public let parties: Set<Party>
        public let target: Target
    }

    /// The statuses of a dossier still on someone's desk.
    public static let open: Set<DossierStatus> = [.received, .processing, .awaitingApproval, .transferred, .supplementRequested, .paymentRequested]

    public static let rules: [Rule] = [
        Rule(action: .accept, from: [.submitted], parties: [.reception], target: .status(.received)),
        Rule(action: .requestSupplement, from: [.submitted], parties: [.reception], target: .status(.supplementRequested)),
        Rule(action: .requestSupplement, from: [.processing], parties: [.specialist], target: .status(.supplementRequested)),
        Rule(action: .supplementReceived, from: [.supplementRequested], parties: [.reception, .applicant], target: .resume),
        Rule(action: .refuse, from: [.submitted], parties: [.reception], target: .status(.refused)),
        Rule(action: .refuse, from: [.processing], parties: [.specialist], target: .status(.refused)),
        Rule(action: .refuse, from: [.awaitingApproval], parties: [.leader], target: .status(.refused)),
        Rule(action: .assign, from: [.received, .processing], parties: [.leader], target: .status(.processing)),
        Rule(action: .submitForApproval, from: [.processing], parties: [.specialist], target: .status(.awaitingApproval)),
        Rule(action: .approve, from: [.awaitingApproval], parties: [.leader], target: .status(.resultReady)),
        Rule(action: .sendBack, from: [.awaitingApproval], parties: [.leader], target: .status(.processing)),
        Rule(action: .transfer, from: [.processing], parties: [.specialist], target: .status(.transferred)),
        Rule(action: .transferReturned, from: [.transferred], parties: [.specialist, .partner], target: .status(.processing)),
        Rule(action: .requestPayment, from: [.processing], parties: [.specialist], target: .status(.paymentRequested)),
        Rule(action: .paymentReceived, from: [.paymentRequested], parties: [.reception, .specialist], target: .status(.processing)),
        Rule(action: .returnResult, from: [.resultReady], parties: [.reception], target: .status(.returned)),
        Rule(action: .withdraw, from: [.submitted, .supplementRequested], parties: [.reception, .applicant], target: .status(.withdrawn)),
        Rule(action: .withdraw, from: [.received, .processing, .awaitingApproval, .transferred, .paymentRequested], parties: [.reception],
             target: .status(.withdrawn)),
        Rule(action: .stop, from: open, parties: [.leader], target: .status(.stopped)),
        Rule(action: .apologize, from: [.received, .processing, .awaitingApproval, .transferred, .paymentRequested], parties: [.specialist, .leader],
             target: .unchanged),
    ]

    /// Where `action` by `party` leads from `status`, or nil when it is not allowed.
    public static func target(of action: DossierAction, from status: DossierStatus, by party: Party) -> Target? {
        rules.first { $0.action == action && $0.from.contains(status) && $0.parties.contains(party) }?.target
    }

    /// Whether any of the parties may perform the action now; the first that may.
    public static func party(for action: DossierAction, from status: DossierStatus, among parties: Set<Party>) -> Party? {
        Party.allCases.first { parties.contains($0) && target(of: action, from: status, by: $0) != nil }
    }

    /// The actions open to these parties in this status, in the table's order.
    public static func actions(from status: DossierStatus, for parties: Set<Party>) -> [DossierAction] {
        var seen: [DossierAction] = []
        for rule in rules where rule.from.contains(status) && !rule.parties.isDisjoint(with: parties) && !seen.contains(rule.action) {
            seen.append(rule.action)
        }
        return seen
    }

    /// The status after `target`, given the status a paused dossier came from.
    public static func resolve(_ target: Target, current: DossierStatus, pausedFrom: DossierStatus?) -> DossierStatus {
        switch target {
        case .status(let status): status
        case .unchanged: current
        case .resume: pausedFrom ?? .submitted
        }
    }
}
