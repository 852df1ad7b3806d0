import Foundation
import MotCuaCore
import Testing

@Suite("Dossier lifecycle: one action on a dossier's state, as the desk and the demo history do it")
struct DossierLifecycleTests {
    static let time = WorkingTime(calendar: WorkingCalendar(years: 2025...2027, declarations: OfficialDeclarations.days))
    /// Budgets of the internal process: reception 1 h, specialist 8 h, leader 2 h, return 1 h.
    static let lifecycle = DossierLifecycle(time: time, stepHours: [1, 8, 2, 1])

    static func at(_ text: String) -> Date { try! Date(text + "+07:00", strategy: .iso8601) }

    /// Standard hours are 07:30–11:30 and 13:30–17:00 (7.5 working hours a day); the figures
    /// below are counted by hand on the week of Monday 7 December 2026.
    @Test("A received, supplemented, approved and returned dossier: appointment, hand-overs, step budgets and 766 timeliness")
    func journey() throws {
        let lifecycle = Self.lifecycle
        var state = DossierLifecycle.State()
        var entry: DossierLifecycle.Entry
        let appointment = DeadlineCalculator.Appointment(countsFrom: Self.at("2026-12-07T09:00:00"), due: Self.at("2026-12-10T17:00:00"))

        (state, entry) = try lifecycle.perform(.accept(appointment), on: state, by: .reception, at: Self.at("2026-12-07T09:00:00"))
        #expect(state.status == .received && entry.from == .submitted && entry.to == .received)
        #expect(state.legalAppointmentAt == appointment.due && state.appointmentAt == appointment.due && entry.appointmentAt == appointment.due)
        #expect(state.holder == "Bộ phận một cửa" && state.stepIndex == 0 && state.stepDueAt == Self.at("2026-12-07T10:00:00"))

        let specialist = DossierLifecycle.Officer(id: UUID(), name: "Trần Văn Thụ")
        (state, entry) = try lifecycle.perform(.assign(specialist), on: state, by: .leader, at: Self.at("2026-12-07T09:30:00"))
        #expect(state.status == .processing && state.assignee == specialist && state.holder == "Chuyên viên Trần Văn Thụ")
        #expect(entry.givenBy == "Bộ phận một cửa" && entry.receivedBy == "Chuyên viên Trần Văn Thụ")
        #expect(entry.stepDueAt == Self.at("2026-12-07T10:00:00") && entry.stepTimeliness == .onTime)
        // 8 working hours from 09:30: 2 h to 11:30, 3.5 h in the afternoon, 2.5 h on Tuesday from 07:30.
        #expect(state.stepIndex == 1 && state.stepDueAt == Self.at("2026-12-08T10:00:00"))

        (state, entry) = try lifecycle.perform(.requestSupplement, on: state, by: .specialist, at: Self.at("2026-12-07T14:00:00"))
        #expect(state.status == .supplementRequested && state.pausedFrom == .processing)
        #expect(state.supplements == [SupplementPeriod(requestedAt: Self.at("2026-12-07T14:00:00"))])
        #expect(entry.givenBy == nil && state.stepIndex == 1)

        // Paused 7.5 working hours (Monday 14:00–17:00, Tuesday 07:30–11:30 and 13:30–14:00): the
        // appointment and the step's budget move by a working day.
        (state, entry) = try lifecycle.perform(.supplementReceived, on: state, by: .reception, at: Self.at("2026-12-08T14:00:00"))
        #expect(state.status == .processing && state.pausedFrom == nil)
        #expect(state.supplements[0].completedAt == Self.at("2026-12-08T14:00:00"))
        #expect(state.appointmentAt == Self.at("2026-12-11T17:00:00") && entry.appointmentAt == state.appointmentAt)
        #expect(state.legalAppointmentAt == appointment.due)
        #expect(state.stepDueAt == Self.at("2026-12-09T10:00:00"))

        (state, entry) = try lifecycle.perform(.submitForApproval, on: state, by: .specialist, at: Self.at("2026-12-09T09:00:00"))
        #expect(state.status == .awaitingApproval && entry.receivedBy == "Lãnh đạo" && entry.stepTimeliness == .onTime)
        #expect(state.stepIndex == 2 && state.stepDueAt == Self.at("2026-12-09T11:00:00"))

        (state, entry) = try lifecycle.perform(.approve, on: state, by: .leader, at: Self.at("2026-12-09T15:00:00"))
        #expect(state.status == .resultReady && state.processedAt == Self.at("2026-12-09T15:00:00") && state.endedAt == nil)
        #expect(entry.givenBy == "Lãnh đạo" && entry.receivedBy == "Bộ phận một cửa" && entry.stepTimeliness == .late)
        // 766: ended Wednesday 15:00 less the day the applicant took is Tuesday 15:00, before
        // Thursday's appointment on the slip: early.
        #expect(state.timeliness == .early)

        (state, entry) = try lifecycle.perform(.returnResult(.post), on: state, by: .reception, at: Self.at("2026-12-10T08:00:00"))
        #expect(state.status == .returned && state.returnedAt == Self.at("2026-12-10T08:00:00") && state.endedAt == state.returnedAt)
        #expect(state.holder == "Người nộp hồ sơ" && state.resultDelivery == .post && state.timeliness == .early)
    }

