import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Registering a dossier: validates the application, takes the procedure version of the day,
/// issues the dossier code, and records it with its first event and audit line in one transaction.
/// The code is issued at registration (online too), so the applicant can follow the dossier from
/// the first minute; the appointment comes with acceptance.
///
/// At the counter the officer's checklist decides in the same transaction: every document received
/// accepts the dossier (Mẫu 01), a missing one asks for it (Mẫu 02). The checklist and the queue
/// ticket served are kept with the dossier.
enum DossierIntake {
    /// What the counter adds to an application: the documents ticked as received (their positions
    /// in the procedure's list) and the queue ticket being served.
    struct CounterDetails {
        var receivedDocuments: Set<Int>?
        var ticketID: UUID?
    }

    static func register(_ input: ApplicationInput, by principal: Principal, requestKey: DossierRequestKey? = nil,
                         counter: CounterDetails = .init(), in context: ActionContext) async throws -> Registration {
        let db = context.db
        guard let unit = try await OrgUnit.query(on: db).filter(\.$code == input.unitCode.trimmingCharacters(in: .whitespaces)).first(),
              unit.isActive
        else { throw AppError.invalid([.init(field: "unitCode", message: "Không có đơn vị tiếp nhận mã “\(input.unitCode)”.")]) }
        let channel: SubmissionChannel
        if principal.isCitizen {
            channel = .online
        } else {
            guard principal.roles.contains(.reception), principal.may(.handleDossiers, in: unit.scope) else {
                throw AppError.forbidden("Chỉ cán bộ một cửa của đơn vị tiếp nhận hồ sơ tại quầy.")
            }
            channel = input.channel == .post ? .post : .counter
        }
        var problems: [FieldProblem] = []
        let current = try await ProcedureCatalogue.current(code: input.procedureCode.trimmingCharacters(in: .whitespaces),
                                                           provinceID: unit.$province.id, on: db)
        let procedure = current?.0
        if let procedure {
            let received = try await UnitProcedure.query(on: db).filter(\.$unit.$id == unit.id!)
                .filter(\.$procedure.$id == procedure.id!).count() > 0
            if !received { problems.append(.init(field: "procedureCode", message: "\(unit.name) chưa tiếp nhận thủ tục \(procedure.code).")) }
        } else {
            problems.append(.init(field: "procedureCode", message: "Không có thủ tục mã “\(input.procedureCode)” trong danh mục."))
        }
        let name = input.applicantName.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(2...200).contains(name.count) { problems.append(.init(field: "applicantName", message: "Ghi họ tên người nộp (2–200 ký tự).")) }
        let phone = PhoneNumber(input.applicantPhone)
        if phone == nil { problems.append(.init(field: "applicantPhone", message: "Số điện thoại chưa đúng (ví dụ 0912345678).")) }
        let rawEmail = (input.applicantEmail ?? "").trimmingCharacters(in: .whitespaces)
        let email = rawEmail.isEmpty ? nil : EmailAddress(rawEmail)
        if !rawEmail.isEmpty, email == nil { problems.append(.init(field: "applicantEmail", message: "Địa chỉ thư điện tử chưa đúng.")) }
        let rawID = (input.applicantIDNumber ?? "").trimmingCharacters(in: .whitespaces)
        var idNumber: String?
        if !rawID.isEmpty {
            do { idNumber = try CitizenIDNumber(rawID, currentYear: VietnameseFormat.year(of: context.now)).digits } catch {
                problems.append(.init(field: "applicantIDNumber", message: error.message))
            }
        }
        let address = input.applicantAddress.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(3...500).contains(address.count) { problems.append(.init(field: "applicantAddress", message: "Ghi địa chỉ (3–500 ký tự).")) }
        let summary = (input.requestSummary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.count > 2_000 { problems.append(.init(field: "requestSummary", message: "Nội dung yêu cầu dài quá 2.000 ký tự.")) }
        if input.accept == true || counter.receivedDocuments != nil || counter.ticketID != nil, principal.isCitizen {
            problems.append(.init(field: "accept", message: "Hồ sơ trực tuyến do Bộ phận một cửa kiểm tra và tiếp nhận."))
        }
        var ticket: QueueTicket?
        if let ticketID = counter.ticketID {
            ticket = try await QueueTicket.query(on: db).filter(\.$id == ticketID).filter(\.$unit.$id == unit.id!).first()
            if ticket == nil { problems.append(.init(field: "ticket", message: "Số thứ tự không thuộc \(unit.name).")) }
        }
        guard problems.isEmpty, let procedure, let version = current?.1, let phone else { throw AppError.invalid(problems) }
        let checklist = try counter.receivedDocuments.map { IntakeChecklist(documents: try version.content().documents, received: $0) }

        let now = context.now
        var unverified: Set<OutboxMessage.Channel> = []
        if principal.isCitizen {
            // Online: a cap per account, and messages only to contacts the account has proved.
            let cap = context.config.onlineDossiersPerDay
            if cap > 0, !(try await RateLimit.take("online-dossiers:\(principal.userID)", limit: cap, window: 86_400, now: now, on: db)) {
                throw AppError(status: .tooManyRequests, detail: "Tài khoản đã nộp \(cap) hồ sơ trực tuyến trong ngày. Vui lòng nộp tiếp vào ngày mai hoặc tại bộ phận một cửa.")
            }
            unverified = try await ContactTrust.unverified(phone: phone.national, email: email?.value, account: principal.userID, on: db)
        }
        let dossier = Dossier(unit: unit, procedure: procedure, version: version)
        dossier.phoneUnverified = unverified.contains(.sms) ? true : nil
        dossier.emailUnverified = unverified.contains(.email) ? true : nil
        dossier.lifecycle = DossierLifecycle.State()
        dossier.channel = channel
        dossier.resultDelivery = input.resultDelivery ?? .counter
        dossier.applicantName = name
        dossier.applicantIDNumber = idNumber
        dossier.applicantPhone = phone.national
        dossier.applicantEmail = email?.value
        dossier.applicantAddress = address
        dossier.applicantUserID = principal.isCitizen ? principal.userID : nil
        dossier.queueTicketID = ticket?.id
        dossier.queueTicketCode = ticket?.code
        dossier.requestSummary = summary.isEmpty ? procedure.name : summary
        dossier.submittedAt = now
        dossier.fileCount = 0
        dossier.tallyPending = true
        dossier.version = 1
        dossier.updatedAt = now
        // Deciding at once (at the counter): accepted, or a supplement asked for what the checklist
        // misses. Planned before the transaction, a millisecond after registration so the timeline
        // keeps its order, and saved with the registration.
        let decision: (action: DossierAction, note: String?)? = switch (checklist, input.accept) {
        case let (list?, _) where !list.isEmpty: list.isComplete ? (.accept, nil) : (.requestSupplement, list.supplementNote)
        case (_, true?): (.accept, nil)
        default: nil
        }
        var planned: (party: DossierWorkflow.Party, plan: DossierDesk.Plan)?
        if let decision {
            let party = try DossierDesk.party(for: decision.action, on: dossier, principal: principal)
            planned = (party, try await DossierDesk.Plan.make(decision.action, DossierActionInput(version: dossier.version, note: decision.note),
                                                              seen: dossier, now: now.addingTimeInterval(0.001), knownUnit: unit, on: db))
        }
        let firstAction = planned
        let documents = (checklist?.items ?? []).enumerated().map { DossierDocument(dossierID: dossier.id!, position: $0.offset, item: $0.element, at: now) }
        let format = context.config.dossierCodeFormat
        let audit = context.audit
        let trackingURL = DossierTracking.url(base: context.messageBaseURL)
        let records = try await db.transaction { db in
            dossier.code = try await DossierCodeCounter.next(unitID: unit.id!, unitCode: unit.code, at: now, format: format, on: db)
            let event = DossierEvent(dossierID: dossier.id!, at: now, action: "submit", from: nil, to: .submitted, actorID: principal.userID,
                                     actorName: principal.fullName, note: "\(channel.label): \(dossier.requestSummary)")
            var records = DossierRecords(events: [event])
            records.audits.append(try audit.line(.dossierSubmitted, entityType: "dossier", entityID: dossier.id, scope: (unit.$province.id, unit.id),
                                                 summary: "Đăng ký hồ sơ \(dossier.code) – \(procedure.code)"))
            records.messages = DossierNotices.messages(for: "submit", dossier: dossier, eventID: event.id!, note: "",
                                                       trackingURL: trackingURL(dossier.code), at: now)
            if let firstAction {
                records += try DossierDesk.change(dossier, plan: firstAction.plan, party: firstAction.party, principal: principal,
                                                  audit: audit, trackingURL: trackingURL)
            }
            try await requestKey?.claim(for: dossier.id!, at: now, on: db)
            try await dossier.create(on: db)
            if !documents.isEmpty { try await documents.create(on: db) }
            try await records.save(on: db)
            return records
        }
        return Registration(dossier: dossier, events: records.events)
    }

    /// A registered dossier and its timeline so far.
    struct Registration {
        let dossier: Dossier
        let events: [DossierEvent]
    }
}
