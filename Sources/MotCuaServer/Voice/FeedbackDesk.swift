import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Handles feedback in the unit that holds it: classify, refuse, ask for information, route,
/// transfer, answer, approve, publish. Each action is one transaction with its update, audit line
/// and the sender's notice; a change by someone else in between makes it a conflict.
enum FeedbackDesk {
    /// The sender's contacts nobody proved: those typed in a public form or an application
    /// (unless the signed-in sender's account verified them); an officer's entry is trusted.
    static func unverifiedContacts(of item: FeedbackItem, on db: any Database) async throws -> Set<OutboxMessage.Channel> {
        guard item.channel == .web || item.channel == .open311 else { return [] }
        return try await ContactTrust.unverified(phone: item.senderPhone, email: item.senderEmail, account: item.senderUserID, on: db)
    }

    /// The due moments of an item with the province's limits and the holding unit's hours.
    static func clock(for item: FeedbackItem, unit: OrgUnit, urgent: Bool, pauses: [(from: Date, to: Date)], approvedAt: Date?,
                      on db: any Database) async throws -> FeedbackClock {
        let deadlines = try await FeedbackSettings.deadlines(of: item.$province.id, on: db)
        let time = try await CalendarService.workingTime(around: [item.submittedAt, approvedAt ?? item.submittedAt], unit: unit, on: db)
        do {
            return try FeedbackClock(calculator: DeadlineCalculator(time: time), deadlines: deadlines, urgent: urgent,
                                     receivedAt: item.submittedAt, pauses: pauses, approvedAt: approvedAt)
        } catch {
            throw AppError.badRequest("Không tính được thời hạn theo lịch làm việc.")
        }
    }

    static func apply(_ clock: FeedbackClock, to item: FeedbackItem) {
        item.receptionDueAt = clock.receptionDue
        item.firstInfoDueAt = clock.firstInfoRequestDue
        item.answerDueAt = clock.answerDue
        item.publishDueAt = clock.publishDue
    }

    /// The parts the person plays for the item. `secretVerified`: the sender's follow-up secret was given.
    static func parties(of principal: Principal?, for item: FeedbackItem, secretVerified: Bool = false,
                        on db: any Database) async throws -> Set<FeedbackWorkflow.Party> {
        var parties: Set<FeedbackWorkflow.Party> = []
        if secretVerified || (principal?.isCitizen == true && principal?.userID == item.senderUserID) { parties.insert(.sender) }
        guard let principal, principal.isOfficer, principal.actor.unitID == item.$unit.id,
              principal.may(.handleFeedback, in: UnitScope(unitID: item.$unit.id, provinceID: item.$province.id))
        else { return parties }
        let roles = principal.roles
        if !roles.isDisjoint(with: [.reception, .hotline, .centerDirector]) { parties.insert(.receiver) }
        if !roles.isDisjoint(with: [.leader, .centerDirector]) { parties.insert(.leader) }
        if let department = item.departmentID, try await User.find(principal.userID, on: db)?.$department.id == department {
            parties.insert(.department)
        }
        return parties
    }

    /// Officers who may read the item: its unit's feedback handlers and the province's monitors.
    static func mayRead(_ principal: Principal, _ item: FeedbackItem) -> Bool {
        principal.may(.readFeedback, in: UnitScope(unitID: item.$unit.id, provinceID: item.$province.id))
    }

    static func item(_ id: UUID?, readableBy principal: Principal, on db: any Database) async throws -> FeedbackItem {
        guard let id, let item = try await FeedbackItem.find(id, on: db), mayRead(principal, item) else {
            throw AppError.notFound("Không tìm thấy phản ánh, kiến nghị.")
        }
        return item
    }

    /// The item whose code and follow-up secret the sender holds.
    static func item(code rawCode: String, secret: String?, on db: any Database) async throws -> (item: FeedbackItem, verified: Bool) {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 40, let item = try await FeedbackItem.query(on: db).filter(\.$code == code).first() else {
            throw AppError.notFound("Không tìm thấy phản ánh có mã “\(rawCode.prefix(40))”.")
        }
        let verified = secret.map { !$0.isEmpty && CSRF.matches(ContentAddress.sha256(Data($0.utf8)), item.secretHash) } ?? false
        return (item, verified)
    }

