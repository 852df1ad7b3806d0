import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Feedback: workflow, working-day deadlines and lateness")
struct FeedbackRulesTests {
    static let calculator = DeadlineTests.deadlines
    static let at = DeadlineTests.at
    static let local = DeadlineTests.local

    @Test("Closed items take no action; every open status has a way forward; the sender only answers requests")
    func workflow() {
        for status in FeedbackStatus.allCases {
            let actions = FeedbackWorkflow.actions(from: status, for: Set(FeedbackWorkflow.Party.allCases))
            #expect(status.isClosed == actions.isEmpty, "\(status)")
        }
        for status in FeedbackStatus.allCases {
            let senderMay = FeedbackWorkflow.actions(from: status, for: [.sender])
            #expect(senderMay == (status == .infoRequested ? [.infoReceived] : []))
        }
        #expect(FeedbackWorkflow.target(of: .approve, from: .awaitingApproval, by: .department) == nil)
        #expect(FeedbackWorkflow.target(of: .approve, from: .awaitingApproval, by: .leader) == .status(.answered))
        #expect(FeedbackWorkflow.target(of: .publish, from: .answered, by: .receiver) == .status(.published))
        #expect(FeedbackWorkflow.target(of: .submitAnswer, from: .received, by: .department) == nil)
        #expect(FeedbackWorkflow.resolve(.resume, current: .infoRequested, pausedFrom: .processing) == .processing)
        #expect(FeedbackStatus.processing.publicLabel == "Đang xử lý" && FeedbackStatus.processing.open311 == "open")
        #expect(FeedbackStatus.published.open311 == "closed")
    }

    @Test("Due moments: 2, 5 and 15 working days from receipt; urgent items 1; publication 2 after approval")
    func dues() throws {
        let received = Self.at("2026-11-30T09:00")  // Monday
        let clock = try FeedbackClock(calculator: Self.calculator, deadlines: .standard, urgent: false, receivedAt: received,
                                      pauses: [], approvedAt: Self.at("2026-12-18T10:00"))
        #expect(Self.local(clock.receptionDue) == "2026-12-02T17:00")
        #expect(Self.local(clock.firstInfoRequestDue) == "2026-12-07T17:00")
        #expect(Self.local(clock.answerDue) == "2026-12-21T17:00")
        #expect(clock.publishDue.map(Self.local) == "2026-12-22T17:00")
        let urgent = try FeedbackClock(calculator: Self.calculator, deadlines: .standard, urgent: true, receivedAt: received, pauses: [],
                                       approvedAt: nil)
        #expect(Self.local(urgent.answerDue) == "2026-12-01T17:00" && urgent.publishDue == nil)
        // Waiting two working days (Tuesday 09:00 to Thursday 09:00) for information moves the answer by two.
        let paused = try FeedbackClock(calculator: Self.calculator, deadlines: .standard, urgent: false, receivedAt: received,
                                       pauses: [(Self.at("2026-12-01T09:00"), Self.at("2026-12-03T09:00"))], approvedAt: nil)
        #expect(Self.local(paused.answerDue) == "2026-12-23T17:00")
        #expect(paused.receptionDue == clock.receptionDue)
    }

    @Test("Lateness: a stage is late when done after its due moment, or not done and past it")
    func lateness() throws {
        let clock = try FeedbackClock(calculator: Self.calculator, deadlines: .standard, urgent: false, receivedAt: Self.at("2026-11-30T09:00"),
                                      pauses: [], approvedAt: nil)
        #expect(clock.late(.init(), now: Self.at("2026-12-02T17:00")).isEmpty)  // exactly at the due moment is on time
        #expect(clock.late(.init(), now: Self.at("2026-12-02T17:01")) == [.reception])
        let decided = FeedbackClock.Progress(decidedAt: Self.at("2026-12-01T08:00"), firstInfoRequestAt: Self.at("2026-12-08T08:00"))
        #expect(clock.late(decided, now: Self.at("2026-12-10T08:00")) == [.firstInfoRequest])
        #expect(clock.late(decided, now: Self.at("2026-12-22T08:00")) == [.firstInfoRequest, .answer])
        let waiting = FeedbackClock.Progress(decidedAt: Self.at("2026-12-01T08:00"), pausedSince: Self.at("2026-12-04T08:00"))
        #expect(clock.late(waiting, now: Self.at("2027-01-30T08:00")).isEmpty)  // the answer clock stands still while it waits
        let refused = FeedbackClock.Progress(decidedAt: Self.at("2026-12-01T08:00"), closedWithoutAnswer: true)
        #expect(clock.late(refused, now: Self.at("2027-06-01T08:00")).isEmpty)
        let approved = try FeedbackClock(calculator: Self.calculator, deadlines: .standard, urgent: false, receivedAt: Self.at("2026-11-30T09:00"),
                                         pauses: [], approvedAt: Self.at("2026-12-18T10:00"))
        let done = FeedbackClock.Progress(decidedAt: Self.at("2026-12-01T08:00"), approvedAt: Self.at("2026-12-18T10:00"),
                                          publishedAt: Self.at("2026-12-23T08:00"))
        #expect(approved.late(done, now: Self.at("2026-12-24T08:00")) == [.publish])
    }

