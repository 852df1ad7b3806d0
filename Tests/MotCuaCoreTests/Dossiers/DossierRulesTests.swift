import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Dossier rules: state machine, national codes, dossier code, 766 timeliness")
struct DossierRulesTests {
    static func at(_ text: String) -> Date { try! Date(text + ":00+07:00", strategy: .iso8601) }

    @Test("National status codes follow rules.md §4")
    func nationalCodes() {
        let codes = Dictionary(grouping: DossierStatus.allCases, by: \.nationalCode).mapValues { Set($0) }
        #expect(codes[1] == [.submitted] && codes[2] == [.received] && codes[3] == [.refused])
        #expect(codes[4] == [.processing, .awaitingApproval, .transferred] && codes[5] == [.supplementRequested])
        #expect(codes[7] == [.withdrawn] && codes[8] == [.stopped] && codes[9] == [.resultReady] && codes[10] == [.returned])
        #expect(codes[6] == [.paymentRequested])
        #expect(Set(codes.keys) == Set(1...10))
        #expect(PaymentChannel.allCases.map(\.onlineCode) == [nil, 1, 2])
        #expect(SubmissionChannel.allCases.map(\.nationalCode) == [1, 2, 3])
    }

    @Test("The table is unambiguous, final statuses have no way out, every open status has one")
    func table() {
        for action in DossierAction.allCases {
            for status in DossierStatus.allCases {
                for party in DossierWorkflow.Party.allCases {
                    let matches = DossierWorkflow.rules.filter { $0.action == action && $0.from.contains(status) && $0.parties.contains(party) }
                    #expect(matches.count <= 1, "\(action) \(status) \(party)")
                }
            }
        }
        let everyone = Set(DossierWorkflow.Party.allCases)
        for status in DossierStatus.allCases {
            let actions = DossierWorkflow.actions(from: status, for: everyone)
            #expect(status.isFinal == actions.isEmpty, "\(status): \(actions)")
        }
        // Every status can be reached from "submitted".
        var reached: Set<DossierStatus> = [.submitted]
        var frontier: [DossierStatus] = [.submitted]
        while let status = frontier.popLast() {
            for rule in DossierWorkflow.rules where rule.from.contains(status) {
                let next = DossierWorkflow.resolve(rule.target, current: status, pausedFrom: .processing)
                if reached.insert(next).inserted { frontier.append(next) }
            }
        }
        #expect(reached == Set(DossierStatus.allCases))
    }

    @Test("Who may do what: spot checks of the law's roles")
    func roles() {
        #expect(DossierWorkflow.target(of: .accept, from: .submitted, by: .reception) == .status(.received))
        #expect(DossierWorkflow.target(of: .accept, from: .submitted, by: .specialist) == nil)
        #expect(DossierWorkflow.target(of: .accept, from: .submitted, by: .applicant) == nil)
        #expect(DossierWorkflow.target(of: .approve, from: .awaitingApproval, by: .leader) == .status(.resultReady))
        #expect(DossierWorkflow.target(of: .approve, from: .awaitingApproval, by: .specialist) == nil)
        #expect(DossierWorkflow.target(of: .approve, from: .processing, by: .leader) == nil)
        #expect(DossierWorkflow.target(of: .returnResult, from: .resultReady, by: .reception) == .status(.returned))
        #expect(DossierWorkflow.target(of: .supplementReceived, from: .supplementRequested, by: .applicant) == .resume)
        #expect(DossierWorkflow.target(of: .withdraw, from: .processing, by: .applicant) == nil)
        #expect(DossierWorkflow.target(of: .withdraw, from: .processing, by: .reception) == .status(.withdrawn))
        #expect(DossierWorkflow.target(of: .apologize, from: .processing, by: .specialist) == .unchanged)
        #expect(DossierWorkflow.target(of: .apologize, from: .resultReady, by: .specialist) == nil)
        #expect(DossierWorkflow.resolve(.resume, current: .supplementRequested, pausedFrom: .processing) == .processing)
        #expect(DossierWorkflow.resolve(.resume, current: .supplementRequested, pausedFrom: nil) == .submitted)
        #expect(DossierWorkflow.party(for: .stop, from: .processing, among: [.reception, .leader]) == .leader)
    }

