/// How many counters to open in each hour of a day: from the arrivals expected that hour (the
/// average of past days of the same weekday) and the mean service time, the fewest counters that
/// keep `level` of waits within `targetMinutes` (Erlang C), and what the counters actually planned
/// would give.
public enum CounterPlan {
    public struct Hour: Sendable, Equatable {
        public let hour: Int
        public let arrivals: Double
        /// Fewest counters meeting the target; nil when none up to 200 does.
        public let needed: Int?
        public let planned: Int
        /// With the planned counters: the share of waits within the target, and the mean wait (nil
        /// when the line would grow without end).
        public let withinTarget: Double
        public let meanWaitMinutes: Double?
    }

    public static func make(arrivalsPerHour: [Int: Double], serviceMinutes: Double, targetMinutes: Double, level: Double,
                            planned: (Int) -> Int) -> [Hour] {
        arrivalsPerHour.keys.sorted().map { hour in
            let arrivals = arrivalsPerHour[hour] ?? 0
            let service = serviceMinutes / 60
            let queue = ErlangC(counters: planned(hour), arrivalRate: arrivals, serviceTime: service)
            let needed = ErlangC.countersNeeded(arrivalRate: arrivals, serviceTime: service, target: targetMinutes / 60, level: level)
            let empty = arrivals == 0
            return Hour(hour: hour, arrivals: arrivals, needed: needed, planned: planned(hour),
                        withinTarget: empty ? 1 : queue.probabilityOfWaitAtMost(targetMinutes / 60),
                        meanWaitMinutes: empty ? 0 : queue.isStable ? queue.meanWait * 60 : nil)
        }
    }
}
