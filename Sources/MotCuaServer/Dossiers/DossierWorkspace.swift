import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// What waits for an officer, in boxes by the part they play, most urgent first; and a citizen's
/// own dossiers. Rows are read with one SQL query per box on the (unit, status, appointment) and
/// (assignee, status) indexes, so a unit with 100,000 dossiers answers as fast as a small one.
enum DossierWorkspace {
    enum Box: String, CaseIterable, Codable, Sendable {
        case toReceive = "to_receive"
        case awaitingSupplement = "awaiting_supplement"
        case awaitingPayment = "awaiting_payment"
        case toAssign = "to_assign"
        case toProcess = "to_process"
        case toApprove = "to_approve"
        case toReturn = "to_return"
        /// Dossiers other units transferred to this one (liên thông), to answer and send back.
        case transferredIn = "transferred_in"

        var label: String {
            switch self {
            case .toReceive: "Chờ tiếp nhận"
            case .awaitingSupplement: "Chờ bổ sung"
            case .awaitingPayment: "Chờ thực hiện nghĩa vụ tài chính"
            case .toAssign: "Chờ phân công"
            case .toProcess: "Đang thụ lý"
            case .toApprove: "Chờ phê duyệt"
            case .toReturn: "Chờ trả kết quả"
            case .transferredIn: "Liên thông đến đơn vị"
            }
        }

        var statuses: [DossierStatus] {
            switch self {
            case .toReceive: [.submitted]
            case .awaitingSupplement: [.supplementRequested]
            case .awaitingPayment: [.paymentRequested]
            case .toAssign: [.received]
            case .toProcess: [.processing, .transferred, .paymentRequested]
            case .toApprove: [.awaitingApproval]
            case .toReturn: [.resultReady]
            case .transferredIn: [.transferred]
            }
        }

        /// The boxes of a person, by role.
        static func of(_ principal: Principal) -> [Box] {
            let roles = principal.roles
            var boxes: [Box] = []
            if roles.contains(.reception) { boxes += [.toReceive, .awaitingSupplement, .awaitingPayment, .toReturn] }
            if roles.contains(.specialist) { boxes.append(.toProcess) }
            if !roles.isDisjoint(with: [.leader, .centerDirector]) { boxes += [.toAssign, .toApprove] }
            if !roles.isDisjoint(with: [.specialist, .leader, .centerDirector]) { boxes.append(.transferredIn) }
            return boxes.sorted { Box.allCases.firstIndex(of: $0)! < Box.allCases.firstIndex(of: $1)! }
        }
    }

    struct Row: Decodable {
        let id: UUID
        let code: String
        let status: String
        let procedureCode: String
        let procedureName: String
        let applicantName: String
        let submittedAt: Date
        let appointmentAt: Date?
        let assigneeName: String?

        enum CodingKeys: String, CodingKey {
            case id, code, status, procedureCode = "procedure_code", procedureName = "procedure_name", applicantName = "applicant_name"
            case submittedAt = "submitted_at", appointmentAt = "appointment_at", assigneeName = "assignee_name"
        }
    }

    static let columns = ["id", "code", "status", "procedure_code", "procedure_name", "applicant_name", "submitted_at", "appointment_at", "assignee_name"]

