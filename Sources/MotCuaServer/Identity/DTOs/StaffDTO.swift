import Foundation
import MotCuaCore
import Fluent
import Vapor

/// An officer as administrators and the API see them (never the password hash).
struct StaffDTO: Content, Equatable {
    let id: UUID?
    let fullName: String
    let username: String?
    let email: String?
    let phone: String?
    let jobTitle: String?
    let unitID: UUID?
    let departmentID: UUID?
    let roles: [Role]
    let fieldIDs: [UUID]
    let isActive: Bool
    let lockedUntil: Date?

    /// `user` must have roles and fields loaded.
    init(_ user: User) {
        id = user.id
        fullName = user.fullName
        username = user.username
        email = user.email
        phone = user.phone
        jobTitle = user.jobTitle
        unitID = user.$unit.id
        departmentID = user.$department.id
        roles = user.roles.map(\.role).sorted()
        fieldIDs = user.fields.map { $0.$field.id }.sorted { $0.uuidString < $1.uuidString }
        isActive = user.isActive
        lockedUntil = user.lockedUntil
    }
}

struct MeDTO: Content {
    let id: UUID
    let kind: Actor.Kind
    let fullName: String
    let unitID: UUID?
    let unitName: String?
    let roles: [Role]
    let authenticatedBy: String
}
