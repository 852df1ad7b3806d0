import Foundation

/// A waiting ticket's expected wait, from the live service of its group: `ahead` tickets are called
/// before it, `counters` open counters serve the group, and the service time is what counters
/// spend on one ticket. While every counter is busy the line moves one place per finished service,
/// on average every `mean / counters`; a ticket starts after `ahead + 1` such moves, less the
/// counters that stand idle now.
///
/// The service time is measured, but smoothed: the group's typical minutes count as `priorWeight`
/// services already seen, and a single service cannot pull it below a tenth or above four times
/// the typical (a ticket finished three seconds after it started is a slip of the finger, not a
/// faster counter). The wait comes as a range, an 80 % interval of the sum of the services to come
/// (their own spread and the uncertainty of the mean).
public enum WaitEstimate {
    /// Seconds a counter spends on one ticket: the smoothed mean, the standard deviation of one
    /// service, and the standard error of the mean (it is known from a handful of services only).
    public struct ServiceTime: Sendable, Equatable {
        public let mean: TimeInterval
        public let spread: TimeInterval
        public let meanError: TimeInterval

        public init(mean: TimeInterval, spread: TimeInterval, meanError: TimeInterval = 0) {
            self.mean = mean
            self.spread = spread
            self.meanError = meanError
        }
    }

    /// The expected wait and its range, in seconds.
    public struct Wait: Sendable, Equatable {
        public let expected: TimeInterval
        public let low: TimeInterval
        public let high: TimeInterval

        /// Whole minutes for people: the range rounded outwards, the expectation up.
        public var minutes: (expected: Int, low: Int, high: Int) {
            (Int((expected / 60).rounded(.up)), Int((low / 60).rounded(.down)), Int((high / 60).rounded(.up)))
        }

        /// "khoảng 5–9 phút", "khoảng 4 phút", "được gọi ngay".
        public var text: String {
            let (_, low, high) = minutes
            if high == 0 { return "được gọi ngay" }
            return low == high ? "khoảng \(high) phút" : "khoảng \(low)–\(high) phút"
        }
    }

    /// The weight of the typical time, in services, and the z of an 80 % two-sided interval.
    public static let priorWeight = 5.0
    static let z80 = 1.2816

    /// The service time from the day's finished services (seconds each, oldest first), of which the
    /// last `window` count, smoothed toward `typical`.
    public static func serviceTime(recent durations: [TimeInterval], window: Int = 20, typical: TimeInterval) -> ServiceTime {
        let used = durations.suffix(window).map { min(max($0, typical / 10), typical * 4) }
        let weight = priorWeight + Double(used.count)
        let mean = (priorWeight * typical + used.reduce(0, +)) / weight
        // The typical spread: half the typical time (services at a counter vary about that much).
        let priorVariance = (typical / 2) * (typical / 2)
        let variance = (priorWeight * priorVariance + used.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)) / weight
        return ServiceTime(mean: mean, spread: variance.squareRoot(), meanError: (variance / weight).squareRoot())
    }

    /// The wait of a ticket; nil when no counter serves its group.
    public static func wait(ahead: Int, counters: Int, idleCounters: Int, service: ServiceTime) -> Wait? {
        guard counters > 0, service.mean > 0 else { return nil }
        let moves = Double(max(0, ahead + 1 - max(0, idleCounters)))
        let expected = moves * service.mean / Double(counters)
        // The services to come vary, and so does the mean they were estimated with.
        let variance = moves * service.spread * service.spread + moves * moves * service.meanError * service.meanError
        let margin = z80 * variance.squareRoot() / Double(counters)
        return Wait(expected: expected, low: max(0, expected - margin), high: expected + margin)
    }
}
