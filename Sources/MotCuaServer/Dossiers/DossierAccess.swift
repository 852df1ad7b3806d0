import Fluent
import Foundation
import MotCuaCore

/// Who a person is to one dossier: which `DossierWorkflow` parties they play, and whether they
/// may read it. Officers act in the receiving unit (reception) or the handling unit (specialist,
/// leader); a specialist only on dossiers assigned to them; the applicant on their own; the
/// specialists and leaders of the unit a dossier was transferred to (liên thông) as its partner.
enum DossierAccess {
    static func parties(of principal: Principal, for dossier: Dossier) -> Set<DossierWorkflow.Party> {
        if principal.isCitizen {
            return dossier.applicantUserID == principal.userID ? [.applicant] : []
        }
        var parties: Set<DossierWorkflow.Party> = []
        let receiving = UnitScope(unitID: dossier.$unit.id, provinceID: dossier.$province.id)
        let handling = UnitScope(unitID: dossier.$handlingUnit.id, provinceID: dossier.$province.id)
        let roles = principal.roles
        if roles.contains(.reception), principal.may(.handleDossiers, in: receiving) { parties.insert(.reception) }
        if principal.may(.handleDossiers, in: handling) {
            if roles.contains(.specialist), dossier.assigneeID == principal.userID { parties.insert(.specialist) }
            if !roles.isDisjoint(with: [.leader, .centerDirector]) { parties.insert(.leader) }
        }
        if let partnerID = dossier.transferUnitID, !roles.isDisjoint(with: [.specialist, .leader, .centerDirector]),
           principal.may(.handleDossiers, in: UnitScope(unitID: partnerID, provinceID: dossier.$province.id)) {
            parties.insert(.partner)
        }
        return parties
    }

    static func mayRead(_ principal: Principal, _ dossier: Dossier) -> Bool {
        if principal.isCitizen { return dossier.applicantUserID == principal.userID }
        return [dossier.$unit.id, dossier.$handlingUnit.id, dossier.transferUnitID].compactMap(\.self).contains {
            principal.may(.readDossiers, in: UnitScope(unitID: $0, provinceID: dossier.$province.id))
        }
    }
}
