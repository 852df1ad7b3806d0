import Foundation

/// Dates and numbers as Vietnamese readers expect them, in Vietnam's time zone (UTC+7, no DST).
public enum VietnameseFormat {
    public static let timeZone = TimeZone(secondsFromGMT: 7 * 3600)!

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// `14:05 ngày 24/11/2026`.
    public static func dateTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d:%02d ngày %02d/%02d/%04d", c.hour!, c.minute!, c.day!, c.month!, c.year!)
    }

    /// `24/11/2026`.
    public static func date(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%02d/%02d/%04d", c.day!, c.month!, c.year!)
    }

    /// `31/08/2026`.
    public static func date(_ day: CivilDate) -> String {
        String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
    }

    /// `Thứ Hai` … `Chủ nhật`.
    public static func weekday(_ day: CivilDate) -> String {
        ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][day.isoWeekday - 1]
    }

    /// `2.145` — a dot between thousands.
    public static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ".")
    }

    /// A label shortened to at most `limit` characters at a word boundary, with "…" when cut:
    /// "Thành lập và hoạt động của tổ hợp tác" → "Thành lập và hoạt động…" (never "…về hộ").
    public static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        let head = text.prefix(limit - 1)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:–-")) + "…"
    }

    /// `98,2%` — a percentage with one decimal (a comma), rounded half away from zero.
    public static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths < 0 ? "-" : "")\(integer(abs(tenths) / 10)),\(abs(tenths) % 10)%"
    }

    /// `47,13`, `0,5`, `20`: a number with at most `places` decimals (a comma), rounded half away
    /// from zero, trailing zeros dropped; thousands grouped with dots.
    public static func decimal(_ value: Double, places: Int = 2) -> String {
        let scale = Int(pow(10, Double(places)))
        let scaled = Int((value * Double(scale)).rounded())
        var fraction = String(abs(scaled) % scale)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(scaled < 0 ? "-" : "")\(integer(abs(scaled) / scale))" + (fraction.isEmpty ? "" : ",\(fraction)")
    }

    public static func year(of date: Date) -> Int { calendar.component(.year, from: date) }

    /// The local (Vietnam) calendar day of a moment.
    public static func civilDate(of date: Date) -> CivilDate { WorkingTime.local(date).day }

    /// The hour (0–23) of a moment in Vietnam.
    public static func hour(of date: Date) -> Int { WorkingTime.local(date).second / 3600 }

    /// `14:05`.
    public static func time(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }
}
