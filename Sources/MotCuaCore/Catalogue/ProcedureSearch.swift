/// Search in the catalogue, with or without diacritics and in any case: "dang ky ket hon",
/// "ĐĂNG KÝ KẾT HÔN" and "kết hôn" all find "Đăng ký kết hôn". Names rank before descriptions,
/// an exact code first.
public struct ProcedureSearch: Sendable, Equatable {
    /// The query folded (`VietnameseText.fold`).
    public let phrase: String
    /// Its words, each of which must appear somewhere in a match.
    public let terms: [String]

    public init(_ query: String) {
        phrase = VietnameseText.fold(String(query.prefix(200)))
        terms = Array(Set(phrase.split(separator: " ").map(String.init))).sorted()
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// What is indexed for a procedure: its folded name, and everything else searchable.
    public static func indexedName(_ content: ProcedureContent) -> String { VietnameseText.fold(content.name) }

    public static func indexedText(_ content: ProcedureContent) -> String {
        VietnameseText.fold([content.code.value, content.name, content.field, content.agency, content.result, content.legalBasis,
                             content.documents.map(\.name).joined(separator: " ")].joined(separator: " "))
    }

    /// The rank of a procedure for this query, higher first; `nil` when it does not match.
    public func score(code: String, name: String, text: String) -> Int? {
        guard !isEmpty else { return 0 }
        if phrase == code { return 1_000 }
        let inName = terms.filter { name.contains($0) }.count
        guard inName == terms.count || terms.allSatisfy({ text.contains($0) }) else { return nil }
        var score = inName * 10
        if inName == terms.count { score += 300 }
        if name == phrase || name == "thu tuc " + phrase {
            score += 400
        } else if name.hasPrefix(phrase) || name.hasPrefix("thu tuc " + phrase) {
            score += 300
        } else if name.contains(phrase) {
            score += 200
        }
        if code.hasPrefix(phrase) { score += 500 }
        return score
    }
}
