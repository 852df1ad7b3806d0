import Foundation

/// What the statistics and the Decision 766 index need to know of one dossier: when it was
/// received (nil: never received, e.g. refused at the counter), by which channel, its appointment,
/// when processing ended and how, its supplement periods, and the facts the 766 indicators of
/// online service, payment and digitisation count.
public struct DossierFacts: Sendable, Equatable, Codable {
    public var receivedAt: Date?
    public var channel: SubmissionChannel
    public var appointmentAt: Date?
    /// End of processing for Decision 766: status 9 (processed), or the time it was refused, stopped
    /// or withdrawn after reception. nil while it is still being handled.
    public var endedAt: Date?
    /// The status that ended it (processed = `.resultReady` or `.returned`).
    public var endStatus: DossierStatus?
    public var supplements: [SupplementPeriod]
    /// The procedure charges a fee or charge (phí, lệ phí) other than zero (indicator 3.6).
    public var feeDue: Bool
    /// Paid online (`DuocThanhToanTrucTuyen` 1 or 2, indicator 3.6).
    public var paidOnline: Bool
    /// The result was issued electronically (indicators 3.3, 4.1, 4.2).
    public var electronicResult: Bool
    /// Files of the dossier's documents are kept: uploaded online or scanned at the counter (4.2).
    public var hasFiles: Bool
    /// The procedure is offered as a full-process online service (dịch vụ công trực tuyến toàn trình).
    public var fullOnlineService: Bool

    public init(receivedAt: Date?, channel: SubmissionChannel, appointmentAt: Date?, endedAt: Date? = nil, endStatus: DossierStatus? = nil,
                supplements: [SupplementPeriod] = [], feeDue: Bool = false, paidOnline: Bool = false, electronicResult: Bool = false,
                hasFiles: Bool = false, fullOnlineService: Bool = false) {
        self.receivedAt = receivedAt
        self.channel = channel
        self.appointmentAt = appointmentAt
        self.endedAt = endedAt
        self.endStatus = endStatus
        self.supplements = supplements
        self.feeDue = feeDue
        self.paidOnline = paidOnline
        self.electronicResult = electronicResult
        self.hasFiles = hasFiles
        self.fullOnlineService = fullOnlineService
    }

    /// How processing ended, for the period in which it ended (rules.md §1.3, §4).
    public enum Outcome: Sendable, Equatable {
        /// Processed (status 9 or 10), by Decision 766 timeliness against the slip's appointment
        /// (supplement time subtracted, two supplements late; on time without an appointment).
        case resolved(Timeliness)
        /// Refused, withdrawn or stopped after reception; `late` when after the appointment.
        case endedWithoutResult(DossierStatus, late: Bool)
    }

    /// nil while processing has not ended.
    public var outcome: Outcome? {
        guard let endedAt else { return nil }
        switch endStatus {
        case .refused?, .withdrawn?, .stopped?:
            let late = appointmentAt.map { DossierClock.timeliness(end: endedAt, appointment: $0, supplements: supplements) == .late } ?? false
            return .endedWithoutResult(endStatus!, late: late)
        default:
            guard let appointmentAt else { return .resolved(.onTime) }
            return .resolved(DossierClock.timeliness(end: endedAt, appointment: appointmentAt, supplements: supplements))
        }
    }

    /// Whether the dossier, still being processed at `moment`, is overdue then: the moment stands
    /// for the end of processing, with the supplements as they stood (requests not yet made left
    /// out, completions not yet made still open).
    public func isOverdue(at moment: Date) -> Bool {
        guard let appointmentAt else { return false }
        let asThen = supplements.filter { $0.requestedAt < moment }.map { period in
            period.completedAt.map { $0 < moment } == true ? period : SupplementPeriod(requestedAt: period.requestedAt)
        }
        return DossierClock.timeliness(end: moment, appointment: appointmentAt, supplements: asThen) == .late
    }
}
