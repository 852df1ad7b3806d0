import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The units whose records a person reads for an action: their own unit, or any unit of their
/// province (one when `unitCode` names it) for province-wide roles; with the scope's name.
enum ReadableUnits {
    static func units(for principal: Principal, _ action: AccessPolicy.Action, unitCode: String?,
                      on db: any Database) async throws -> (units: [OrgUnit], scope: String) {
        switch principal.reach(action) {
        case .nowhere: throw AppError.forbidden()
        case .unit(let id):
            guard let unit = try await OrgUnit.find(id, on: db) else { throw AppError.notFound() }
            return ([unit], unit.name)
        case .province(let provinceID):
            if let unitCode, !unitCode.isEmpty {
                guard let unit = try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).filter(\.$code == String(unitCode.prefix(40)))
                    .first() else { throw AppError.notFound("Không có đơn vị mã “\(unitCode.prefix(40))” trong tỉnh.") }
                return ([unit], unit.name)
            }
            let province = try await Province.find(provinceID, on: db)
            return (try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).sort(\.$code).all(), province?.name ?? "")
        }
    }
}
