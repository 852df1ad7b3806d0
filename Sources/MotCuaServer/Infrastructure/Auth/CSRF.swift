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
        // Without a session there is no token to match: refused before the body is read.
        guard let expected = request.hasSession ? request.session.data[CSRF.sessionKey] : nil,
              let sent = try await sentToken(request), CSRF.matches(sent, expected)
        else {
            throw AppError(status: .forbidden, detail: "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.")
        }
        return try await next.respond(to: request)
    }

    /// The token a script sends as a header, or a form in its `_csrf` field. A multipart form (with
    /// files) names it in its address (`?_csrf=`), so that no upload is read before the route's own
    /// limit and the check; a urlencoded form in its body, read here up to the largest typed form.
    private func sentToken(_ request: Request) async throws -> String? {
        if let header = request.headers.first(name: CSRF.header) { return header }
        guard let type = request.headers.contentType else { return nil }
        if type.type.lowercased() == "multipart" { return request.query[String.self, at: CSRF.formField] }
        guard type == .urlEncodedForm else { return nil }
        if request.body.data == nil {
            _ = try await request.body.collect(max: Self.largestTypedForm).get()
        }
        return (try? request.content.decode(TokenField.self))?._csrf
    }

    static let largestTypedForm = 1024 * 1024
}
