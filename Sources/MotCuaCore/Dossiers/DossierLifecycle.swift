import Foundation

/// Vòng đời hồ sơ: what one action does to a dossier, as a pure value. Given the dossier's state,
/// the action with what it names (the appointment, the specialist, the agency…), the party acting
/// and the moment, it gives the new state and the timeline entry, by the rules of
/// `DossierWorkflow`, the working calendar and Decision 766. The desk (once it has checked the input
/// and looked up what the action names), the demo history and imports all move dossiers through
/// here, so status, appointment, supplement pauses, hand-overs (phiếu kiểm soát quá trình giải
/// quyết) and timeliness are computed one way.
public struct DossierLifecycle: Sendable {
    /// Who holds a dossier at the center before and after processing.
    public static let oneStop = "Bộ phận một cửa"
    /// Who holds a dossier once its result is handed back.
    public static let applicant = "Người nộp hồ sơ"

    public let time: WorkingTime
    /// The working hours of each step of the procedure's internal process (quy trình nội bộ),
    /// in order; empty when the procedure publishes none.
    public let stepHours: [Double]

    public init(time: WorkingTime, stepHours: [Double]) {
        self.time = time
        self.stepHours = stepHours
    }

    /// A person a dossier is handed to.
    public struct Officer: Sendable, Equatable {
        public let id: UUID?
        public let name: String