    /// Performs `action` on the item as `principal` (or as its sender holding the secret).
    static func act(_ action: FeedbackAction, on item: FeedbackItem, _ input: FeedbackActionInput, principal: Principal?,
                    secretVerified: Bool = false, in context: ActionContext) async throws -> FeedbackItem {
        let db = context.db
        let now = context.now
        let parties = try await parties(of: principal, for: item, secretVerified: secretVerified, on: db)
        guard !parties.isEmpty else { throw AppError.forbidden("Ông/bà không xử lý phản ánh \(item.code).") }
        guard let party = FeedbackWorkflow.party(for: action, from: item.status, among: parties),
              let target = FeedbackWorkflow.target(of: action, from: item.status, by: party)
        else { throw AppError.conflict("Không thể “\(action.label.lowercased())” khi phản ánh đang ở trạng thái “\(item.status.label)”.") }
        if let seen = input.version, seen != item.version {
            throw AppError.conflict("Phản ánh \(item.code) vừa được người khác xử lý. Vui lòng tải lại trang.")
        }
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if action.needsNote, note.count < 3 { problems.append(.init(field: "note", message: "Ghi rõ nội dung (ít nhất 3 ký tự).")) }
        if note.count > 4_000 { problems.append(.init(field: "note", message: "Nội dung dài quá 4.000 ký tự.")) }
        let actorName = principal?.fullName ?? item.senderName ?? "Người gửi"
        var publicNote: String?
        var notice: String?
        var newUnit: OrgUnit?
        let unit = try await OrgUnit.find(item.$unit.id, on: db)!
        let before = item.status
        let sentBy = item.senderName.map { [$0] } ?? []

        switch action {
        case .classify:
            guard let kind = FeedbackKind(rawValue: input.kind ?? "") else {
                problems.append(.init(field: "kind", message: "Chọn loại phản ánh."))
                break
            }
            item.kind = kind
            let urgent = input.urgent ?? false
            if urgent != item.urgent {
                item.urgent = urgent
                apply(try await clock(for: item, unit: unit, urgent: urgent, pauses: item.pauses, approvedAt: item.approvedAt, on: db), to: item)
            }
            if item.decidedAt == nil { item.decidedAt = now }
            if before == .submitted { publicNote = "Đã tiếp nhận, đang xử lý." }
        case .refuse:
            item.closedAt = now
            if item.decidedAt == nil { item.decidedAt = now }
            publicNote = "Từ chối tiếp nhận. Lý do: \(note)"
            notice = "Phản ánh \(item.code) không được tiếp nhận. Lý do: \(note)"
        case .requestInfo:
            item.pausedFrom = item.status
            item.pauseStartedAt = now
            if item.firstInfoRequestAt == nil { item.firstInfoRequestAt = now }
            publicNote = "Đề nghị bổ sung thông tin: \(note)"
            notice = "Phản ánh \(item.code) cần bổ sung thông tin: \(note)"
        case .infoReceived:
            var pauses = item.pauses
            if let start = item.pauseStartedAt { pauses.append((start, now)) }
            item.setPauses(pauses)
            item.pauseStartedAt = nil
            apply(try await clock(for: item, unit: unit, urgent: item.urgent, pauses: pauses, approvedAt: item.approvedAt, on: db), to: item)
            publicNote = "Đã nhận thông tin bổ sung."
        case .route:
            guard let departmentID = input.departmentID,
                  let department = try await Department.find(departmentID, on: db), department.$unit.id == item.$unit.id
            else {
                problems.append(.init(field: "departmentID", message: "Chọn phòng, ban của đơn vị."))
                break
            }
            item.departmentID = departmentID
            if item.decidedAt == nil { item.decidedAt = now }
            publicNote = before == .submitted ? "Đã tiếp nhận, đang xử lý." : nil
            _ = department
        case .transfer:
            let agency = (input.agency ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let code = (input.unitCode ?? "").trimmingCharacters(in: .whitespaces)
            if !code.isEmpty {
                guard let target = try await OrgUnit.query(on: db).filter(\.$code == String(code.prefix(40)))
                    .filter(\.$province.$id == item.$province.id).filter(\.$isActive == true).first(), target.id != item.$unit.id
                else {
                    problems.append(.init(field: "unitCode", message: "Chọn đơn vị khác trong tỉnh."))
                    break
                }
                newUnit = target
                publicNote = "Chuyển đến \(target.name) xử lý."
            } else if (3...200).contains(agency.count) {
                item.transferAgency = agency
                item.closedAt = now
                publicNote = "Chuyển đến \(agency) là cơ quan có thẩm quyền xử lý."
                notice = "Phản ánh \(item.code) đã được chuyển đến \(agency) là cơ quan có thẩm quyền xử lý."
            } else {
                problems.append(.init(field: "unitCode", message: "Chọn đơn vị trong tỉnh, hoặc ghi tên cơ quan có thẩm quyền (3–200 ký tự)."))
            }
            if item.decidedAt == nil { item.decidedAt = now }
        case .submitAnswer:
            item.draftAnswer = note
            item.answeredBy = actorName
        case .approve:
            let answer = (input.answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let final = answer.isEmpty ? (item.draftAnswer ?? "") : answer
            if final.count < 3 || final.count > 8_000 { problems.append(.init(field: "answer", message: "Câu trả lời phải có 3–8.000 ký tự.")) }
            item.answer = final
            item.approvedAt = now
            apply(try await clock(for: item, unit: unit, urgent: item.urgent, pauses: item.pauses, approvedAt: now, on: db), to: item)
        case .sendBack:
            break
        case .publish:
            let question = PersonalDataRedaction.redact(text(input.publicQuestion) ?? item.description, names: sentBy)
            let answer = PersonalDataRedaction.redact(text(input.publicAnswer) ?? item.answer ?? "", names: sentBy)
            if question.count > 4_000 || answer.count > 8_000 || answer.count < 3 {
                problems.append(.init(field: "publicAnswer", message: "Nội dung công khai: câu hỏi tối đa 4.000, câu trả lời 3–8.000 ký tự."))
            }
            item.publicQuestion = question
            item.publicAnswer = answer
            item.searchText = VietnameseText.fold(question + " " + answer + " " + item.categoryName)
            item.publishedAt = now
            item.closedAt = now
            publicNote = "Đã công khai câu trả lời."
            notice = "Phản ánh \(item.code) đã có câu trả lời, được công khai tại trang trả lời phản ánh, kiến nghị."
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }

        item.status = action == .transfer ? (newUnit == nil ? .transferredOut : .submitted)
            : FeedbackWorkflow.resolve(target, current: item.status, pausedFrom: item.pausedFrom)
        if action == .infoReceived { item.pausedFrom = nil }
        if let newUnit {
            item.$unit.id = newUnit.id!
            item.departmentID = nil
        }
        item.updatedAt = now
        let seenVersion = item.version
        item.version += 1
        let update = FeedbackUpdate(feedback: item, action: action.rawValue, note: note, publicNote: publicNote, actorName: actorName, at: now)
        let audit = context.audit
        let base = context.messageBaseURL
        let unverified = try await Self.unverifiedContacts(of: item, on: db)
        let (movedTo, message) = (newUnit, notice)
        try await db.transaction { db in
            let claimed = try await (db as! any SQLDatabase).raw("""
                UPDATE feedback_items SET version = \(bind: seenVersion + 1) WHERE id = \(bind: item.id!) AND version = \(bind: seenVersion) RETURNING id
                """).first()
            guard claimed != nil else { throw AppError.conflict("Phản ánh \(item.code) vừa được người khác xử lý. Vui lòng tải lại trang.") }
            try await item.save(on: db)
            try await update.create(on: db)
            try await audit.record(.feedbackChanged, on: db, entityType: "feedback", entityID: item.id, scope: (item.$province.id, unit.id),
                                   summary: "\(action.label) phản ánh \(item.code): \(before.label) → \(item.status.label)"
                                       + (movedTo.map { " (\($0.name))" } ?? ""))
            if let notice = message {
                for message in OutboxMessage.toPerson(name: item.senderName, email: item.senderEmail, phone: item.senderPhone,
                                                      subject: "Phản ánh \(item.code): \(action.label.lowercased())", text: notice,
                                                      footer: "Xem: " + base + SiteURL.feedbackFollow(.value(item.code)).path, key: update.id!,
                                                      unverified: unverified, at: now) {
                    try await message.create(on: db)
                }
            }
        }
        return item
    }

    private static func text(_ raw: String?) -> String? {
        let trimmed = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
