import Foundation

/// Removes personal data from text before it is published (the question on the public answers
/// page, Open311 descriptions): e-mail addresses, phone numbers, identity-card and other long
/// numbers, and the names the caller knows (the sender's).
public enum PersonalDataRedaction {
    /// What replaces each removed piece.
    public static let mark = "[đã ẩn]"

    private static let patterns: [NSRegularExpression] = [
        // E-mail addresses.
        #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"#,
        // Phone numbers: 0 (not inside an amount like 1.500.000) or +84, then 8–10 digits, with
        // spaces, dots or dashes between them.
        #"(?:\+84|(?<![0-9.,])0)(?:[ .-]?[0-9]){8,10}(?![0-9])"#,
        // Citizen identity numbers (12 digits), old identity cards (9), and any longer digit run.
        #"(?<![0-9])(?:[0-9]{12,}|[0-9]{9})(?![0-9])"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    public static func redact(_ text: String, names: [String] = []) -> String {
        var result = text
        for pattern in patterns {
            result = pattern.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: mark)
        }
        for name in names.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where name.count >= 2 {
            result = result.replacingOccurrences(of: name, with: mark, options: [.caseInsensitive])
        }
        return result
    }
}
