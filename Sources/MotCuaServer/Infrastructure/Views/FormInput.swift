import Fluent
import Vapor

/// Reads a urlencoded form leniently: every field is an optional string, so a hostile or broken
/// form never fails decoding; validation then says what is missing, in Vietnamese. The NUL
/// character (`%00`) is refused, as in every body (`NULRefusingDecoder`).
struct FormInput {
    private let values: [String: [String]]

    init(_ request: Request) throws {
        guard let type = request.headers.contentType, type == .urlEncodedForm else {
            throw AppError(status: .unsupportedMediaType, detail: "Biểu mẫu phải được gửi dưới dạng application/x-www-form-urlencoded.")
        }
        var values: [String: [String]] = [:]
        let body = request.body.string ?? ""
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if name.contains("\0") || value.contains("\0") { throw NULRefusingDecoder.refusal }
            values[name, default: []].append(value)
        }
        self.values = values
    }

    private static func decode(_ raw: Substring) -> String {
        raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    /// The trimmed value, or "" when absent.
    func text(_ name: String) -> String {
        (values[name]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The raw value (passwords are not trimmed).
    func raw(_ name: String) -> String { values[name]?.first ?? "" }

    /// Every value of a repeated field (checkboxes).
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Every field with its values (bracketed names such as Open311's `attribute[code][]`).
    var entries: [(name: String, values: [String])] { values.map { ($0.key, $0.value) } }

    func flag(_ name: String) -> Bool { ["on", "1", "true", "yes"].contains(text(name).lowercased()) }
}
