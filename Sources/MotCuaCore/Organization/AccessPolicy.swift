import Foundation

/// What an actor may do to the organisation, and where. Every check is a pure function of the actor
/// and the unit the record belongs to, so the server scopes its queries with the same answers.
public enum AccessPolicy {
    /// Actions on the organisation (more areas add their own).
    public enum Action: Sendable, CaseIterable {
        /// Read a unit's departments and staff list.
        case readStaff
        /// Create or change units (code, name, kind, province).
        case manageUnits
        /// Create or change departments and staff, roles and fields; lock or unlock accounts.
        case manageStaff
        /// Issue and revoke API tokens.
        case manageTokens
        /// Read the audit trail.
        case readAudit
        /// Edit the province's procedure catalogue and fields; import it.
        case manageCatalogue
        /// Choose which procedures a unit receives.
        case chooseProcedures
        /// Receive, process, approve and return dossiers (what exactly depends on the role and the
        /// dossier's status: `DossierWorkflow`).
        case handleDossiers
        /// Read dossiers, their slips and the tracking book.
        case readDossiers
        /// Serve the queue at a counter: call, recall, skip, transfer, serve tickets.
        case serveQueue
        /// Set up the queue: service groups and counters.
        case manageQueue
        /// Read the queue's statistics and the counters-needed plan.
        case readQueueStatistics
        /// Receive, route, answer and publish citizens' feedback (what exactly depends on the role:
        /// `FeedbackWorkflow`); enter feedback on a caller's behalf.
        case handleFeedback
        /// Read the feedback a unit holds, with the sender's contact details.
        case readFeedback
        /// Set the province's feedback categories and time limits.
        case configureFeedback
        /// Read satisfaction ratings and the monthly survey summary.
        case readSatisfaction
        /// Set the province's deadline alert rules.
        case configureAlerts
        /// Read the dossier statistics of a unit (or of the province).
        case readStatistics
    }

    /// Where an actor may perform an action: nowhere, in one unit, or in every unit of a province.
    public enum Reach: Sendable, Equatable {
        case nowhere
        case unit(UUID)
        case province(UUID)
    }

    public static func reach(of actor: Actor, for action: Action) -> Reach {
        guard actor.kind == .officer, let unitID = actor.unitID, let provinceID = actor.provinceID else {
            return .nowhere
        }
        let granted: Bool
        let provinceWideRoles: Set<Role>
        switch action {
        case .readStaff:
            granted = !actor.roles.isDisjoint(with: [.administrator, .centerDirector, .leader, .provinceMonitor])
            provinceWideRoles = [.administrator, .provinceMonitor]
        case .manageUnits, .manageCatalogue:
            granted = actor.roles.contains(.administrator) && actor.unitKind?.actsForProvince == true
            provinceWideRoles = [.administrator]
        case .manageStaff, .manageTokens, .chooseProcedures:
            granted = actor.roles.contains(.administrator)
            provinceWideRoles = [.administrator]
        case .handleDossiers:
            granted = !actor.roles.isDisjoint(with: [.reception, .specialist, .leader, .centerDirector])
            provinceWideRoles = []
        case .readDossiers:
            granted = !actor.roles.isDisjoint(with: [.reception, .specialist, .leader, .centerDirector, .provinceMonitor])
            provinceWideRoles = [.provinceMonitor]
        case .serveQueue:
            granted = !actor.roles.isDisjoint(with: [.reception, .centerDirector])
            provinceWideRoles = []
        case .manageQueue:
            granted = !actor.roles.isDisjoint(with: [.administrator, .centerDirector])
            provinceWideRoles = [.administrator]
        case .readQueueStatistics:
            granted = !actor.roles.isDisjoint(with: [.administrator, .centerDirector, .leader, .provinceMonitor])
            provinceWideRoles = [.administrator, .provinceMonitor]
        case .handleFeedback:
            granted = !actor.roles.isDisjoint(with: [.reception, .hotline, .specialist, .leader, .centerDirector])
            provinceWideRoles = []
        case .readFeedback:
            granted = !actor.roles.isDisjoint(with: [.reception, .hotline, .specialist, .leader, .centerDirector, .provinceMonitor])
            provinceWideRoles = [.provinceMonitor]
        case .configureFeedback, .configureAlerts:
            granted = actor.roles.contains(.administrator) && actor.unitKind?.actsForProvince == true
            provinceWideRoles = [.administrator]
        case .readSatisfaction, .readStatistics:
            granted = !actor.roles.isDisjoint(with: [.administrator, .centerDirector, .leader, .provinceMonitor])
            provinceWideRoles = [.administrator, .provinceMonitor]
        case .readAudit:
            granted = !actor.roles.isDisjoint(with: [.administrator, .provinceMonitor])
            provinceWideRoles = [.administrator, .provinceMonitor]
        }
        guard granted else { return .nowhere }
        if actor.unitKind?.actsForProvince == true, !actor.roles.isDisjoint(with: provinceWideRoles) {
            return .province(provinceID)
        }
        return .unit(unitID)
    }

    /// Whether the actor may perform the action on a record of the given unit.
    public static func allows(_ actor: Actor, _ action: Action, in scope: UnitScope) -> Bool {
        switch reach(of: actor, for: action) {
        case .nowhere: false
        case .unit(let unitID): unitID == scope.unitID
        case .province(let provinceID): provinceID == scope.provinceID
        }
    }
}
