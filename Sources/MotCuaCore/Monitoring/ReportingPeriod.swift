import Foundation

/// A reporting period of the Decision 766 index: a month (`2026-11`), a quarter (`2026-Q4`) or a
/// year (`2026`), as the national portal offers them.
public struct ReportingPeriod: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case month, quarter, year
    }

    public let kind: Kind
    public let year: Int
    /// The month (1–12) or the quarter (1–4); nil for a year.
    public let number: Int?

    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), (2000...2099).contains(year) else { return nil }
        switch parts.count {
        case 1: (kind, self.year, number) = (.year, year, nil)
        case 2 where parts[1].hasPrefix("Q"):
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter), parts[1].count == 2 else { return nil }
            (kind, self.year, number) = (.quarter, year, quarter)
        case 2:
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            (kind, self.year, number) = (.month, year, month)
        default: return nil
        }
    }

    /// The month of a day.
    public init(monthOf day: CivilDate) {
        (kind, year, number) = (.month, day.year, day.month)
    }

    /// Its first and last days.
    public var days: (first: CivilDate, last: CivilDate) {
        let (firstMonth, months) = switch kind {
        case .month: (number!, 1)
        case .quarter: ((number! - 1) * 3 + 1, 3)
        case .year: (1, 12)
        }
        let first = CivilDate(year: year, month: firstMonth, day: 1)
        let afterMonth = firstMonth + months
        let next = afterMonth > 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: afterMonth, day: 1)
        return (first, CivilDate(julianDay: next.julianDay - 1))
    }

    /// `2026-11`, `2026-Q4`, `2026`.
    public var description: String {
        switch kind {
        case .month: "\(year)-\(number! < 10 ? "0" : "")\(number!)"
        case .quarter: "\(year)-Q\(number!)"
        case .year: "\(year)"
        }
    }

    /// "Tháng 11/2026", "Quý IV/2026", "Năm 2026".
    public var label: String {
        switch kind {
        case .month: "Tháng \(number!)/\(year)"
        case .quarter: "Quý \(["I", "II", "III", "IV"][number! - 1])/\(year)"
        case .year: "Năm \(year)"
        }
    }
}
