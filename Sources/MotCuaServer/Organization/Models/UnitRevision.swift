import Fluent
import Foundation
import MotCuaCore

/// One state of a unit from `validFrom` on: what it was called, its code, kind and province.
final class UnitRevision: Model, @unchecked Sendable {
    static let schema = "unit_revisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "province_id") var provinceID: UUID
    @Field(key: "kind") var kind: UnitKind
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "valid_from") var validFrom: Date
    @Field(key: "reason") var reason: String
    @OptionalField(key: "recorded_by") var recordedBy: UUID?

    init() {}

    init(of unit: OrgUnit, validFrom: Date, reason: String, recordedBy: UUID?) throws {
        self.$unit.id = try unit.requireID()
        self.provinceID = unit.$province.id
        self.kind = unit.kind
        self.code = unit.code
        self.name = unit.name
        self.validFrom = validFrom
        self.reason = reason
        self.recordedBy = recordedBy
    }
}

extension UnitRevision {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $unit, $provinceID, $kind, $code, $name, $validFrom, $reason, $recordedBy] }
}
