/// A Vietnamese mobile number, kept in the national form `0xxxxxxxxx`.
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let national: String

    /// Accepts `0912 345 678`, `0912.345.678`, `+84912345678` and `84912345678`; nil if it is not a
    /// 10-digit mobile number (prefixes 03, 05, 07, 08, 09).
    public init?(_ input: String) {
        var compact = input.filter { !$0.isWhitespace && $0 != "." && $0 != "-" && $0 != "(" && $0 != ")" }
        if compact.hasPrefix("+84") {
            compact = "0" + compact.dropFirst(3)
        } else if compact.hasPrefix("84"), compact.count == 11 {
            compact = "0" + compact.dropFirst(2)
        }
        guard compact.count == 10, compact.allSatisfy({ $0.isASCII && $0.isNumber }), compact.hasPrefix("0"),
              let second = compact.dropFirst().first, "35789".contains(second)
        else { return nil }
        national = compact
    }

    public var description: String { national }

    /// The last `count` digits, used to let a citizen prove they own a dossier without signing in.
    public func lastDigits(_ count: Int) -> String { String(national.suffix(count)) }
}
