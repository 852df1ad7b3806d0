import Fluent
import Foundation
import MotCuaCore
import SQLKit

/// Routing (phân công): the specialist of the handling unit whose fields include the procedure's
/// field and who has the fewest open dossiers; ties go to the name first in order so the choice is
/// repeatable.
enum DossierRouting {
    static let openStatuses: [DossierStatus] = DossierWorkflow.open.sorted { $0.rawValue < $1.rawValue }

    /// The specialist a dossier is routed to: who they are, for the hand-over.
    struct Specialist: Decodable, Sendable {
        let id: UUID
        let fullName: String
        enum CodingKeys: String, CodingKey { case id, fullName = "full_name" }
    }

    /// Open dossiers are counted up to this many: past it a specialist counts as fully loaded (ties
    /// go by name), and routing stays as fast in a unit with 100,000 open dossiers as in a small one.
    static let loadCap = 200

    /// One query: the candidates with their open load, least loaded first.
    static func specialist(unitID: UUID, fieldID: UUID, on db: any Database) async throws -> Specialist? {
        let open = SQLList(openStatuses.map { SQLBind($0.rawValue) })
        return try await (db as! any SQLDatabase).raw("""
            SELECT u.id, u.full_name,
                   (SELECT count(*) FROM (SELECT 1 FROM dossiers d WHERE d.assignee_id = u.id AND d.status IN (\(open))
                    LIMIT \(unsafeRaw: String(loadCap))) AS o) AS open_load
            FROM users u
            JOIN user_roles r ON r.user_id = u.id AND r.role = \(bind: Role.specialist.rawValue)
            JOIN user_fields f ON f.user_id = u.id AND f.field_id = \(bind: fieldID)
            WHERE u.unit_id = \(bind: unitID) AND u.is_active = \(bind: true) AND u.kind = \(bind: Actor.Kind.officer.rawValue)
            ORDER BY open_load, u.full_name LIMIT 1
            """).first(decoding: Specialist.self)
    }

    /// Specialists of a unit a leader may assign to.
    static func specialists(unitID: UUID, on db: any Database) async throws -> [User] {
        try await User.query(on: db)
            .filter(\.$unit.$id == unitID).filter(\.$isActive == true).filter(\.$kind == .officer)
            .join(UserRole.self, on: \UserRole.$user.$id == \User.$id).filter(UserRole.self, \.$role == .specialist)
            .sort(\.$fullName).all()
    }
}
