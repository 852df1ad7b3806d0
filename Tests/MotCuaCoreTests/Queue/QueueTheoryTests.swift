import Foundation
import MotCuaCore
import Testing

@Suite("Queue: Erlang C, counters needed, wait estimate, against reference values and a simulation")
struct QueueTheoryTests {
    /// Erlang C probabilities of waiting from the factorial formula, computed independently
    /// (Python: `a**c/c! * c/(c-a) / (sum(a**k/k!, k<c) + a**c/c! * c/(c-a))`).
    @Test("Probability of waiting matches the factorial formula", arguments: [
        (1, 0.5, 0.5), (2, 1.0, 1.0 / 3.0), (3, 2.0, 4.0 / 9.0), (10, 8.0, 0.4091801507964435),
        (5, 4.5, 0.7624932207329356), (20, 15.0, 0.16042938741692364),
    ])
    func probabilityOfWaiting(counters: Int, load: Double, expected: Double) {
        let queue = ErlangC(counters: counters, arrivalRate: load, serviceTime: 1)
        #expect(abs(queue.probabilityOfWaiting - expected) < 1e-12)
    }

    @Test("M/M/1 closed forms: P(wait) = ρ, mean wait = ρ s / (1 − ρ)")
    func singleCounter() {
        for rho in stride(from: 0.05, to: 0.96, by: 0.05) {
            let queue = ErlangC(counters: 1, arrivalRate: rho / 0.1, serviceTime: 0.1)
            #expect(abs(queue.probabilityOfWaiting - rho) < 1e-12)
            #expect(abs(queue.meanWait - rho * 0.1 / (1 - rho)) < 1e-12)
        }
    }

    @Test("An overloaded queue never settles")
    func unstable() {
        let queue = ErlangC(counters: 4, arrivalRate: 40, serviceTime: 0.1)
        #expect(!queue.isStable && queue.probabilityOfWaiting == 1 && queue.meanWait == .infinity && queue.probabilityOfWaitAtMost(1) == 0)
    }

    /// Hand-checked with the same independent formula: 40 arrivals an hour at 6 minutes each
    /// need 5 counters for 80 % within 15 minutes (95.5 %); 120 at 8 minutes need 17 (88.7 %).
    @Test("Counters needed for 80 % of waits within 15 minutes")
    func countersNeeded() {
        #expect(ErlangC.countersNeeded(arrivalRate: 40, serviceTime: 0.1, target: 0.25, level: 0.8) == 5)
        #expect(ErlangC.countersNeeded(arrivalRate: 120, serviceTime: 8.0 / 60, target: 0.25, level: 0.8) == 17)
        #expect(ErlangC.countersNeeded(arrivalRate: 10, serviceTime: 10.0 / 60, target: 0.25, level: 0.8) == 3)
        #expect(ErlangC.countersNeeded(arrivalRate: 0, serviceTime: 0.1, target: 0.25, level: 0.8) == 0)
        // Property: the answer is the fewest — one counter less misses the level.
        for lambda in stride(from: 5.0, through: 200, by: 15) {
            for minutes in [4.0, 7.5, 12, 20] {
                let s = minutes / 60
                guard let c = ErlangC.countersNeeded(arrivalRate: lambda, serviceTime: s, target: 0.25, level: 0.8) else {
                    Issue.record("no answer for λ=\(lambda), s=\(minutes)")
                    continue
                }
                #expect(ErlangC(counters: c, arrivalRate: lambda, serviceTime: s).probabilityOfWaitAtMost(0.25) >= 0.8)
                #expect(ErlangC(counters: c - 1, arrivalRate: lambda, serviceTime: s).probabilityOfWaitAtMost(0.25) < 0.8)
            }
        }
    }

