import Foundation
import MotCuaCore
import Testing

@Suite("Decision 766 index: indicators, points by threshold, groups, ranking")
struct Index766Tests {
    /// Thọ Phú's quarter (field-notes.md) with illustrative online, payment, digitisation and
    /// feedback figures; every expected number below was worked out by hand.
    static var inputs: Index766.Inputs {
        var dossiers = PeriodFigures()
        (dossiers.receivedOnline, dossiers.receivedDirect) = (2_034, 111)
        (dossiers.early, dossiers.onTime, dossiers.late, dossiers.inProgressWithinDeadline) = (1_520, 447, 37, 141)
        var tally = DossierTally()
        tally[.fullService] = 400
        tally[.fullServiceOnline] = 300
        tally[.feeDue] = 60
        tally[.paidOnline] = 45
        tally[.electronicResult] = 1_000
        tally[.digitised] = 1_800
        tally[.onlineElectronic] = 900
        tally[.ratedUnsatisfied] = 15
        tally[.ratedSatisfied] = 100
        return Index766.Inputs(dossiers: dossiers, tally: tally,
                               catalogue: .init(procedures: 186, complete: 150, online: 180, onlineUsed: 120),
                               feedback: .init(received: 44, aboutProcedures: 10, aboutConduct: 23, accepted: 40, unsatisfiedOrLate: 4, handled: 50, handledOnTime: 45))
    }

    @Test("Rates to two decimals, points at the threshold or linear, not-computable indicators left out of the score")
    func scorecard() {
        let card = Index766.scorecard(Self.inputs)
        func line(_ code: String) -> Index766.Line { card.lines.first { $0.indicator.code == code }! }
        // 2.1: (1,520 + 447 + 141) ÷ 2,145 = 98.28 %, × 20 = 19.656 → 19.66 (linear, no threshold).
        #expect(line("2.1").rate == 98.28 && line("2.1").points == 19.66 && line("2.1").numerator == 2_108)
        // 1.3: 150 ÷ 186 = 80.65 % × 2 = 1.613 → 1.61.
        #expect(line("1.3").rate == 80.65 && line("1.3").points == 1.61)
        #expect(line("3.TT").rate == 75 && line("3.TT").points == 9)
        #expect(line("3.6").rate == 75 && line("3.6").points == 7.5)
        // 4.1: 1,000 ÷ 2,145 = 46.62 % × 6 = 2.7972 → 2.8; 4.2: 83.92 % ≥ 80 % → all 4 points.
        #expect(line("4.1").rate == 46.62 && line("4.1").points == 2.8)
        #expect(line("4.2").rate == 83.92 && line("4.2").points == 4)
        #expect(line("5.2").rate == 90 && line("5.2").points == 5.4)
        #expect(line("5.3").rate == 90 && line("5.3").points == 5.4)
        // 5.4: 100 % − (37 late + 15 unsatisfied) ÷ 2,145 = 97.58 % ≥ 90 % → 6.
        #expect(line("5.4").rate == 97.58 && line("5.4").points == 6 && line("5.4").numerator == 2_093)
        // Computed without points: 3.1 (96.77 %), 3.2 (66.67 %), 3.3 (41.96 %), 5.1 (tracked only).
        #expect(line("3.1").state == .notScored && line("3.1").rate == 96.77 && line("3.1").points == nil)
        #expect(line("3.2").rate == 66.67 && line("3.3").rate == 41.96 && line("5.1").rate == 75 && line("5.1").state == .notScored)
        // Not computable here: shown as such, never given a number.
        for code in ["1.1", "1.2", "1.4", "2.2", "3.5", "4.CT", "4.3", "4.4", "4.5a", "4.5b"] {
            #expect(line(code).state == .unavailable && line(code).rate == nil && line(code).points == nil, "\(code)")
        }
        // 1.61 + 19.66 + 9 + 7.5 + 2.8 + 4 + 5.4 + 5.4 + 6 = 61.37 of 72 computable points = 85.24 %.
        #expect(card.points == 61.37 && card.attainable == 72 && card.percent == 85.24)
        let groups = Dictionary(uniqueKeysWithValues: card.groups.map { ($0.group, ($0.points, $0.attainable)) })
        #expect(groups[.transparency]! == (1.61, 2) && groups[.progress]! == (19.66, 20) && groups[.onlineService]! == (9, 12))
        #expect(groups[.onlinePayment]! == (7.5, 10) && groups[.digitisation]! == (6.8, 10) && groups[.satisfaction]! == (16.8, 18))
        // The ceilings add up to the 100 points of the index.
        #expect(Index766.Group.allCases.reduce(0) { $0 + $1.maxPoints } == 100)
        #expect(Index766.indicators.filter { $0.group == .digitisation }.compactMap(\.maxPoints).reduce(0, +) == 22)
    }

    @Test("Nothing to count: the indicator is left out, not scored zero; a unit without dossiers has no score")
    func noData() {
        var inputs = Self.inputs
        inputs.feedback = .init()
        let card = Index766.scorecard(inputs)
        #expect(card.lines.first { $0.indicator.code == "5.2" }?.state == .noData)
        #expect(card.attainable == 60 && card.points == 50.57)
        #expect(Index766.scorecard(Index766.Inputs()).percent == nil)
    }

    @Test("Reporting periods: a month, a quarter or a year, with their days and names")
    func periods() {
        #expect(ReportingPeriod("2026-11")!.days == (CivilDate(year: 2026, month: 11, day: 1), CivilDate(year: 2026, month: 11, day: 30)))
        #expect(ReportingPeriod("2026-q4")!.days == (CivilDate(year: 2026, month: 10, day: 1), CivilDate(year: 2026, month: 12, day: 31)))
        #expect(ReportingPeriod("2024-02")?.days.last == CivilDate(year: 2024, month: 2, day: 29))
        #expect(ReportingPeriod("2026")!.days == (CivilDate(year: 2026, month: 1, day: 1), CivilDate(year: 2026, month: 12, day: 31)))
        #expect(ReportingPeriod("2026-Q4")?.label == "Quý IV/2026" && ReportingPeriod("2026-03")?.label == "Tháng 3/2026")
        #expect(ReportingPeriod("2026-03")?.description == "2026-03" && ReportingPeriod("2026")?.label == "Năm 2026")
        for bad in ["", "2026-13", "2026-Q5", "2026-Q", "26-11", "2026-11-01", "abcd", "2026-1", "1999"] { #expect(ReportingPeriod(bad) == nil, "\(bad)") }
    }

    @Test("Units rank by score with ties sharing a place; a province's inputs are its units' added up")
    func ranking() {
        #expect(Index766.ranks([90, 95.5, 95.5, nil, 80]) == [3, 1, 1, nil, 4])
        let sum = Self.inputs + Self.inputs
        #expect(sum.dossiers.toHandle == 4_290 && sum.tally[.paidOnline] == 90 && sum.catalogue.procedures == 372 && sum.feedback.handled == 100)
        #expect(Index766.scorecard(sum).lines.first { $0.indicator.code == "2.1" }?.rate == 98.28)
    }
}
