import Fluent
import Foundation
import MotCuaCore
import Vapor

/// A procedure in lists and search results.
struct ProcedureSummaryDTO: Content {
    let code: String
    let name: String
    let fieldID: UUID
    let field: String
    let onlineLevel: OnlineLevel?
    let version: Int
    let updatedAt: Date

    init(_ procedure: ProcedureCatalogue.Listing) {
        code = procedure.code
        name = procedure.name
        fieldID = procedure.fieldID
        field = procedure.fieldName
        onlineLevel = procedure.level
        version = procedure.currentVersion
        updatedAt = procedure.updatedAt
    }
}

/// A procedure's published content at one version.
struct ProcedureDetailDTO: Content {
    let version: Int
    let publishedAt: Date
    let isCurrent: Bool
    let processingTimeText: String?
    let feeText: String
    let content: ProcedureContent

    init(_ version: ProcedureVersion, current: Int) throws {
        self.version = version.number
        publishedAt = version.createdAt
        isCurrent = version.number == current
        content = try version.content()
        processingTimeText = content.processingTime?.text
        feeText = content.feeText
    }
}

struct ProcedureVersionDTO: Content {
    let number: Int
    let publishedAt: Date
    let authorName: String
    let changeNote: String

    init(_ version: ProcedureVersion) {
        number = version.number
        publishedAt = version.createdAt
        authorName = version.authorName
        changeNote = version.changeNote
    }
}

/// A field with how many procedures it holds (in a unit or a province).
struct FieldCountDTO: Content {
    let id: UUID
    let code: String
    let name: String
    let procedureCount: Int
}

/// Body of `PUT /api/v1/units/{unitID}/procedures`.
struct UnitProceduresInput: Content {
    let codes: [String]
}
