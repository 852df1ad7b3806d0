import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// The read side of feedback: what the sender follows, the unit's inbox and item page, and the
/// public answers.
enum FeedbackReading {
    // MARK: The sender

    static func tracking(_ item: FeedbackItem, verified: Bool, on db: any Database) async throws -> FeedbackTrackingDTO {
        let updates = try await FeedbackUpdate.query(on: db).filter(\.$feedback.$id == item.id!).sort(\.$occurredAt).all()
        let unit = try await OrgUnit.find(item.$unit.id, on: db)
        let published = item.status == .published
        return FeedbackTrackingDTO(
            code: item.code, categoryName: item.categoryName, unitName: unit?.name ?? "", status: item.status, statusLabel: item.status.publicLabel,
            submittedAt: item.submittedAt, answerDueAt: item.answerDueAt, detailsShown: verified,
            description: verified ? item.description : nil,
            timeline: updates.compactMap { update in
                guard let note = update.publicNote else { return nil }
                // Reasons and requests are for the sender only; everyone else reads the status.
                return FeedbackStepDTO(at: update.occurredAt, status: update.status, text: verified ? note : update.status.publicLabel)
            },
            publicQuestion: published ? item.publicQuestion : nil, publicAnswer: published ? item.publicAnswer : nil,
            publishedAt: item.publishedAt, mayAddInformation: verified && item.status == .infoRequested)
    }

    // MARK: The unit

    /// Inbox boxes: what waits for whom.
    enum Box: String, CaseIterable, Sendable {
        case new
        case processing
        case approval
        case publish
        case late
        case closed

        var label: String {
            switch self {
            case .new: "Chờ tiếp nhận, bổ sung"
            case .processing: "Đang xử lý"
            case .approval: "Chờ duyệt"
            case .publish: "Chờ công khai"
            case .late: "Quá hạn"
            case .closed: "Đã kết thúc"
            }
        }

        var statuses: [FeedbackStatus] {
            switch self {
            case .new: [.submitted, .infoRequested]
            case .processing: [.received, .processing]
            case .approval: [.awaitingApproval]
            case .publish: [.answered]
            case .late: Array(FeedbackWorkflow.open)
            case .closed: [.published, .refused, .transferredOut]
            }
        }
    }

    static let pageSize = 50

    static func inbox(_ box: Box, units: [OrgUnit], now: Date, on db: any Database) async throws -> [FeedbackRowDTO] {
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
        let query = FeedbackItem.query(on: db).filter(\.$unit.$id ~~ Array(names.keys)).filter(\.$status ~~ box.statuses)
        if box == .late {
            query.group(.or) { late in
                late.group(.and) { $0.filter(\.$decidedAt == nil).filter(\.$receptionDueAt < now) }
                late.group(.and) { $0.filter(\.$approvedAt == nil).filter(\.$status != .infoRequested).filter(\.$answerDueAt < now) }
                late.group(.and) { $0.filter(\.$publishedAt == nil).filter(\.$publishDueAt < now) }
            }
        }
        let items = try await query.sort(\.$urgent, .descending).sort(\.$submittedAt, box == .closed ? .descending : .ascending)
            .limit(pageSize).all()
        return items.map { row($0, unitName: names[$0.$unit.id] ?? "", now: now) }
    }

    static func row(_ item: FeedbackItem, unitName: String, now: Date) -> FeedbackRowDTO {
        FeedbackRowDTO(id: item.id!, code: item.code, categoryName: item.categoryName, unitName: unitName, status: item.status,
                       statusLabel: item.status.label, kind: item.kind, urgent: item.urgent, channel: item.channel, submittedAt: item.submittedAt,
                       answerDueAt: item.answerDueAt, late: item.late(now: now),
                       summary: item.description.count > 140 ? String(item.description.prefix(140)) + "…" : item.description)
    }

    /// Counts per box for the tabs.
    static func counts(units: [OrgUnit], now: Date, on db: any Database) async throws -> [Box: Int] {
        var counts: [Box: Int] = [:]
        let ids = units.compactMap(\.id)
        for box in Box.allCases where box != .late && box != .closed {
            counts[box] = try await FeedbackItem.query(on: db).filter(\.$unit.$id ~~ ids).filter(\.$status ~~ box.statuses).count()
        }
        return counts
    }

