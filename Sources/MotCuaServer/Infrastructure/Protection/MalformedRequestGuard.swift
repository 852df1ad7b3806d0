import Fluent
import Vapor

/// Turns away, before any other middleware reads them, requests whose shape alone shows they cannot
/// be served: a path longer than 2,048 bytes or with a segment longer than a file name may be (255
/// bytes), and a multipart body without a valid boundary. Vapor's multipart parser stops the
/// process on a precondition when the boundary is empty, so no multipart body reaches it unchecked.
/// An address holding the NUL character (`%00`) is refused too: no text with it may reach a database.
struct MalformedRequestGuard: AsyncMiddleware {
    static let longestPath = 2_048
    static let longestSegment = 255

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        if path.utf8.count > Self.longestPath || path.split(separator: "/").contains(where: { $0.utf8.count > Self.longestSegment }) {
            throw AppError(status: .uriTooLong, detail: "Địa chỉ yêu cầu quá dài.")
        }
        let address = request.url.string.utf8
        if address.contains(0) || address.indices.contains(where: { address[$0...].starts(with: Self.encodedNUL) }) {
            throw AppError.badRequest("Địa chỉ yêu cầu chứa ký tự rỗng (%00), không được chấp nhận.")
        }
        if let type = request.headers.contentType, type.type.lowercased() == "multipart",
           !Self.isValidBoundary(type.parameters["boundary"]) {
            throw AppError.badRequest("Dữ liệu gửi lên dạng multipart thiếu ranh giới (boundary) hợp lệ.")
        }
        return try await next.respond(to: request)
    }

    /// RFC 2046 §5.1.1: 1 to 70 characters from `bchars`, the last one not a space.
    static func isValidBoundary(_ boundary: String?) -> Bool {
        guard let boundary, (1...70).contains(boundary.utf8.count), boundary.last != " " else { return false }
        return boundary.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
            default: Self.boundarySymbols.contains(byte)
            }
        }
    }

    private static let encodedNUL = Array("%00".utf8)
    private static let boundarySymbols = Set("'()+_,-./:=? ".utf8)
}