        public init(id: UUID?, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// An action with what it needs to be done.
    public enum Move: Sendable, Equatable {
        case accept(DeadlineCalculator.Appointment)
        case requestSupplement
        case supplementReceived
        case refuse
        case assign(Officer)
        case submitForApproval
        case approve
        case sendBack
        /// To an agency by name, or to a unit of the province (its id).
        case transfer(agency: String, unitID: UUID?)
        case transferReturned
        case requestPayment
        case paymentReceived(PaymentChannel)
        /// How the result went back, when it differs from what the applicant asked.
        case returnResult(ResultDelivery?)
        case withdraw
        case stop
        /// The new appointment (the closing of a working day after the present one).
        case apologize(newAppointment: Date)

        public var action: DossierAction {
            switch self {
            case .accept: .accept
            case .requestSupplement: .requestSupplement
            case .supplementReceived: .supplementReceived
            case .refuse: .refuse
            case .assign: .assign
            case .submitForApproval: .submitForApproval
            case .approve: .approve
            case .sendBack: .sendBack
            case .transfer: .transfer
            case .transferReturned: .transferReturned
            case .requestPayment: .requestPayment
            case .paymentReceived: .paymentReceived
            case .returnResult: .returnResult
            case .withdraw: .withdraw
            case .stop: .stop
            case .apologize: .apologize
            }
        }
    }

    /// The lifecycle fields of one dossier.
    public struct State: Sendable, Equatable {
        public var status: DossierStatus = .submitted
        /// The status a supplement request paused.
        public var pausedFrom: DossierStatus?
        public var receivedAt: Date?
        /// The appointment printed on the receipt slip, which 766 judges against.
        public var legalAppointmentAt: Date?
        /// The appointment now (moved by supplements and apologies).
        public var appointmentAt: Date?
        public var supplements: [SupplementPeriod] = []
        /// Who has the dossier now (the control slip's receiver).
        public var holder = DossierLifecycle.oneStop
        public var stepIndex = 0
        public var stepStartedAt: Date?
        public var stepDueAt: Date?
        public var assignee: Officer?
        public var transferAgency: String?
        public var transferUnitID: UUID?
        public var paidAt: Date?
        /// `DuocThanhToanTrucTuyen` of the payment, when it was made online.
        public var paidOnline: Int?
        public var resultDelivery: ResultDelivery = .counter
        public var processedAt: Date?
        public var returnedAt: Date?
        public var endedAt: Date?
        public var timeliness: Timeliness?
        public var apologyCount = 0

        public init() {}
    }

    /// One line of the dossier's timeline; a hand-over also fills the control slip's columns.
    public struct Entry: Sendable, Equatable {
        public let action: DossierAction
        public let at: Date
        public let from: DossierStatus
        public var to: DossierStatus
        /// The appointment the entry set (acceptance, a supplement received, an apology).
        public var appointmentAt: Date?
        public var givenBy: String?
        public var receivedBy: String?
        /// The giver's step budget and how it was kept.
        public var stepDueAt: Date?
        public var stepTimeliness: Timeliness?
    }

    /// The action is not open to that party in the dossier's status (`DossierWorkflow`).
    public struct NotAllowed: Error, Equatable {
        public let action: DossierAction
        public let status: DossierStatus
        public let party: DossierWorkflow.Party

        public init(action: DossierAction, status: DossierStatus, party: DossierWorkflow.Party) {
            (self.action, self.status, self.party) = (action, status, party)
        }
    }

    /// The state after `move` by `party` at `now`, and its timeline entry.
    public func perform(_ move: Move, on state: State, by party: DossierWorkflow.Party, at now: Date) throws(NotAllowed) -> (State, Entry) {
        let action = move.action
        guard let target = DossierWorkflow.target(of: action, from: state.status, by: party) else {
            throw NotAllowed(action: action, status: state.status, party: party)
        }
        var state = state
        let before = state.status
        var entry = Entry(action: action, at: now, from: before, to: before)
        state.status = DossierWorkflow.resolve(target, current: before, pausedFrom: state.pausedFrom)
        switch move {
        case .accept(let appointment):
            state.receivedAt = now
            state.legalAppointmentAt = appointment.due
            state.appointmentAt = appointment.due
            entry.appointmentAt = appointment.due
            state.holder = Self.oneStop
            state.stepIndex = 0
            state.stepStartedAt = now
            state.stepDueAt = stepDue(state, index: 0, from: now)
        case .requestSupplement:
            state.pausedFrom = before
            if state.receivedAt != nil { state.supplements.append(SupplementPeriod(requestedAt: now)) }
        case .supplementReceived:
            if let open = state.supplements.lastIndex(where: { $0.completedAt == nil }) {
                let requested = state.supplements[open].requestedAt
                state.supplements[open].completedAt = now
                // The clock stood still while the applicant gathered the papers: the appointment
                // and the step's budget move by the working time it took.
                if let current = state.appointmentAt,
                   let moved = try? DeadlineCalculator(time: time).extended(.init(countsFrom: now, due: current), pauses: [(requested, now)]) {
                    state.appointmentAt = moved.due
                    entry.appointmentAt = moved.due
                }
                if let due = state.stepDueAt, let moved = try? time.adding(seconds: time.workingSeconds(from: requested, to: now), to: due) {
                    state.stepDueAt = moved
                }
            }
            state.pausedFrom = nil
        case .assign(let officer):
            state.assignee = officer
            handOver(&state, &entry, to: "Chuyên viên \(officer.name)", at: now)
        case .submitForApproval:
            handOver(&state, &entry, to: "Lãnh đạo", at: now)
        case .sendBack, .transferReturned:
            handOver(&state, &entry, to: "Chuyên viên \(state.assignee?.name ?? "")", at: now)
        case .transfer(let agency, let unitID):
            state.transferAgency = agency
            state.transferUnitID = unitID
            handOver(&state, &entry, to: agency, at: now)
        case .requestPayment:
            // The specialist keeps the dossier; the status tells the applicant what to do.
            break
        case .paymentReceived(let channel):
            state.paidAt = now
            state.paidOnline = channel.onlineCode
        case .approve:
            state.processedAt = now
            handOver(&state, &entry, to: Self.oneStop, at: now)
            finish(&state, at: now, final: false)
        case .returnResult(let delivery):
            if let delivery { state.resultDelivery = delivery }
            state.returnedAt = now
            handOver(&state, &entry, to: Self.applicant, at: now)
            state.endedAt = now
        case .refuse, .withdraw, .stop:
            finish(&state, at: now, final: true)
        case .apologize(let newAppointment):
            state.appointmentAt = newAppointment
            entry.appointmentAt = newAppointment
            state.apologyCount += 1
        }
        entry.to = state.status
        return (state, entry)
    }

    /// Ends processing: the 766 timeliness against the slip's appointment (only for dossiers that
    /// were received).
    private func finish(_ state: inout State, at end: Date, final: Bool) {
        if final { state.endedAt = end }
        if let legal = state.legalAppointmentAt, state.timeliness == nil {
            state.timeliness = DossierClock.timeliness(end: end, appointment: legal, supplements: state.supplements)
        }
    }

    /// A hand-over (a row of the control slip): the giver's step is judged against its budget, and
    /// the receiver's step starts with the next budget of the internal process.
    private func handOver(_ state: inout State, _ entry: inout Entry, to receiver: String, at now: Date) {
        entry.givenBy = state.holder
        entry.receivedBy = receiver
        if let due = state.stepDueAt {
            entry.stepDueAt = due
            entry.stepTimeliness = DossierClock.timeliness(end: now, appointment: due, supplements: [])
        }
        state.holder = receiver
        state.stepIndex += 1
        state.stepStartedAt = now
        state.stepDueAt = stepDue(state, index: state.stepIndex, from: now)
    }

    /// The step's due moment: its hours from the internal process, never after the appointment;
    /// the appointment itself when the procedure publishes no budget for the step.
    private func stepDue(_ state: State, index: Int, from start: Date) -> Date? {
        guard let appointment = state.appointmentAt else { return nil }
        guard index < stepHours.count, stepHours[index] > 0,
              let due = try? time.adding(seconds: Int((stepHours[index] * 3600).rounded(.up)), to: start)
        else { return appointment }
        return min(due, appointment)
    }
}
