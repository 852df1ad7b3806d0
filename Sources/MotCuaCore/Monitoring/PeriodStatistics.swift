import Foundation

/// Counts dossiers into a reporting period's figures by the rules of rules.md §1.3 (indicator 2.1)
/// and §4.
public enum PeriodStatistics {
    /// Adds one dossier to the figures of the period `start..<end`.
    ///
    /// - A dossier counts when it was received before the period's end and had not ended before its
    ///   start: received in the period, or carried over.
    /// - Ended in the period with a result: early, on time or late by `DossierClock` (supplement time
    ///   subtracted, more than one supplement is late). Ended without a result (refused, stopped,
    ///   withdrawn after reception): counted by kind, and late if after the appointment.
    /// - Not ended by the period's end: within the deadline or overdue, the period's end standing
    ///   for the end of processing.
    public static func add(_ dossier: DossierFacts, to figures: inout PeriodFigures, from start: Date, to end: Date) {
        guard let receivedAt = dossier.receivedAt, receivedAt < end else { return }
        if let endedAt = dossier.endedAt, endedAt < start { return }
        if receivedAt >= start {
            switch dossier.channel {
            case .online: figures.receivedOnline += 1
            case .counter: figures.receivedDirect += 1
            case .post: figures.receivedPostal += 1
            }
        } else {
            figures.carriedOver += 1
        }
        if dossier.supplements.contains(where: { $0.requestedAt >= start && $0.requestedAt < end }) { figures.supplementRequested += 1 }
        // As the period's end saw them: later requests not yet made, later completions not yet done.
        let supplementsAtEnd = dossier.supplements.filter { $0.requestedAt < end }.map { period in
            period.completedAt.map { $0 < end } == true ? period : SupplementPeriod(requestedAt: period.requestedAt)
        }
        if let endedAt = dossier.endedAt, endedAt < end {
            switch dossier.endStatus {
            case .refused?, .withdrawn?, .stopped?:
                if dossier.endStatus == .refused { figures.refused += 1 }
                if dossier.endStatus == .withdrawn { figures.withdrawn += 1 }
                if dossier.endStatus == .stopped { figures.stopped += 1 }
                if let appointment = dossier.appointmentAt,
                   DossierClock.timeliness(end: endedAt, appointment: appointment, supplements: dossier.supplements) == .late {
                    figures.endedWithoutResultLate += 1
                }
            default:
                guard let appointment = dossier.appointmentAt else {
                    figures.onTime += 1
                    return
                }
                switch DossierClock.timeliness(end: endedAt, appointment: appointment, supplements: dossier.supplements) {
                case .early: figures.early += 1
                case .onTime: figures.onTime += 1
                case .late: figures.late += 1
                }
            }
        } else {
            let late = dossier.appointmentAt.map {
                DossierClock.timeliness(end: end, appointment: $0, supplements: supplementsAtEnd) == .late
            } ?? false
            if late { figures.inProgressOverdue += 1 } else { figures.inProgressWithinDeadline += 1 }
        }
    }

    public static func figures(_ dossiers: [DossierFacts], from start: Date, to end: Date) -> PeriodFigures {
        var figures = PeriodFigures()
        for dossier in dossiers { add(dossier, to: &figures, from: start, to: end) }
        return figures
    }
}
