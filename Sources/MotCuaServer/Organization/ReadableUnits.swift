import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The units whose records a person reads for an action: their own unit, or any unit of their
/// province (one when `unitCode` names it) for province-wide roles; with the scope's name. A code
/// outside the person's reach is refused, never quietly replaced by their own unit.
enum ReadableUnits {
    static func units(for principal: Principal, _ action: AccessPolicy.Action, unitCode: String?,
                      on db: any Database) async throws -> (units: [OrgUnit], scope: String) {
        switch principal.reach(action) {
        case .nowhere: throw AppError.forbidden()
        case .unit(let id):
            guard let unit = try await OrgUnit.find(id, on: db) else { throw AppError.notFound() }
            if let unitCode, !unitCode.isEmpty, unitCode != unit.code { throw notFound(unitCode) }
            return ([unit], unit.name)
        case .province(let provinceID):
            if let unitCode, !unitCode.isEmpty {
                guard let unit = try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).filter(\.$code == String(unitCode.prefix(40)))
                    .first() else { throw notFound(unitCode) }
                return ([unit], unit.name)
            }
            let province = try await Province.find(provinceID, on: db)
            return (try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).sort(\.$code).all(), province?.name ?? "")
        }
    }

    private static func notFound(_ unitCode: String) -> AppError {
        AppError.notFound("Không có đơn vị mã “\(unitCode.prefix(40))” trong phạm vi ông/bà được xem.")
    }
}
