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
    static let oneStop = "Bộ phận một cửa"

    /// `loaded`: the dossier as the caller has just read or written it (saves reading it again).
    static func perform(_ action: DossierAction, on id: UUID, _ input: DossierActionInput, by principal: Principal,
                        request req: Request, loaded: Dossier? = nil) async throws -> Dossier {
        let db = req.db
        let found = if let loaded, loaded.id == id { loaded } else { try await Dossier.find(id, on: db) }
        guard let seen = found, DossierAccess.mayRead(principal, seen) else {
            throw AppError.notFound("Không tìm thấy hồ sơ.")
        }
        let parties = DossierAccess.parties(of: principal, for: seen)
        guard let party = DossierWorkflow.party(for: action, from: seen.status, among: parties) else {
            throw refusal(action, seen, parties: parties, principal: principal)
        }
        guard input.version == seen.version else { throw staleVersion(seen) }
        let now = req.now
        let plan = try await Plan.make(action, input, seen: seen, party: party, principal: principal, now: now, on: db)
        let audit = req.audit
        let trackingURL = DossierTracking.url(req)
        return try await db.transaction { db in
            let claimed = try await (db as! any SQLDatabase).raw("""
                UPDATE dossiers SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: input.version) RETURNING version
                """).first()
            // Every change bumps the version, so a successful claim means the row is still what was read.
            guard claimed != nil else { throw staleVersion(seen) }
            let dossier = seen
            dossier.version += 1
            let before = dossier.status
            let target = DossierWorkflow.target(of: action, from: before, by: party)!
            let event = DossierEvent(dossierID: id, at: now, action: action.rawValue, from: before,
                                     actorID: principal.userID, actorName: principal.fullName, note: plan.note)
            try plan.apply(to: dossier, event: event, target: target)
            event.toStatus = dossier.status
            let routing = action == .accept ? plan.routedTo.map { route(dossier, to: $0, now: now, time: plan.time) } : nil
            dossier.updatedAt = now
            try await dossier.update(on: db)
            try await event.create(on: db)
            try await audit.record(.dossierChanged, on: db, entityType: "dossier", entityID: id,
                                   scope: (dossier.$province.id, dossier.$unit.id),
                                   summary: "\(action.label) hồ sơ \(dossier.code): \(before.label) → \(event.toStatus.label)"
                                       + (plan.note.isEmpty ? "" : ". \(plan.note)"))
            try await DossierNotices.queue(for: action.rawValue, dossier: dossier, eventID: event.id!, note: plan.note,
                                           trackingURL: trackingURL(dossier.code), at: now, on: db)
            if let routing {
                try await routing.create(on: db)
                try await AuditTrail(context: .init(actorID: nil, actorName: routing.actorName, requestID: audit.context.requestID,
                                                   clientAddress: audit.context.clientAddress, now: now))
                    .record(.dossierChanged, on: db, entityType: "dossier", entityID: id, scope: (dossier.$province.id, dossier.$unit.id),
                            summary: "Phân công hồ sơ \(dossier.code) cho \(dossier.assigneeName ?? "")")
            }
            return dossier
        }
    }

    /// After acceptance the dossier goes straight to the specialist routing found: a hand-over by
    /// the system, saved with the acceptance (its own event and version step).
    private static func route(_ dossier: Dossier, to specialist: User, now: Date, time: WorkingTime) -> DossierEvent {
        // A millisecond after acceptance, so the timeline keeps its order.
        let event = DossierEvent(dossierID: dossier.id!, at: now.addingTimeInterval(0.001), action: DossierAction.assign.rawValue,
                                 from: dossier.status, actorID: nil, actorName: "Hệ thống (phân công theo lĩnh vực)",
                                 note: "Chuyển \(specialist.fullName) thụ lý")
        Plan.handOver(dossier, event: event, to: "Chuyên viên \(specialist.fullName)", now: now, time: time)
        dossier.status = .processing
        dossier.assigneeID = specialist.id
        dossier.assigneeName = specialist.fullName
        dossier.version += 1
        event.toStatus = .processing
        return event
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
            return AppError.forbidden("Hồ sơ \(dossier.code) không được giao cho bạn.")
        }
        return AppError.forbidden("Bạn không có quyền “\(action.label.lowercased())” đối với hồ sơ \(dossier.code).")
    }
}
