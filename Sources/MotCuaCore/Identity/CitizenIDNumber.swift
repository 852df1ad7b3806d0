import Foundation

/// Số định danh cá nhân / căn cước: 12 digits. Digits 1–3 are the code of the province where the
/// birth was registered, digit 4 encodes century and sex, digits 5–6 the last two digits of the
/// birth year, digits 7–12 a random number (Decree 137/2015/NĐ-CP, Circular 59/2021/TT-BCA).
public struct CitizenIDNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Sex: String, Sendable { case male, female }

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength
        case notDigits
        case unknownProvince(String)
        case birthYearInFuture(Int)

        /// A sentence a citizen can act on.
        public var message: String {
            switch self {
            case .wrongLength: "Số định danh cá nhân phải gồm đúng 12 chữ số."
            case .notDigits: "Số định danh cá nhân chỉ gồm các chữ số 0–9."
            case .unknownProvince(let code): "Ba chữ số đầu (\(code)) không phải mã tỉnh nơi đăng ký khai sinh."
            case .birthYearInFuture(let year): "Năm sinh \(year) suy ra từ số định danh chưa tới."
            }
        }
    }

    /// Province codes of birth registration (the 63 provinces before 2025; numbers keep their meaning).
    public static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022",
        "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042",
        "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
        "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087",
        "089", "091", "092", "093", "094", "095", "096",
    ]

    public let digits: String

    /// Parses an input as typed (spaces and dots are ignored); `currentYear` bounds the birth year.
    public init(_ input: String, currentYear: Int) throws(Problem) {
        let compact = input.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
        guard compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notDigits }
        guard compact.count == 12 else { throw .wrongLength }
        let province = String(compact.prefix(3))
        guard Self.provinceCodes.contains(province) else { throw .unknownProvince(province) }
        digits = compact
        guard birthYear <= currentYear else { throw .birthYearInFuture(birthYear) }
    }

    public var provinceCode: String { String(digits.prefix(3)) }

    private var centuryDigit: Int { Int(String(digits[digits.index(digits.startIndex, offsetBy: 3)]))! }

    /// 0/1: 20th century, 2/3: 21st, 4/5: 22nd, 6/7: 23rd, 8/9: 24th; even is male, odd is female.
    public var sex: Sex { centuryDigit.isMultiple(of: 2) ? .male : .female }

    public var birthYear: Int {
        let start = digits.index(digits.startIndex, offsetBy: 4)
        let yy = Int(digits[start..<digits.index(start, offsetBy: 2)])!
        return 1900 + (centuryDigit / 2) * 100 + yy
    }

    public var description: String { digits }
}
