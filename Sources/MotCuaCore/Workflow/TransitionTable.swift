/// Where an action leads in a state machine of statuses.
public enum TransitionTarget<Status: Hashable & Sendable>: Equatable, Sendable {
    case status(Status)
    /// Back to the status the record was paused from.
    case resume
    /// The status stays.
    case unchanged
}

/// One line of a state machine: `action` by any of `parties` from any of `from` leads to `target`.
public struct TransitionRule<Status: Hashable & Sendable, Action: Hashable & Sendable, Party: Hashable & Sendable>: Sendable {
    public let action: Action
    public let from: Set<Status>
    public let parties: Set<Party>
    public let target: TransitionTarget<Status>

    public init(action: Action, from: Set<Status>, parties: Set<Party>, target: TransitionTarget<Status>) {
        self.action = action
        self.from = from
        self.parties = parties
        self.target = target
    }
}

/// Who may do what in which status, and where it leads: the rules of a workflow (dossiers,
/// feedback) as one table, read alike by the server, the pages and the tests.
public struct TransitionTable<Status: Hashable & Sendable, Action: Hashable & Sendable, Party: Hashable & Sendable & CaseIterable>: Sendable
where Party.AllCases: Sendable {
    public typealias Rule = TransitionRule<Status, Action, Party>

    public let rules: [Rule]

    public init(_ rules: [Rule]) { self.rules = rules }

    /// Where `action` by `party` leads from `status`, or nil when it is not allowed.
    public func target(of action: Action, from status: Status, by party: Party) -> TransitionTarget<Status>? {
        rules.first { $0.action == action && $0.from.contains(status) && $0.parties.contains(party) }?.target
    }

    /// The first of the parties (in declaration order) that may perform the action now.
    public func party(for action: Action, from status: Status, among parties: Set<Party>) -> Party? {
        Party.allCases.first { parties.contains($0) && target(of: action, from: status, by: $0) != nil }
    }

    /// The actions open to these parties in this status, in the table's order.
    public func actions(from status: Status, for parties: Set<Party>) -> [Action] {
        var seen: [Action] = []
        for rule in rules where rule.from.contains(status) && !rule.parties.isDisjoint(with: parties) && !seen.contains(rule.action) {
            seen.append(rule.action)
        }
        return seen
    }

    /// The status after `target`, given the status a paused record came from (`initial` if none).
    public func resolve(_ target: TransitionTarget<Status>, current: Status, pausedFrom: Status?, initial: Status) -> Status {
        switch target {
        case .status(let status): status
        case .unchanged: current
        case .resume: pausedFrom ?? initial
        }
    }
}
