import Foundation

extension DossierFacts {
    /// The dossier's counters per day (Julian day number of the Vietnamese civil date): what it
    /// adds to the tallies of each day, from reception to the end of processing, as its facts stand
    /// now. A change to the dossier moves the tallies by `tallies(after) − tallies(before)`; the
    /// figures of a period from the tallies equal those counted from the dossiers one by one.
    ///
    /// Only days on or after the moment of a change can differ, so the tallies of days already past
    /// stay as they were.
    public func tallies() -> [Int: DossierTally] {
        guard let receivedAt else { return [:] }
        var days: [Int: DossierTally] = [:]
        let received = Self.day(of: receivedAt)
        var reception = DossierTally()
        switch channel {
        case .online: reception[.receivedOnline] = 1
        case .counter: reception[.receivedDirect] = 1
        case .post: reception[.receivedPostal] = 1
        }
        if feeDue { reception[.feeDue] = 1 }
        if paidOnline { reception[.paidOnline] = 1 }
        if electronicResult { reception[.electronicResult] = 1 }
        if electronicResult, channel == .online { reception[.onlineElectronic] = 1 }
        if electronicResult, hasFiles { reception[.digitised] = 1 }
        if fullOnlineService {
            reception[.fullService] = 1
            if channel == .online { reception[.fullServiceOnline] = 1 }
        }
        days[received, default: DossierTally()] += reception
        for period in supplements {
            days[Self.day(of: period.requestedAt), default: DossierTally()][.supplementRequests] += 1
        }
        let ended = endedAt.map(Self.day(of:))
        if let ended, let outcome {
            switch outcome {
            case .resolved(.early): days[ended, default: DossierTally()][.early] += 1
            case .resolved(.onTime): days[ended, default: DossierTally()][.onTime] += 1
            case .resolved(.late): days[ended, default: DossierTally()][.late] += 1
            case .endedWithoutResult(let status, let late):
                let counter: DossierTally.Counter = status == .refused ? .refused : status == .withdrawn ? .withdrawn : .stopped
                days[ended, default: DossierTally()][counter] += 1
                if late { days[ended, default: DossierTally()][.endedWithoutResultLate] += 1 }
            }
        }
        // Open and overdue at the midnights from `first` to the last one before the end.
        if let first = firstOverdueMidnight(after: received), ended.map({ first - 1 < $0 }) ?? true {
            days[first - 1, default: DossierTally()][.overdueChange] += 1
            if let ended { days[ended, default: DossierTally()][.overdueChange] -= 1 }
        }
        return days.filter { !$0.value.isZero }
    }

    /// The first midnight (as the Julian day it starts) after reception at which the dossier,
    /// if still open, is overdue; nil if it never would be. Being overdue never stops once it
    /// starts (the effective end only moves forward), so a binary search over midnights finds it.
    func firstOverdueMidnight(after received: Int) -> Int? {
        guard let appointmentAt else { return nil }
        // After the last supplement event and the appointment shifted by every pause, nothing changes
        // any more: overdue then, or never (waiting for a supplement asked before the appointment).
        let events = supplements.flatMap { [$0.requestedAt] + ($0.completedAt.map { [$0] } ?? []) }
        let paused = supplements.reduce(0.0) { $0 + (($1.completedAt ?? $1.requestedAt).timeIntervalSince($1.requestedAt)) }
        let settled = ([appointmentAt.addingTimeInterval(max(0, paused))] + events).max()!
        var high = max(Self.day(of: settled) + 2, received + 1)
        guard isOverdue(at: Self.midnight(high)) else { return nil }
        var low = received + 1
        while low < high {
            let middle = (low + high) / 2
            if isOverdue(at: Self.midnight(middle)) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The Julian day of a moment's civil date in Vietnam.
    public static func day(of moment: Date) -> Int { WorkingTime.local(moment).day.julianDay }

    /// The first moment of a civil day in Vietnam.
    public static func midnight(_ julianDay: Int) -> Date { WorkingTime.moment(CivilDate(julianDay: julianDay), 0) }
}
