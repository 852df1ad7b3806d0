import Foundation

/// What the statistics need to know of one dossier: when it was received (nil: never received,
/// e.g. refused at the counter), by which channel, its appointment, when processing ended and how,
/// and its supplement periods.
public struct DossierFacts: Sendable, Equatable {
    public var receivedAt: Date?
    public var channel: SubmissionChannel
    public var appointmentAt: Date?
    /// End of processing for Decision 766: status 9 (processed), or the time it was refused, stopped
    /// or withdrawn after reception. nil while it is still being handled.
    public var endedAt: Date?
    /// The status that ended it (processed = `.resultReady` or `.returned`).
    public var endStatus: DossierStatus?
    public var supplements: [SupplementPeriod]

    public init(receivedAt: Date?, channel: SubmissionChannel, appointmentAt: Date?, endedAt: Date? = nil, endStatus: DossierStatus? = nil,
                supplements: [SupplementPeriod] = []) {
        self.receivedAt = receivedAt
        self.channel = channel
        self.appointmentAt = appointmentAt
        self.endedAt = endedAt
        self.endStatus = endStatus
        self.supplements = supplements
    }
}
