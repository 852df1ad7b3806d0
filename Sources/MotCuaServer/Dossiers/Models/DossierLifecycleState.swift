import Foundation
import MotCuaCore

extension Dossier {
    /// The lifecycle fields as the core's value (`DossierLifecycle`), read and written together.
    var lifecycle: DossierLifecycle.State {
        get {
            var state = DossierLifecycle.State()
            (state.status, state.pausedFrom, state.receivedAt) = (status, pausedFrom, receivedAt)
            (state.legalAppointmentAt, state.appointmentAt, state.supplements) = (legalAppointmentAt, appointmentAt, supplements)
            (state.holder, state.stepIndex, state.stepStartedAt, state.stepDueAt) = (holder, stepIndex, stepStartedAt, stepDueAt)
            state.assignee = assigneeName.map { DossierLifecycle.Officer(id: assigneeID, name: $0) }
            (state.transferAgency, state.transferUnitID, state.paidAt, state.paidOnline) = (transferAgency, transferUnitID, paidAt, paidOnline)
            (state.resultDelivery, state.processedAt, state.returnedAt, state.endedAt) = (resultDelivery, processedAt, returnedAt, endedAt)
            (state.timeliness, state.apologyCount) = (timeliness, apologyCount)
            return state
        }
        set {
            (status, pausedFrom, receivedAt) = (newValue.status, newValue.pausedFrom, newValue.receivedAt)
            (legalAppointmentAt, appointmentAt) = (newValue.legalAppointmentAt, newValue.appointmentAt)
            supplements = newValue.supplements
            (holder, stepIndex, stepStartedAt, stepDueAt) = (newValue.holder, newValue.stepIndex, newValue.stepStartedAt, newValue.stepDueAt)
            (assigneeID, assigneeName) = (newValue.assignee?.id, newValue.assignee?.name)
            (transferAgency, transferUnitID, paidAt, paidOnline) = (newValue.transferAgency, newValue.transferUnitID, newValue.paidAt, newValue.paidOnline)
            (resultDelivery, processedAt, returnedAt, endedAt) = (newValue.resultDelivery, newValue.processedAt, newValue.returnedAt, newValue.endedAt)
            (timeliness, apologyCount) = (newValue.timeliness, newValue.apologyCount)
        }
    }

    /// The lifecycle of this dossier's procedure (its internal process's budgets) in `time`.
    func lifecycle(in time: WorkingTime) -> DossierLifecycle {
        DossierLifecycle(time: time, stepHours: (try? content().internalProcess.map(\.hours)) ?? [])
    }
}

extension DossierEvent {
    /// The event of a lifecycle entry, by the person (or the system) who acted.
    convenience init(dossierID: UUID, _ entry: DossierLifecycle.Entry, actorID: UUID?, actorName: String, note: String) {
        self.init(dossierID: dossierID, at: entry.at, action: entry.action.rawValue, from: entry.from, to: entry.to,
                  actorID: actorID, actorName: actorName, note: note)
        (appointmentAt, givenBy, receivedBy) = (entry.appointmentAt, entry.givenBy, entry.receivedBy)
        (stepDueAt, stepTimeliness) = (entry.stepDueAt, entry.stepTimeliness)
    }
}
