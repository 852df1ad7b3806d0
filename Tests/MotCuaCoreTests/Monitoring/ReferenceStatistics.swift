import Foundation
import MotCuaCore

/// The figures of a period counted straight from the definitions (rules.md §1.3, §4), one dossier
/// at a time: the oracle the daily tallies must agree with.
///
/// - A dossier counts when it was received before the period's end and had not ended before its
///   start: received in the period, or carried over.
/// - Ended in the period: by its outcome. Not ended by the period's end: within the deadline or
///   overdue, the period's end standing for the end of processing.
/// - Supplement requests made in the period are counted.
enum ReferenceStatistics {
    static func add(_ dossier: DossierFacts, to figures: inout PeriodFigures, from start: Date, to end: Date) {
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
        figures.supplementRequested += dossier.supplements.filter { $0.requestedAt >= start && $0.requestedAt < end }.count
        if let endedAt = dossier.endedAt, endedAt < end {
            switch dossier.outcome! {
            case .resolved(.early): figures.early += 1
            case .resolved(.onTime): figures.onTime += 1
            case .resolved(.late): figures.late += 1
            case .endedWithoutResult(let status, let late):
                if status == .refused { figures.refused += 1 }
                if status == .withdrawn { figures.withdrawn += 1 }
                if status == .stopped { figures.stopped += 1 }
                if late { figures.endedWithoutResultLate += 1 }
            }
        } else if dossier.isOverdue(at: end) {
            figures.inProgressOverdue += 1
        } else {
            figures.inProgressWithinDeadline += 1
        }
    }

    static func figures(_ dossiers: [DossierFacts], from start: Date, to end: Date) -> PeriodFigures {
        var figures = PeriodFigures()
        for dossier in dossiers { add(dossier, to: &figures, from: start, to: end) }
        return figures
    }

    /// The same figures from the dossiers' daily tallies: the days before the period and its own.
    static func fromTallies(_ dossiers: [DossierFacts], from start: Date, to end: Date) -> PeriodFigures {
        let first = DossierFacts.day(of: start), last = DossierFacts.day(of: end)
        var before = DossierTally(), during = DossierTally()
        for dossier in dossiers {
            for (day, tally) in dossier.tallies() {
                if day < first { before += tally } else if day < last { during += tally }
            }
        }
        return PeriodFigures(before: before, during: during)
    }
}
