import Fluent
import Foundation
import MotCuaCore
import SQLKit
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
        let now = request.now
        let policy = LockoutPolicy(maximumFailures: request.application.motcua.lockout.maximumFailures,
                                   lockDuration: TimeInterval(request.application.motcua.lockout.lockMinutes * 60))
        guard let user = try await findAccount(identifier, on: request.db), let hash = user.passwordHash, user.isActive else {
            // An unknown name is counted and locked like an account, so that neither the answer nor
            // the lock-out tells which accounts exist.
            let tries = try await RateLimit.count("sign-in:\(identifier.lowercased())", window: Int(policy.lockDuration), now: now, on: request.db)
            _ = try? await request.password.async.verify(password, created: decoyHash)
            request.logger.notice("Sign-in failed for an unknown or inactive account")
            return .failure(tries >= policy.maximumFailures ? lockedMessage(policy) : wrongCredentials)
        }
        // The try is counted before the (slow) password check, in one statement, so parallel
        // guesses cannot all pass the lock-out: past the limit they are refused unchecked.
        guard let tries = try await claimTry(user, now: now, on: request.db), tries <= policy.maximumFailures else {
            return .failure(lockedMessage(policy))
        }
        let audit = request.audit
        let scope = try await scope(of: user, on: request.db)
        if try await request.password.async.verify(password, created: hash) {
            try await request.db.transaction { db in
                try await setLockout(policy.afterSuccess(user.lockoutState), of: user, on: db)
                try await WebSession.query(on: db).filter(\.$expiresAt < now).delete()
                try await audit.withActor(user).record(.signIn, on: db, entityType: "user", entityID: user.id, scope: scope,
                                                       summary: "\(user.fullName) đăng nhập")
            }
            return .success(user)
        }
        let after = policy.afterFailure(.init(failures: tries - 1, lockedUntil: nil), at: now)
        try await request.db.transaction { db in
            // Only a lock is written: the count of tries is the database's own.
            if after.isLocked(at: now) { try await setLockout(after, of: user, on: db) }
            try await audit.record(.signInFailed, on: db, entityType: "user", entityID: user.id, scope: scope,
                                   summary: "Đăng nhập sai mật khẩu vào tài khoản \(user.fullName)")
            if after.isLocked(at: now) {
                try await audit.record(.accountLocked, on: db, entityType: "user", entityID: user.id, scope: scope,
                                       summary: "Tạm khóa tài khoản \(user.fullName) sau \(policy.maximumFailures) lần đăng nhập sai")
            }
        }
        return .failure(after.isLocked(at: now) ? lockedMessage(policy) : wrongCredentials)
    }

    /// One more try at `user`'s password, counted in the database: the tries so far with this one,
    /// or nil while the account is locked.
    private static func claimTry(_ user: User, now: Date, on db: any Database) async throws -> Int? {
        let row = try await (db as! any SQLDatabase).update(User.schema)
            .set(SQLIdentifier("failed_sign_ins"), to: SQLRaw("failed_sign_ins + 1"))
            .where("id", .equal, SQLBind(user.id!))
            .where { $0.where(SQLIdentifier("locked_until"), .is, SQLLiteral.null).orWhere("locked_until", .lessThanOrEqual, SQLBind(now)) }
            .returning("failed_sign_ins")
            .first()
        return try row?.decode(column: "failed_sign_ins", as: Int.self)
    }

    private static func setLockout(_ state: LockoutPolicy.State, of user: User, on db: any Database) async throws {
        try await User.query(on: db).filter(\.$id == user.id!)
            .set(\.$failedSignIns, to: state.failures).set(\.$lockedUntil, to: state.lockedUntil).update()
    }

    /// The same words whether or not the account exists (a time would tell the two locks apart).
    static func lockedMessage(_ policy: LockoutPolicy) -> String {
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau \(Int(policy.lockDuration / 60)) phút hoặc liên hệ quản trị."
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
