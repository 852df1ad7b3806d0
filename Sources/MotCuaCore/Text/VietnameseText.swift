import Foundation

/// Vietnamese text folded for matching: lower case, no tone or vowel marks, đ → d.
public enum VietnameseText {
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
