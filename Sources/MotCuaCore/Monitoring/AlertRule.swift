import Foundation

/// A deadline alert as data: which dossiers it fires for (due within so many working hours, or
/// overdue by so many), and who is told. A province keeps its own list; `defaults` is what a new
/// province starts with.
public struct AlertRule: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The appointment is at most `hours` working hours away.
        case dueSoon = "due_soon"
        /// The appointment passed at least `hours` working hours ago.
        case overdue
    }

    public enum Recipient: String, Codable, Sendable, CaseIterable {
        /// The specialist handling it (or, before assignment, the unit's one-stop officers).
        case handler
        case unitLeaders = "unit_leaders"
        case centerDirector = "center_director"
        case provinceMonitor = "province_monitor"
    }

    /// Stable name; an alert fires once per dossier, appointment and code.
    public let code: String
    public let kind: Kind
    public let hours: Int
    public let recipients: [Recipient]

    public init(code: String, kind: Kind, hours: Int, recipients: [Recipient]) {
        self.code = code
        self.kind = kind
        self.hours = hours
        self.recipients = recipients
    }

    /// Due within one working day; overdue; still overdue two working days later (escalated).
    public static let defaults = [
        AlertRule(code: "sap-den-han", kind: .dueSoon, hours: 8, recipients: [.handler, .unitLeaders]),
        AlertRule(code: "qua-han", kind: .overdue, hours: 0, recipients: [.handler, .unitLeaders]),
        AlertRule(code: "qua-han-2-ngay", kind: .overdue, hours: 16, recipients: [.centerDirector, .provinceMonitor]),
    ]

    /// Whether the rule fires for a running dossier with this appointment at `now`, measuring hours
    /// in working time (weekends and holidays do not count).
    public func fires(appointment: Date, now: Date, time: WorkingTime) throws(WorkingCalendar.Problem) -> Bool {
        switch kind {
        case .dueSoon:
            guard now <= appointment else { return false }
            return try time.workingSeconds(from: now, to: appointment) <= hours * 3600
        case .overdue:
            guard now > appointment else { return false }
            return try time.workingSeconds(from: appointment, to: now) >= hours * 3600
        }
    }

    /// How far ahead of `now` (in calendar time) an appointment can be and still let a due-soon
    /// rule fire: a superset for the database's first cut (working hours never pass faster than
    /// calendar hours; three calendar days cover a weekend per eight working hours, holidays aside).
    public var calendarReach: TimeInterval { TimeInterval(max(hours, 1)) * 3600 * 3 + 14 * 86_400 }
}
