import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Administrators issue tokens to officers they manage, officers to themselves; either revokes.
/// A token acts with the roles chosen as its scopes: some of the officer's, and none the issuer
/// lacks, so nobody makes a token that can do what they cannot.
enum APITokenIssuer {
    struct Issued {
        let token: APIToken
        let plaintext: String
    }

    static func tokens(in reach: AccessPolicy.Reach, on db: any Database) async throws -> [APIToken] {
        let staff = try await StaffDirectory.staff(in: reach, on: db)
        let ids = staff.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        return try await APIToken.query(on: db).filter(\.$user.$id ~~ ids).with(\.$user).sort(\.$createdAt, .descending).all()
    }

    static func issue(name rawName: String, for rawUserID: String, validDays rawDays: String, scopes rawScopes: [String],
                      by principal: Principal, audit: AuditTrail, on db: any Database) async throws -> Issued {
        var problems: [FieldProblem] = []
        let name = rawName.trimmingCharacters(in: .whitespaces)
        if !(3...100).contains(name.count) {
            problems.append(.init(field: "name", message: "Tên khóa (mục đích sử dụng) phải có từ 3 đến 100 ký tự."))
        }
        var days: Int?
        if !rawDays.isEmpty {
            days = Int(rawDays).flatMap { (1...730).contains($0) ? $0 : nil }
            if days == nil { problems.append(.init(field: "validDays", message: "Thời hạn là số ngày từ 1 đến 730, hoặc để trống.")) }
        }
        let user = rawUserID == principal.userID.uuidString && principal.isOfficer
            ? try await StaffDirectory.find(rawUserID, on: db)
            : try await StaffDirectory.find(rawUserID, for: principal, action: .manageTokens, on: db)
        let scopes = Set(rawScopes.compactMap(Role.init(rawValue:)))
        let held = Set(user.roles.map(\.role))
        if scopes.isEmpty || scopes.count != Set(rawScopes).count {
            problems.append(.init(field: "scope", message: "Chọn ít nhất một quyền cho khóa."))
        }
        for role in scopes.subtracting(held).sorted() {
            problems.append(.init(field: "scope", message: "\(user.fullName) không có vai trò “\(role.label)”."))
        }
        for role in scopes.intersection(held).subtracting(principal.roles).sorted() {
            problems.append(.init(field: "scope", message: "Ông/bà không thể cấp quyền “\(role.label)” mà chính ông/bà không có."))
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        guard user.isActive else {
            throw AppError.invalid([.init(field: "userID", message: "Tài khoản cán bộ này đang bị khóa.")])
        }
        let now = audit.context.now
        let (token, plaintext) = try await Self.token(for: user, name: name, scopes: scopes, createdAt: now, createdBy: principal.userID,
                                                      expiresAt: days.map { now.addingTimeInterval(TimeInterval($0) * 86_400) }, on: db)
        try await db.transaction { db in
            try await token.create(on: db)
            try await audit.record(.tokenIssued, on: db, entityType: "api_token", entityID: token.id,
                                   scope: (user.unit?.$province.id, user.$unit.id),
                                   summary: "Cấp khóa API “\(name)” cho \(user.fullName), quyền: \(scopes.sorted().map(\.label).joined(separator: ", "))")
        }
        return Issued(token: token, plaintext: plaintext)
    }

    /// A new token for `user` acting with `scopes`, and its plaintext (shown once), not yet saved:
    /// issued under the officer's present password and roles, so that a change of either ends it.
    static func token(for user: User, name: String, scopes: Set<Role>, createdAt: Date, createdBy: UUID?, expiresAt: Date?,
                      on db: any Database) async throws -> (APIToken, String) {
        guard let officer = try await PrincipalLoader.load(userID: user.id!, credentialsVersion: nil, method: .apiToken, on: db) else {
            throw AppError.invalid([.init(field: "userID", message: "Tài khoản cán bộ này đang bị khóa.")])
        }
        let plaintext = APITokenAuthenticator.generate()
        let token = APIToken(userID: user.id!, name: name, tokenHash: APITokenAuthenticator.hash(plaintext), prefix: String(plaintext.prefix(10)),
                             createdAt: createdAt, createdBy: createdBy, expiresAt: expiresAt)
        token.credentialsVersion = user.credentialsVersion
        token.roles = APIToken.roles(of: officer)
        token.scopes = scopes.map(\.rawValue).sorted().joined(separator: ",")
        return (token, plaintext)
    }

    static func revoke(_ rawID: String?, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard let rawID, let id = UUID(uuidString: rawID), let token = try await APIToken.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy khóa API.")
        }
        let user = token.$user.id == principal.userID
            ? try await StaffDirectory.find(token.$user.id.uuidString, on: db)
            : try await StaffDirectory.find(token.$user.id.uuidString, for: principal, action: .manageTokens, on: db)
        guard token.revokedAt == nil else { return }
        try await db.transaction { db in
            token.revokedAt = audit.context.now
            try await token.save(on: db)
            try await audit.record(.tokenRevoked, on: db, entityType: "api_token", entityID: token.id,
                                   scope: (user.unit?.$province.id, user.$unit.id),
                                   summary: "Thu hồi khóa API “\(token.name)” của \(user.fullName)")
        }
    }
}
