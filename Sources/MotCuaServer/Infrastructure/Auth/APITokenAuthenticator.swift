import Fluent
import Foundation
import Vapor

/// `Authorization: Bearer mct_…` for machine clients.
struct APITokenAuthenticator: AsyncMiddleware {
    static let prefix = "mct_"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let (principal, _) = try await Self.principal(for: bearer.token, request: request) else {
                throw AppError(status: .unauthorized, detail: "Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
            }
            request.auth.login(principal)
        }
        return try await next.respond(to: request)
    }

    /// The officer a usable token stands for, and the token; nil for anything else.
    static func principal(for rawToken: String, request: Request) async throws -> (Principal, APIToken)? {
        guard rawToken.hasPrefix(prefix), rawToken.count <= 100,
              let token = try await APIToken.query(on: request.db).filter(\.$tokenHash == hash(rawToken)).first(),
              token.isUsable(at: request.now), let version = token.credentialsVersion,
              let principal = try await PrincipalLoader.load(userID: token.$user.id, credentialsVersion: version, method: .apiToken, on: request.db),
              principal.isOfficer, token.roles == APIToken.roles(of: principal)
        else { return nil }
        let scopes = APIToken.roleSet(token.scopes)
        guard !scopes.isEmpty else { return nil }
        // Record use at most once a minute per token, to keep reads cheap.
        if token.lastUsedAt.map({ request.now.timeIntervalSince($0) > 60 }) ?? true {
            try await APIToken.query(on: request.db).filter(\.$id == token.id!).set(\.$lastUsedAt, to: request.now).update()
        }
        return (principal.limited(to: scopes), token)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random token: prefix + 40 base32-like characters (about 200 bits).
    static func generate() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<40).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