    /// A simulated day of the M/M/c queue (seeded, 200,000 citizens) agrees with the formulas.
    @Test("Simulation agrees with the mean wait and the share served within the target", arguments: [(3, 2.4), (8, 6.5), (15, 13.0)])
    func simulation(counters: Int, load: Double) {
        let serviceTime = 1.0
        let queue = ErlangC(counters: counters, arrivalRate: load / serviceTime, serviceTime: serviceTime)
        let waits = Self.simulate(counters: counters, arrivalRate: queue.arrivalRate, serviceTime: serviceTime, citizens: 200_000, seed: 42)
        let mean = waits.reduce(0, +) / Double(waits.count)
        let within = Double(waits.filter { $0 <= 0.5 }.count) / Double(waits.count)
        #expect(abs(mean - queue.meanWait) / queue.meanWait < 0.08, "simulated \(mean), formula \(queue.meanWait)")
        #expect(abs(within - queue.probabilityOfWaitAtMost(0.5)) < 0.02, "simulated \(within)")
    }

    @Test("Wait estimate: the line moves one place per finished service, idle counters call at once")
    func waitEstimate() {
        let exact = WaitEstimate.ServiceTime(mean: 600, spread: 0)
        #expect(WaitEstimate.wait(ahead: 0, counters: 2, idleCounters: 1, service: exact)?.expected == 0)
        #expect(WaitEstimate.wait(ahead: 0, counters: 2, idleCounters: 0, service: exact)?.expected == 300)
        #expect(WaitEstimate.wait(ahead: 9, counters: 3, idleCounters: 0, service: .init(mean: 420, spread: 0))?.expected == 1_400)
        #expect(WaitEstimate.wait(ahead: 4, counters: 0, idleCounters: 0, service: exact) == nil)
        #expect(WaitEstimate.wait(ahead: 0, counters: 1, idleCounters: 1, service: exact)?.text == "được gọi ngay")
        let ranged = WaitEstimate.wait(ahead: 3, counters: 1, idleCounters: 0, service: .init(mean: 300, spread: 150))!
        // 4 services of 5 ± 2.5 minutes: 20 minutes, ± 1.28 × 2 × 2.5 = 6.4.
        #expect(ranged.expected == 1_200 && abs(ranged.high - ranged.expected - 384.5) < 0.5 && ranged.text == "khoảng 13–27 phút")
    }

    @Test("Service time: the typical minutes weigh as five services; a three-second service cannot make it one minute")
    func smoothedServiceTime() {
        let prior = WaitEstimate.serviceTime(recent: [], typical: 480)
        #expect(prior.mean == 480 && prior.spread == 240 && abs(prior.meanError - 240 / 5.0.squareRoot()) < 1e-9)
        let slip = WaitEstimate.serviceTime(recent: [3], typical: 360)
        #expect(slip.mean == (5 * 360 + 36) / 6, "clamped to a tenth of the typical, then weighed with it")
        let twoAhead = WaitEstimate.wait(ahead: 2, counters: 1, idleCounters: 0, service: slip)!
        #expect(twoAhead.minutes.low >= 5 && twoAhead.minutes.expected >= 15, "\(twoAhead.text)")
        // A day of measured services outweighs the prior: 20 services of 100 s against a typical 600.
        #expect(WaitEstimate.serviceTime(recent: Array(repeating: 100, count: 30), typical: 600).mean == 200)
        #expect(WaitEstimate.serviceTime(recent: Array(repeating: 100_000, count: 3), typical: 600).mean == (3_000 + 3 * 2_400) / 8)
    }

