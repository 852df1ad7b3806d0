/// Search in the catalogue, with or without diacritics and in any case: "dang ky ket hon",
/// "ĐĂNG KÝ KẾT HÔN" and "kết hôn" all find "Đăng ký kết hôn"; so do the common spelling variants
/// ("đăng kí", "dang ki": `canonical`). Names rank before descriptions, an exact code first. When
/// no procedure has every word, those with most of them are offered (`partialScore`): an officer's
/// "cap lai giay khai sinh" still finds "Đăng ký lại khai sinh".
public struct ProcedureSearch: Sendable, Equatable {
    /// The query folded (`VietnameseText.fold`) and spelled canonically (`canonical`).
    public let phrase: String
    /// Its words, in order, each of which must appear as a word of a match; the last may be the
    /// beginning of a word still being typed (three letters or more), so "khai tu" does not find
    /// "khai sinh" through "thủ tục".
    public let terms: [String]
    /// The phrase as names usually begin: "thu tuc dang ky ket hon".
    private let titledPhrase: String

    public init(_ query: String) {
        phrase = Self.canonical(VietnameseText.fold(String(query.prefix(200))))
        titledPhrase = "thu tuc " + phrase
        var seen: Set<String> = []
        terms = Self.words(phrase).map(String.init).filter { seen.insert($0).inserted }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Words of folded text: runs of letters, digits and dots (codes such as 1.000894 stay whole).
    /// Works on UTF-8 bytes; bytes of non-ASCII characters count as letters.
    static func words(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let isWordByte = byte >= 0x80 || (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || byte == 0x2E
            if isWordByte {
                if start == nil { start = index }
            } else if let wordStart = start {
                result.append(text[wordStart..<index])
                start = nil
            }
            utf8.formIndex(after: &index)
        }
        if let wordStart = start { result.append(text[wordStart...]) }
        return result
    }

    private func found(_ term: String, in words: [Substring]) -> Bool {
        if term == terms.last && term.utf8.count >= 3 {
            return words.contains { $0.utf8.starts(with: term.utf8) }
        }
        return words.contains { $0.utf8.elementsEqual(term.utf8) }
    }

    /// What is indexed for a procedure: its folded name, and everything else searchable.
    public static func indexedName(_ content: ProcedureContent) -> String { canonical(VietnameseText.fold(content.name)) }

    public static func indexedText(_ content: ProcedureContent) -> String {
        canonical(VietnameseText.fold([content.code.value, content.name, content.field, content.agency, content.result, content.legalBasis,
                             content.documents.map(\.name).joined(separator: " ")].joined(separator: " ")))
    }

    /// Folded text with the i/y spelling variant settled: a syllable that is a consonant cluster
    /// followed by a lone "y" is written with "i" ("ky" → "ki", "ly" → "li", "my" → "mi"), as both
    /// spellings are in use (kí/ký, lí/lý). "y" alone ("y tế") and the diphthongs "ay", "ây", "uy"
    /// keep their "y".
    public static func canonical(_ folded: String) -> String {
        var bytes = Array(folded.utf8)
        func isLetter(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || b >= 0x80 }
        func isVowel(_ b: UInt8) -> Bool { "aeiouyAEIOUY".utf8.contains(b) }
        for index in bytes.indices where bytes[index] == UInt8(ascii: "y") && index > 0 {
            let isWordEnd = index + 1 == bytes.count || !isLetter(bytes[index + 1])
            guard isWordEnd, isLetter(bytes[index - 1]), !isVowel(bytes[index - 1]), bytes[index - 1] < 0x80 else { continue }
            bytes[index] = UInt8(ascii: "i")
        }
        return String(decoding: bytes, as: UTF8.self)
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
        let bytes = name.utf8
        if bytes.elementsEqual(phrase.utf8) || bytes.elementsEqual(titledPhrase.utf8) {
            score += 400
        } else if bytes.starts(with: phrase.utf8) || bytes.starts(with: titledPhrase.utf8) {
            score += 300
        } else if bytes.firstRange(of: phrase.utf8) != nil {
            score += 200
        }
        if code.hasPrefix(phrase) { score += 500 }
        return score
    }

    /// The rank of a procedure that has only some of the words (when none has them all): the
    /// number found, in the name counting double; `nil` below half the words (and below two).
    public func partialScore(name: String, text: String) -> Int? {
        guard terms.count >= 2 else { return nil }
        let nameWords = Self.words(name), textWords = Self.words(text)
        let inName = terms.filter { found($0, in: nameWords) }.count
        let inText = terms.filter { found($0, in: textWords) }.count
        guard inText >= max(2, (terms.count + 1) / 2) else { return nil }
        return inName * 2 + inText
    }
}
