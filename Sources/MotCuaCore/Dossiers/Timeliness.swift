import Foundation

/// Whether a dossier was resolved early, on time or late (trước hạn / đúng hạn / quá hạn), by
/// Decision 766 indicator 2.1 (rules.md §1.3).
public enum Timeliness: String, CaseIterable, Codable, Sendable {
    case early
    case onTime = "on_time"
    case late

    public var label: String {
        switch self {
        case .early: "Trước hạn"
        case .onTime: "Đúng hạn"
        case .late: "Quá hạn"
        }
    }
}

/// One supplement request and, once the applicant answered, its completion.
public struct SupplementPeriod: Sendable, Codable, Equatable {
    public var requestedAt: Date
    public var completedAt: Date?

    public init(requestedAt: Date, completedAt: Date? = nil) {
        self.requestedAt = requestedAt
        self.completedAt = completedAt
    }
}

/// The Decision 766 clock of one dossier.
public enum DossierClock {
    /// The end moment 766 compares with the appointment: the end of processing minus the time the
    /// applicant took to supplement; while one request is still open, its request time.
    public static func effectiveEnd(end: Date, supplements: [SupplementPeriod]) -> Date {
        if let open = supplements.first(where: { $0.completedAt == nil }) { return min(open.requestedAt, end) }
        let paused = supplements.reduce(0.0) { total, period in
            total + max(0, (period.completedAt ?? period.requestedAt).timeIntervalSince(period.requestedAt))
        }
        return end.addingTimeInterval(-paused)
    }

    /// Early, on time or late against the appointment printed on the receipt slip.
    ///
    /// - More than one supplement request counts as late (766).
    /// - Early: finished on a calendar day (Vietnam time) before the appointment's day; on time: by the
    ///   appointment moment; late: after it.
    public static func timeliness(end: Date, appointment: Date, supplements: [SupplementPeriod]) -> Timeliness {
        if supplements.count > 1 { return .late }
        let effective = effectiveEnd(end: end, supplements: supplements)
        if effective > appointment { return .late }
        return WorkingTime.local(effective).day < WorkingTime.local(appointment).day ? .early : .onTime
    }

    /// How close a running dossier is to its appointment, for workspaces.
    public enum Urgency: String, Sendable, Codable, Comparable {
        case overdue
        case dueSoon = "due_soon"
        case onTrack = "on_track"

        public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank < rhs.rank }
        var rank: Int { self == .overdue ? 0 : self == .dueSoon ? 1 : 2 }

        public var label: String {
            switch self {
            case .overdue: "Quá hạn"
            case .dueSoon: "Sắp đến hạn"
            case .onTrack: "Trong hạn"
            }
        }
    }

    /// Overdue after the appointment; due soon when at most `warning` working seconds remain
    /// (one working day by default).
    public static func urgency(now: Date, appointment: Date, time: WorkingTime, warning: Int = 8 * 3600) -> Urgency {
        if now > appointment { return .overdue }
        let left = (try? time.workingSeconds(from: now, to: appointment)) ?? Int.max
        return left <= warning ? .dueSoon : .onTrack
    }
}
