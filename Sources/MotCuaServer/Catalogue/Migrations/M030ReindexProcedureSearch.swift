import Foundation
import Fluent
import MotCuaCore

/// Writes every procedure's search columns again with the canonical spelling (`ProcedureSearch
/// .canonical`: "đăng kí" and "đăng ký" are the same word).
struct M030ReindexProcedureSearch: AsyncMigration {
    var name: String { "030_reindex_procedure_search" }

    func prepare(on database: any Database) async throws {
        let procedures = try await Procedure.query(on: database).all()
        let versions = try await ProcedureVersion.query(on: database).all()
        var current: [UUID: ProcedureVersion] = [:]
        let numbers = Dictionary(uniqueKeysWithValues: procedures.map { ($0.id!, $0.currentVersion) })
        for version in versions where numbers[version.$procedure.id] == version.number { current[version.$procedure.id] = version }
        for procedure in procedures {
            guard let content = try current[procedure.id!]?.content() else { continue }
            procedure.searchName = ProcedureSearch.indexedName(content)
            procedure.searchText = ProcedureSearch.indexedText(content)
            try await procedure.update(on: database)
        }
    }

    func revert(on database: any Database) async throws {}
}
