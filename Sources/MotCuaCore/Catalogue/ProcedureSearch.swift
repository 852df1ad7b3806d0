/// Search in the catalogue, with or without diacritics and in any case: "dang ky ket hon",
/// "ĐĂNG KÝ KẾT HÔN" and "kết hôn" all find "Đăng ký kết hôn". Names rank before descriptions,
/// an exact code first.
public struct ProcedureSearch: Sendable, Equatable {
    /// The query folded (`VietnameseText.fold`).
    public let phrase: String
    /// Its words, in order, each of which must appear as a word of a match; the last may be the
    /// beginning of a word still being typed (three letters or more), so "khai tu" does not find
    /// "khai sinh" through "thủ tục".
    public let terms: [String]

    public init(_ query: String) {
        phrase = VietnameseText.fold(String(query.prefix(200)))
        var seen: Set<String> = []
        terms = Self.words(phrase).map(String.init).filter { seen.insert($0).inserted }
    }

    static func words(_ text: String) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber || $0 == ".") }
    }

    private func found(_ term: String, in words: [Substring]) -> Bool {
        term == terms.last && term.count >= 3 ? words.contains { $0.hasPrefix(term) } : words.contains { $0 == term }
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
        let nameWords = Self.words(name)
        let inName = terms.filter { found($0, in: nameWords) }.count
        if inName < terms.count {
            let textWords = Self.words(text)
            guard terms.allSatisfy({ found($0, in: textWords) }) else { return nil }
        }
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
