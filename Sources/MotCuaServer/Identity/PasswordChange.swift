import Fluent
import Foundation
import MotCuaCore
import Vapor

/// A signed-in person changes their own password; every other session of theirs ends.
enum PasswordChange {
    static func change(current: String, new: String, confirmation: String, request: Request) async throws {
        let principal = try request.requirePrincipal()
        guard let user = try await User.find(principal.userID, on: request.db), let hash = user.passwordHash else {
            throw AppError.unauthorized
        }
        var problems: [FieldProblem] = []
        let currentMatches = current.isEmpty ? false : try await request.password.async.verify(current, created: hash)
        if !currentMatches {
            problems.append(.init(field: "current", message: "Mật khẩu hiện tại không đúng."))
        }
        problems += PasswordPolicy().problems(with: new, personal: [user.username ?? "", user.phone ?? "", user.citizenIDNumber ?? ""])
            .map { .init(field: "new", message: $0) }
        if new == current, !new.isEmpty {
            problems.append(.init(field: "new", message: "Mật khẩu mới phải khác mật khẩu hiện tại."))
        }
        if new != confirmation {
            problems.append(.init(field: "confirmation", message: "Mật khẩu nhập lại không khớp."))
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let newHash = try await request.password.async.hash(new)
        let audit = request.audit
        let scope = try await SignIn.scope(of: user, on: request.db)
        try await request.db.transaction { db in
            user.passwordHash = newHash
            user.credentialsVersion += 1
            try await user.save(on: db)
            try await WebSession.query(on: db).filter(\.$userID == user.id).delete()
            try await audit.record(.passwordChanged, on: db, entityType: "user", entityID: user.id, scope: scope,
                                   summary: "\(user.fullName) đổi mật khẩu")
        }
        // The current session row was deleted with the others: continue under a fresh one.
        request.startSession(for: user)
    }
}
