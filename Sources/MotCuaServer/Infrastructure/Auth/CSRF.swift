import Foundation
import Fluent
import Vapor

/// Cross-site request forgery protection with a per-session token. Every HTML form carries it in
/// `_csrf`; scripts send it as `X-CSRF-Token`. API calls with a bearer token, or without any session
/// cookie, carry no ambient credentials and need none.
enum CSRF {
    static let sessionKey = "csrf"
    static let formField = "_csrf"
    static let header = "X-CSRF-Token"

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// Constant-time comparison.
    static func matches(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// This session's CSRF token, created (with the session) on first use.
    var csrfToken: String {
        if let token = session.data[CSRF.sessionKey] { return token }
        let token = CSRF.newToken()
        session.data[CSRF.sessionKey] = token
        return token
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    let sessionCookieName: String

    private struct TokenField: Decodable {
        let _csrf: String?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else {
            return try await next.respond(to: request)
        }
        let isAPI = request.url.path.hasPrefix("/api/") || request.url.path.hasPrefix("/open311/")
        if isAPI, request.headers.bearerAuthorization != nil || request.cookies[sessionCookieName] == nil {
            return try await next.respond(to: request)
        }
        var sent = request.headers.first(name: CSRF.header)
        if sent == nil { sent = try await formToken(request) }
        guard let expected = request.hasSession ? request.session.data[CSRF.sessionKey] : nil,
              let sent, CSRF.matches(sent, expected)
        else {
            throw AppError(status: .forbidden, detail: "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.")
        }
        return try await next.respond(to: request)
    }

    /// The form's `_csrf` field. A body larger than one network read arrives as a stream, so it is
    /// collected here first, up to what any route accepts: 1 MB of typed form, 20 MB of upload
    /// (the catalogue import).
    private func formToken(_ request: Request) async throws -> String? {
        guard let type = request.headers.contentType,
              type == .urlEncodedForm || type.type == "multipart" else { return nil }
        if request.body.data == nil {
            _ = try await request.body.collect(max: type == .urlEncodedForm ? Self.largestTypedForm : Self.largestUpload).get()
        }
        return (try? request.content.decode(TokenField.self))?._csrf
    }

    static let largestTypedForm = 1024 * 1024
    static let largestUpload = 20 * 1024 * 1024
}
