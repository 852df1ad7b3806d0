import NIOCore
import Vapor

/// Refuses a body that carries the NUL character (U+0000) before decoding it: PostgreSQL cannot
/// store NUL in text and SQLite would keep it, so no text with it may enter either. JSON writes it
/// `\u0000`; a form, `%00` or the byte itself.
struct NULRefusingDecoder: ContentDecoder {
    let base: any ContentDecoder
    let spellings: [[UInt8]]

    static let json = NULRefusingDecoder(base: JSONDecoder.custom(dates: .iso8601), spellings: [Array(#"\u0000"#.utf8), [0]])
    static let form = NULRefusingDecoder(base: URLEncodedFormDecoder(), spellings: [Array("%00".utf8), [0]])

    static let refusal = AppError.badRequest("Dữ liệu gửi lên chứa ký tự rỗng (NUL), không được chấp nhận.")

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(decodable, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        let bytes = body.readableBytesView
        for spelling in spellings where Self.contains(bytes, spelling) { throw Self.refusal }
        return try base.decode(decodable, from: body, headers: headers, userInfo: userInfo)
    }

    private static func contains(_ bytes: ByteBufferView, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: first) {
            if bytes[found...].starts(with: needle) { return true }
            index = bytes.index(after: found)
        }
        return false
    }
}
