import Foundation

/// Satisfaction figures of a unit, an officer or a month: how many forms at each level and their
/// share, as a center reports them ("… % hài lòng trở lên").
public struct SatisfactionSummary: Sendable, Equatable {
    /// Forms per level.
    public let counts: [SatisfactionLevel: Int]
    /// Per criterion: forms that rated it, and the sum of their levels.
    public let criteria: [SatisfactionCriterion: (rated: Int, levelSum: Int)]

    public static func == (lhs: SatisfactionSummary, rhs: SatisfactionSummary) -> Bool {
        lhs.counts == rhs.counts && lhs.criteria.mapValues { [$0.rated, $0.levelSum] } == rhs.criteria.mapValues { [$0.rated, $0.levelSum] }
    }

    public init(counts: [SatisfactionLevel: Int], criteria: [SatisfactionCriterion: (rated: Int, levelSum: Int)] = [:]) {
        self.counts = counts
        self.criteria = criteria
    }

    /// Summarises rating forms: each an overall level and the criteria it rated.
    public init(forms: [(level: SatisfactionLevel, criteria: [SatisfactionCriterion: SatisfactionLevel])]) {
        var counts: [SatisfactionLevel: Int] = [:]
        var criteria: [SatisfactionCriterion: (rated: Int, levelSum: Int)] = [:]
        for form in forms {
            counts[form.level, default: 0] += 1
            for (criterion, level) in form.criteria {
                let sum = criteria[criterion] ?? (0, 0)
                criteria[criterion] = (sum.rated + 1, sum.levelSum + level.rawValue)
            }
        }
        self.init(counts: counts, criteria: criteria)
    }

    public var total: Int { counts.values.reduce(0, +) }

    public func count(_ level: SatisfactionLevel) -> Int { counts[level] ?? 0 }

    /// Share of forms at a level, in percent; nil without forms.
    public func percent(_ level: SatisfactionLevel) -> Double? {
        total == 0 ? nil : Double(count(level)) * 100 / Double(total)
    }

    /// Share of forms at "Hài lòng" or "Rất hài lòng", in percent; nil without forms.
    public var satisfiedPercent: Double? {
        total == 0 ? nil : Double(count(.satisfied) + count(.verySatisfied)) * 100 / Double(total)
    }

    /// Mean level of a criterion (1–3); nil when nobody rated it.
    public func mean(_ criterion: SatisfactionCriterion) -> Double? {
        guard let sum = criteria[criterion], sum.rated > 0 else { return nil }
        return Double(sum.levelSum) / Double(sum.rated)
    }
}

/// Reactions to a published answer (thích / không thích). Decision 766 counts an answer with more
/// dislikes than likes as unsatisfied.
public struct AnswerReactions: Sendable, Equatable, Codable {
    public var useful: Int
    public var notUseful: Int

    public init(useful: Int, notUseful: Int) {
        self.useful = useful
        self.notUseful = notUseful
    }

    public var isUnsatisfied: Bool { notUseful > useful }
}
