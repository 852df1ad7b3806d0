import Fluent
import Foundation
import MotCuaCore

/// A token a machine client sends as `Authorization: Bearer …`; it acts as the officer it was issued
/// for, while that officer keeps the password and roles it was issued under. Only its SHA-256 is stored.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, to recognise it in a list.
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    /// The officer's credentials version when the token was issued.
    @OptionalField(key: "credentials_version") var credentialsVersion: Int?
    /// The officer's roles when the token was issued (`APIToken.roles(of:)`).
    @OptionalField(key: "roles") var roles: String?
    /// The roles the token may act with (phạm vi), chosen at issue: some of the officer's, none the
    /// issuer lacks. A token without scopes (issued before them) does nothing.
    @OptionalField(key: "scopes") var scopes: String?

    init() {}

    init(userID: UUID, name: String, tokenHash: String, prefix: String, createdAt: Date, createdBy: UUID?, expiresAt: Date?) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.expiresAt = expiresAt
    }

    func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }

    /// Roles written the same way whatever their order.
    /// The roles a `roles` or `scopes` column names.
    static func roleSet(_ text: String?) -> Set<Role> {
        Set((text ?? "").split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }

    static func roles(of principal: Principal) -> String {
        principal.roles.map(\.rawValue).sorted().joined(separator: ",")
    }
}

extension APIToken {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $user, $name, $tokenHash, $prefix, $createdAt, $createdBy, $expiresAt, $revokedAt, $lastUsedAt, $credentialsVersion, $roles, $scopes
        ]
    }
}