    @Test("A province's limits are checked")
    func limits() {
        #expect(FeedbackDeadlines.standard.problems.isEmpty)
        var bad = FeedbackDeadlines.standard
        bad.normal.answer = 0
        #expect(bad.problems.count == 3)  // out of range; the information request and the urgent answer are longer
        bad = .standard
        bad.urgent.answer = 20
        #expect(bad.problems == ["Thời hạn của phản ánh khẩn cấp không được dài hơn thời hạn thông thường."])
    }
}

@Suite("Personal data is removed from published text")
struct PersonalDataRedactionTests {
    @Test("Phones, e-mails, identity numbers and the sender's name go; dates, amounts and ordinary numbers stay")
    func examples() {
        let text = "Tôi là Nguyễn Văn An, ĐT 0912.345.678 hoặc +84 912 345 678, email an.nguyen@example.vn, CCCD 031190000001, "
            + "CMND 123456789. Ngày 30/11/2026 nộp 150.000.000 đồng tại số 12 Lê Lợi, mã hồ sơ 000.00.31.H23-261130-0001."
        let result = PersonalDataRedaction.redact(text, names: ["nguyễn văn an"])
        for gone in ["Nguyễn Văn An", "0912", "912 345", "an.nguyen", "031190000001", "123456789"] {
            #expect(!result.contains(gone), "\(gone) in \(result)")
        }
        for kept in ["30/11/2026", "150.000.000 đồng", "số 12 Lê Lợi", "000.00.31.H23-261130-0001"] {
            #expect(result.contains(kept), "\(kept) missing from \(result)")
        }
    }

    @Test("Phones written with 84 in every way, long digit runs and other people's names go", arguments: [
        ("Gọi 84912345678 giúp tôi", "Gọi [đã ẩn] giúp tôi"),
        ("Gọi 0084 912 345 678", "Gọi [đã ẩn]"),
        ("SĐT (+84) 912.345.678.", "SĐT [đã ẩn]."),
        ("SĐT +84 (0) 912 345 678", "SĐT [đã ẩn]"),
        ("Số tài khoản 1903456789012 ạ", "Số tài khoản [đã ẩn] ạ"),
        ("Nhà ông Trần Văn Bình xả rác, chị Lan biết", "Nhà ông [đã ẩn] xả rác, chị [đã ẩn] biết"),
        ("Cán bộ Hoàng Thị Hà hướng dẫn sai", "Cán bộ [đã ẩn] hướng dẫn sai"),
        ("Bà con phường Hồng Bàng, em học sinh, cụ già", "Bà con phường Hồng Bàng, em học sinh, cụ già"),
        ("Nộp 84.000 đồng, hẹn 17:00 ngày 07/12/2026, mã 10301008-261207-0001", "Nộp 84.000 đồng, hẹn 17:00 ngày 07/12/2026, mã 10301008-261207-0001"),
    ])
    func more(text: String, expected: String) {
        #expect(PersonalDataRedaction.redact(text) == expected)
    }

    @Test("Property: injected contacts never survive, and redacting twice changes nothing", arguments: 0..<4)
    func property(seed: Int) {
        let seed = TestSeed(UInt64(seed) &+ 77)
        var random = seed.generator
        let words = ["đường", "ngập", "nước", "rác", "thải", "phường", "số", "12", "cán bộ", "hẹn", "30/11", "1.500.000", "!", "<b>", "&"]
        for _ in 0..<200 {
            var digits = "0" + String((0..<9).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            if Bool.random(using: &random) { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: 4)) }
            let email = "u\(Int.random(in: 0...999, using: &random))@mail\(Int.random(in: 0...9, using: &random)).vn"
            let id = String((0..<12).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            var parts = (0..<Int.random(in: 0...12, using: &random)).map { _ in words.randomElement(using: &random)! }
            for secret in [digits, email, id] { parts.insert(secret, at: Int.random(in: 0...parts.count, using: &random)) }
            let text = parts.joined(separator: " ")
            let once = PersonalDataRedaction.redact(text)
            #expect(!once.contains(digits) && !once.contains(email) && !once.contains(id), "\(text) → \(once); \(seed)")
            #expect(PersonalDataRedaction.redact(once) == once, "\(seed)")
            let ordinary = parts.filter { ![digits, email, id].contains($0) }.joined(separator: " ")
            #expect(PersonalDataRedaction.redact(ordinary) == ordinary, "\(seed)")
        }
    }
}

@Suite("Satisfaction figures")
struct SatisfactionTests {
    @Test("Shares per level and per criterion, hand-computed")
    func summary() {
        let summary = SatisfactionSummary(forms: [
            (.unsatisfied, [.attitude: .unsatisfied]),
            (.satisfied, [.attitude: .satisfied, .totalTime: .verySatisfied]),
            (.verySatisfied, [:]),
            (.verySatisfied, [.attitude: .verySatisfied]),
        ])
        #expect(summary.total == 4)
        #expect(summary.satisfiedPercent == 75)
        #expect(summary.percent(.verySatisfied) == 50)
        #expect(summary.mean(.attitude) == 2)
        #expect(summary.mean(.totalTime) == 3)
        #expect(summary.mean(.publicity) == nil)
        #expect(SatisfactionSummary(forms: []).satisfiedPercent == nil)
        #expect(VietnameseFormat.percent(2 * 100 / 3.0) == "66,7%")
        #expect(VietnameseFormat.percent(98.25) == "98,3%")
        #expect(VietnameseFormat.percent(100) == "100,0%")
        #expect(AnswerReactions(useful: 2, notUseful: 3).isUnsatisfied && !AnswerReactions(useful: 2, notUseful: 2).isUnsatisfied)
    }
}
