import Foundation

/// One CSV field (RFC 4180) that a spreadsheet opens as text. A value that starts like a formula
/// (`=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's "CSV injection") gets a leading
/// apostrophe; a value holding a comma, a quote or a line break is quoted, its quotes doubled.
/// Characters are compared as Unicode scalars: "\r\n" is one Swift `Character`, so a lone "\n"
/// would not match it.
public enum CSVField {
    public static func text(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, formulaStarts.contains(first) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { needsQuotes.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static let formulaStarts = Set("=+-@\t\r".unicodeScalars)
    private static let needsQuotes = Set(",\"\r\n".unicodeScalars)
}
