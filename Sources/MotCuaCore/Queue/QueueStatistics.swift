import Foundation

/// A day's queue figures for one group, counter or officer: tickets, waits (issue → first call)
/// and services (start → finish), each as the mean and the 90th percentile, and no-shows.
public struct QueueStatistics: Sendable, Equatable {
    public struct Visit: Sendable {
        public let issuedAt: Date
        public let calledAt: Date?
        public let startedAt: Date?
        public let finishedAt: Date?
        public let noShow: Bool

        public init(issuedAt: Date, calledAt: Date?, startedAt: Date?, finishedAt: Date?, noShow: Bool) {
            self.issuedAt = issuedAt
            self.calledAt = calledAt
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.noShow = noShow
        }
    }

    public let tickets: Int
    public let called: Int
    public let served: Int
    public let noShows: Int
    /// Seconds.
    public let meanWait: Double?
    public let p90Wait: Double?
    public let meanService: Double?
    public let p90Service: Double?

    public init(_ visits: [Visit]) {
        let waits = visits.compactMap { v in v.calledAt.map { $0.timeIntervalSince(v.issuedAt) } }
        let services = visits.compactMap { v in v.startedAt.flatMap { s in v.finishedAt.map { $0.timeIntervalSince(s) } } }
        tickets = visits.count
        called = waits.count
        served = services.count
        noShows = visits.filter(\.noShow).count
        meanWait = Self.mean(waits)
        p90Wait = Self.percentile(90, of: waits)
        meanService = Self.mean(services)
        p90Service = Self.percentile(90, of: services)
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Nearest-rank percentile: the smallest value with at least p % of the values at or below it.
    public static func percentile(_ p: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