    @Test("Payment, transfer and apology fill their fields; an action a party may not do is refused and changes nothing")
    func otherMoves() throws {
        let lifecycle = Self.lifecycle
        var state = DossierLifecycle.State()
        let appointment = DeadlineCalculator.Appointment(countsFrom: Self.at("2026-12-07T09:00:00"), due: Self.at("2026-12-10T17:00:00"))
        (state, _) = try lifecycle.perform(.accept(appointment), on: state, by: .reception, at: Self.at("2026-12-07T09:00:00"))
        #expect(throws: DossierLifecycle.NotAllowed(action: .approve, status: .received, party: .leader)) {
            try lifecycle.perform(.approve, on: state, by: .leader, at: Self.at("2026-12-07T09:10:00"))
        }
        (state, _) = try lifecycle.perform(.assign(.init(id: nil, name: "Lê Thị Lan")), on: state, by: .leader, at: Self.at("2026-12-07T09:30:00"))
        (state, _) = try lifecycle.perform(.requestPayment, on: state, by: .specialist, at: Self.at("2026-12-07T10:00:00"))
        #expect(state.status == .paymentRequested && state.holder == "Chuyên viên Lê Thị Lan")
        (state, _) = try lifecycle.perform(.paymentReceived(.nationalPortal), on: state, by: .reception, at: Self.at("2026-12-07T10:30:00"))
        #expect(state.status == .processing && state.paidAt == Self.at("2026-12-07T10:30:00") && state.paidOnline == 1)
        let partner = UUID()
        var entry: DossierLifecycle.Entry
        (state, entry) = try lifecycle.perform(.transfer(agency: "UBND phường Ngô Quyền", unitID: partner), on: state, by: .specialist,
                                               at: Self.at("2026-12-07T11:00:00"))
        #expect(state.status == .transferred && state.transferUnitID == partner && state.holder == "UBND phường Ngô Quyền")
        #expect(entry.receivedBy == "UBND phường Ngô Quyền")
        (state, entry) = try lifecycle.perform(.transferReturned, on: state, by: .partner, at: Self.at("2026-12-08T08:00:00"))
        #expect(state.status == .processing && entry.receivedBy == "Chuyên viên Lê Thị Lan")
        let later = Self.at("2026-12-14T17:00:00")
        (state, entry) = try lifecycle.perform(.apologize(newAppointment: later), on: state, by: .specialist, at: Self.at("2026-12-09T08:00:00"))
        #expect(state.status == .processing && state.appointmentAt == later && entry.appointmentAt == later && state.apologyCount == 1)
        #expect(state.legalAppointmentAt == appointment.due)
        (state, _) = try lifecycle.perform(.stop, on: state, by: .leader, at: Self.at("2026-12-11T08:00:00"))
        // Stopped after the slip's appointment: late, whatever the apology said.
        #expect(state.status == .stopped && state.endedAt == Self.at("2026-12-11T08:00:00") && state.timeliness == .late)
    }

    @Test("Property: any stream of moves by any party keeps the workflow's table, the control slip's steps and the 766 clock")
    func property() throws {
        var random = SeededGenerator(seed: 20_261_208)
        let officer = DossierLifecycle.Officer(id: UUID(), name: "Phạm Văn Minh")
        var performed: Set<DossierAction> = []
        for _ in 0..<300 {
            var state = DossierLifecycle.State()
            var now = Self.at("2026-03-02T08:00:00")
            for _ in 0..<80 {
                now = try Self.time.adding(seconds: Int.random(in: 60...20_000, using: &random), to: now)
                let moves: [DossierLifecycle.Move] = [
                    .accept(.init(countsFrom: now, due: try Self.time.adding(seconds: 3 * 27_000, to: now))), .requestSupplement, .supplementReceived,
                    .refuse, .assign(officer), .submitForApproval, .approve, .sendBack, .transfer(agency: "Sở Tư pháp", unitID: nil),
                    .transferReturned, .requestPayment, .paymentReceived(.counter), .returnResult(nil), .withdraw, .stop,
                    .apologize(newAppointment: (state.appointmentAt ?? now).addingTimeInterval(86_400)),
                ]
                // Mostly a move the workflow allows now (so streams go the whole way), sometimes any.
                let pairs = moves.flatMap { move in DossierWorkflow.Party.allCases.map { (move, $0) } }
                let allowed = pairs.filter { DossierWorkflow.target(of: $0.0.action, from: state.status, by: $0.1) != nil }
                let (move, party) = (Double.random(in: 0..<1, using: &random) < 0.8 ? allowed : pairs).randomElement(using: &random) ?? pairs[0]
                guard let target = DossierWorkflow.target(of: move.action, from: state.status, by: party) else {
                    #expect(throws: DossierLifecycle.NotAllowed.self) { try Self.lifecycle.perform(move, on: state, by: party, at: now) }
                    continue
                }
                let (next, entry) = try Self.lifecycle.perform(move, on: state, by: party, at: now)
                #expect(next.status == DossierWorkflow.resolve(target, current: state.status, pausedFrom: state.pausedFrom))
                #expect(entry.action == move.action && entry.at == now && entry.from == state.status && entry.to == next.status)
                // A hand-over is a row of the control slip: one step further, from the holder before.
                let handsOver = entry.receivedBy != nil
                #expect(next.stepIndex == state.stepIndex + (handsOver ? 1 : 0) || move.action == .accept)
                if handsOver { #expect(entry.givenBy == state.holder && next.holder == entry.receivedBy && next.stepStartedAt == now) }
                if let due = next.stepDueAt, let appointment = next.appointmentAt { #expect(due <= appointment) }
                // Supplements only grow, one per request on a received dossier; a pause moves the
                // appointment later, never earlier.
                #expect(next.supplements.count - state.supplements.count == (move.action == .requestSupplement && state.receivedAt != nil ? 1 : 0))
                if move.action == .supplementReceived, let before = state.appointmentAt { #expect(next.appointmentAt! >= before) }
                // The 766 result is written once, when processing ends, and stays.
                if let timeliness = state.timeliness { #expect(next.timeliness == timeliness) }
                if next.status.endsProcessing, next.legalAppointmentAt != nil { #expect(next.timeliness != nil) }
                #expect((next.endedAt != nil) == next.status.isFinal)
                performed.insert(move.action)
                state = next
            }
        }
        #expect(performed == Set(DossierAction.allCases), "every action was tried in a status that allows it")
    }
}
