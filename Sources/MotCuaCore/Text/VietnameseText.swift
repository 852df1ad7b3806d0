import Foundation

/// Vietnamese text folded for matching: lower case, no tone or vowel marks, đ → d.
public enum VietnameseText {
    /// Vietnamese alphabetical order (the Unicode collation with Vietnamese tailoring, from the
    /// platform's ICU): a < ă < â, d < đ, base letters before tones, so "Chí Linh" comes before
    /// "Chu Văn An" (code points put "Chu" first). Case is ignored.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.caseInsensitive], range: nil, locale: vietnamese) == .orderedAscending
    }

    /// `items` in Vietnamese alphabetical order of `name`.
    public static func sorted<T>(_ items: some Sequence<T>, by name: (T) -> String) -> [T] {
        items.map { (name($0), $0) }.sorted { precedes($0.0, $1.0) }.map(\.1)
    }

    private static let vietnamese = Locale(identifier: "vi")

    /// "Đăng ký KẾT HÔN" → "dang ky ket hon". Whitespace runs become one space.
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            if scalar.properties.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            switch scalar {
            case "đ", "Đ": result.append("d")
            default: result.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        var folded = String(result)
        if folded.hasSuffix(" ") { folded.removeLast() }
        return folded
    }

    /// "Hộ tịch" → "ho-tich": folded, letters and digits joined by single hyphens.
    public static func slug(_ text: String) -> String {
        fold(text).split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).joined(separator: "-")
    }
}