    @Test("Dossier codes: Circular 01/2018 default, configurable, unique per unit, day and number")
    func codes() throws {
        let day = CivilDate(year: 2026, month: 11, day: 28)
        #expect(DossierCodeFormat.standard.code(unit: "10301008", day: day, sequence: 7) == "10301008-261128-0007")
        #expect(DossierCodeFormat.standard.code(unit: "A001", day: day, sequence: 12_345) == "A001-261128-12345")
        let custom = try DossierCodeFormat("HS.{yyyy}{mm}{dd}.{unit}.{seq:6}")
        #expect(custom.code(unit: "G09.20", day: day, sequence: 42) == "HS.20261128.G09.20.000042")
        #expect(throws: DossierCodeFormat.Problem.missingParts) { try DossierCodeFormat("{unit}-{seq:4}") }
        #expect(throws: DossierCodeFormat.Problem.unknownToken("ngay")) { try DossierCodeFormat("{unit}-{ngay}-{seq:4}") }
        #expect(throws: DossierCodeFormat.Problem.unclosedBrace) { try DossierCodeFormat("{unit}-{yy}{mm}{dd}-{seq:4") }
        // Property: different (unit, day, number) never give the same code with the standard format
        // for numbers below 10,000 and codes without dashes.
        let seed = TestSeed(5)
        var generator = seed.generator
        var seen: [String: String] = [:]
        for _ in 0..<5_000 {
            let unit = "\(Int.random(in: 10_000_000...10_000_050, using: &generator))"
            let date = CivilDate(year: 2026, month: Int.random(in: 1...12, using: &generator), day: Int.random(in: 1...28, using: &generator))
            let number = Int.random(in: 1...9_999, using: &generator)
            let key = "\(unit)|\(date)|\(number)"
            let code = DossierCodeFormat.standard.code(unit: unit, day: date, sequence: number)
            #expect(seen[code] == nil || seen[code] == key, "\(seed)")
            seen[code] = key
        }
    }

    @Test("766 timeliness: hand-computed cases", arguments: [
        // end, appointment, supplements (requested, completed), expected
        ("2026-11-25T10:00", "2026-11-27T17:00", [(String, String?)](), Timeliness.early),
        ("2026-11-27T09:00", "2026-11-27T17:00", [], .onTime),
        ("2026-11-27T17:00", "2026-11-27T17:00", [], .onTime),
        ("2026-11-27T17:01", "2026-11-27T17:00", [], .late),
        // Two days waiting for the supplement are taken off: finished 29/11 counts as 27/11 10:00.
        ("2026-11-30T10:00", "2026-11-27T17:00", [("2026-11-20T08:00", "2026-11-23T08:00")], .onTime),
        ("2026-11-30T10:00", "2026-11-27T17:00", [("2026-11-20T08:00", "2026-11-21T08:00")], .late),
        // More than one supplement request is late whatever the dates.
        ("2026-11-21T10:00", "2026-11-27T17:00", [("2026-11-19T08:00", "2026-11-19T09:00"), ("2026-11-20T08:00", "2026-11-20T09:00")], .late),
        // Still waiting for the supplement: the request time is the end.
        ("2026-12-30T10:00", "2026-11-27T17:00", [("2026-11-27T08:00", nil)], .onTime),
    ])
    func timeliness(end: String, appointment: String, supplements: [(String, String?)], expected: Timeliness) {
        let periods = supplements.map { SupplementPeriod(requestedAt: Self.at($0.0), completedAt: $0.1.map(Self.at)) }
        #expect(DossierClock.timeliness(end: Self.at(end), appointment: Self.at(appointment), supplements: periods) == expected)
    }

