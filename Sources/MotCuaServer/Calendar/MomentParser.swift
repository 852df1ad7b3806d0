import Foundation

/// Reads a moment from a query or form: ISO 8601 with an offset (`2026-02-13T10:00:00+07:00`, `…Z`),
/// or a local Vietnam time without one (`2026-02-13T10:00`, as a datetime-local field sends it).
enum MomentParser {
    static func parse(_ raw: String) -> Date? {
        // An unencoded "+" in a query string arrives as a space.
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "+")
        guard text.count <= 40 else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let local = text.count == 16 ? text + ":00" : text
        return try? Date(local + "+07:00", strategy: .iso8601)
    }
}
