import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The demo catalogue: the real commune-level procedures of `procedures.csv` (186 in 38 fields),
/// the twenty most received with illustrative document lists (said so on their pages), received
/// by every commune-level unit of the province.
enum DemoCatalogue {
    /// The procedures a commune center receives most, most first (certified copies and signatures
    /// far ahead, then civil status, household business, building permits, social support).
    static let commonest = [
        "2.000815", "2.000884", "1.001193", "1.004873", "2.000635", "1.000656", "1.000894", "3.000722", "1.001612", "2.000720",
        "2.002913", "1.013225", "1.001022", "1.004884", "1.000689", "1.001266", "1.001570", "1.004837", "1.001731", "1.011606",
    ]

    private struct Details: Decodable {
        struct Entry: Decodable {
            let result: String
            let documents: [RequiredDocument]
            let steps: [String]
            let internalProcess: [InternalStep]
        }
        let note: String
        let procedures: [String: Entry]
    }

    static func contents() throws -> [ProcedureContent] {
        let (procedures, problems) = CatalogueImport.parse(try DemoResources.rows("procedures.csv"))
        if let problem = problems.first {
            throw AppError(status: .internalServerError, detail: "Demo procedures.csv, dòng \(problem.line): \(problem.message)")
        }
        let data = try Data(contentsOf: DemoResources.directory.appendingPathComponent("procedure-details.json"))
        let details = try JSONDecoder().decode(Details.self, from: data)
        return procedures.map { content in
            guard let entry = details.procedures[content.code.value] else { return content }
            var content = content
            content.result = entry.result
            content.documents = entry.documents
            content.steps = entry.steps
            content.internalProcess = entry.internalProcess
            content.illustrativeNote = details.note
            return content
        }
    }

    static func seed(provinceID: UUID, units: [OrgUnit], audit: AuditTrail, on db: any Database) async throws {
        _ = try await CatalogueEditor.store(try contents(), provinceID: provinceID, source: "dữ liệu demo", keepDetails: false, audit: audit, on: db)
        let procedureIDs = try await Procedure.query(on: db).filter(\.$province.$id == provinceID).all().map { $0.id! }
        let links = units.filter(\.kind.isCommuneLevel).flatMap { unit in procedureIDs.map { UnitProcedure(unitID: unit.id!, procedureID: $0) } }
        for start in stride(from: 0, to: links.count, by: 500) {
            try await Array(links[start..<min(start + 500, links.count)]).create(on: db)
        }
    }
}
