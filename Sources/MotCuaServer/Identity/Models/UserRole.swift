import Fluent
import Foundation
import MotCuaCore

/// A role an officer holds in their unit.
final class UserRole: Model, @unchecked Sendable {
    static let schema = "user_roles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: Role

    init() {}

    init(userID: UUID, role: Role) {
        self.$user.id = userID
        self.role = role
    }
}

extension UserRole {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $user, $role] }
}
