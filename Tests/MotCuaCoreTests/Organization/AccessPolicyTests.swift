import Foundation
import MotCuaCore
import Testing

@Suite("Access policy: who may do what, where")
struct AccessPolicyTests {
    let province = UUID(), otherProvince = UUID()
    let ward = UUID(), commune = UUID(), office = UUID(), foreign = UUID()

    func officer(_ roles: Set<Role>, unit: UUID, kind: UnitKind, province: UUID? = nil) -> Actor {
        Actor(id: UUID(), kind: .officer, unitID: unit, unitKind: kind, provinceID: province ?? self.province, roles: roles)
    }

    var wardScope: UnitScope { UnitScope(unitID: ward, provinceID: province) }
    var communeScope: UnitScope { UnitScope(unitID: commune, provinceID: province) }
    var foreignScope: UnitScope { UnitScope(unitID: foreign, provinceID: otherProvince) }

    @Test("Each role reaches the expected actions in its own unit only")
    func unitRoles() {
        let expectations: [(Set<Role>, [AccessPolicy.Action])] = [
            ([.reception], [.handleDossiers, .readDossiers, .serveQueue, .handleFeedback, .readFeedback]),
            ([.specialist], [.handleDossiers, .readDossiers, .handleFeedback, .readFeedback]),
            ([.hotline], [.handleFeedback, .readFeedback]),
            ([.leader], [.readStaff, .handleDossiers, .readDossiers, .readQueueStatistics, .handleFeedback, .readFeedback, .readSatisfaction, .readStatistics]),
            ([.centerDirector], [.readStaff, .handleDossiers, .readDossiers, .serveQueue, .manageQueue, .readQueueStatistics, .handleFeedback,
                                 .readFeedback, .readSatisfaction, .readStatistics]),
            ([.administrator], [.readStaff, .manageStaff, .manageTokens, .readAudit, .chooseProcedures, .manageQueue, .readQueueStatistics,
                                .readSatisfaction, .readStatistics]),
            ([.reception, .administrator], [.readStaff, .manageStaff, .manageTokens, .readAudit, .chooseProcedures, .handleDossiers, .readDossiers,
                                            .serveQueue, .manageQueue, .readQueueStatistics, .handleFeedback, .readFeedback, .readSatisfaction, .readStatistics]),
        ]
        for (roles, allowed) in expectations {
            let actor = officer(roles, unit: ward, kind: .ward)
            for action in AccessPolicy.Action.allCases {
                let expected = allowed.contains(action)
                #expect(AccessPolicy.allows(actor, action, in: wardScope) == expected, "\(roles) \(action) own unit")
                #expect(!AccessPolicy.allows(actor, action, in: communeScope), "\(roles) \(action) other unit")
                #expect(!AccessPolicy.allows(actor, action, in: foreignScope), "\(roles) \(action) other province")
            }
        }
    }

    @Test("The province office's administrator and monitor act on the whole province, not beyond")
    func provinceRoles() {
        let admin = officer([.administrator], unit: office, kind: .provinceOffice)
        let monitor = officer([.provinceMonitor], unit: office, kind: .provinceOffice)
        // Administrators manage; they do not handle dossiers or serve at a counter.
        for action in AccessPolicy.Action.allCases where ![.handleDossiers, .readDossiers, .serveQueue, .handleFeedback, .readFeedback].contains(action) {
            #expect(AccessPolicy.allows(admin, action, in: communeScope), "admin \(action)")
            #expect(!AccessPolicy.allows(admin, action, in: foreignScope), "admin \(action) foreign")
        }
        #expect(AccessPolicy.allows(monitor, .readStaff, in: communeScope))
        #expect(AccessPolicy.allows(monitor, .readAudit, in: wardScope))
        #expect(AccessPolicy.allows(monitor, .readDossiers, in: communeScope) && !AccessPolicy.allows(monitor, .readDossiers, in: foreignScope))
        #expect(!AccessPolicy.allows(monitor, .handleDossiers, in: wardScope) && !AccessPolicy.allows(admin, .handleDossiers, in: wardScope))
        #expect(!AccessPolicy.allows(monitor, .manageStaff, in: wardScope))
        #expect(AccessPolicy.allows(monitor, .readQueueStatistics, in: communeScope) && !AccessPolicy.allows(monitor, .manageQueue, in: wardScope))
        #expect(!AccessPolicy.allows(admin, .serveQueue, in: wardScope) && !AccessPolicy.allows(monitor, .serveQueue, in: wardScope))
        #expect(!AccessPolicy.allows(monitor, .manageUnits, in: wardScope))
        #expect(AccessPolicy.allows(monitor, .readFeedback, in: communeScope) && AccessPolicy.allows(monitor, .readSatisfaction, in: communeScope))
        #expect(!AccessPolicy.allows(monitor, .handleFeedback, in: communeScope) && !AccessPolicy.allows(monitor, .configureFeedback, in: wardScope))
        #expect(!AccessPolicy.allows(monitor, .manageCatalogue, in: wardScope))
        #expect(AccessPolicy.reach(of: admin, for: .manageCatalogue) == .province(province))
        #expect(AccessPolicy.reach(of: admin, for: .manageUnits) == .province(province))
        // A Sở administrator manages its own agency only, and no units.
        let departmentAdmin = officer([.administrator], unit: UUID(), kind: .provinceDepartment)
        #expect(AccessPolicy.reach(of: departmentAdmin, for: .manageUnits) == .nowhere)
        #expect(!AccessPolicy.allows(departmentAdmin, .manageStaff, in: communeScope))
    }

    @Test("Citizens and officers without a unit reach nothing, whatever roles they claim")
    func nobody() {
        let citizen = Actor(id: UUID(), kind: .citizen, unitID: ward, unitKind: .ward, provinceID: province, roles: Set(Role.allCases))
        #expect(citizen.roles.isEmpty)
        let orphan = Actor(id: UUID(), kind: .officer, unitID: nil, unitKind: nil, provinceID: nil, roles: [.administrator])
        for action in AccessPolicy.Action.allCases {
            #expect(AccessPolicy.reach(of: citizen, for: action) == .nowhere)
            #expect(AccessPolicy.reach(of: orphan, for: action) == .nowhere)
        }
    }

    @Test("Unit kinds: commune-level units and the province office")
    func unitKinds() {
        #expect(UnitKind.allCases.filter(\.isCommuneLevel) == [.commune, .ward, .specialZone])
        #expect(UnitKind.allCases.filter(\.actsForProvince) == [.provinceOffice])
        #expect(Set(UnitKind.allCases.map(\.label)).count == UnitKind.allCases.count)
        #expect(Set(Role.allCases.map(\.label)).count == Role.allCases.count)
    }
}