    @Test("Property: a supplement never makes a dossier later, and finishing earlier is never worse")
    func timelinessMonotone() {
        let seed = TestSeed(766)
        var generator = seed.generator
        let appointment = Self.at("2026-11-27T17:00")
        for _ in 0..<2_000 {
            let end = appointment.addingTimeInterval(Double(Int.random(in: -800_000...800_000, using: &generator)))
            let earlier = end.addingTimeInterval(-Double(Int.random(in: 0...400_000, using: &generator)))
            let requested = end.addingTimeInterval(-Double(Int.random(in: 100_000...900_000, using: &generator)))
            let completed = requested.addingTimeInterval(Double(Int.random(in: 0...90_000, using: &generator)))
            let plain = DossierClock.timeliness(end: end, appointment: appointment, supplements: [])
            let paused = DossierClock.timeliness(end: end, appointment: appointment, supplements: [.init(requestedAt: requested, completedAt: completed)])
            let sooner = DossierClock.timeliness(end: earlier, appointment: appointment, supplements: [])
            #expect(Self.rank(paused) <= Self.rank(plain), "\(seed)")
            #expect(Self.rank(sooner) <= Self.rank(plain), "\(seed)")
        }
    }

    static func rank(_ value: Timeliness) -> Int { value == .early ? 0 : value == .onTime ? 1 : 2 }

    @Test("Urgency: overdue after the appointment, due soon within one working day")
    func urgency() {
        let time = WorkingTime(calendar: WorkingCalendar(years: 2025...2027, declarations: OfficialDeclarations.days))
        let appointment = Self.at("2026-11-30T17:00")  // a Monday
        #expect(DossierClock.urgency(now: Self.at("2026-12-01T08:00"), appointment: appointment, time: time) == .overdue)
        #expect(DossierClock.urgency(now: Self.at("2026-11-27T17:00"), appointment: appointment, time: time) == .dueSoon)  // Friday evening
        #expect(DossierClock.urgency(now: Self.at("2026-11-27T10:00"), appointment: appointment, time: time) == .onTrack)
    }
}

@Suite("Intake checklist")
struct IntakeChecklistTests {
    let documents = [
        RequiredDocument(name: "Tờ khai đăng ký kết hôn", form: .original),
        RequiredDocument(name: "Giấy xác nhận tình trạng hôn nhân", form: .original, quantity: 2),
        RequiredDocument(name: "Căn cước", form: .copy),
    ]

    @Test("A fully ticked list is complete; a missing document is one line of the supplement request")
    func missingDocuments() {
        #expect(IntakeChecklist(documents: documents, received: [0, 1, 2]).isComplete)
        let partial = IntakeChecklist(documents: documents, received: [0, 2, 7])
        #expect(!partial.isComplete)
        #expect(partial.missing.map(\.document.name) == ["Giấy xác nhận tình trạng hôn nhân"])
        #expect(partial.supplementNote == "Nộp Giấy xác nhận tình trạng hôn nhân (bản chính, 2 bản)")
        #expect(IntakeChecklist(documents: documents, received: []).supplementNote.split(separator: "\n").count == 3)
        #expect(IntakeChecklist(documents: [], received: [1]).isComplete)
    }

    @Test("Property: every document is either received or missing, never both, in its order")
    func partition() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 0...8, using: &generator)
            let docs = (0..<count).map { RequiredDocument(name: "Giấy \($0)", form: .copy) }
            let ticked = Set((0..<Int.random(in: 0...10, using: &generator)).map { _ in Int.random(in: -2...10, using: &generator) })
            let list = IntakeChecklist(documents: docs, received: ticked)
            #expect(list.items.map(\.document) == docs)
            #expect(list.missing.count == (0..<count).filter { !ticked.contains($0) }.count)
            #expect(list.isComplete == (0..<count).allSatisfy(ticked.contains))
        }
    }
}
