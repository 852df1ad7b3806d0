import Foundation
import MotCuaCore
import Fluent
import Vapor

struct UnitDTO: Content, Equatable {
    let id: UUID?
    let provinceID: UUID
    let kind: UnitKind
    let kindLabel: String
    let code: String
    let name: String
    let isActive: Bool

    init(_ unit: OrgUnit) {
        id = unit.id
        provinceID = unit.$province.id
        kind = unit.kind
        kindLabel = unit.kind.label
        code = unit.code
        name = unit.name
        isActive = unit.isActive
    }
}

struct UnitRevisionDTO: Content {
    let validFrom: Date
    let code: String
    let name: String
    let kind: UnitKind
    let provinceID: UUID
    let reason: String

    init(_ revision: UnitRevision) {
        validFrom = revision.validFrom
        code = revision.code
        name = revision.name
        kind = revision.kind
        provinceID = revision.provinceID
        reason = revision.reason
    }
}

struct DepartmentDTO: Content {
    let id: UUID?
    let unitID: UUID
    let name: String
    let isServiceCenter: Bool

    init(_ department: Department) {
        id = department.id
        unitID = department.$unit.id
        name = department.name
        isServiceCenter = department.isServiceCenter
    }
}

struct UnitDetailDTO: Content {
    let unit: UnitDTO
    let departments: [DepartmentDTO]
}
