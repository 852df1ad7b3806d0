import Fluent
import Foundation
import MotCuaCore

/// Procedure versions by id and number, read once each.
struct ProcedureContentCache {
    private struct Key: Hashable {
        let procedure: UUID
        let version: Int
    }

    private var contents: [Key: ProcedureContent?] = [:]

    mutating func content(_ procedureID: UUID, version: Int, on db: any Database) async throws -> ProcedureContent? {
        let key = Key(procedure: procedureID, version: version)
        if let known = contents[key] { return known }
        let content = try await ProcedureVersion.query(on: db).filter(\.$procedure.$id == procedureID).filter(\.$number == version).first()
            .flatMap { try? $0.content() }
        contents[key] = content
        return content
    }
}
