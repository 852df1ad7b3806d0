import Foundation
import Fluent
import Vapor

/// Signs the person in from the session (value `<user id>:<credentials version>`); a password
/// change or a deactivated account ends the session.
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let value = request.session.data[DatabaseSessionDriver.userKey] {
            let parts = value.split(separator: ":")
            if parts.count == 2, let userID = UUID(uuidString: String(parts[0])), let version = Int(parts[1]),
               let principal = try await PrincipalLoader.load(userID: userID, credentialsVersion: version, method: .session, on: request.db) {
                request.auth.login(principal)
            } else {
                request.session.data[DatabaseSessionDriver.userKey] = nil
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Marks the session as belonging to `user`, with a new session id and a new CSRF token.
    func startSession(for user: User) {
        session.data = SessionData()
        session.data[DatabaseSessionDriver.userKey] = "\(user.id!.uuidString):\(user.credentialsVersion)"
        session.data[CSRF.sessionKey] = CSRF.newToken()
        session.data[DatabaseSessionDriver.rotateKey] = "1"
    }
}
