/// The counters of one day (or one month) of a unit, field, procedure or officer, from which the
/// figures of any period are added up: what happened on the day (received, ended, supplements
/// requested, ratings given), how the number of open overdue dossiers changed at the next
/// midnight, and the Decision 766 facts of the dossiers received that day. Every counter adds up,
/// so a change to a dossier is a difference of tallies and a month is the sum of its days.
public struct DossierTally: Sendable, Equatable, Hashable {
    /// One counter, named as its database column.
    public enum Counter: String, CaseIterable, Sendable {
        case receivedOnline = "received_online"
        case receivedDirect = "received_direct"
        case receivedPostal = "received_postal"
        case early
        case onTime = "on_time"
        case late
        case refused
        case withdrawn
        case stopped
        /// Of those refused, withdrawn or stopped, the ones ended after their appointment.
        case endedWithoutResultLate = "ended_without_result_late"
        case supplementRequests = "supplement_requests"
        /// +1 on the day before the first midnight at which a dossier is open and overdue, −1 on the
        /// day it ends: the sum over the days before a midnight is the number open and overdue then.
        case overdueChange = "overdue_change"
        // Of the dossiers received that day (Decision 766 groups 3 and 4):
        case feeDue = "fee_due"
        case paidOnline = "paid_online"
        case electronicResult = "electronic_result"
        /// Received online with an electronic result (3.3: a paper result must come electronically).
        case onlineElectronic = "online_electronic"
        /// Files kept and an electronic result (4.2).
        case digitised
        /// Of procedures offered as a full-process online service, and of those the ones received online.
        case fullService = "full_service"
        case fullServiceOnline = "full_service_online"
        // Satisfaction ratings given that day (đánh giá mức độ hài lòng).
        case ratedUnsatisfied = "rated_unsatisfied"
        case ratedSatisfied = "rated_satisfied"
        case ratedVerySatisfied = "rated_very_satisfied"

        private static let indices = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
        var index: Int { Self.indices[self]! }
    }

    public private(set) var values: [Int]

    public init() { values = Array(repeating: 0, count: Counter.allCases.count) }

    /// Counters in `Counter.allCases` order (as read from the database).
    public init(values: [Int]) {
        precondition(values.count == Counter.allCases.count)
        self.values = values
    }

    public subscript(_ counter: Counter) -> Int {
        get { values[counter.index] }
        set { values[counter.index] = newValue }
    }

    public var isZero: Bool { values.allSatisfy { $0 == 0 } }

    public var received: Int { self[.receivedOnline] + self[.receivedDirect] + self[.receivedPostal] }
    public var resolved: Int { self[.early] + self[.onTime] + self[.late] }
    /// Ended in any way: resolved, refused, withdrawn or stopped.
    public var ended: Int { resolved + self[.refused] + self[.withdrawn] + self[.stopped] }
    public var ratings: Int { self[.ratedUnsatisfied] + self[.ratedSatisfied] + self[.ratedVerySatisfied] }

    public static func + (lhs: DossierTally, rhs: DossierTally) -> DossierTally {
        var sum = lhs
        sum += rhs
        return sum
    }

    public static func += (lhs: inout DossierTally, rhs: DossierTally) {
        for index in lhs.values.indices { lhs.values[index] += rhs.values[index] }
    }

    public static prefix func - (tally: DossierTally) -> DossierTally {
        DossierTally(values: tally.values.map { -$0 })
    }
}