    @Test("Property: the range holds the real wait about 80 % of the time (simulated counters, skewed service times)")
    func rangeCoverage() {
        var random = SplitMix64(seed: 20_261_207)
        // Service times: log-normal with mean 6 minutes and standard deviation about 3.
        func service() -> TimeInterval {
            let (sigma, mu) = (0.47, log(360.0) - 0.47 * 0.47 / 2)
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random), u2 = Double.random(in: 0..<1, using: &random)
            return exp(mu + sigma * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2))
        }
        var inside = 0
        let trials = 4_000
        for _ in 0..<trials {
            let ahead = Int.random(in: 2...15, using: &random)
            let estimate = WaitEstimate.wait(ahead: ahead, counters: 1, idleCounters: 0,
                                             service: WaitEstimate.serviceTime(recent: (0..<20).map { _ in service() }, typical: 360))!
            let actual = (0...ahead).map { _ in service() }.reduce(0, +)
            if estimate.low <= actual && actual <= estimate.high { inside += 1 }
        }
        let coverage = Double(inside) / Double(trials)
        #expect(coverage > 0.72 && coverage < 0.9, "\(coverage)")
    }

    @Test("Queue order: priority first, then the oldest arrival, then the number")
    func order() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let entries: [QueueOrder.Entry] = [
            .init(number: 5, isPriority: false, arrivedAt: t0.addingTimeInterval(50)),
            .init(number: 2, isPriority: false, arrivedAt: t0.addingTimeInterval(10)),
            .init(number: 7, isPriority: true, arrivedAt: t0.addingTimeInterval(70)),
            .init(number: 3, isPriority: false, arrivedAt: t0.addingTimeInterval(10)),
            .init(number: 6, isPriority: true, arrivedAt: t0.addingTimeInterval(60)),
        ]
        #expect(QueueOrder.sorted(entries).map(\.number) == [6, 7, 2, 3, 5])
        #expect(TicketNumber.format(prefix: "A", number: 15) == "A015" && TicketNumber.format(prefix: "B", number: 1234) == "B1234")
        #expect(TicketNumber.announcement(prefix: "A", number: 15, counter: "3") == "Mời số A015 đến quầy 3")
    }

    /// First-come-first-served M/M/c: each citizen goes to the counter that frees first.
    static func simulate(counters: Int, arrivalRate: Double, serviceTime: Double, citizens: Int, seed: UInt64) -> [Double] {
        var random = SeededGenerator(seed: seed)
        var free = Array(repeating: 0.0, count: counters)
        var clock = 0.0
        var waits: [Double] = []
        waits.reserveCapacity(citizens)
        for _ in 0..<citizens {
            clock += random.exponential(mean: 1 / arrivalRate)
            let index = free.indices.min { free[$0] < free[$1] }!
            let start = max(clock, free[index])
            waits.append(start - clock)
            free[index] = start + random.exponential(mean: serviceTime)
        }
        return waits
    }
}

@Suite("Queue: the counters plan holds over a simulated day")
struct CounterPlanSimulationTests {
    /// A ward's Monday (arrivals per hour, 7 minutes a citizen): the plan's counters, opened hour by
    /// hour, keep at least 80 % of the day's waits within 15 minutes in a simulation of 300 days
    /// (lines carry over from one hour to the next); one counter fewer at the peak does not.
    @Test("Recommended counters per hour meet the target in a simulated day")
    func day() throws {
        let arrivals: [Int: Double] = [7: 30, 8: 75, 9: 90, 10: 60, 11: 25, 13: 40, 14: 70, 15: 55, 16: 20]
        let plan = CounterPlan.make(arrivalsPerHour: arrivals, serviceMinutes: 7, targetMinutes: 15, level: 0.8) { _ in 1 }
        var counters = Dictionary(uniqueKeysWithValues: plan.map { ($0.hour, $0.needed ?? 0) })
        #expect(counters[9] == 12 && counters[11] == 4, "\(counters)")
        let share = Self.simulate(arrivals: arrivals, counters: counters, serviceMinutes: 7, days: 300)
        #expect(share >= 0.8, "\(share)")
        counters[9]! -= 1
        counters[8]! -= 1
        #expect(Self.simulate(arrivals: arrivals, counters: counters, serviceMinutes: 7, days: 300) < share)
    }

