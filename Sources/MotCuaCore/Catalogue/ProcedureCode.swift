import Foundation

/// Mã thủ tục hành chính in the national database (CSDLQG): one digit, a dot, six digits
/// (`1.000894`), matched exactly.
public struct ProcedureCode: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let value: String

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let characters = Array(trimmed)
        guard characters.count == 8, characters[1] == ".",
              characters.enumerated().allSatisfy({ $0.offset == 1 || ($0.element.isASCII && $0.element.isNumber) })
        else { return nil }
        value = trimmed
    }

    public var description: String { value }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = ProcedureCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "“\(text)” không phải mã thủ tục dạng 1.000894."))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
