import Foundation

/// The M/M/c queue (Erlang C): citizens arrive at random (Poisson, rate λ), each counter serves one
/// at a time with exponential service times (rate μ), `c` counters share one waiting line.
/// Computed through the Erlang B recursion, which stays exact for hundreds of counters where the
/// factorial formula overflows.
public struct ErlangC: Sendable, Equatable {
    /// Counters open.
    public let counters: Int
    /// Arrivals per unit of time (per hour in MotCua).
    public let arrivalRate: Double
    /// Mean service time in the same unit (hours).
    public let serviceTime: Double

    public init(counters: Int, arrivalRate: Double, serviceTime: Double) {
        self.counters = counters
        self.arrivalRate = arrivalRate
        self.serviceTime = serviceTime
    }

    /// Offered load in Erlangs: a = λ / μ = λ · mean service time.
    public var load: Double { arrivalRate * serviceTime }

    /// The queue settles (does not grow without end) only when the load is below the counters.
    public var isStable: Bool { counters > 0 && load < Double(counters) }

    /// Erlang B: the probability that every counter is busy in a system without a waiting line.
    public var blocking: Double {
        var b = 1.0
        let a = load
        for k in stride(from: 1, through: max(counters, 0), by: 1) {
            b = a * b / (Double(k) + a * b)
        }
        return b
    }

    /// The probability that an arriving citizen has to wait at all (1 when the queue is unstable).
    public var probabilityOfWaiting: Double {
        guard isStable else { return 1 }
        let c = Double(counters), b = blocking
        return c * b / (c - load * (1 - b))
    }

    /// Mean wait before service (same unit as the rates); infinite when unstable.
    public var meanWait: Double {
        guard isStable else { return .infinity }
        return probabilityOfWaiting * serviceTime / (Double(counters) - load)
    }

    /// Probability that the wait is at most `t`: 1 − C · e^{−(c − a) t / s}.
    public func probabilityOfWaitAtMost(_ t: Double) -> Double {
        guard isStable else { return 0 }
        return 1 - probabilityOfWaiting * exp(-(Double(counters) - load) * t / serviceTime)
    }

    /// The fewest counters that keep `level` of waits at most `target` (e.g. 80 % within 15
    /// minutes); nil when no count up to `limit` does (or there is nothing to serve: 0).
    public static func countersNeeded(arrivalRate: Double, serviceTime: Double, target: Double, level: Double,
                                      limit: Int = 200) -> Int? {
        guard arrivalRate > 0, serviceTime > 0 else { return 0 }
        let first = Int((arrivalRate * serviceTime).rounded(.down)) + 1
        for c in max(first, 1)...max(first, limit) {
            if ErlangC(counters: c, arrivalRate: arrivalRate, serviceTime: serviceTime).probabilityOfWaitAtMost(target) >= level {
                return c
            }
        }
        return nil
    }
}
