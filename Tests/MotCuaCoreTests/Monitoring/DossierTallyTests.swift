import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Daily tallies: the figures of any period from the days, as counted one dossier at a time")
struct DossierTallyTests {
    static let base = DeadlineTests.at("2025-06-02T00:00")

    /// A random dossier on a half-hour grid from `base` (so ends fall exactly on appointments and
    /// events exactly on midnights), with up to two supplements, some still open, and some 766 facts.
    static func dossier(_ random: inout SeededGenerator) -> DossierFacts {
        func slot(_ range: ClosedRange<Int>) -> TimeInterval { TimeInterval(Int.random(in: range, using: &random) * 1_800) }
        let received = base + slot(0...(120 * 48))
        let appointment = received + slot(0...(15 * 48))
        var supplements: [SupplementPeriod] = []
        var last = received
        for _ in 0..<[0, 0, 0, 1, 1, 2].randomElement(using: &random)! {
            let asked = last + slot(0...(6 * 48))
            let completed: Date? = Int.random(in: 0..<4, using: &random) == 0 ? nil : asked + slot(0...(5 * 48))
            supplements.append(SupplementPeriod(requestedAt: asked, completedAt: completed))
            last = completed ?? asked
            if completed == nil { break }
        }
        let ends = Int.random(in: 0..<5, using: &random) > 0
        let endedAt: Date? = ends ? last + slot(0...(20 * 48)) : nil
        let status: DossierStatus? = ends ? [.resultReady, .returned, .returned, .refused, .withdrawn, .stopped].randomElement(using: &random) : nil
        return DossierFacts(receivedAt: received, channel: SubmissionChannel.allCases.randomElement(using: &random)!,
                            appointmentAt: Int.random(in: 0..<10, using: &random) == 0 ? nil : appointment, endedAt: endedAt, endStatus: status,
                            supplements: supplements, feeDue: Bool.random(using: &random), paidOnline: Bool.random(using: &random),
                            electronicResult: Bool.random(using: &random), hasFiles: Bool.random(using: &random),
                            fullOnlineService: Bool.random(using: &random))
    }

    @Test("Property: for random dossiers and random periods the tallies give exactly the figures counted directly", arguments: 0..<6)
    func anyPeriod(seed: Int) {
        let seed = TestSeed(UInt64(seed) &* 7919 &+ 3)
        var random = seed.generator
        let dossiers = (0..<300).map { _ in Self.dossier(&random) }
        for _ in 0..<40 {
            let first = Int.random(in: 0...150, using: &random)
            let start = Self.base + TimeInterval(first * 86_400)
            let end = start + TimeInterval(Int.random(in: 1...60, using: &random) * 86_400)
            let direct = ReferenceStatistics.figures(dossiers, from: start, to: end)
            #expect(ReferenceStatistics.fromTallies(dossiers, from: start, to: end) == direct, "\(start)…\(end); \(seed)")
            #expect(direct.toHandle == direct.resolved + direct.inProgress + direct.refused + direct.withdrawn + direct.stopped, "\(seed)")
        }
    }

    @Test("Property: a dossier's tallies of the days before a moment are the same whatever happens after it", arguments: 0..<4)
    func pastStaysPut(seed: Int) {
        let seed = TestSeed(UInt64(seed) &+ 101)
        var random = seed.generator
        for _ in 0..<300 {
            let full = Self.dossier(&random)
            let moment = full.receivedAt! + TimeInterval(Int.random(in: 0...(30 * 48), using: &random) * 1_800)
            // The dossier as it stood at `moment`: later requests not made, later completions and the end not yet.
            var then = full
            then.supplements = full.supplements.filter { $0.requestedAt <= moment }.map {
                $0.completedAt.map { $0 <= moment } == true ? $0 : SupplementPeriod(requestedAt: $0.requestedAt)
            }
            if let ended = full.endedAt, ended > moment { (then.endedAt, then.endStatus) = (nil, nil) }
            let day = DossierFacts.day(of: moment)
            let past = full.tallies().filter { $0.key < day }, pastThen = then.tallies().filter { $0.key < day }
            // Only the counters of the dossiers' lives (766 facts of the reception day can still change).
            func lives(_ days: [Int: DossierTally]) -> [Int: [Int]] {
                days.mapValues { tally in
                    [DossierTally.Counter.receivedOnline, .receivedDirect, .receivedPostal, .early, .onTime, .late, .refused, .withdrawn, .stopped,
                     .endedWithoutResultLate, .supplementRequests, .overdueChange].map { tally[$0] }
                }.filter { $0.value.contains { $0 != 0 } }
            }
            #expect(lives(past) == lives(pastThen), "\(full) at \(moment); \(seed)")
        }
    }

    @Test("Boundaries: overdue from the first midnight after the appointment until the end; one open supplement freezes the clock")
    func overdueDays() {
        let at = DeadlineTests.at
        let received = at("2025-07-01T09:00"), appointment = at("2025-07-03T17:00")
        let open = DossierFacts(receivedAt: received, channel: .counter, appointmentAt: appointment)
        let day3 = DossierFacts.day(of: appointment)
        #expect(open.tallies()[day3]?[.overdueChange] == 1)  // open and overdue from midnight 4 July
        let endedLate = DossierFacts(receivedAt: received, channel: .counter, appointmentAt: appointment, endedAt: at("2025-07-07T10:00"),
                                     endStatus: .resultReady)
        #expect(endedLate.tallies()[day3]?[.overdueChange] == 1 && endedLate.tallies()[day3 + 4]?[.late] == 1)
        #expect(endedLate.tallies()[day3 + 4]?[.overdueChange] == -1)
        // Ended on the appointment's own evening: never open at a midnight while overdue.
        let evening = DossierFacts(receivedAt: received, channel: .counter, appointmentAt: appointment, endedAt: at("2025-07-03T23:00"),
                                   endStatus: .returned)
        #expect(evening.tallies().values.allSatisfy { $0[.overdueChange] == 0 } && evening.tallies()[day3]?[.late] == 1)
        // Waiting for the applicant since before the appointment: never overdue while waiting.
        let waiting = DossierFacts(receivedAt: received, channel: .counter, appointmentAt: appointment,
                                   supplements: [.init(requestedAt: at("2025-07-02T10:00"))])
        #expect(waiting.tallies().values.allSatisfy { $0[.overdueChange] == 0 })
        // Back after three days: overdue three days later than it would have been.
        let back = DossierFacts(receivedAt: received, channel: .counter, appointmentAt: appointment,
                                supplements: [.init(requestedAt: at("2025-07-02T10:00"), completedAt: at("2025-07-05T10:00"))])
        #expect(back.tallies()[day3 + 3]?[.overdueChange] == 1)
        // A second request: late from the first midnight after it.
        let twice = DossierFacts(receivedAt: received, channel: .counter, appointmentAt: appointment,
                                 supplements: [.init(requestedAt: at("2025-07-01T10:00"), completedAt: at("2025-07-01T11:00")),
                                               .init(requestedAt: at("2025-07-01T15:00"), completedAt: at("2025-07-01T16:00"))])
        #expect(twice.tallies()[DossierFacts.day(of: received)]?[.overdueChange] == 1)
    }
}
