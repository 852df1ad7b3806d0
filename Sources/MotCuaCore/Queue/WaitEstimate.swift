import Foundation

/// A waiting ticket's expected wait, from the live service of its group: `ahead` tickets are called
/// before it, `counters` open counters serve the group, and `serviceTime` is the recent mean time a
/// counter spends on one ticket (measured, not a constant). While every counter is busy the line
/// moves one place per finished service, on average every `serviceTime / counters`; a ticket starts
/// after `ahead + 1` such moves, less the counters that stand idle now.
public enum WaitEstimate {
    /// Seconds until the ticket is expected to be called; nil when no counter serves its group.
    public static func seconds(ahead: Int, counters: Int, idleCounters: Int, serviceTime: TimeInterval) -> TimeInterval? {
        guard counters > 0, serviceTime > 0 else { return nil }
        let moves = max(0, ahead + 1 - max(0, idleCounters))
        return Double(moves) * serviceTime / Double(counters)
    }

    /// The recent mean service time from finished services (seconds each), with a fallback when
    /// the day has none yet: the last `window` services count, so the figure follows the day.
    public static func serviceTime(recent durations: [TimeInterval], window: Int = 20, fallback: TimeInterval) -> TimeInterval {
        let used = durations.suffix(window).filter { $0 > 0 }
        guard !used.isEmpty else { return fallback }
        return used.reduce(0, +) / Double(used.count)
    }
}
