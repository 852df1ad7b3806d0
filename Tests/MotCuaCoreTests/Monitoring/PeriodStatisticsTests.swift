import Foundation
import MotCuaCore
import Testing

@Suite("Period statistics: received, carried over, resolved early / on time / late, in progress, rates")
struct PeriodStatisticsTests {
    static let at = DeadlineTests.at
    static let start = at("2025-07-01T00:00"), end = at("2025-09-28T00:00")  // 1 July – 27 September 2025

    /// The figures counted one dossier at a time, checked against the figures from the daily tallies.
    static func figures(_ dossiers: [DossierFacts], from start: Date, to end: Date,
                        sourceLocation: SourceLocation = #_sourceLocation) -> PeriodFigures {
        let direct = ReferenceStatistics.figures(dossiers, from: start, to: end)
        #expect(ReferenceStatistics.fromTallies(dossiers, from: start, to: end) == direct, sourceLocation: sourceLocation)
        return direct
    }

    @Test("Boundaries: finished at the appointment moment is on time; supplement time is subtracted; two supplements are late")
    func boundaries() {
        let appointment = Self.at("2025-07-10T17:00")
        func facts(_ ended: String?, supplements: [SupplementPeriod] = [], status: DossierStatus = .resultReady,
                   received: String = "2025-07-03T09:00") -> DossierFacts {
            DossierFacts(receivedAt: Self.at(received), channel: .online, appointmentAt: appointment, endedAt: ended.map(Self.at),
                         endStatus: ended == nil ? nil : status, supplements: supplements)
        }
        let cases: [(DossierFacts, KeyPath<PeriodFigures, Int>)] = [
            (facts("2025-07-10T17:00"), \.onTime),  // exactly at the appointment
            (facts("2025-07-10T08:00"), \.onTime),  // on the appointment's day
            (facts("2025-07-09T16:00"), \.early),
            (facts("2025-07-10T17:01"), \.late),
            // Three days waiting for the applicant: finished two days after the appointment counts a day early.
            (facts("2025-07-12T10:00", supplements: [.init(requestedAt: Self.at("2025-07-04T10:00"), completedAt: Self.at("2025-07-07T10:00"))]), \.early),
            // Two supplement requests: late whatever the dates.
            (facts("2025-07-05T10:00", supplements: [.init(requestedAt: Self.at("2025-07-03T10:00"), completedAt: Self.at("2025-07-03T11:00")),
                                                     .init(requestedAt: Self.at("2025-07-04T10:00"), completedAt: Self.at("2025-07-04T11:00"))]), \.late),
            // Still waiting for the single supplement asked before the appointment: within the deadline.
            (facts(nil, supplements: [.init(requestedAt: Self.at("2025-07-08T10:00"))]), \.inProgressWithinDeadline),
            (facts(nil), \.inProgressOverdue),
            (facts("2025-07-11T09:00", status: .refused), \.refused),
        ]
        for (dossier, expected) in cases {
            let figures = Self.figures([dossier], from: Self.start, to: Self.end)
            #expect(figures[keyPath: expected] == 1, "\(dossier)")
            #expect(figures.toHandle == 1 && figures.receivedOnline == 1)
        }
        // The refused one ended after its appointment: it counts against the 766 rate.
        #expect(Self.figures([facts("2025-07-11T09:00", status: .refused)], from: Self.start, to: Self.end).onTimeRate766 == 0)
        #expect(Self.figures([facts("2025-07-09T09:00", status: .withdrawn)], from: Self.start, to: Self.end).onTimeRate766 == 100)
        // Outside the period: ended before it, received after it, never received.
        let outside = [facts("2025-06-30T10:00", received: "2025-06-20T09:00"), facts(nil, received: "2025-09-28T08:00"),
                       DossierFacts(receivedAt: nil, channel: .counter, appointmentAt: nil, endedAt: Self.at("2025-07-02T08:00"), endStatus: .refused)]
        #expect(Self.figures(outside, from: Self.start, to: Self.end) == PeriodFigures())
        // Received before the period and still open in it: carried over.
        let carried = Self.figures([facts("2025-07-02T10:00", received: "2025-06-25T09:00")], from: Self.start, to: Self.end)
        #expect(carried.carriedOver == 1 && carried.received == 0 && carried.early == 1)
        // A supplement completed after the period's end was still open when it ended.
        let later = DossierFacts(receivedAt: Self.at("2025-09-20T09:00"), channel: .counter, appointmentAt: Self.at("2025-09-26T17:00"),
                                 supplements: [.init(requestedAt: Self.at("2025-09-24T09:00"), completedAt: Self.at("2025-10-01T09:00"))])
        #expect(Self.figures([later], from: Self.start, to: Self.end).inProgressWithinDeadline == 1)
    }

