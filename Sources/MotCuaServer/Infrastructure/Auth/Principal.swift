import Foundation
import MotCuaCore
import Fluent
import Vapor

/// The signed-in person for this request, loaded once by an authenticator.
struct Principal: Authenticatable, Sendable {
    enum Method: Sendable { case session, apiToken }

    let userID: UUID
    let fullName: String
    let actor: Actor
    let unitName: String?
    let method: Method

    var isOfficer: Bool { actor.kind == .officer }
    var isCitizen: Bool { actor.kind == .citizen }
    var roles: Set<Role> { actor.roles }

    /// The same person acting with only some of their roles (an API token's scopes).
    func limited(to scopes: Set<Role>) -> Principal {
        Principal(userID: userID, fullName: fullName,
                  actor: Actor(id: actor.id, kind: actor.kind, unitID: actor.unitID, unitKind: actor.unitKind, provinceID: actor.provinceID,
                               roles: actor.roles.intersection(scopes)),
                  unitName: unitName, method: method)
    }

    func reach(_ action: AccessPolicy.Action) -> AccessPolicy.Reach { AccessPolicy.reach(of: actor, for: action) }

    func may(_ action: AccessPolicy.Action, in scope: UnitScope) -> Bool { AccessPolicy.allows(actor, action, in: scope) }

    /// Where the person's work is, the page they land on after signing in: dossiers for those who
    /// handle them, the hotline's feedback box, statistics for monitors, administration for
    /// administrators; a citizen's account.
    var home: String {
        guard isOfficer else { return SiteURL.account.path }
        if reach(.handleDossiers) != .nowhere { return SiteURL.dossiers.path }
        if reach(.handleFeedback) != .nowhere { return SiteURL.feedbackInbox.path }
        if roles.contains(.administrator) { return SiteURL.admin.path }
        if reach(.readStatistics) != .nowhere { return SiteURL.dashboard.path }
        if seesAdministration { return SiteURL.admin.path }
        return SiteURL.account.path
    }

    /// Whether the person can use any administration page.
    var seesAdministration: Bool {
        [.readStaff, .manageStaff, .readAudit, .manageUnits].contains { reach($0) != .nowhere }
    }
}

extension Request {
    /// The signed-in person, or 401.
    func requirePrincipal() throws -> Principal {
        guard let principal = auth.get(Principal.self) else { throw AppError.unauthorized }
        return principal
    }

    /// The signed-in person if they may perform `action` somewhere; 401 or 403 otherwise.
    func requireReach(_ action: AccessPolicy.Action) throws -> (Principal, AccessPolicy.Reach) {
        let principal = try requirePrincipal()
        let reach = principal.reach(action)
        guard reach != .nowhere else { throw AppError.forbidden() }
        return (principal, reach)
    }
}
