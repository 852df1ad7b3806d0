import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Checks a sign-in attempt with lock-out after repeated failures. Officers use their user name or
/// e-mail; citizens their phone, e-mail or ID number.
enum SignIn {
    enum Outcome {
        case success(User)
        case failure(String)
    }

    static let wrongCredentials = "Tên đăng nhập hoặc mật khẩu không đúng."

    /// A hash to verify against when the account does not exist, so both paths take as long.
    private static let decoyHash = try! Bcrypt.hash("decoy-password-never-used", cost: 12)

    static func attempt(identifier rawIdentifier: String, password: String, request: Request) async throws -> Outcome {
        let identifier = rawIdentifier.trimmingCharacters(in: .whitespaces)
        guard !identifier.isEmpty, !password.isEmpty, identifier.count <= 254, password.utf8.count <= 200 else {
            return .failure("Nhập tên đăng nhập và mật khẩu.")
        }
        guard let user = try await findAccount(identifier, on: request.db), let hash = user.passwordHash, user.isActive else {
            _ = try? await request.password.async.verify(password, created: decoyHash)
            request.logger.notice("Sign-in failed for an unknown or inactive account")
            return .failure(wrongCredentials)
        }
        let now = request.now
        if user.lockoutState.isLocked(at: now) {
            return .failure(lockedMessage(until: user.lockedUntil!))
        }
        let policy = LockoutPolicy(maximumFailures: request.application.motcua.lockout.maximumFailures,
                                   lockDuration: TimeInterval(request.application.motcua.lockout.lockMinutes * 60))
        let audit = request.audit
        let scope = try await scope(of: user, on: request.db)
        if try await request.password.async.verify(password, created: hash) {
            try await request.db.transaction { db in
                user.lockoutState = policy.afterSuccess(user.lockoutState)
                try await user.save(on: db)
                try await WebSession.query(on: db).filter(\.$expiresAt < now).delete()
                try await audit.withActor(user).record(.signIn, on: db, entityType: "user", entityID: user.id, scope: scope,
                                                       summary: "\(user.fullName) đăng nhập")
            }
            return .success(user)
        }
        let after = policy.afterFailure(user.lockoutState, at: now)
        try await request.db.transaction { db in
            user.lockoutState = after
            try await user.save(on: db)
            try await audit.record(.signInFailed, on: db, entityType: "user", entityID: user.id, scope: scope,
                                   summary: "Đăng nhập sai mật khẩu vào tài khoản \(user.fullName)")
            if after.isLocked(at: now) {
                try await audit.record(.accountLocked, on: db, entityType: "user", entityID: user.id, scope: scope,
                                       summary: "Tạm khóa tài khoản \(user.fullName) sau \(policy.maximumFailures) lần đăng nhập sai")
            }
        }
        if let until = after.lockedUntil, after.isLocked(at: now) {
            return .failure(lockedMessage(until: until))
        }
        return .failure(wrongCredentials)
    }

    static func lockedMessage(until: Date) -> String {
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau \(VietnameseFormat.dateTime(until)) hoặc liên hệ quản trị."
    }

    static func findAccount(_ identifier: String, on db: any Database) async throws -> User? {
        let lowered = identifier.lowercased()
        return try await User.query(on: db).group(.or) { group in
            group.filter(\.$username == lowered).filter(\.$email == lowered)
            if let phone = PhoneNumber(identifier) { group.filter(\.$phone == phone.national) }
            if identifier.count == 12, identifier.allSatisfy(\.isNumber) { group.filter(\.$citizenIDNumber == identifier) }
        }.first()
    }

    static func scope(of user: User, on db: any Database) async throws -> (provinceID: UUID?, unitID: UUID?) {
        guard let unitID = user.$unit.id, let unit = try await OrgUnit.find(unitID, on: db) else { return (nil, nil) }
        return (unit.$province.id, unitID)
    }
}

extension AuditTrail {
    /// The same context, acting as `user` (a sign-in is recorded as its own person).
    func withActor(_ user: User) -> AuditTrail {
        var context = context
        context.actorID = user.id
        context.actorName = user.fullName
        return AuditTrail(context: context)
    }
}
