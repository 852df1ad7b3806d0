import Foundation
import Vapor

extension Response {
    /// An image others may cache (QR codes of public pages).
    static func image(_ data: Data, type: HTTPMediaType, maxAge: Int = 3600) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=\(maxAge)")
        return response
    }

    static func svg(_ text: String, maxAge: Int = 3600) -> Response {
        image(Data(text.utf8), type: HTTPMediaType(type: "image", subType: "svg+xml"), maxAge: maxAge)
    }
}
