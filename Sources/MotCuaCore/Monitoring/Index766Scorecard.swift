extension Index766 {
    /// What a unit (or the province) did in a period, as the indicators count it.
    public struct Inputs: Sendable, Equatable {
        /// Dossier figures of the period (2.1, 5.4).
        public var dossiers: PeriodFigures
        /// The period's tallies: the 766 facts of dossiers received in it and the ratings given (3.x, 4.x, 5.4).
        public var tally: DossierTally
        public var catalogue: Catalogue
        public var feedback: Feedback

        public init(dossiers: PeriodFigures = PeriodFigures(), tally: DossierTally = DossierTally(), catalogue: Catalogue = Catalogue(),
                    feedback: Feedback = Feedback()) {
            self.dossiers = dossiers
            self.tally = tally
            self.catalogue = catalogue
            self.feedback = feedback
        }

        /// The procedures the unit receives.
        public struct Catalogue: Sendable, Equatable {
            public var procedures = 0
            /// Publishing every component MotCua records (1.3).
            public var complete = 0
            /// Offered online, partly or fully (3.1).
            public var online = 0
            /// Of those, the ones that received an online dossier in the period (3.2).
            public var onlineUsed = 0

            public init(procedures: Int = 0, complete: Int = 0, online: Int = 0, onlineUsed: Int = 0) {
                (self.procedures, self.complete, self.online, self.onlineUsed) = (procedures, complete, online, onlineUsed)
            }

            public static func + (lhs: Catalogue, rhs: Catalogue) -> Catalogue {
                Catalogue(procedures: lhs.procedures + rhs.procedures, complete: lhs.complete + rhs.complete, online: lhs.online + rhs.online,
                          onlineUsed: lhs.onlineUsed + rhs.onlineUsed)
            }
        }

        /// Feedback (phản ánh, kiến nghị) of the period.
        public struct Feedback: Sendable, Equatable {
            /// Sent in the period (5.1), and of those the ones classified as about rules and
            /// procedures, or about an officer's conduct.
            public var received = 0
            public var aboutProcedures = 0
            public var aboutConduct = 0
            /// Of those sent in the period, the ones received by the unit (not refused) (5.3), and of
            /// those, the ones handled late (or overdue at the period's end) or whose published
            /// answer more readers found not useful than useful.
            public var accepted = 0
            public var unsatisfiedOrLate = 0
            /// Sent or still being handled in the period (5.2), and of those, handled on time or
            /// still within every time limit at the period's end.
            public var handled = 0
            public var handledOnTime = 0

            public init(received: Int = 0, aboutProcedures: Int = 0, aboutConduct: Int = 0, accepted: Int = 0, unsatisfiedOrLate: Int = 0,
                        handled: Int = 0, handledOnTime: Int = 0) {
                (self.received, self.aboutProcedures, self.aboutConduct) = (received, aboutProcedures, aboutConduct)
                (self.accepted, self.unsatisfiedOrLate, self.handled, self.handledOnTime) = (accepted, unsatisfiedOrLate, handled, handledOnTime)
            }

            public static func + (lhs: Feedback, rhs: Feedback) -> Feedback {
                Feedback(received: lhs.received + rhs.received, aboutProcedures: lhs.aboutProcedures + rhs.aboutProcedures,
                         aboutConduct: lhs.aboutConduct + rhs.aboutConduct, accepted: lhs.accepted + rhs.accepted,
                         unsatisfiedOrLate: lhs.unsatisfiedOrLate + rhs.unsatisfiedOrLate, handled: lhs.handled + rhs.handled,
                         handledOnTime: lhs.handledOnTime + rhs.handledOnTime)
            }
        }

        /// A province's inputs are its units' added up.
        public static func + (lhs: Inputs, rhs: Inputs) -> Inputs {
            Inputs(dossiers: lhs.dossiers + rhs.dossiers, tally: lhs.tally + rhs.tally, catalogue: lhs.catalogue + rhs.catalogue,
                   feedback: lhs.feedback + rhs.feedback)
        }

        /// Numerator and denominator of an indicator, with the figures behind them; nil when MotCua
        /// cannot compute it.
        func measure(_ code: String) -> (numerator: Int, denominator: Int, details: [String])? {
            let d = dossiers, t = tally, n = VietnameseFormat.integer
            switch code {
            case "1.3": return (catalogue.complete, catalogue.procedures, [])
            case "2.1":
                return (d.onTime766, d.toHandle, ["Trước hạn \(n(d.early)), đúng hạn \(n(d.onTime)), quá hạn \(n(d.late))",
                                              "Đang giải quyết trong hạn \(n(d.inProgressWithinDeadline)), quá hạn \(n(d.inProgressOverdue))"])
            case "3.TT": return (t[.fullServiceOnline], t[.fullService], [])
            case "3.1": return (catalogue.online, catalogue.procedures, [])
            case "3.2": return (catalogue.onlineUsed, catalogue.online, [])
            case "3.3": return (t[.onlineElectronic], d.received, ["Tiếp nhận trực tuyến \(n(d.receivedOnline))"])
            case "3.6": return (t[.paidOnline], t[.feeDue], [])
            case "4.1": return (t[.electronicResult], d.received, [])
            case "4.2": return (t[.digitised], d.received, [])
            case "5.1": return (feedback.aboutProcedures + feedback.aboutConduct, feedback.received,
                                ["Về quy định, thủ tục \(n(feedback.aboutProcedures)), về hành vi cán bộ \(n(feedback.aboutConduct))"])
            case "5.2": return (feedback.handledOnTime, feedback.handled, [])
            case "5.3": return (max(0, feedback.accepted - feedback.unsatisfiedOrLate), feedback.accepted,
                                ["Không hài lòng hoặc quá hạn \(n(feedback.unsatisfiedOrLate))"])
            case "5.4":
                // 100% − (late rate + unsatisfied rate) over the same dossiers = (n − late − unsatisfied) ÷ n.
                let late = d.toHandle - d.onTime766
                return (max(0, d.toHandle - late - t[.ratedUnsatisfied]), d.toHandle,
                        ["Quá hạn \(n(late)), đánh giá không hài lòng \(n(t[.ratedUnsatisfied])) trong \(n(t.ratings)) lượt đánh giá"])
            default: return nil
            }
        }
    }

    /// One indicator of a scorecard.
    public struct Line: Sendable, Equatable {
        public enum State: String, Sendable, Codable {
            /// Computed and scored.
            case scored
            /// Computed; no source gives its points, or it is only tracked.
            case notScored = "not_scored"
            /// Nothing to count in the period (no dossiers, no feedback…): left out of the score.
            case noData = "no_data"
            /// MotCua cannot compute it (`Indicator.unavailable` says why).
            case unavailable
        }

        public let indicator: Indicator
        public let state: State
        public let numerator: Int?
        public let denominator: Int?
        /// Percent, two decimals.
        public let rate: Double?
        public let points: Double?
        public let details: [String]
    }

    public struct GroupScore: Sendable, Equatable {
        public let group: Group
        public let points: Double
        /// The sum of the ceilings of the group's scored indicators.
        public let attainable: Double
    }

    /// The scorecard of a unit or the province for a period.
    public struct Scorecard: Sendable, Equatable {
        public let lines: [Line]
        public let groups: [GroupScore]
        public let points: Double
        /// What the scored indicators could give at most (the rest are not computable here or had
        /// nothing to count).
        public let attainable: Double

        /// Points as a percentage of `attainable`, two decimals: what units are ranked by, so a
        /// unit is not ranked down for an indicator with nothing to count. nil when nothing scored.
        public var percent: Double? { attainable > 0 ? (points * 10_000 / attainable).rounded() / 100 : nil }
    }

    /// Scores every indicator: the rate rounded to two decimals, then points by the threshold (or
    /// linearly), rounded to two decimals.
    public static func scorecard(_ inputs: Inputs) -> Scorecard {
        let lines = indicators.map { indicator -> Line in
            guard indicator.unavailable == nil, let (numerator, denominator, details) = inputs.measure(indicator.code) else {
                return Line(indicator: indicator, state: .unavailable, numerator: nil, denominator: nil, rate: nil, points: nil, details: [])
            }
            guard denominator > 0 else {
                return Line(indicator: indicator, state: .noData, numerator: numerator, denominator: denominator, rate: nil, points: nil, details: details)
            }
            let rate = PeriodFigures.percent(numerator, denominator)
            guard let ceiling = indicator.maxPoints, ceiling > 0 else {
                return Line(indicator: indicator, state: .notScored, numerator: numerator, denominator: denominator, rate: rate, points: nil, details: details)
            }
            let target = indicator.target ?? 100
            let points = rate >= target ? ceiling : (rate * ceiling / target * 100).rounded() / 100
            return Line(indicator: indicator, state: .scored, numerator: numerator, denominator: denominator, rate: rate, points: points, details: details)
        }
        let groups = Group.allCases.map { group in
            let scored = lines.filter { $0.indicator.group == group && $0.state == .scored }
            return GroupScore(group: group, points: round2(scored.reduce(0) { $0 + $1.points! }),
                              attainable: scored.reduce(0) { $0 + $1.indicator.maxPoints! })
        }
        return Scorecard(lines: lines, groups: groups, points: round2(groups.reduce(0) { $0 + $1.points }),
                         attainable: groups.reduce(0) { $0 + $1.attainable })
    }

    static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// Competition ranking (1, 2, 2, 4) by score, highest first; nil for those without a score.
    public static func ranks(_ scores: [Double?]) -> [Int?] {
        scores.map { score in
            guard let score else { return nil }
            return scores.filter { ($0 ?? -.infinity) > score }.count + 1
        }
    }
}
