import Fluent
import Foundation
import MotCuaCore

/// A commune-level unit (xã, phường, đặc khu) or a province-level agency. A stable id: code, name,
/// kind and province change over time, each change kept in `unit_revisions`.
final class OrgUnit: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @Parent(key: "province_id") var province: Province
    @Field(key: "kind") var kind: UnitKind
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "is_active") var isActive: Bool
    /// Office hours, `07:30-11:30,13:30-17:00` (see `WorkingHours`).
    @Field(key: "working_hours") var workingHours: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, provinceID: UUID, kind: UnitKind, code: String, name: String, createdAt: Date) {
        self.id = id
        self.$province.id = provinceID
        self.kind = kind
        self.code = code
        self.name = name
        self.isActive = true
        self.workingHours = "07:30-11:30,13:30-17:00"
        self.createdAt = createdAt
    }

    var scope: UnitScope { UnitScope(unitID: id!, provinceID: $province.id) }
}

extension OrgUnit {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $province, $kind, $code, $name, $isActive, $workingHours, $createdAt] }
}
