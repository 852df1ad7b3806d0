import Fluent
import Foundation
import MotCuaCore
import SQLKit

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
        let rows = try await (db as! any SQLDatabase).select().column("assignee_id").column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from(Dossier.schema).where("assignee_id", .in, candidates.map { $0.id! }).where("status", .in, openStatuses.map(\.rawValue))
            .groupBy("assignee_id").all(decoding: Load.self)
        let load = Dictionary(rows.map { ($0.assigneeID, $0.n) }, uniquingKeysWith: +)
        return candidates.min { (load[$0.id!] ?? 0, $0.fullName) < (load[$1.id!] ?? 0, $1.fullName) }
    }

    struct Load: Decodable {
        let assigneeID: UUID
        let n: Int
        enum CodingKeys: String, CodingKey { case assigneeID = "assignee_id", n }
    }

    /// Specialists of a unit a leader may assign to.
    static func specialists(unitID: UUID, on db: any Database) async throws -> [User] {
        try await User.query(on: db)
            .filter(\.$unit.$id == unitID).filter(\.$isActive == true).filter(\.$kind == .officer)
            .join(UserRole.self, on: \UserRole.$user.$id == \User.$id).filter(UserRole.self, \.$role == .specialist)
            .sort(\.$fullName).all()
    }
}