    static func detail(_ item: FeedbackItem, for principal: Principal, now: Date, on db: any Database) async throws -> FeedbackDetailDTO {
        let parties = try await FeedbackDesk.parties(of: principal, for: item, on: db)
        let unit = try await OrgUnit.find(item.$unit.id, on: db)
        let department = if let id = item.departmentID { try await Department.find(id, on: db) } else { Department?.none }
        let updates = try await FeedbackUpdate.query(on: db).filter(\.$feedback.$id == item.id!).sort(\.$occurredAt).all()
        let files = try await FeedbackAttachment.query(on: db).filter(\.$feedback.$id == item.id!).sort(\.$uploadedAt).all()
        let names = item.senderName.map { [$0] } ?? []
        return FeedbackDetailDTO(
            id: item.id!, code: item.code, version: item.version, unitCode: unit?.code ?? "", unitName: unit?.name ?? "",
            departmentID: item.departmentID, departmentName: department?.name, categoryCode: item.categoryCode, categoryName: item.categoryName,
            status: item.status, statusLabel: item.status.label, kind: item.kind, urgent: item.urgent, channel: item.channel,
            enteredBy: item.enteredBy, description: item.description, address: item.address, latitude: item.latitude, longitude: item.longitude,
            attributes: item.attributeValues, senderName: item.senderName, senderPhone: item.senderPhone, senderEmail: item.senderEmail,
            submittedAt: item.submittedAt, receptionDueAt: item.receptionDueAt, firstInfoDueAt: item.firstInfoDueAt, answerDueAt: item.answerDueAt,
            publishDueAt: item.publishDueAt, late: item.late(now: now), draftAnswer: item.draftAnswer, answer: item.answer,
            answeredBy: item.answeredBy, suggestedPublicQuestion: PersonalDataRedaction.redact(item.description, names: names),
            suggestedPublicAnswer: item.answer.map { PersonalDataRedaction.redact($0, names: names) },
            publicQuestion: item.publicQuestion, publicAnswer: item.publicAnswer, transferAgency: item.transferAgency,
            useful: item.usefulCount, notUseful: item.notUsefulCount,
            actions: FeedbackWorkflow.actions(from: item.status, for: parties.subtracting([.sender])),
            updates: updates.map { .init(at: $0.occurredAt, action: $0.action, actionLabel: $0.actionLabel, status: $0.status, actorName: $0.actorName,
                                         note: $0.note, publicNote: $0.publicNote) },
            files: files.map { .init(id: $0.id!, fileName: $0.fileName, mediaType: $0.mediaType, size: $0.size) })
    }

    // MARK: The public

    /// Published answers, newest first, 20 a page; `query` matches question, answer and category
    /// without regard to diacritics or case.
    static func answers(query rawQuery: String?, categoryCode: String?, unitCode: String?, page rawPage: Int?,
                        on db: any Database) async throws -> PublicAnswerPageDTO {
        let page = min(max(rawPage ?? 1, 1), 500)
        let size = 20
        let query = FeedbackItem.query(on: db).filter(\.$status == .published)
        let folded = VietnameseText.fold((rawQuery ?? "").trimmingCharacters(in: .whitespaces).prefix(100).description)
        for word in folded.split(separator: " ").prefix(6) {
            query.filter(\.$searchText, .custom("LIKE"), "%\(escapeLike(String(word)))%")
        }
        if let categoryCode, !categoryCode.isEmpty { query.filter(\.$categoryCode == String(categoryCode.prefix(60))) }
        if let unitCode, !unitCode.isEmpty {
            guard let unit = try await OrgUnit.query(on: db).filter(\.$code == String(unitCode.prefix(40))).first() else {
                return PublicAnswerPageDTO(items: [], page: page, hasNext: false)
            }
            query.filter(\.$unit.$id == unit.id!)
        }
        let items = try await query.sort(\.$publishedAt, .descending).sort(\.$code, .descending)
            .range(((page - 1) * size)..<(page * size + 1)).all()
        let unitNames = try await self.unitNames(Set(items.map { $0.$unit.id }), on: db)
        return PublicAnswerPageDTO(items: items.prefix(size).map { publicAnswer($0, unitName: unitNames[$0.$unit.id] ?? "") }, page: page,
                                   hasNext: items.count > size)
    }

    static func publicAnswer(_ item: FeedbackItem, unitName: String) -> PublicAnswerDTO {
        PublicAnswerDTO(code: item.code, categoryName: item.categoryName, unitName: unitName, question: item.publicQuestion ?? "",
                        answer: item.publicAnswer ?? "", submittedAt: item.submittedAt, publishedAt: item.publishedAt ?? item.submittedAt,
                        useful: item.usefulCount, notUseful: item.notUsefulCount)
    }

    static func publishedItem(code rawCode: String, on db: any Database) async throws -> FeedbackItem {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        guard code.count <= 40, let item = try await FeedbackItem.query(on: db).filter(\.$code == code).filter(\.$status == .published).first()
        else { throw AppError.notFound("Không có câu trả lời công khai mã “\(rawCode.prefix(40))”.") }
        return item
    }

    static func unitNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let units = try await OrgUnit.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
    }

    /// `%`, `_` and `\` taken literally in a LIKE pattern (both databases treat `\` as the escape
    /// only when told; the folded text has none of them, so they are simply dropped).
    static func escapeLike(_ text: String) -> String {
        String(text.filter { !"%_\\".contains($0) })
    }

    /// Records a reader's reaction to a published answer (one per reader, changeable) and updates
    /// the answer's counts in the same transaction.
    static func react(_ item: FeedbackItem, useful: Bool, reader: String, now: Date, on db: any Database) async throws -> AnswerReactions {
        try await db.transaction { db in
            let existing = try await FeedbackReaction.query(on: db).filter(\.$feedback.$id == item.id!).filter(\.$reader == reader).first()
            if let existing {
                existing.useful = useful
                existing.reactedAt = now
                try await existing.save(on: db)
            } else {
                let reaction = FeedbackReaction()
                reaction.$feedback.id = item.id!
                reaction.reader = reader
                reaction.useful = useful
                reaction.reactedAt = now
                try await reaction.create(on: db)
            }
            let usefulCount = try await FeedbackReaction.query(on: db).filter(\.$feedback.$id == item.id!).filter(\.$useful == true).count()
            let notUsefulCount = try await FeedbackReaction.query(on: db).filter(\.$feedback.$id == item.id!).filter(\.$useful == false).count()
            try await FeedbackItem.query(on: db).filter(\.$id == item.id!)
                .set(\.$usefulCount, to: usefulCount).set(\.$notUsefulCount, to: notUsefulCount).update()
            return AnswerReactions(useful: usefulCount, notUseful: notUsefulCount)
        }
    }
}
