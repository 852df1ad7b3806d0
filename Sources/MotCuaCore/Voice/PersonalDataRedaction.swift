import Foundation

/// Removes personal data from text before it is published (the question on the public answers
/// page, Open311 descriptions): e-mail addresses, phone numbers (0…, +84…, 84…, 0084…),
/// identity-card and other long numbers, people's names after a form of address ("ông Trần Văn
/// B", "chị Lan", "cán bộ Hà"), and the names the caller knows (the sender's).
public enum PersonalDataRedaction {
    /// What replaces each removed piece.
    public static let mark = "[đã ẩn]"

    private static let patterns: [NSRegularExpression] = [
        // E-mail addresses.
        #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"#,
        // Phone numbers: 0 (not inside an amount like 1.500.000), or the country code 84 written
        // +84, (+84), 0084 or bare, then 8–10 digits, with spaces, dots or dashes between them.
        #"(?:(?:\(?\+84\)?|(?<![0-9.,])0084|(?<![0-9.,])84)[ .-]?(?:\(0\)[ .-]?)?|(?<![0-9.,])0)(?:[ .-]?[0-9]){8,10}(?![0-9])"#,
        // Citizen identity numbers (12 digits), old identity cards (9), and any other run of nine
        // or more digits (accounts, numbers written without their leading 0).
        #"(?<![0-9])[0-9]{9,}(?![0-9])"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// A person's name after a form of address: one to four capitalised words, kept apart from the
    /// form of address itself ("ông [đã ẩn]").
    private static let addressedName = try! NSRegularExpression(pattern:
        #"(?<![\p{L}])((?i:ông|bà|anh|chị|cô|chú|bác|cụ|cháu|em|cán bộ|đồng chí)\s+)\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}"#)

    public static func redact(_ text: String, names: [String] = []) -> String {
        var result = text
        for pattern in patterns {
            result = pattern.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: mark)
        }
        result = addressedName.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "$1" + mark)
        for name in names.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where name.count >= 2 {
            result = result.replacingOccurrences(of: name, with: mark, options: [.caseInsensitive])
        }
        return result
    }
}
