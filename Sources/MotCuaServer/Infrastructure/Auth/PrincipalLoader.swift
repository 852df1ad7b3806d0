import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Builds a `Principal` from a user id: the user, roles and unit in two queries.
enum PrincipalLoader {
    static func load(userID: UUID, credentialsVersion: Int?, method: Principal.Method, on db: any Database) async throws -> Principal? {
        guard let user = try await User.query(on: db)
            .filter(\.$id == userID)
            .with(\.$roles)
            .with(\.$unit)
            .first(),
            user.isActive
        else { return nil }
        if let credentialsVersion, credentialsVersion != user.credentialsVersion { return nil }
        return principal(for: user, method: method)
    }

    /// `user` must have `roles` and `unit` eager-loaded.
    static func principal(for user: User, method: Principal.Method) -> Principal {
        let unit = user.unit
        return Principal(
            userID: user.id!,
            fullName: user.fullName,
            actor: Actor(
                id: user.id!, kind: user.kind, unitID: unit?.id, unitKind: unit?.kind, provinceID: unit?.$province.id,
                roles: Set(user.roles.map(\.role))
            ),
            unitName: unit?.name,
            method: method
        )
    }
}
