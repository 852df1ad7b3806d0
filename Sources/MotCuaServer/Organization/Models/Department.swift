import Fluent
import Foundation

/// Phòng, ban of a unit (Văn phòng HĐND và UBND, Phòng Kinh tế, Trung tâm PVHCC…).
final class Department: Model, @unchecked Sendable {
    static let schema = "departments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "name") var name: String
    @Field(key: "is_service_center") var isServiceCenter: Bool

    init() {}

    init(id: UUID? = nil, unitID: UUID, name: String, isServiceCenter: Bool = false) {
        self.id = id
        self.$unit.id = unitID
        self.name = name
        self.isServiceCenter = isServiceCenter
    }
}

extension Department {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $unit, $name, $isServiceCenter] }
}
