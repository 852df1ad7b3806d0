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

    public typealias Target = TransitionTarget<DossierStatus>
    public typealias Rule = TransitionRule<DossierStatus, DossierAction, Party>

    /// The statuses of a dossier still on someone's desk.
    public static let open: Set<DossierStatus> = [.received, .processing, .awaitingApproval, .transferred, .supplementRequested, .paymentRequested]

    public static let table = TransitionTable<DossierStatus, DossierAction, Party>([
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
    ])

    public static var rules: [Rule] { table.rules }

    /// Where `action` by `party` leads from `status`, or nil when it is not allowed.
    public static func target(of action: DossierAction, from status: DossierStatus, by party: Party) -> Target? {
        table.target(of: action, from: status, by: party)
    }

    /// The first of the parties that may perform the action now.
    public static func party(for action: DossierAction, from status: DossierStatus, among parties: Set<Party>) -> Party? {
        table.party(for: action, from: status, among: parties)
    }

    /// The actions open to these parties in this status, in the table's order.
    public static func actions(from status: DossierStatus, for parties: Set<Party>) -> [DossierAction] {
        table.actions(from: status, for: parties)
    }

    /// The status after `target`, given the status a paused record came from.
    public static func resolve(_ target: Target, current: DossierStatus, pausedFrom: DossierStatus?) -> DossierStatus {
        table.resolve(target, current: current, pausedFrom: pausedFrom, initial: .submitted)
    }
}
