import Fluent
import Foundation

/// A field (lĩnh vực) an officer is assigned to.
final class UserField: Model, @unchecked Sendable {
    static let schema = "user_fields"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "field_id") var field: ProcedureField

    init() {}

    init(userID: UUID, fieldID: UUID) {
        self.$user.id = userID
        self.$field.id = fieldID
    }
}

extension UserField {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $user, $field] }
}