    /// One box of an officer, at most `limit` rows, the nearest appointment first (then the oldest
    /// registration).
    static func rows(_ box: Box, for principal: Principal, limit: Int = 200, on db: any Database) async throws -> [Row] {
        guard principal.isOfficer, let unitID = principal.actor.unitID, Box.of(principal).contains(box) else { return [] }
        // One indexed, ordered query per status (an IN list would sort every matching row), merged.
        var rows: [Row] = []
        for status in box.statuses {
            var query = (db as! any SQLDatabase).select().columns(columns.map { SQLColumn($0) }).from(Dossier.schema)
                .where("status", .equal, status.rawValue)
            switch box {
            case .toReceive, .awaitingSupplement, .awaitingPayment, .toReturn:
                query = query.where(SQLColumn("unit_id"), SQLBinaryOperator.equal, SQLBind(unitID))
            case .toProcess:
                query = query.where(SQLColumn("assignee_id"), SQLBinaryOperator.equal, SQLBind(principal.userID))
            case .toAssign, .toApprove:
                query = query.where(SQLColumn("handling_unit_id"), SQLBinaryOperator.equal, SQLBind(unitID))
            case .transferredIn:
                query = query.where(SQLColumn("transfer_unit_id"), SQLBinaryOperator.equal, SQLBind(unitID))
            }
            rows += try await query
                .orderBy(SQLColumn("appointment_at"), SQLDirection.ascending).orderBy(SQLColumn("submitted_at"), SQLDirection.ascending)
                .limit(limit).all(decoding: Row.self)
        }
        return Array(rows.sorted { ($0.appointmentAt ?? .distantFuture, $0.submittedAt) < ($1.appointmentAt ?? .distantFuture, $1.submittedAt) }
            .prefix(limit))
    }

    /// A citizen's own dossiers, newest first.
    static func own(by principal: Principal, limit: Int = 200, on db: any Database) async throws -> [Row] {
        try await (db as! any SQLDatabase).select().columns(columns.map { SQLColumn($0) }).from(Dossier.schema)
            .where(SQLColumn("applicant_user_id"), SQLBinaryOperator.equal, SQLBind(principal.userID))
            .orderBy(SQLColumn("submitted_at"), SQLDirection.descending).limit(limit).all(decoding: Row.self)
    }

    static func summaries(_ rows: [Row], now: Date, time: WorkingTime) -> [DossierSummaryDTO] {
        rows.map { row in
            let status = DossierStatus(rawValue: row.status) ?? .submitted
            let urgency = status.clockRuns ? row.appointmentAt.map { DossierClock.urgency(now: now, appointment: $0, time: time) } : nil
            return DossierSummaryDTO(id: row.id, code: row.code, status: status, statusLabel: status.label, procedureCode: row.procedureCode,
                                     procedureName: row.procedureName, applicantName: row.applicantName, submittedAt: row.submittedAt,
                                     appointmentAt: row.appointmentAt, assigneeName: row.assigneeName, urgency: urgency, urgencyLabel: urgency?.label)
        }.sorted { ($0.urgency ?? .onTrack, $0.appointmentAt ?? .distantFuture) < ($1.urgency ?? .onTrack, $1.appointmentAt ?? .distantFuture) }
    }

    /// The id of a dossier named by its UUID or its code.
    static func id(of reference: String, on db: any Database) async throws -> UUID? {
        if let id = UUID(uuidString: reference) { return id }
        guard !reference.isEmpty, reference.count <= 60 else { return nil }
        return try await Dossier.query(on: db).filter(\.$code == reference).field(\.$id).first()?.id
    }

    /// A dossier with everything its page and the API show, if the person may read it.
    static func detail(_ id: UUID?, for principal: Principal, on db: any Database) async throws -> (Dossier, [DossierEvent], [DossierAttachment]) {
        guard let id, let dossier = try await Dossier.find(id, on: db), DossierAccess.mayRead(principal, dossier) else {
            throw AppError.notFound("Không tìm thấy hồ sơ.")
        }
        return try await history(of: dossier, on: db)
    }

    /// A dossier already read, with its events and files.
    static func history(of dossier: Dossier, on db: any Database) async throws -> (Dossier, [DossierEvent], [DossierAttachment]) {
        let events = try await DossierEvent.query(on: db).filter(\.$dossier.$id == dossier.id!).sort(\.$occurredAt).all()
        let files = try await DossierAttachment.query(on: db).filter(\.$dossier.$id == dossier.id!).sort(\.$uploadedAt).all()
        return (dossier, events, files)
    }

    static func dto(_ dossier: Dossier, events: [DossierEvent], files: [DossierAttachment], for principal: Principal) -> DossierDTO {
        DossierDTO(dossier, events: events, files: files,
                   allowed: DossierWorkflow.actions(from: dossier.status, for: DossierAccess.parties(of: principal, for: dossier)))
    }
}
