import Fluent
import Foundation
import MotCuaCore

/// Routing (phân công): the specialist of the handling unit whose fields include the procedure's
/// field and who has the fewest open dossiers; ties go to the name first in order so the choice is
/// repeatable.
enum DossierRouting {
    static let openStatuses: [DossierStatus] = [.received, .processing, .awaitingApproval, .transferred, .supplementRequested]

    static func specialist(unitID: UUID, fieldID: UUID, on db: any Database) async throws -> User? {
        let candidates = try await User.query(on: db)
            .filter(\.$unit.$id == unitID).filter(\.$isActive == true).filter(\.$kind == .officer)
            .join(UserRole.self, on: \UserRole.$user.$id == \User.$id).filter(UserRole.self, \.$role == .specialist)
            .join(UserField.self, on: \UserField.$user.$id == \User.$id).filter(UserField.self, \.$field.$id == fieldID)
            .all()
        guard !candidates.isEmpty else { return nil }
        var load: [UUID: Int] = [:]
        for candidate in candidates {
            load[candidate.id!] = try await Dossier.query(on: db).filter(\.$assigneeID == candidate.id!)
                .filter(\.$status ~~ openStatuses).count()
        }
        return candidates.min { (load[$0.id!]!, $0.fullName) < (load[$1.id!]!, $1.fullName) }
    }

    /// Specialists of a unit a leader may assign to.
    static func specialists(unitID: UUID, on db: any Database) async throws -> [User] {
        try await User.query(on: db)
            .filter(\.$unit.$id == unitID).filter(\.$isActive == true).filter(\.$kind == .officer)
            .join(UserRole.self, on: \UserRole.$user.$id == \User.$id).filter(UserRole.self, \.$role == .specialist)
            .sort(\.$fullName).all()
    }
}