    /// Share of citizens called within 15 minutes; FCFS; a counter serves only in the hours it is
    /// open (it finishes the citizen it has, then waits for its next open hour).
    static func simulate(arrivals: [Int: Double], counters: [Int: Int], serviceMinutes: Double, days: Int) -> Double {
        var random = SeededGenerator(seed: 7)
        let most = counters.values.max() ?? 0
        var within = 0, total = 0
        func open(_ k: Int, at minute: Double) -> Double {
            var t = minute
            while t < 24 * 60, k >= (counters[Int(t / 60)] ?? 0) { t = (floor(t / 60) + 1) * 60 }
            return t
        }
        for _ in 0..<days {
            var free = Array(repeating: 0.0, count: most)
            for hour in arrivals.keys.sorted() {
                let rate = arrivals[hour]! / 60
                var clock = Double(hour * 60)
                while true {
                    clock += random.exponential(mean: 1 / rate)
                    if clock >= Double(hour * 60 + 60) { break }
                    let starts = (0..<most).map { open($0, at: max(clock, free[$0])) }
                    let k = starts.indices.min { starts[$0] < starts[$1] }!
                    free[k] = starts[k] + random.exponential(mean: serviceMinutes)
                    total += 1
                    if starts[k] - clock <= 15 { within += 1 }
                }
            }
        }
        return Double(within) / Double(total)
    }
}

extension SeededGenerator {
    /// An exponential variate with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * log(Double.random(in: Double.ulpOfOne..<1, using: &self))
    }
}

@Suite("Queue: the counters plan and the day's statistics, hand-computed")
struct QueuePlanAndStatisticsTests {
    @Test("Plan per hour: counters needed and what the planned counters give")
    func plan() {
        // 8h: 40 arrivals at 6 minutes (a = 4): 5 counters needed; 4 planned cannot keep up.
        // 9h: 10 arrivals at 6 minutes (a = 1): 2 counters give P(wait) = 1/3, P(W ≤ 15 min) = 1 − e^{-2.5}/3.
        let hours = CounterPlan.make(arrivalsPerHour: [8: 40, 9: 10, 12: 0], serviceMinutes: 6, targetMinutes: 15, level: 0.8) { $0 == 8 ? 4 : 2 }
        #expect(hours.map(\.hour) == [8, 9, 12])
        #expect(hours[0].needed == 5 && hours[0].planned == 4 && hours[0].meanWaitMinutes == nil && hours[0].withinTarget == 0)
        #expect(hours[1].needed == 2)  // one counter cannot keep up with a = 1
        #expect(abs(hours[1].withinTarget - (1 - exp(-2.5) / 3)) < 1e-12)
        // Mean wait: C · s / (c − a) = (1/3) · 6 / 1 = 2 minutes.
        #expect(abs(hours[1].meanWaitMinutes! - 2) < 1e-12)
        #expect(hours[2].needed == 0 && hours[2].withinTarget == 1 && hours[2].meanWaitMinutes == 0)
    }

    @Test("Statistics: means, nearest-rank 90th percentiles, no-shows")
    func statistics() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        func visit(_ wait: Double?, _ service: Double?, noShow: Bool = false) -> QueueStatistics.Visit {
            let called = wait.map { t0.addingTimeInterval($0) }
            let started = service == nil ? nil : called
            return .init(issuedAt: t0, calledAt: called, startedAt: started, finishedAt: service.flatMap { s in started.map { $0.addingTimeInterval(s) } },
                         noShow: noShow)
        }
        // Waits 60…600 s (ten values), one no-show among them, one never called.
        var visits: [QueueStatistics.Visit] = []
        for n in 1...10 {
            let minutes = Double(n)
            visits.append(visit(minutes * 60, n == 10 ? nil : minutes * 30, noShow: n == 10))
        }
        visits.append(visit(nil, nil))
        let day = QueueStatistics(visits)
        #expect(day.tickets == 11 && day.called == 10 && day.served == 9 && day.noShows == 1)
        #expect(day.meanWait == 330 && day.p90Wait == 540)
        #expect(day.meanService == 150 && day.p90Service == 270)
        #expect(QueueStatistics.percentile(90, of: [5]) == 5 && QueueStatistics.percentile(50, of: []) == nil)
    }
}
