/// The dossier code (mã hồ sơ): by default Circular 01/2018 Art. 19's `<unit code>-YYMMDD-NNNN`,
/// a running number per unit and day. Circular 03/2025's format is not confirmed, so the pattern is
/// configurable: `{unit}`, `{yyyy}`, `{yy}`, `{mm}`, `{dd}` and `{seq:N}` (N digits, at least).
public struct DossierCodeFormat: Sendable, Equatable {
    public static let standard = try! DossierCodeFormat("{unit}-{yy}{mm}{dd}-{seq:4}")

    enum Token: Equatable, Sendable {
        case literal(String)
        case unit, year4, year2, month, day
        case sequence(digits: Int)
    }

    let tokens: [Token]
    public let pattern: String

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownToken(String)
        case unclosedBrace
        case missingParts

        public var description: String {
            switch self {
            case .unknownToken(let token): "unknown token {\(token)} in the dossier code format"
            case .unclosedBrace: "a { without } in the dossier code format"
            case .missingParts: "the dossier code format needs {unit}, the year, {mm}, {dd} and {seq:N} to be unique"
            }
        }
    }

    public init(_ pattern: String) throws(Problem) {
        var tokens: [Token] = []
        var rest = Substring(pattern)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "{") else {
                tokens.append(.literal(String(rest)))
                break
            }
            if open > rest.startIndex { tokens.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { throw .unclosedBrace }
            let name = String(rest[rest.index(after: open)..<close])
            switch name {
            case "unit": tokens.append(.unit)
            case "yyyy": tokens.append(.year4)
            case "yy": tokens.append(.year2)
            case "mm": tokens.append(.month)
            case "dd": tokens.append(.day)
            default:
                guard name.hasPrefix("seq:"), let digits = Int(name.dropFirst(4)), (1...9).contains(digits) else {
                    throw .unknownToken(name)
                }
                tokens.append(.sequence(digits: digits))
            }
            rest = rest[rest.index(after: close)...]
        }
        let hasSequence = tokens.contains { if case .sequence = $0 { true } else { false } }
        guard tokens.contains(.unit), tokens.contains(.year4) || tokens.contains(.year2), tokens.contains(.month),
              tokens.contains(.day), hasSequence
        else { throw .missingParts }
        self.tokens = tokens
        self.pattern = pattern
    }

    /// The code of the `sequence`-th dossier the unit received on `day` (local date).
    public func code(unit: String, day: CivilDate, sequence: Int) -> String {
        tokens.map { token in
            switch token {
            case .literal(let text): text
            case .unit: unit
            case .year4: Self.padded(day.year, 4)
            case .year2: Self.padded(day.year % 100, 2)
            case .month: Self.padded(day.month, 2)
            case .day: Self.padded(day.day, 2)
            case .sequence(let digits): Self.padded(sequence, digits)
            }
        }.joined()
    }

    static func padded(_ value: Int, _ digits: Int) -> String {
        let text = String(value)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }
}
