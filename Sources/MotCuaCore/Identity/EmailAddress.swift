import Foundation

/// An e-mail address, lower-cased; a pragmatic check (one @, a dotted domain, no spaces), not RFC 5322.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public init?(_ input: String) {
        let trimmed = input.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
              !trimmed.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "," }),
              case let domain = parts[1], domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
              !domain.contains("..")
        else { return nil }
        value = trimmed
    }

    public var description: String { value }
}


