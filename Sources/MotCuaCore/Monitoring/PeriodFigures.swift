import Foundation

/// The figures of a reporting period (rules.md §4): dossiers to handle (received in the period plus
/// carried over), resolved early / on time / late, still in progress within the deadline or overdue,
/// and the rates. Figures add up, so a province's are the sum of its units'.
public struct PeriodFigures: Sendable, Equatable, Codable {
    /// Received in the period, by channel.
    public var receivedOnline = 0
    public var receivedDirect = 0
    public var receivedPostal = 0
    /// Received before the period and not finished when it began (tồn kỳ trước).
    public var carriedOver = 0
    /// Processed in the period (status 9 or 10), by Decision 766 timeliness.
    public var early = 0
    public var onTime = 0
    public var late = 0
    /// Not finished at the end of the period.
    public var inProgressWithinDeadline = 0
    public var inProgressOverdue = 0
    /// Ended in the period without a result (after reception).
    public var refused = 0
    public var withdrawn = 0
    public var stopped = 0
    /// Of those ended without a result, the ones that ended after their appointment.
    public var endedWithoutResultLate = 0
    /// Supplement requests made in the period (lượt yêu cầu bổ sung).
    public var supplementRequested = 0

    public init() {}

    /// The figures of a period from the tallies of the days before it (`before`: what was open
    /// and overdue when it began) and of its own days (`during`).
    public init(before: DossierTally, during: DossierTally) {
        receivedOnline = during[.receivedOnline]
        receivedDirect = during[.receivedDirect]
        receivedPostal = during[.receivedPostal]
        carriedOver = before.received - before.ended
        early = during[.early]
        onTime = during[.onTime]
        late = during[.late]
        refused = during[.refused]
        withdrawn = during[.withdrawn]
        stopped = during[.stopped]
        endedWithoutResultLate = during[.endedWithoutResultLate]
        supplementRequested = during[.supplementRequests]
        let open = carriedOver + during.received - during.ended
        inProgressOverdue = before[.overdueChange] + during[.overdueChange]
        inProgressWithinDeadline = open - inProgressOverdue
    }

    public var received: Int { receivedOnline + receivedDirect + receivedPostal }
    /// Cần xử lý: received in the period plus carried over.
    public var toHandle: Int { received + carriedOver }
    public var resolved: Int { early + onTime + late }
    public var inProgress: Int { inProgressWithinDeadline + inProgressOverdue }

    /// Decision 766 indicator 2.1 in percent, two decimals: dossiers processed or still in progress
    /// on time or within the deadline ÷ dossiers received or processed in the period (open overdue
    /// dossiers count against it); nil when there were none.
    public var onTimeRate766: Double? {
        toHandle > 0 ? Self.percent(onTime766, toHandle) : nil
    }

    /// Its numerator: resolved early or on time, ended without a result by the appointment, or
    /// still within the deadline.
    public var onTime766: Int {
        early + onTime + inProgressWithinDeadline + (refused + withdrawn + stopped - endedWithoutResultLate)
    }

    /// The ratio the press quotes: resolved early or on time ÷ resolved, in percent (two decimals).
    public var resolvedOnTimeRate: Double? {
        resolved == 0 ? nil : Self.percent(early + onTime, resolved)
    }

    /// part ÷ whole in percent, two decimals.
    public static func percent(_ part: Int, _ whole: Int) -> Double {
        (Double(part) * 10_000 / Double(whole)).rounded() / 100
    }

    /// Adds the figures of another unit, field or procedure.
    public static func + (lhs: PeriodFigures, rhs: PeriodFigures) -> PeriodFigures {
        var sum = lhs
        sum.receivedOnline += rhs.receivedOnline
        sum.receivedDirect += rhs.receivedDirect
        sum.receivedPostal += rhs.receivedPostal
        sum.carriedOver += rhs.carriedOver
        sum.early += rhs.early
        sum.onTime += rhs.onTime
        sum.late += rhs.late
        sum.inProgressWithinDeadline += rhs.inProgressWithinDeadline
        sum.inProgressOverdue += rhs.inProgressOverdue
        sum.refused += rhs.refused
        sum.withdrawn += rhs.withdrawn
        sum.stopped += rhs.stopped
        sum.endedWithoutResultLate += rhs.endedWithoutResultLate
        sum.supplementRequested += rhs.supplementRequested
        return sum
    }
}
