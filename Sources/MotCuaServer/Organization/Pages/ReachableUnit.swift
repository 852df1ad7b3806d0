import Fluent
import MotCuaCore
import Vapor

extension Request {
    /// The unit if the principal may read its staff; others get 404 (nothing is revealed).
    func reachableUnit(_ action: AccessPolicy.Action) async throws -> (Principal, OrgUnit) {
        let principal = try requirePrincipal()
        let unit = try await UnitDirectory.find(parameters.get("unitID"), on: db)
        guard principal.may(action, in: unit.scope) else { throw AppError.notFound("Không tìm thấy đơn vị.") }
        return (principal, unit)
    }
}
