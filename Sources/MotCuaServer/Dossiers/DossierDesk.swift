import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Performs actions on dossiers. Each action is checked against `DossierWorkflow` for the person's
/// parties, then done in one transaction that first claims the version the person saw (so of two
/// officers acting at once exactly one wins), changes the dossier, and writes its event, its audit
/// line and the applicant's notices.
enum DossierDesk {
    /// `loaded`: the dossier as the caller has just read or written it (saves reading it again).
    static func perform(_ action: DossierAction, on id: UUID, _ input: DossierActionInput, by principal: Principal,
                        in context: ActionContext, loaded: Dossier? = nil) async throws -> Dossier {
        let db = context.db
        let found = if let loaded, loaded.id == id { loaded } else { try await Dossier.find(id, on: db) }
        guard let seen = found, DossierAccess.mayRead(principal, seen) else {
            throw AppError.notFound("Không tìm thấy hồ sơ.")
        }
        let party = try party(for: action, on: seen, principal: principal)
        guard input.version == seen.version else { throw staleVersion(seen) }
        let plan = try await Plan.make(action, input, seen: seen, now: context.now, on: db)
        let audit = context.audit
        let trackingURL = DossierTracking.url(base: context.messageBaseURL)
        return try await db.transaction { db in
            // The claim also marks the dossier for the statistics tallies (`TallyWorker`).
            let claimed = try await (db as! any SQLDatabase).raw("""
                UPDATE dossiers SET version = version + 1, tally_pending = TRUE WHERE id = \(bind: id) AND version = \(bind: input.version) RETURNING version
                """).first()
            // Every change bumps the version, so a successful claim means the row is still what was read.
            guard claimed != nil else { throw staleVersion(seen) }
            let records = try change(seen, plan: plan, party: party, principal: principal, audit: audit, trackingURL: trackingURL)
            try await seen.update(on: db)
            try await records.save(on: db)
            return seen
        }
    }

    /// The party the person acts as for `action` on the dossier in its present status, or the
    /// reason they may not.
    static func party(for action: DossierAction, on dossier: Dossier, principal: Principal) throws -> DossierWorkflow.Party {
        let parties = DossierAccess.parties(of: principal, for: dossier)
        guard let party = DossierWorkflow.party(for: action, from: dossier.status, among: parties) else {
            throw refusal(action, dossier, parties: parties, principal: principal)
        }
        return party
    }

    /// Applies a planned action to the dossier in memory (through `DossierLifecycle`: status,
    /// fields; then the version) and returns the records the change writes; acceptance also hands
    /// the dossier to the specialist routing found, as the system acting for the leader. No I/O:
    /// the caller saves the dossier and the records in one transaction.
    static func change(_ dossier: Dossier, plan: Plan, party: DossierWorkflow.Party, principal: Principal,
                       audit: AuditTrail, trackingURL: (String) -> String) throws -> DossierRecords {
        let lifecycle = dossier.lifecycle(in: plan.time)
        let state: DossierLifecycle.State, entry: DossierLifecycle.Entry
        do {
            (state, entry) = try lifecycle.perform(plan.move, on: dossier.lifecycle, by: party, at: plan.now)
        } catch {
            throw AppError.conflict("Hồ sơ \(dossier.code) đang ở trạng thái “\(dossier.status.label)”, không thể “\(plan.action.label.lowercased())”.")
        }
        dossier.lifecycle = state
        dossier.version += 1
        dossier.updatedAt = plan.now
        let event = DossierEvent(dossierID: dossier.id!, entry, actorID: principal.userID, actorName: principal.fullName, note: plan.note)
        let scope = (dossier.$province.id, dossier.$unit.id)
        var records = DossierRecords(events: [event])
        records.audits.append(try audit.line(.dossierChanged, entityType: "dossier", entityID: dossier.id, scope: scope,
                                             summary: "\(plan.action.label) hồ sơ \(dossier.code): \(entry.from.label) → \(entry.to.label)"
                                                 + (plan.note.isEmpty ? "" : ". \(plan.note)")))
        records.messages = DossierNotices.messages(for: plan.action.rawValue, dossier: dossier, eventID: event.id!, note: plan.note,
                                                   trackingURL: trackingURL(dossier.code), at: plan.now)
        // A millisecond after acceptance, so the timeline keeps its order; its own version step.
        if case .accept = plan.move, let specialist = plan.routedTo,
           let (routed, routing) = try? lifecycle.perform(.assign(.init(id: specialist.id, name: specialist.fullName)), on: state, by: .leader,
                                                          at: plan.now.addingTimeInterval(0.001)) {
            dossier.lifecycle = routed
            dossier.version += 1
            records.events.append(DossierEvent(dossierID: dossier.id!, routing, actorID: nil, actorName: "Hệ thống (phân công theo lĩnh vực)",
                                               note: "Chuyển \(specialist.fullName) thụ lý"))
            records.audits.append(try AuditTrail(context: .init(actorID: nil, actorName: "Hệ thống (phân công theo lĩnh vực)",
                                                                requestID: audit.context.requestID,
                                                                clientAddress: audit.context.clientAddress, now: audit.context.now))
                .line(.dossierChanged, entityType: "dossier", entityID: dossier.id, scope: scope,
                      summary: "Phân công hồ sơ \(dossier.code) cho \(specialist.fullName)"))
        }
        return records
    }

    static func staleVersion(_ dossier: Dossier) -> AppError {
        AppError.conflict("Hồ sơ \(dossier.code) vừa được người khác cập nhật. Tải lại trang để xem trạng thái mới rồi thực hiện lại.")
    }

    private static func refusal(_ action: DossierAction, _ dossier: Dossier, parties: Set<DossierWorkflow.Party>, principal: Principal) -> AppError {
        let couldElsewhere = DossierStatus.allCases.contains { DossierWorkflow.party(for: action, from: $0, among: parties) != nil }
        if couldElsewhere {
            return AppError.conflict("Hồ sơ \(dossier.code) đang ở trạng thái “\(dossier.status.label)”, không thể “\(action.label.lowercased())”.")
        }
        if principal.roles.contains(.specialist), dossier.assigneeID != principal.userID,
           DossierWorkflow.rules.contains(where: { $0.action == action && $0.parties.contains(.specialist) }) {
            return AppError.forbidden("Hồ sơ \(dossier.code) không được giao cho ông/bà.")
        }
        return AppError.forbidden("Ông/bà không có quyền “\(action.label.lowercased())” đối với hồ sơ \(dossier.code).")
    }
}
