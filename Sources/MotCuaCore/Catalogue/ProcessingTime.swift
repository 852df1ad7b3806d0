import Foundation

/// Thời hạn giải quyết as the catalogue states it: a number of working days (possibly
/// fractional, "2,5 ngày làm việc"), working hours, plain days, or the same day with a cut-off hour.
public struct ProcessingTime: Sendable, Codable, Equatable {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case workingDays = "working_days"
        case workingHours = "working_hours"
        /// "ngày" where the source does not say working days.
        case days
        case sameDay = "same_day"

        public var label: String {
            switch self {
            case .workingDays: "ngày làm việc"
            case .workingHours: "giờ làm việc"
            case .days: "ngày"
            case .sameDay: "trong ngày"
            }
        }
    }

    public var value: Double
    public var unit: Unit
    /// For same-day procedures: received after this hour, due the next working day (15 by default).
    public var cutoffHour: Int?

    public init(value: Double, unit: Unit, cutoffHour: Int? = nil) {
        self.value = value
        self.unit = unit
        self.cutoffHour = unit == .sameDay ? (cutoffHour ?? 15) : nil
    }

    public enum Problem: Error, Equatable {
        case unknownUnit(String)
        case badValue(String)

        public var message: String {
            switch self {
            case .unknownUnit(let unit):
                "Đơn vị thời hạn “\(unit)” không hợp lệ (dùng working_days, working_hours, days hoặc same_day)."
            case .badValue(let value): "Thời hạn “\(value)” phải là số không âm, ví dụ 3 hoặc 2.5."
            }
        }
    }

    /// Reads the CSV columns `deadline_value`, `deadline_unit`; both empty means unknown (`nil`).
    public static func parse(value: String, unit: String) throws(Problem) -> ProcessingTime? {
        let value = value.trimmingCharacters(in: .whitespaces), unit = unit.trimmingCharacters(in: .whitespaces)
        if value.isEmpty, unit.isEmpty { return nil }
        guard let parsedUnit = Unit(rawValue: unit) else { throw .unknownUnit(unit) }
        if parsedUnit == .sameDay, value.isEmpty { return ProcessingTime(value: 0, unit: .sameDay) }
        guard let number = Double(value.replacingOccurrences(of: ",", with: ".")), number >= 0, number <= 3_650 else {
            throw .badValue(value)
        }
        return ProcessingTime(value: number, unit: parsedUnit)
    }

    /// "03 ngày làm việc", "2,5 ngày làm việc", "Trong ngày (sau 15 giờ trả ngày làm việc tiếp theo)".
    public var text: String {
        if unit == .sameDay {
            return "Trong ngày (tiếp nhận sau \(cutoffHour ?? 15) giờ thì trả kết quả trong ngày làm việc tiếp theo)"
        }
        return "\(Self.number(value)) \(unit.label)"
    }

    /// The rule appointment dates are computed by: whole working days, hours (8 per working day
    /// for fractions), or the same day. Plain "ngày" is counted as working days, as
    /// administrative time limits are (`rules.md` §6).
    public var deadline: (value: Int, unit: DeadlineUnit) {
        switch unit {
        case .sameDay: (0, .sameDay)
        case .workingHours: (Int(value.rounded(.up)), .workingHours)
        case .workingDays, .days:
            value == value.rounded() ? (Int(value), .workingDays) : (Int((value * 8).rounded(.up)), .workingHours)
        }
    }

    /// "03", "2,5" for people (`padded`); "3", "2.5" for files.
    public static func number(_ value: Double, padded: Bool = true) -> String {
        if value == value.rounded() {
            let whole = Int(value)
            return padded && whole < 10 ? "0\(whole)" : "\(whole)"
        }
        let text = String(format: "%g", value)
        return padded ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
