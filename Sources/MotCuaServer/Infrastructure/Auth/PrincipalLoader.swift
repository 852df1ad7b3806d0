import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Builds a `Principal` from a user id: the user, their unit and their roles in one query (one row
/// per role), since it runs on every signed-in request.
enum PrincipalLoader {
    static func load(userID: UUID, credentialsVersion: Int?, method: Principal.Method, on db: any Database) async throws -> Principal? {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT u.kind, u.full_name, u.is_active, u.credentials_version, n.id AS unit_id, n.kind AS unit_kind,
                   n.province_id, n.name AS unit_name, r.role
            FROM users u LEFT JOIN units n ON n.id = u.unit_id LEFT JOIN user_roles r ON r.user_id = u.id
            WHERE u.id = \(bind: userID)
            """).all(decoding: Row.self)
        guard let user = rows.first, user.isActive else { return nil }
        if let credentialsVersion, credentialsVersion != user.credentialsVersion { return nil }
        return Principal(
            userID: userID,
            fullName: user.fullName,
            actor: Actor(id: userID, kind: user.kind, unitID: user.unitID, unitKind: user.unitKind, provinceID: user.provinceID,
                         roles: Set(rows.compactMap(\.role))),
            unitName: user.unitName,
            method: method
        )
    }

    private struct Row: Decodable {
        let kind: Actor.Kind
        let fullName: String
        let isActive: Bool
        let credentialsVersion: Int
        let unitID: UUID?
        let unitKind: UnitKind?
        let provinceID: UUID?
        let unitName: String?
        let role: Role?

        enum CodingKeys: String, CodingKey {
            case kind, role
            case fullName = "full_name", isActive = "is_active", credentialsVersion = "credentials_version", unitID = "unit_id"
            case unitKind = "unit_kind", provinceID = "province_id", unitName = "unit_name"
        }
    }
}
