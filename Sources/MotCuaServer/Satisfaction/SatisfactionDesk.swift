import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Citizens rate how their dossier was handled once it has a result: from the receipt's QR code
/// (via the tracking page), the tracking page, a kiosk at the counter, or their account. One rating
/// per dossier, changeable for `ratingChangeDays`.
enum SatisfactionDesk {
    struct RatingInput: Content {
        var dossierCode: String?
        /// The last four digits of the applicant's phone (not needed when signed in as the applicant).
        var phoneDigits: String?
        var level: Int?
        /// Criterion code → level 1–3.
        var criteria: [String: Int]?
        var comment: String?
        /// `tracking`, `kiosk` (pages) or `api`.
        var channel: String?
    }

    /// The statuses in which a dossier can be rated: its result exists.
    static let ratable: Set<DossierStatus> = [.resultReady, .returned]

    /// The dossier a person may rate, with how they proved it is theirs.
    static func dossier(code rawCode: String, phoneDigits: String?, in context: ActionContext) async throws -> (Dossier, SatisfactionRating.Channel?) {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 60, let dossier = try await Dossier.query(on: context.db).filter(\.$code == code).first() else {
            throw AppError.notFound("Không tìm thấy hồ sơ có mã “\(rawCode.prefix(60))”. Kiểm tra lại mã trên giấy tiếp nhận.")
        }
        if let principal = context.actor, principal.isCitizen, principal.userID == dossier.applicantUserID {
            return (dossier, .account)
        }
        guard let proof = try await ApplicantProof.check(phoneDigits, for: dossier, in: context) else { return (dossier, nil) }
        guard proof else { throw AppError.forbidden(ApplicantProof.mismatch) }
        return (dossier, .tracking)
    }

    static func rate(_ input: RatingInput, in context: ActionContext) async throws -> SatisfactionRating {
        let (dossier, proof) = try await dossier(code: input.dossierCode ?? "", phoneDigits: input.phoneDigits, in: context)
        guard let proof else { throw AppError.forbidden("Nhập 4 số cuối điện thoại người nộp hồ sơ.") }
        guard ratable.contains(dossier.status) else {
            throw AppError.conflict("Hồ sơ \(dossier.code) chưa có kết quả (\(dossier.status.publicLabel)); đánh giá sau khi nhận kết quả.")
        }
        var problems: [FieldProblem] = []
        let level = input.level.flatMap(SatisfactionLevel.init(rawValue:))
        if level == nil { problems.append(.init(field: "level", message: "Chọn mức độ hài lòng.")) }
        var criteria: [SatisfactionCriterion: SatisfactionLevel] = [:]
        for (code, value) in input.criteria ?? [:] {
            guard let criterion = SatisfactionCriterion(rawValue: code), let level = SatisfactionLevel(rawValue: value) else {
                problems.append(.init(field: "criteria", message: "Tiêu chí hoặc mức đánh giá không hợp lệ."))
                continue
            }
            criteria[criterion] = level
        }
        let comment = (input.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if comment.count > 2_000 { problems.append(.init(field: "comment", message: "Ý kiến tối đa 2.000 ký tự.")) }
        guard problems.isEmpty, let level else { throw AppError.invalid(problems) }
        let now = context.now
        let existing = try await SatisfactionRating.query(on: context.db).filter(\.$dossier.$id == dossier.id!).first()
        if let existing, now > existing.changeableUntil {
            throw AppError.conflict("Hồ sơ \(dossier.code) đã được đánh giá; thời hạn sửa đánh giá đã hết (\(VietnameseFormat.dateTime(existing.changeableUntil))).")
        }
        let rating = existing ?? SatisfactionRating()
        if existing == nil {
            let acceptance = try await DossierEvent.query(on: context.db).filter(\.$dossier.$id == dossier.id!)
                .filter(\.$action == DossierAction.accept.rawValue).first()
            rating.$dossier.id = dossier.id!
            rating.provinceID = dossier.$province.id
            rating.unitID = dossier.$unit.id
            rating.receiverID = acceptance?.actorID
            rating.receiverName = acceptance?.actorName
            rating.assigneeID = dossier.assigneeID
            rating.assigneeName = dossier.assigneeName
            rating.changeableUntil = now + TimeInterval(context.config.ratingChangeDays * 86_400)
        }
        rating.level = level
        rating.setCriteria(criteria)
        rating.comment = comment
        rating.channel = input.channel == "kiosk" ? .kiosk : input.channel == "api" && proof != .account ? .api : proof
        rating.ratedAt = now
        let audit = context.audit
        let keys = TallyLedger.Keys(unitID: rating.unitID, provinceID: dossier.$province.id, fieldID: dossier.$field.id, procedureCode: dossier.procedureCode,
                                    officerID: rating.assigneeID)
        try await context.db.transaction { db in
            // The rating as stored, locked until the change is written (two changes at once must not
            // both take the same old level out of the tallies).
            var previous: (level: SatisfactionLevel, at: Date)?
            if let id = existing?.id, let row = try await (db as! any SQLDatabase).raw("""
                UPDATE satisfaction_ratings SET level = level WHERE id = \(bind: id) RETURNING level, rated_at
                """).first() {
                previous = (try row.decode(column: "level", as: SatisfactionLevel.self), try row.decode(column: "rated_at", as: Date.self))
            }
            try await rating.save(on: db)
            try await DossierTallies.rating(from: previous, to: (level, now), keys: keys).write(on: db)
            try await audit.record(.satisfactionRated, on: db, entityType: "dossier", entityID: dossier.id,
                                   scope: (dossier.$province.id, dossier.$unit.id),
                                   summary: "\(existing == nil ? "Đánh giá" : "Sửa đánh giá") hồ sơ \(dossier.code): \(level.label)")
        }
        return rating
    }
}