    /// Thọ Phú commune, 1 July – 27 September 2025 (field-notes.md): 2,145 received (2,034 online,
    /// 111 direct); 2,004 resolved: 1,520 early, 447 on time, 37 late (98.2 % of resolved);
    /// 141 in progress within the deadline. The dossiers are replayed with real appointments
    /// (5 working days on the 2025 calendar, 2 September holidays included) in shuffled order.
    @Test("The Thọ Phú figures come out exactly when its dossiers are replayed")
    func thoPhu() throws {
        let calculator = DeadlineTests.deadlines
        var random = SeededGenerator(seed: 2025)
        var kinds: [Timeliness] = Array(repeating: .early, count: 1_520)
        kinds += Array(repeating: Timeliness.onTime, count: 447)
        kinds += Array(repeating: Timeliness.late, count: 37)
        kinds.shuffle(using: &random)
        var dossiers: [DossierFacts] = []
        for index in 0..<2_145 {
            let channel: SubmissionChannel = index < 2_034 ? .online : .counter
            if index >= 2_004 {
                // Received in the last week; appointment after the period.
                let received = Self.at("2025-09-22T08:00") + TimeInterval(Int.random(in: 0..<(4 * 86_400), using: &random))
                let appointment = try calculator.appointment(receivedAt: received, value: 5, unit: .workingDays).due
                dossiers.append(DossierFacts(receivedAt: received, channel: channel, appointmentAt: appointment))
                continue
            }
            let received = Self.start + TimeInterval(Int.random(in: 0..<(75 * 86_400), using: &random))
            let appointment = try calculator.appointment(receivedAt: received, value: 5, unit: .workingDays).due
            let appointmentDay = WorkingTime.local(appointment).day
            let ended: Date
            var supplements: [SupplementPeriod] = []
            switch kinds[index] {
            case .early: ended = WorkingTime.moment(try DeadlineTests.calendar.workingDay(1, after: WorkingTime.local(received).day), 10 * 3600)
            case .onTime:
                ended = WorkingTime.moment(appointmentDay, 16 * 3600)
                if index % 5 == 0 {
                    // Waited a day for a supplement and finished a day after the appointment: still on time.
                    let asked = received + 3600
                    supplements = [.init(requestedAt: asked, completedAt: asked + 86_400)]
                    dossiers.append(DossierFacts(receivedAt: received, channel: channel, appointmentAt: appointment, endedAt: ended + 86_400,
                                                 endStatus: .returned, supplements: supplements))
                    continue
                }
            case .late: ended = appointment + 3600
            }
            dossiers.append(DossierFacts(receivedAt: received, channel: channel, appointmentAt: appointment, endedAt: ended,
                                         endStatus: index % 3 == 0 ? .resultReady : .returned, supplements: supplements))
        }
        dossiers.shuffle(using: &random)
        let figures = Self.figures(dossiers, from: Self.start, to: Self.end)
        #expect(figures.received == 2_145 && figures.receivedOnline == 2_034 && figures.receivedDirect == 111 && figures.carriedOver == 0)
        #expect(figures.resolved == 2_004 && figures.early == 1_520 && figures.onTime == 447 && figures.late == 37)
        #expect(figures.inProgressWithinDeadline == 141 && figures.inProgressOverdue == 0)
        #expect(figures.resolvedOnTimeRate.map(VietnameseFormat.percent) == "98,2%")
        #expect(figures.onTimeRate766 == 98.28)  // (1,520 + 447 + 141) ÷ 2,145
    }

    @Test("Property: the figures of parts add up to the figures of the whole", arguments: 0..<3)
    func additive(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &+ 11)
        let base = Self.at("2025-06-01T00:00")
        var dossiers: [DossierFacts] = []
        for _ in 0..<400 {
            let received = base + TimeInterval(Int.random(in: 0..<(150 * 86_400), using: &random))
            let duration = TimeInterval(Int.random(in: 0..<(20 * 86_400), using: &random))
            let ended: Date? = Bool.random(using: &random) ? received + duration : nil
            var supplements: [SupplementPeriod] = []
            for k in 0..<Int.random(in: 0...2, using: &random) {
                let asked = received + TimeInterval(3600 * (k + 1))
                supplements.append(SupplementPeriod(requestedAt: asked, completedAt: Bool.random(using: &random) ? asked + 3600 : nil))
            }
            let endings: [DossierStatus] = [.resultReady, .returned, .refused, .withdrawn]
            let appointment = received + TimeInterval(Int.random(in: 86_400...(12 * 86_400), using: &random))
            dossiers.append(DossierFacts(receivedAt: received, channel: SubmissionChannel.allCases.randomElement(using: &random)!,
                                         appointmentAt: appointment, endedAt: ended,
                                         endStatus: ended == nil ? nil : endings.randomElement(using: &random), supplements: supplements))
        }
        let whole = Self.figures(dossiers, from: Self.start, to: Self.end)
        let split = Int.random(in: 0...dossiers.count, using: &random)
        let first = Self.figures(Array(dossiers[..<split]), from: Self.start, to: Self.end)
        let second = Self.figures(Array(dossiers[split...]), from: Self.start, to: Self.end)
        let parts = first + second
        #expect(parts == whole)
        let accounted = whole.resolved + whole.inProgress + whole.refused + whole.withdrawn + whole.stopped
        #expect(whole.toHandle == accounted)
        if let rate = whole.onTimeRate766 { #expect((0...100).contains(rate)) }
    }
}
