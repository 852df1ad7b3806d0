import Fluent
import Foundation
import MotCuaCore

/// Thủ tục hành chính in a province's catalogue. The row holds the current version's facts that
/// lists, filters and search need; the full published content lives in `procedure_versions`.
final class Procedure: Model, @unchecked Sendable {
    static let schema = "procedures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "province_id") var province: Province
    @Field(key: "code") var code: String
    @Parent(key: "field_id") var field: ProcedureField
    @Field(key: "name") var name: String
    /// `OnlineLevel` raw value, or nil when not known.
    @OptionalField(key: "online_level") var onlineLevel: String?
    /// Folded name and folded searchable text (`ProcedureSearch`).
    @Field(key: "search_name") var searchName: String
    @Field(key: "search_text") var searchText: String
    @Field(key: "current_version") var currentVersion: Int
    /// The unit or agency competent to decide, when it is not the receiving unit.
    @OptionalParent(key: "competent_authority_id") var competentAuthority: OrgUnit?
    /// The current version publishes every component MotCua records (Decision 766 indicator 1.3).
    @Field(key: "complete") var complete: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// Copies the searchable facts of `content` onto the row.
    func apply(_ content: ProcedureContent, fieldID: UUID, authorityID: UUID?, version: Int, at date: Date) {
        code = content.code.value
        $field.id = fieldID
        name = content.name
        onlineLevel = content.onlineLevel?.rawValue
        searchName = ProcedureSearch.indexedName(content)
        searchText = ProcedureSearch.indexedText(content)
        $competentAuthority.id = authorityID
        complete = content.publishesEveryComponent
        currentVersion = version
        updatedAt = date
    }
}

/// One published version of a procedure, kept for ever: a dossier refers to the version it was
/// received under.
final class ProcedureVersion: Model, @unchecked Sendable {
    static let schema = "procedure_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "procedure_id") var procedure: Procedure
    @Field(key: "number") var number: Int
    /// `ProcedureContent` as JSON.
    @Field(key: "content") var contentJSON: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "author_name") var authorName: String
    @Field(key: "change_note") var changeNote: String

    init() {}

    init(procedureID: UUID, number: Int, content: ProcedureContent, at date: Date, author: String, note: String) throws {
        $procedure.id = procedureID
        self.number = number
        contentJSON = try Self.encode(content)
        createdAt = date
        authorName = author
        changeNote = note
    }

    func content() throws -> ProcedureContent {
        try JSONDecoder().decode(ProcedureContent.self, from: Data(contentJSON.utf8))
    }

    static func encode(_ content: ProcedureContent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }
}

/// A procedure a unit handles (receives at its center).
final class UnitProcedure: Model, @unchecked Sendable {
    static let schema = "unit_procedures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Parent(key: "procedure_id") var procedure: Procedure

    init() {}

    init(unitID: UUID, procedureID: UUID) {
        $unit.id = unitID
        $procedure.id = procedureID
    }
}

extension Procedure {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $province, $code, $field, $name, $onlineLevel, $searchName, $searchText, $currentVersion,
            $competentAuthority, $complete, $updatedAt
        ]
    }
}

extension ProcedureVersion {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $procedure, $number, $contentJSON, $createdAt, $authorName, $changeNote] }
}

extension UnitProcedure {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $unit, $procedure] }
}
